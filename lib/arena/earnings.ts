import type { Address } from "viem";
import type { ArenaIndex, TaskView } from "./indexer";
import { sameAddress as same } from "../address";

export type EarningSource = "node" | "validator" | "delegator" | "challenger";

export type Earning = {
  taskId: bigint;
  source: EarningSource;
  amount: bigint;
  /** When it was earned: the settled epoch's end, or the block of a harvest or challenge. */
  epoch?: number;
  time?: number;
  block?: bigint;
};

function epochEnd(task: TaskView, epoch: number): number | undefined {
  return task.config ? task.start + (epoch + 1) * task.config.epochLength : undefined;
}

/** What `delegatee`'s delegators were paid out of its pool in `epoch` (its own reward is the pool's rest). */
export function delegatorShare(task: TaskView, epoch: number, delegatee: Address): bigint {
  return task.delegatorRewards
    .filter((d) => d.epoch === epoch && same(d.delegatee, delegatee))
    .reduce((s, d) => s + d.amount, 0n);
}

/**
 * Everything `account` earned, by source: its own part of its node and validator pools per settled epoch,
 * delegator rewards as harvested, and challenge rewards. Amounts pending on chain (claimable, unharvested,
 * escrowed) are read live; this is the history.
 */
export function earningsOf(index: ArenaIndex, account: Address): Earning[] {
  const out: Earning[] = [];
  for (const task of index.tasks.values()) {
    for (const r of task.nodeResults) {
      if (!same(r.node, account)) continue;
      const amount = r.reward - delegatorShare(task, r.epoch, r.node);
      out.push({ taskId: task.id, source: "node", amount, epoch: r.epoch, time: epochEnd(task, r.epoch) });
    }
    for (const v of task.validatorResults) {
      if (!same(v.validator, account)) continue;
      const amount = v.reward - delegatorShare(task, v.epoch, v.validator);
      out.push({
        taskId: task.id,
        source: "validator",
        amount,
        epoch: v.epoch,
        time: epochEnd(task, v.epoch),
      });
    }
    for (const h of task.harvests) {
      if (same(h.delegator, account))
        out.push({ taskId: task.id, source: "delegator", amount: h.amount, block: h.block });
    }
    for (const c of task.challenges.values()) {
      if (c.settled?.upheld && same(c.challenger, account)) {
        out.push({ taskId: task.id, source: "challenger", amount: c.settled.transferred });
      }
    }
  }
  return out;
}

export function totalsBySource(earnings: readonly Earning[]): Record<EarningSource, bigint> {
  const totals: Record<EarningSource, bigint> = { node: 0n, validator: 0n, delegator: 0n, challenger: 0n };
  for (const e of earnings) totals[e.source] += e.amount;
  return totals;
}
