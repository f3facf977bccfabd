"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import type { Address } from "viem";
import type { Figure } from "@/lib/arena/apy";
import type { Delegatee } from "@/lib/arena/delegatees";
import { formatPercent, formatTokenAmount, formatWadPercent, shortAddress } from "@/lib/format";
import { wadToNumber } from "@/lib/units";
import { DataTable } from "@/components/ui/DataTable";

export type DelegateeRow = Delegatee & { key: string; growth: number | null; totalStake: bigint };

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

const right = { align: "right" } as const;
/** A column of yearly figures: its "—" may carry a reason, which wraps under it. */
const figure = { align: "right", wrap: true, className: "w-24" } as const;
const wide = { className: "min-w-40" } as const;
const searched = (r: DelegateeRow) => [r.account, r.taskTitle, `#${r.taskId}`, r.role];
const ROLES = [
  { value: "", label: "Nodes and validators" },
  { value: "node", label: "Nodes" },
  { value: "validator", label: "Validators" },
];

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
  const columns = useMemo(
    (): ColumnDef<DelegateeRow>[] => [
      {
        accessorKey: "account",
        header: "Delegatee",
        enableSorting: false,
        meta: { className: "whitespace-nowrap" },
        cell: ({ row }) => (
          <>
            <span className="font-mono">{shortAddress(row.original.account)}</span>{" "}
            <span className="text-zinc-500">{row.original.role}</span>
          </>
        ),
      },
      { accessorKey: "role", header: "Role", filterFn: "equals", meta: right },
      {
        id: "task",
        accessorFn: (r) => r.taskId.toString(),
        header: "Task",
        filterFn: "equals",
        enableSorting: false,
        meta: wide,
        cell: ({ row }) => `#${row.original.taskId} ${row.original.taskTitle}`,
      },
      {
        id: "rho",
        accessorFn: (r) => wadToNumber(r.currentRewardShare),
        header: "ρ",
        meta: right,
        cell: ({ row }) => {
          const r = row.original;
          return (
            <>
              {formatWadPercent(r.currentRewardShare)}
              {r.pendingRewardShare && (
                <span className="block text-xs text-zinc-500">
                  → {formatWadPercent(r.pendingRewardShare.rewardShare)} from epoch{" "}
                  {r.pendingRewardShare.fromEpoch}
                </span>
              )}
            </>
          );
        },
      },
      {
        accessorKey: "totalStake",
        header: "Total stake",
        sortingFn: "basic",
        meta: right,
        cell: ({ row }) => formatTokenAmount(row.original.totalStake, 0),
      },
      { accessorKey: "delegators", header: "Delegators", meta: right },
      {
        id: "growth",
        accessorFn: (r) => r.growth ?? undefined,
        header: "Growth 7d",
        sortUndefined: "last",
        meta: right,
        cell: ({ row }) => formatPercent(row.original.growth ?? undefined),
      },
      {
        id: "apr14",
        accessorFn: (r) => value(r.apy14.apr),
        header: "APR 14d",
        sortUndefined: "last",
        meta: figure,
        cell: ({ row }) => <FigureCell figure={row.original.apy14.apr} />,
      },
      {
        id: "eapy14",
        accessorFn: (r) => value(r.apy14.apy),
        header: "eAPY 14d",
        sortUndefined: "last",
        meta: figure,
        cell: ({ row }) => <FigureCell figure={row.original.apy14.apy} young={row.original.apy14.young} />,
      },
      {
        id: "eapy30",
        accessorFn: (r) => value(r.apy30.apy),
        header: "eAPY 30d",
        sortUndefined: "last",
        meta: figure,
        cell: ({ row }) => <FigureCell figure={row.original.apy30.apy} />,
      },
      {
        id: "action",
        header: "",
        meta: wide,
        cell: ({ row }) => {
          const r = row.original;
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
      },
    ],
    [me, selected, onSelect],
  );
  const tasks = [...new Map(rows.map((r) => [r.taskId.toString(), r.taskTitle])).entries()];
  return (
    <DataTable
      label="Delegatees"
      testId="delegatees"
      rowTestId="delegatee-row"
      columns={columns}
      data={rows}
      rowId={(r) => r.key}
      emptyText="No node or validator takes delegations right now."
      noMatchText="No delegatee matches these filters."
      hiddenColumns={["role"]}
      columnFilters={[
        { kind: "select", column: "role", label: "Role", ariaLabel: "Filter by role", options: ROLES },
        {
          kind: "select",
          column: "task",
          label: "Task",
          ariaLabel: "Filter by task",
          options: [
            { value: "", label: "All tasks" },
            ...tasks.map(([id, title]) => ({ value: id, label: `#${id} ${title}` })),
          ],
        },
      ]}
      filterText={searched}
      filterLabel="Search"
      filterAriaLabel="Search delegatees"
      filterPlaceholder="Address or task"
      initialSorting={[{ id: "apr14", desc: true }]}
    />
  );
}
