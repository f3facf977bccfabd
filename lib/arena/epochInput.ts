import type { Address } from "viem";
import type { EpochInput, ScoringValidator, Staker } from "../rewards/types.ts";
import { metricName } from "./metric.ts";
import type { PaidRecords } from "../rewards/explain.ts";
import type { TaskView } from "./indexer";
import { rewardShareAt } from "./pending.ts";

/**
 * An epoch as settlement saw it, built from the indexer's task view (reveals in reveal order, ρ in force, R₀
 * recorded by EpochSettled) and the stakes counted in the epoch (the contract's `stakeAt`, which the indexer does
 * not keep per epoch): the input of lib/rewards' explanation and projection.
 */

export type EpochStake = { own: bigint; delegated: bigint };

const key = (a: string) => a.toLowerCase();

/** Who took part in `epoch`: its revealing validators and the nodes they scored (whose stakes the input needs). */
export function epochParticipants(
  task: TaskView,
  epoch: number,
): { nodes: Address[]; validators: Address[] } {
  const byIndex = nodesByIndex(task);
  const reveals = task.reveals.filter((r) => r.epoch === epoch);
  const nodes = new Set<Address>();
  for (const r of reveals)
    for (const i of r.nodeIndices) {
      const n = byIndex.get(Number(i));
      if (n) nodes.add(n);
    }
  return { nodes: [...nodes], validators: reveals.map((r) => r.validator) };
}

function nodesByIndex(task: TaskView): Map<number, Address> {
  const out = new Map<number, Address>();
  for (const p of task.participants.values())
    if (p.role === "node" && p.nodeIndex !== undefined) out.set(p.nodeIndex, p.account);
  return out;
}

/**
 * `stakes` keyed by lowercase address; an address missing from it counts with its latest indexed stake (exact
 * only when it did not change since the epoch). `reward` defaults to the R₀ the epoch's settlement recorded.
 */
export function epochInputFromTask(
  task: TaskView,
  epoch: number,
  stakes: ReadonlyMap<string, EpochStake>,
  reward?: bigint,
): EpochInput | undefined {
  const mechanism = task.config?.mechanism;
  const metric = metricName(task.metric);
  if (!mechanism || !metric) return undefined;
  const byIndex = nodesByIndex(task);
  const participant = (a: Address) => [...task.participants.values()].find((p) => key(p.account) === key(a));
  const staker = (a: Address): Staker => {
    const p = participant(a);
    const s = stakes.get(key(a)) ?? { own: p?.ownStake ?? 0n, delegated: p?.delegated ?? 0n };
    return { id: a, own: s.own, delegated: s.delegated, rewardShare: p ? rewardShareAt(p, epoch) : 0n };
  };
  const { nodes } = epochParticipants(task, epoch);
  const validators: ScoringValidator[] = task.reveals
    .filter((r) => r.epoch === epoch)
    .map((r) => {
      const scores = new Map<string, number>();
      r.nodeIndices.forEach((i, k) => {
        const node = byIndex.get(Number(i));
        const score = r.scores[k];
        if (node && score !== undefined) scores.set(node, score);
      });
      return { ...staker(r.validator), scores };
    });
  const recorded = task.epochs.get(epoch);
  return {
    metric,
    mechanism: {
      gamma: mechanism.gamma,
      q: mechanism.q,
      alphaT: mechanism.alphaT,
      lambdaV: mechanism.lambdaV,
      alphaV: mechanism.alphaV,
    },
    reward: reward ?? (recorded ? recorded.rewardNodes + recorded.rewardValidators : 0n),
    nodes: nodes.map(staker),
    validators,
  };
}

/** What the indexer recorded as paid in `epoch`, to check an explanation against. */
export function paidRecords(task: TaskView, epoch: number): PaidRecords {
  const e = task.epochs.get(epoch);
  return {
    nodes: task.nodeResults.filter((r) => r.epoch === epoch),
    validators: task.validatorResults.filter((r) => r.epoch === epoch),
    delegatorRewards: task.delegatorRewards.filter((r) => r.epoch === epoch),
    epoch: e && {
      reward: e.reward,
      rewardNodes: e.rewardNodes,
      rewardValidators: e.rewardValidators,
      paid: e.paid,
    },
  };
}

/**
 * A delegation position's amount counted in `epoch` (ArenaDelegation: `nextAmount` counts from `nextFrom` on).
 * Exact for the epochs since the position last changed, which is every epoch a harvest has not yet rolled past.
 */
export function positionAmountAt(
  position: { amount: bigint; nextAmount: bigint; nextFrom: number },
  epoch: number,
): bigint {
  return position.nextFrom <= epoch ? position.nextAmount : position.amount;
}

/** Epochs of the task whose settlement the indexer recorded, newest first. */
export function settledEpochs(task: TaskView): number[] {
  return [...task.epochs.keys()].sort((a, b) => b - a);
}
