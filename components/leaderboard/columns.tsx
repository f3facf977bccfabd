"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { NodeRow, ValidatorRow } from "@/lib/arena/leaderboard";
import { formatNumber, formatTokenAmount, shortAddress } from "@/lib/format";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

/** A row with its rank by rewards, kept when the table is sorted or filtered otherwise. */
export type Ranked<T> = T & { rank: number };

export const ranked = <T,>(rows: T[]): Ranked<T>[] => rows.map((r, i) => ({ ...r, rank: i + 1 }));

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

/**
 * Node columns; best score sorts best first (low first for a loss, high first otherwise). On one task's board
 * the task of the best score and the count of tasks go without saying.
 */
export function nodeColumns(lossFirst: boolean, oneTask = false): ColumnDef<Ranked<NodeRow>>[] {
  const columns: ColumnDef<Ranked<NodeRow>>[] = [
    rankColumn(),
    accountColumn("Node"),
    {
      id: "score",
      header: "Best score",
      accessorFn: (r) => r.bestScore,
      cell: ({ row }) => (
        <>
          {formatNumber(row.original.bestScore, 4)}
          {!oneTask && <span className="text-zinc-500"> (task #{row.original.bestTaskId.toString()})</span>}
        </>
      ),
      meta: right,
      sortDescFirst: !lossFirst,
    },
    { id: "epochs", header: "Epochs", accessorFn: (r) => r.epochs, meta: right, sortDescFirst: true },
    { id: "tasks", header: "Tasks", accessorFn: (r) => r.tasks, meta: right, sortDescFirst: true },
    rewardsColumn(),
  ];
  return oneTask ? columns.filter((c) => c.id !== "tasks") : columns;
}

export const VALIDATOR_COLUMNS: ColumnDef<Ranked<ValidatorRow>>[] = [
  rankColumn(),
  accountColumn("Validator"),
  {
    id: "distance",
    header: "Distance to consensus",
    accessorFn: (r) => r.consensusDistance ?? undefined,
    cell: ({ row }) =>
      row.original.consensusDistance == null ? "—" : formatNumber(row.original.consensusDistance, 4),
    meta: right,
    sortDescFirst: false,
  },
  { id: "scores", header: "Scores", accessorFn: (r) => r.scored, meta: right, sortDescFirst: true },
  { id: "tasks", header: "Tasks", accessorFn: (r) => r.tasks, meta: right, sortDescFirst: true },
  rewardsColumn(),
];

export const accountText = (r: { account: string }) => r.account;

/** What every leaderboard shares: a row per account, ranked by rewards. */
export const BOARD = {
  rowId: accountText,
  initialSorting: [{ id: "rewards", desc: true }],
};

/** What the boards of all tasks add: a filter by address. */
export const SEARCHABLE_BOARD = { ...BOARD, filterText: accountText, filterPlaceholder: "Address" };
