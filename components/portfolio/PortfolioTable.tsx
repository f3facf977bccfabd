"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { actionable, type Line } from "@/lib/portfolio/lines";
import { formatTokenAmount } from "@/lib/format";
import { GatedButton } from "@/components/tasks/GatedButton";

const col = createColumnHelper<Line>();

/** Token amounts, with dust shown as such rather than as "0". */
const amountText = (a: bigint) => (a > 0n && a < 10n ** 16n ? "< 0.01" : formatTokenAmount(a));

/** The portfolio as one sortable, filterable table (by task, kind, and whether it can be acted on now). */
export function PortfolioTable({
  lines,
  onAction,
  busy,
}: {
  lines: Line[];
  onAction: (line: Line) => void;
  busy: string | undefined;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const columns = useMemo(
    () => [
      col.accessor("scope", { header: "Where", filterFn: "equalsString" }),
      col.accessor("kind", { header: "Kind", filterFn: "equalsString" }),
      col.accessor("what", { header: "What", enableSorting: false }),
      col.accessor("amount", {
        header: "Amount (ARENA)",
        cell: (c) => amountText(c.getValue()),
        sortingFn: (a, b) => {
          const x = a.original.amount;
          const y = b.original.amount;
          return x === y ? 0 : x < y ? -1 : 1;
        },
      }),
      col.accessor("status", { header: "Status and when", enableSorting: false }),
      col.accessor((l) => (actionable(l) ? "yes" : "no"), {
        id: "actionable",
        header: "Action",
        filterFn: "equalsString",
        cell: (c) => {
          const l = c.row.original;
          if (!l.action) return null;
          return (
            <GatedButton gate={l.action.gate} busy={busy === l.key} onClick={() => onAction(l)}>
              {l.action.label}
            </GatedButton>
          );
        },
      }),
    ],
    [busy, onAction],
  );
  // TanStack Table keeps a mutable instance; React Compiler skips memoizing this component, which is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: lines,
    columns,
    state: { sorting, columnFilters: filters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    getRowId: (l) => l.key,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const scopes = [...new Set(lines.map((l) => l.scope))];
  const kinds = [...new Set(lines.map((l) => l.kind))];
  const filterValue = (id: string) => (filters.find((f) => f.id === id)?.value as string | undefined) ?? "";
  const setFilter = (id: string, value: string) =>
    setFilters((fs) => [...fs.filter((f) => f.id !== id), ...(value ? [{ id, value }] : [])]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3 text-sm">
        <label className="flex items-center gap-2">
          Task
          <select
            value={filterValue("scope")}
            onChange={(e) => setFilter("scope", e.target.value)}
            className="max-w-56 rounded border border-zinc-300 px-2 py-1"
          >
            <option value="">All</option>
            {scopes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          Kind
          <select
            value={filterValue("kind")}
            onChange={(e) => setFilter("kind", e.target.value)}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            <option value="">All</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={filterValue("actionable") === "yes"}
            onChange={(e) => setFilter("actionable", e.target.checked ? "yes" : "")}
          />
          Only what I can act on now
        </label>
      </div>
      <ul className="divide-y divide-zinc-100 text-sm sm:hidden" data-testid="portfolio-cards">
        {table.getRowModel().rows.map((r) => {
          const l = r.original;
          return (
            <li key={r.id} className="space-y-1 py-2">
              <div className="flex justify-between gap-2">
                <span className="font-medium">{l.kind}</span>
                <span className="font-medium">{amountText(l.amount)} ARENA</span>
              </div>
              <p className="text-zinc-600">
                {l.scope} · {l.what}
              </p>
              <p className="text-zinc-500">{l.status}</p>
              {l.action && (
                <GatedButton gate={l.action.gate} busy={busy === l.key} onClick={() => onAction(l)}>
                  {l.action.label}
                </GatedButton>
              )}
            </li>
          );
        })}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-left text-sm" data-testid="portfolio">
          <thead className="text-zinc-500">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th key={h.id} className="px-2 py-1 font-medium">
                    {h.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={h.column.getToggleSortingHandler()}
                        className="hover:underline"
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {{ asc: " ▲", desc: " ▼" }[h.column.getIsSorted() as string] ?? ""}
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {table.getRowModel().rows.map((r) => (
              <tr
                key={r.id}
                data-testid="portfolio-line"
                data-kind={r.original.kind}
                data-scope={r.original.scope}
              >
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} className="px-2 py-1.5 align-top">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {table.getRowModel().rows.length === 0 && (
          <p className="py-2 text-sm text-zinc-500">
            {lines.length === 0 ? "You hold nothing in Arena." : "No line matches these filters."}
          </p>
        )}
      </div>
    </div>
  );
}
