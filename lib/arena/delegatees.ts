import type { Address } from "viem";
import { constants } from "../../contracts-abi/protocol";
import { formatTimestamp } from "../format";
import { effectiveApy, type EApy } from "./apy";
import { settlementPendingFor } from "./escrow";
import { pendingRewardShare, rewardShareAt } from "./pending";
import { closed, OPEN, type Gate } from "./gate";
import type { ArenaIndex, TaskView } from "./indexer";
import { PHASE_LABELS, taskTimeline } from "./phases";
import { wadToNumber } from "../units";

export type Delegatee = {
  taskId: bigint;
  taskTitle: string;
  account: Address;
  role: "node" | "validator";
  /** The latest ρ set (what the ρ form edits); `currentRewardShare` is the one in force this epoch. */
  rewardShare: bigint;
  currentRewardShare: bigint;
  /** A ρ set to apply from a later epoch. */
  pendingRewardShare?: { rewardShare: bigint; fromEpoch: number };
  ownStake: bigint;
  delegated: bigint;
  delegators: number;
  apy14: EApy;
  apy30: EApy;
  /** Epoch a week ago, for the weekly growth read (undefined when the task is younger than a week). */
  weekAgoEpoch?: number;
  epochLength: number;
  /** Whether `delegate` goes through now: only in the Submission and FinalValidation phases. */
  delegating: Gate;
};

/** `delegate` needs the task's staking to be open (ArenaBase._requireStakingOpen). */
export function delegatingGate(task: TaskView, now: number): Gate {
  const c = task.config;
  if (!c) return closed("The task's configuration is not indexed yet");
  const t = taskTimeline({ ...c, start: task.start, cancelled: task.cancelled }, now);
  if (t.phase === "Submission" || t.phase === "FinalValidation") return OPEN;
  return closed(`Closed: the task is in its ${PHASE_LABELS[t.phase].toLowerCase()} phase`);
}

/** Every node and validator of a task not yet ended, with the figures a delegator compares. */
export function listDelegatees(index: ArenaIndex, now: number): Delegatee[] {
  const out: Delegatee[] = [];
  for (const task of index.tasks.values()) {
    const c = task.config;
    if (!c || task.cancelled) continue;
    const ended =
      now >= task.start + (c.submissionEpochs + c.finalEpochs + c.challengeEpochs) * c.epochLength;
    if (ended) continue;
    const epochEnd = (e: number) => task.start + (e + 1) * c.epochLength;
    const delegating = delegatingGate(task, now);
    const epochNow = Math.max(0, Math.floor((now - task.start) / c.epochLength));
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
        perToken: wadToNumber(r.perShare),
      }));
      const weekAgo = now - 7 * 86_400;
      out.push({
        taskId: task.id,
        taskTitle: task.title,
        account: p.account,
        role: p.role,
        rewardShare: p.rewardShare,
        currentRewardShare: rewardShareAt(p, epochNow),
        pendingRewardShare: pendingRewardShare(p, epochNow),
        ownStake: p.ownStake,
        delegated: p.delegated,
        delegators: p.delegators.size,
        apy14: effectiveApy(samples, now, 14, since),
        apy30: effectiveApy(samples, now, 30, since),
        weekAgoEpoch: weekAgo >= task.start ? Math.floor((weekAgo - task.start) / c.epochLength) : undefined,
        epochLength: c.epochLength,
        delegating,
      });
    }
  }
  return out;
}

/** A delegation as `delegationOf` returns it (position and unbonding part). */
export type DelegationState = {
  amount: bigint;
  nextAmount: bigint;
  nextFrom: number;
  unbonding: { amount: bigint; releaseEpoch: number; released: bigint };
};

export type DelegationGates = {
  /** What still counts (or will from the next epoch). */
  delegated: bigint;
  /** Unbonding, not yet withdrawable, and when it frees up. */
  unbonding: bigint;
  releaseEpoch: number;
  releaseAt: number;
  /** Withdrawable now. */
  withdrawable: bigint;
  undelegate: Gate;
  withdraw: Gate;
  /** The epoch to settle first when a change would revert `SettlementPending`. */
  settleFirst?: number;
};

/**
 * Whether `undelegate` and `withdrawDelegation` would go through at chain time `now`, and when not, why and
 * when (ArenaDelegation.undelegate, withdrawDelegation, ArenaBase._rollPosition and _finishUnbonding).
 * `undelegate` works in every phase, even after the task ended; it waits only for settlement.
 */
export function delegationGates(
  task: TaskView,
  d: DelegationState,
  now: number,
  settledEpochs: number,
): DelegationGates {
  const c = task.config;
  const epoch = c ? Math.max(0, Math.floor((now - task.start) / c.epochLength)) : 0;
  const epochStart = (e: number) => (c ? task.start + e * c.epochLength : task.start);
  const scoring = c ? c.submissionEpochs + c.finalEpochs : 0;
  const settleFirst = settlementPendingFor(
    { amount: d.amount, nextAmount: d.nextAmount, nextFrom: d.nextFrom },
    epoch,
    settledEpochs,
    scoring,
    task.cancelled,
  );
  const u = d.unbonding;
  const due = u.amount > 0n && epoch >= u.releaseEpoch;
  const withdrawable = u.released + (due ? u.amount : 0n);
  const unbonding = due ? 0n : u.amount;
  const releaseAt = epochStart(u.releaseEpoch);
  const undelegate: Gate =
    d.nextAmount === 0n
      ? closed("Nothing left delegated")
      : settleFirst !== undefined
        ? closed(`Settle epoch ${settleFirst} first`)
        : OPEN;
  const withdraw: Gate =
    withdrawable > 0n
      ? OPEN
      : u.amount > 0n
        ? closed(
            `Unbonding until epoch ${u.releaseEpoch} (${formatTimestamp(releaseAt)}); now epoch ${epoch}`,
          )
        : closed("Nothing to withdraw: undelegate first");
  return {
    delegated: d.nextAmount,
    unbonding,
    releaseEpoch: u.releaseEpoch,
    releaseAt,
    withdrawable,
    undelegate,
    withdraw,
    settleFirst,
  };
}

/** ArenaBase.REWARD_SHARE_COOLDOWN (seconds): ρ changes at most once per this period. */
export const REWARD_SHARE_COOLDOWN = Number(constants.ArenaBase.REWARD_SHARE_COOLDOWN);

/** A period in seconds in its largest whole unit: "30 days", "1 hour", "90 seconds". */
export function periodText(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  const [size, unit] = units.find(([size]) => seconds > 0 && seconds % size === 0) ?? [1, "second"];
  const n = seconds / size;
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** The cooldown as the app words it ("30 days"). */
export const REWARD_SHARE_COOLDOWN_TEXT = periodText(REWARD_SHARE_COOLDOWN);

/** Whether `setRewardShare(next)` would go through (`RewardShareChangeTooSoon`), and whether it changes anything. */
export function rewardShareGate(lastChange: number, now: number, current: bigint, next?: bigint): Gate {
  const allowedAt = lastChange + REWARD_SHARE_COOLDOWN;
  if (lastChange !== 0 && now < allowedAt)
    return closed(
      `ρ is locked until ${formatTimestamp(allowedAt)} (one change per ${REWARD_SHARE_COOLDOWN_TEXT})`,
    );
  if (next !== undefined && next === current) return closed("That is already your ρ");
  return OPEN;
}
