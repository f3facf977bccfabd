"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import type { ArenaIndex } from "@/lib/arena/indexer";
import { useAccountIndex } from "@/lib/hooks/useAccountIndex";
import { useTaskIndex } from "@/lib/hooks/useTaskIndex";
import { sameAddress as same } from "@/lib/address";

const RewardExplanation = dynamic(
  () => import("@/components/tasks/RewardExplanation").then((m) => m.RewardExplanation),
  { ssr: false, loading: () => <p className="text-sm text-zinc-500">Loading the explanation…</p> },
);

/**
 * Tasks in which `account` was paid in a settled epoch as a node or a validator, or has a delegation and an epoch
 * was settled (the account view holds its delegatees' rows, not their delegator rewards).
 */
function paidTasks(index: ArenaIndex, account: Address): { id: bigint; title: string }[] {
  return [...index.tasks.values()]
    .filter(
      (t) =>
        t.nodeResults.some((r) => same(r.node, account) && r.reward > 0n) ||
        t.validatorResults.some((r) => same(r.validator, account) && r.reward > 0n) ||
        (t.epochs.size > 0 &&
          [...t.participants.values()].some((p) => [...p.delegators.keys()].some((d) => same(d, account)))),
    )
    .map((t) => ({ id: t.id, title: t.title }));
}

/** The portfolio's "Why this reward": per task, the same explanation as the task page, for this account. */
export function RewardExplanations({ account }: { account: Address }) {
  const index = useAccountIndex(account);
  const [open, setOpen] = useState<bigint>();
  if (!index.data) return <p className="text-sm text-zinc-500">Loading your rewards…</p>;
  const tasks = paidTasks(index.data, account);
  if (tasks.length === 0) return <p className="text-sm text-zinc-500">No settled epoch has paid you yet.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="portfolio-why">
      {tasks.map((t) => (
        <li key={t.id.toString()} data-testid="portfolio-why-task" data-task={t.id.toString()}>
          <div className="flex items-center justify-between gap-2">
            <Link href={`/tasks/${t.id}`} className="text-teal-800 underline">
              Task #{t.id.toString()} · {t.title}
            </Link>
            <button
              type="button"
              className="text-teal-800 underline"
              aria-expanded={open === t.id}
              onClick={() => setOpen(open === t.id ? undefined : t.id)}
            >
              Why this reward
            </button>
          </div>
          {open === t.id && <TaskExplanation taskId={t.id} account={account} />}
        </li>
      ))}
    </ul>
  );
}

function TaskExplanation({ taskId, account }: { taskId: bigint; account: Address }) {
  const view = useTaskIndex(taskId);
  const task = view.data?.tasks.get(taskId);
  if (view.error)
    return (
      <p role="alert" className="text-rose-700">
        Could not read task #{taskId.toString()}: {view.error.message.split("\n")[0]}
      </p>
    );
  if (!task) return <p className="text-zinc-500">Loading task #{taskId.toString()}…</p>;
  return (
    <div className="mt-2 rounded border border-zinc-200 p-3">
      <RewardExplanation task={task} account={account} />
    </div>
  );
}
