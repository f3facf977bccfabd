import type { Address } from "viem";
import { formatTimestamp } from "../format";
import { settledEpochCount } from "./challenges";
import { closed, OPEN, type Gate } from "./gate";
import type { TaskView } from "./indexer";
import { sameAddress as same } from "../address";

/** Seconds at which the task ends (its challenge phase is over). */
export function taskEnd(task: TaskView): number | undefined {
  const c = task.config;
  return c
    ? task.start + (c.submissionEpochs + c.finalEpochs + c.challengeEpochs) * c.epochLength
    : undefined;
}

/**
 * Whether a training node's escrowed task rewards, and its delegators' with them, are released (claimable with
 * `claim([taskId])`): the task ended, every scoring epoch is settled, no challenge of the node is open and none
 * was upheld (ArenaBase._nodeReleasable). When not, why.
 */
export function nodeRewardsRelease(
  task: TaskView,
  node: Address,
  now: number,
  /** The contract's `getTask(id).settledEpochs` when read: the event index may lag behind settlements. */
  settledOnChain?: number,
): Gate {
  const p = task.participants.get(node);
  if (p?.forfeited) return closed("Taken by an upheld challenge");
  const end = taskEnd(task);
  const c = task.config;
  if (!c || end === undefined) return closed("The task's configuration is not indexed yet");
  if (!task.cancelled && now < end)
    return closed(
      `Escrowed until the task's challenges are resolved (the task ends ${formatTimestamp(end)})`,
    );
  const scoring = c.submissionEpochs + c.finalEpochs;
  const settled = Math.max(settledEpochCount(task), settledOnChain ?? 0);
  if (settled < scoring)
    return closed(`Escrowed until every scoring epoch is settled (${settled} of ${scoring} settled)`);
  const open = [...task.challenges.values()].filter((ch) => same(ch.node, node) && !ch.settled);
  if (open.length > 0)
    return closed(
      `Escrowed until the node's open challenge${open.length > 1 ? "s" : ""} ${open.map((ch) => `#${ch.id}`).join(", ")} ${open.length > 1 ? "are" : "is"} resolved`,
    );
  return OPEN;
}

/** Whether a delegator's rewards with `delegatee` can be claimed now: a validator's always, a node's once released. */
export function delegationRewardsRelease(
  task: TaskView,
  delegatee: Address,
  now: number,
  settledOnChain?: number,
): Gate {
  return task.participants.get(delegatee)?.role === "node"
    ? nodeRewardsRelease(task, delegatee, now, settledOnChain)
    : OPEN;
}

export type PositionView = { amount: bigint; nextAmount: bigint; nextFrom: number };

/**
 * The epoch that must be settled before this position may change (`SettlementPending`): its previous change took
 * effect in an epoch whose predecessor is not settled yet. Undefined when delegate/undelegate can go ahead.
 */
export function settlementPendingFor(
  position: PositionView | undefined,
  currentEpoch: number,
  settledEpochs: number,
  scoringEpochs: number,
  cancelled = false,
): number | undefined {
  if (!position || position.amount === position.nextAmount) return undefined;
  if (position.nextFrom > currentEpoch || position.nextFrom <= settledEpochs) return undefined;
  if (cancelled || settledEpochs >= scoringEpochs) return undefined;
  return settledEpochs;
}
