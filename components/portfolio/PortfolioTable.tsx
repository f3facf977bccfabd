"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { actionable, type Line } from "@/lib/portfolio/lines";
import { formatTokenAmount } from "@/lib/format";
import { GatedButton } from "@/components/tasks/GatedButton";
import { DataTable } from "@/components/ui/DataTable";

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
  const columns = useMemo(
    (): ColumnDef<Line>[] => [
      { accessorKey: "scope", header: "Where", filterFn: "equalsString", sortingFn: "auto" },
      { accessorKey: "kind", header: "Kind", filterFn: "equalsString", sortingFn: "auto" },
      { accessorKey: "what", header: "What", enableSorting: false },
      {
        accessorKey: "amount",
        header: "Amount (ARENA)",
        cell: ({ row }) => amountText(row.original.amount),
        sortingFn: (a, b) => {
          const x = a.original.amount;
          const y = b.original.amount;
          return x === y ? 0 : x < y ? -1 : 1;
        },
      },
      { accessorKey: "status", header: "Status and when", enableSorting: false },
      {
        id: "actionable",
        accessorFn: (l) => (actionable(l) ? "yes" : "no"),
        header: "Action",
        filterFn: "equalsString",
        cell: ({ row }) => <LineAction line={row.original} busy={busy} onAction={onAction} />,
      },
    ],
    [busy, onAction],
  );
  const options = (values: string[]) => [
    { value: "", label: "All" },
    ...[...new Set(values)].map((v) => ({ value: v, label: v })),
  ];
  return (
    <DataTable
      label="Portfolio"
      testId="portfolio"
      rowTestId="portfolio-line"
      rowData={(l) => ({ "data-kind": l.kind, "data-scope": l.scope })}
      columns={columns}
      data={lines}
      rowId={(l) => l.key}
      emptyText="You hold nothing in Arena."
      noMatchText="No line matches these filters."
      columnFilters={[
        { kind: "select", column: "scope", label: "Task", options: options(lines.map((l) => l.scope)) },
        { kind: "select", column: "kind", label: "Kind", options: options(lines.map((l) => l.kind)) },
        { kind: "check", column: "actionable", label: "Only what I can act on now", value: "yes" },
      ]}
      cards={{
        testId: "portfolio-cards",
        render: (l) => (
          <>
            <div className="flex justify-between gap-2">
              <span className="font-medium">{l.kind}</span>
              <span className="font-medium">{amountText(l.amount)} ARENA</span>
            </div>
            <p className="text-zinc-600">
              {l.scope} · {l.what}
            </p>
            <p className="text-zinc-500">{l.status}</p>
            <LineAction line={l} busy={busy} onAction={onAction} />
          </>
        ),
      }}
    />
  );
}

function LineAction({
  line,
  busy,
  onAction,
}: {
  line: Line;
  busy: string | undefined;
  onAction: (line: Line) => void;
}) {
  if (!line.action) return null;
  return (
    <GatedButton gate={line.action.gate} busy={busy === line.key} onClick={() => onAction(line)}>
      {line.action.label}
    </GatedButton>
  );
}
