import type { Address } from "viem";
import { effectiveApy, type EApy } from "./apy";
import type { ArenaIndex } from "./indexer";

export type Delegatee = {
  taskId: bigint;
  taskTitle: string;
  account: Address;
  role: "node" | "validator";
  rewardShare: bigint;
  ownStake: bigint;
  delegated: bigint;
  delegators: number;
  apy14: EApy;
  apy30: EApy;
  /** Epoch a week ago, for the weekly growth read (undefined when the task is younger than a week). */
  weekAgoEpoch?: number;
  epochLength: number;
};

/** Every node and validator that takes delegations, with the figures a delegator compares. */
export function listDelegatees(index: ArenaIndex, now: number): Delegatee[] {
  const out: Delegatee[] = [];
  for (const task of index.tasks.values()) {
    const c = task.config;
    if (!c || task.cancelled) continue;
    const ended =
      now >= task.start + (c.submissionEpochs + c.finalEpochs + c.challengeEpochs) * c.epochLength;
    if (ended) continue;
    const epochEnd = (e: number) => task.start + (e + 1) * c.epochLength;
    for (const p of task.participants.values()) {
      if (p.ownStake === 0n) continue;
      const rewards = task.delegatorRewards.filter((d) => d.delegatee === p.account);
      const results =
        p.role === "node"
          ? task.nodeResults.filter((r) => r.node === p.account).map((r) => r.epoch)
          : task.validatorResults.filter((r) => r.validator === p.account).map((r) => r.epoch);
      const firstEpoch = Math.min(...results, ...rewards.map((r) => r.epoch), Number.MAX_SAFE_INTEGER);
      const since = firstEpoch === Number.MAX_SAFE_INTEGER ? now : task.start + firstEpoch * c.epochLength;
      const samples = rewards.map((r) => ({
        timestamp: epochEnd(r.epoch),
        perToken: Number(r.perShare) / 1e18,
      }));
      const weekAgo = now - 7 * 86_400;
      out.push({
        taskId: task.id,
        taskTitle: task.title,
        account: p.account,
        role: p.role,
        rewardShare: p.rewardShare,
        ownStake: p.ownStake,
        delegated: p.delegated,
        delegators: p.delegators.size,
        apy14: effectiveApy(samples, now, 14, since),
        apy30: effectiveApy(samples, now, 30, since),
        weekAgoEpoch: weekAgo >= task.start ? Math.floor((weekAgo - task.start) / c.epochLength) : undefined,
        epochLength: c.epochLength,
      });
    }
  }
  return out;
}
