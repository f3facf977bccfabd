"use client";

import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import {
  lowerIsBetter,
  nodeLeaderboard,
  validatorLeaderboard,
  type NodeRow,
  type ValidatorRow,
} from "@/lib/arena/leaderboard";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { Card, QueryState } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { useArenaIndex } from "@/components/arena/useArenaIndex";
import { useArenaChain } from "@/components/wallet/useArenaChain";

/** A row with its rank by rewards, kept when the table is sorted or filtered otherwise. */
type Ranked<T> = T & { rank: number };

const ranked = <T,>(rows: T[]): Ranked<T>[] => rows.map((r, i) => ({ ...r, rank: i + 1 }));

function AddressCell({ address }: { address: string }) {
  const { chain } = useArenaChain();
  const explorer = chain.blockExplorers?.default.url;
  return explorer ? (
    <a
      href={`${explorer}/address/${address}`}
      target="_blank"
      rel="noreferrer"
      className="font-mono whitespace-nowrap underline"
      title={address}
    >
      {shortAddress(address)}
    </a>
  ) : (
    <span className="font-mono" title={address}>
      {shortAddress(address)}
    </span>
  );
}

const right = { align: "right" } as const;

function rankColumn<T extends { rank: number }>(): ColumnDef<T> {
  return { id: "rank", header: "Rank", accessorFn: (r) => r.rank, sortDescFirst: false };
}

function accountColumn<T extends { account: string }>(header: string): ColumnDef<T> {
  return {
    id: "account",
    header,
    accessorFn: (r) => r.account.toLowerCase(),
    cell: ({ row }) => <AddressCell address={row.original.account} />,
  };
}

function rewardsColumn<T extends { rewards: bigint }>(): ColumnDef<T> {
  return {
    id: "rewards",
    header: "Rewards",
    accessorFn: (r) => r.rewards,
    cell: ({ row }) => `${formatTokenAmount(row.original.rewards)} ARENA`,
    meta: right,
    sortDescFirst: true,
  };
}

/** Node columns; best score sorts best first (low first for a loss, high first otherwise). */
function nodeColumns(lossFirst: boolean): ColumnDef<Ranked<NodeRow>>[] {
  return [
    rankColumn(),
    accountColumn("Node"),
    {
      id: "score",
      header: "Best score",
      accessorFn: (r) => r.bestScore,
      cell: ({ row }) => (
        <>
          {row.original.bestScore.toFixed(4)}{" "}
          <span className="text-zinc-500">(task #{row.original.bestTaskId.toString()})</span>
        </>
      ),
      meta: right,
      sortDescFirst: !lossFirst,
    },
    { id: "epochs", header: "Epochs", accessorFn: (r) => r.epochs, meta: right, sortDescFirst: true },
    { id: "tasks", header: "Tasks", accessorFn: (r) => r.tasks, meta: right, sortDescFirst: true },
    rewardsColumn(),
  ];
}

const VALIDATOR_COLUMNS: ColumnDef<Ranked<ValidatorRow>>[] = [
  rankColumn(),
  accountColumn("Validator"),
  {
    id: "distance",
    header: "Distance to consensus",
    accessorFn: (r) => r.consensusDistance ?? undefined,
    cell: ({ row }) => row.original.consensusDistance?.toFixed(4) ?? "—",
    meta: right,
    sortDescFirst: false,
  },
  { id: "scores", header: "Scores", accessorFn: (r) => r.scored, meta: right, sortDescFirst: true },
  { id: "tasks", header: "Tasks", accessorFn: (r) => r.tasks, meta: right, sortDescFirst: true },
  rewardsColumn(),
];

const accountText = (r: { account: string }) => r.account;

export function Leaderboards() {
  const index = useArenaIndex();
  const [taskId, setTaskId] = useState<string>("all");
  const tasks = useMemo(() => [...(index.data?.tasks.values() ?? [])], [index.data]);
  const selected = useMemo(
    () => (taskId === "all" ? tasks : tasks.filter((t) => t.id.toString() === taskId)),
    [tasks, taskId],
  );
  const lossOnly = selected.length > 0 && selected.every((t) => lowerIsBetter(t.metric));
  const nodes = useMemo(() => ranked(nodeLeaderboard(selected)), [selected]);
  const validators = useMemo(() => ranked(validatorLeaderboard(selected)), [selected]);
  const nodeCols = useMemo(() => nodeColumns(lossOnly), [lossOnly]);

  return (
    <QueryState loading={index.isLoading} error={index.error} empty={false} emptyText="">
      <div className="space-y-6">
        <label className="flex items-center gap-2 text-sm">
          Task
          <select
            value={taskId}
            onChange={(e) => setTaskId(e.target.value)}
            className="min-w-0 flex-1 rounded border border-zinc-300 px-2 py-1 sm:flex-none"
          >
            <option value="all">All tasks</option>
            {tasks.map((t) => (
              <option key={t.id.toString()} value={t.id.toString()}>
                #{t.id.toString()} {t.title}
              </option>
            ))}
          </select>
        </label>
        <Card title="Training nodes">
          <DataTable
            key={`nodes-${taskId}`}
            label="Training nodes"
            testId="node-leaderboard"
            columns={nodeCols}
            data={nodes}
            rowId={(r) => r.account}
            filterText={accountText}
            filterPlaceholder="Address"
            emptyText="No settled epoch yet."
            initialSorting={[{ id: "rewards", desc: true }]}
          />
        </Card>
        <Card title="Validators">
          <DataTable
            key={`validators-${taskId}`}
            label="Validators"
            testId="validator-leaderboard"
            columns={VALIDATOR_COLUMNS}
            data={validators}
            rowId={(r) => r.account}
            filterText={accountText}
            filterPlaceholder="Address"
            emptyText="No revealed score yet."
            initialSorting={[{ id: "rewards", desc: true }]}
          />
        </Card>
      </div>
    </QueryState>
  );
}
