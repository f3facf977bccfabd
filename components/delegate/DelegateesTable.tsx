"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type FilterFn,
  type SortingState,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import type { Address } from "viem";
import { formatPercent, type Figure } from "@/lib/arena/apy";
import type { Delegatee } from "@/lib/arena/delegatees";
import { formatTokenAmount, shortAddress } from "@/lib/format";

export type DelegateeRow = Delegatee & { key: string; growth: number | null; totalStake: bigint };

const column = createColumnHelper<DelegateeRow>();
/** Columns of yearly figures: their "—" may carry a reason, which wraps under it. */
const FIGURES = ["apr14", "eapy14", "eapy30"];
const value = (f: Figure) => f.value ?? undefined;

/** A yearly figure, or "—" with why (visible in small type, in full on hover). */
function FigureCell({ figure, young }: { figure: Figure; young?: boolean }) {
  if (figure.value === null)
    return (
      <span title={figure.reason} data-testid="no-figure">
        —<span className="block text-xs leading-tight text-zinc-500">{figure.short}</span>
      </span>
    );
  return (
    <span title={young ? "Pool younger than 14 days: the figure rests on few epochs" : undefined}>
      {formatPercent(figure.value)}
      {young && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">new</span>}
    </span>
  );
}

const matchesText: FilterFn<DelegateeRow> = (row, _id, query: string) => {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const r = row.original;
  return [r.account, r.taskTitle, `#${r.taskId}`, r.role].some((s) => s.toLowerCase().includes(q));
};

/** The delegatees, sortable by every figure a delegator compares and filterable by role, task and text. */
export function DelegateesTable({
  rows,
  me,
  selected,
  onSelect,
}: {
  rows: DelegateeRow[];
  me?: Address;
  selected: string | null;
  onSelect: (key: string | null) => void;
}) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "apr14", desc: true }]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState("");
  const columns = useMemo(
    () => [
      column.accessor("account", {
        header: "Delegatee",
        enableSorting: false,
        cell: (c) => (
          <>
            <span className="font-mono">{shortAddress(c.getValue())}</span>{" "}
            <span className="text-zinc-500">{c.row.original.role}</span>
          </>
        ),
      }),
      column.accessor("role", { header: "Role", filterFn: "equals" }),
      column.accessor((r) => r.taskId.toString(), {
        id: "task",
        header: "Task",
        filterFn: "equals",
        enableSorting: false,
        cell: (c) => `#${c.getValue()} ${c.row.original.taskTitle}`,
      }),
      column.accessor((r) => Number(r.rewardShare) / 1e18, {
        id: "rho",
        header: "ρ",
        cell: (c) => formatPercent(c.getValue(), 0),
      }),
      column.accessor("totalStake", {
        header: "Total stake",
        sortingFn: "basic",
        cell: (c) => formatTokenAmount(c.getValue(), 0),
      }),
      column.accessor("delegators", { header: "Delegators" }),
      column.accessor((r) => r.growth ?? undefined, {
        id: "growth",
        header: "Growth 7d",
        sortUndefined: "last",
        cell: (c) => formatPercent(c.getValue()),
      }),
      column.accessor((r) => value(r.apy14.apr), {
        id: "apr14",
        header: "APR 14d",
        sortUndefined: "last",
        cell: (c) => <FigureCell figure={c.row.original.apy14.apr} />,
      }),
      column.accessor((r) => value(r.apy14.apy), {
        id: "eapy14",
        header: "eAPY 14d",
        sortUndefined: "last",
        cell: (c) => <FigureCell figure={c.row.original.apy14.apy} young={c.row.original.apy14.young} />,
      }),
      column.accessor((r) => value(r.apy30.apy), {
        id: "eapy30",
        header: "eAPY 30d",
        sortUndefined: "last",
        cell: (c) => <FigureCell figure={c.row.original.apy30.apy} />,
      }),
      column.display({
        id: "action",
        header: "",
        cell: (c) => {
          const r = c.row.original;
          if (!me || r.account.toLowerCase() === me.toLowerCase()) return null;
          return (
            <span className="inline-flex flex-col items-start gap-1">
              <button
                type="button"
                disabled={!r.delegating.ok}
                title={r.delegating.ok ? undefined : r.delegating.reason}
                onClick={() => onSelect(selected === r.key ? null : r.key)}
                className="rounded-md border border-teal-700 px-2 py-1 text-teal-800 disabled:opacity-50"
              >
                Delegate
              </button>
              {!r.delegating.ok && <span className="text-xs text-zinc-500">{r.delegating.reason}</span>}
            </span>
          );
        },
      }),
    ],
    [me, selected, onSelect],
  );
  // The table instance is used in this render only and not handed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters, globalFilter, columnVisibility: { role: false } },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: matchesText,
    getRowId: (r) => r.key,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const tasks = [...new Map(rows.map((r) => [r.taskId.toString(), r.taskTitle])).entries()];
  const filterValue = (id: string) => (table.getColumn(id)?.getFilterValue() as string | undefined) ?? "";
  const setFilter = (id: string, v: string) => table.getColumn(id)?.setFilterValue(v || undefined);
  const visible = table.getRowModel().rows;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          Role
          <select
            aria-label="Filter by role"
            value={filterValue("role")}
            onChange={(e) => setFilter("role", e.target.value)}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            <option value="">Nodes and validators</option>
            <option value="node">Nodes</option>
            <option value="validator">Validators</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Task
          <select
            aria-label="Filter by task"
            value={filterValue("task")}
            onChange={(e) => setFilter("task", e.target.value)}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            <option value="">All tasks</option>
            {tasks.map(([id, title]) => (
              <option key={id} value={id}>
                #{id} {title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Search
          <input
            type="search"
            aria-label="Search delegatees"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
            placeholder="Address or task"
            className="w-48 rounded border border-zinc-300 px-2 py-1"
          />
        </label>
      </div>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="delegatees">
          <thead className="bg-zinc-50 text-zinc-600">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const numeric = !["account", "task", "action"].includes(h.column.id);
                  return (
                    <th
                      key={h.id}
                      className={`px-3 py-2 whitespace-nowrap ${numeric ? "text-right" : ""}`}
                      aria-sort={
                        sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                      }
                    >
                      {h.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={h.column.getToggleSortingHandler()}
                          className="font-medium hover:text-zinc-900"
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          {sorted === "asc" ? " ↑" : sorted === "desc" ? " ↓" : ""}
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} className="border-t border-zinc-100" data-testid="delegatee-row">
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`px-3 py-2 align-top ${
                      cell.column.id === "task"
                        ? "min-w-40"
                        : cell.column.id === "action"
                          ? "min-w-40"
                          : cell.column.id === "account"
                            ? "whitespace-nowrap"
                            : FIGURES.includes(cell.column.id)
                              ? "w-24 text-right"
                              : "text-right whitespace-nowrap"
                    }`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 && (
          <p className="px-3 py-4 text-sm text-zinc-500">
            {rows.length === 0
              ? "No node or validator takes delegations right now."
              : "No delegatee matches these filters."}
          </p>
        )}
      </div>
    </div>
  );
}
