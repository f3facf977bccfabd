import { PHASES, type PhaseName } from "../arena/phases";
import { formatTimestamp } from "../format";
import { closed, OPEN, type Gate } from "../arena/gate";
import { sameAddress as same } from "../address";

/**
 * When ArenaTasks accepts each call that brings tokens back, mirrored from the contracts (ArenaBase,
 * ArenaDelegation, ArenaLifecycle, ArenaStaking) over the values their views return. Each rule says why a call
 * would revert and, where time fixes it, from when it goes through.
 */

/** ArenaTasks' Phase enum, in on-chain order (lib/arena/phases.ts). */
export { PHASES };
export type ChainPhase = PhaseName;

/** A task as `getTask` and `currentEpoch` return it (the epoch at the latest block). */
export type TaskChain = {
  id: bigint;
  creator: string;
  start: number;
  epochLength: number;
  submissionEpochs: number;
  finalEpochs: number;
  challengeEpochs: number;
  unbondingEpochs: number;
  cancelled: boolean;
  poolReclaimed: boolean;
  settledEpochs: number;
  pool: bigint;
  creatorStake: bigint;
  /** `currentEpoch(taskId)` */
  epoch: number;
};

/** `getTask`'s state and config, as far as the exit rules read them. */
type TaskState = Pick<
  TaskChain,
  "creator" | "cancelled" | "poolReclaimed" | "settledEpochs" | "pool" | "creatorStake"
> & { start: number | bigint };
type TaskConfig = Pick<
  TaskChain,
  "epochLength" | "submissionEpochs" | "finalEpochs" | "challengeEpochs" | "unbondingEpochs"
>;

/** A `TaskChain` from what `getTask(id)` and `currentEpoch(id)` return. */
export function toTaskChain(
  id: bigint,
  state: TaskState,
  config: TaskConfig,
  epoch: number | bigint,
): TaskChain {
  return {
    id,
    creator: state.creator,
    start: Number(state.start),
    epochLength: config.epochLength,
    submissionEpochs: config.submissionEpochs,
    finalEpochs: config.finalEpochs,
    challengeEpochs: config.challengeEpochs,
    unbondingEpochs: config.unbondingEpochs,
    cancelled: state.cancelled,
    poolReclaimed: state.poolReclaimed,
    settledEpochs: state.settledEpochs,
    pool: state.pool,
    creatorStake: state.creatorStake,
    epoch: Number(epoch),
  };
}

export type Unbonding = { amount: bigint; releaseEpoch: number; released: bigint };
export type Position = { amount: bigint; nextAmount: bigint; nextFrom: number };
/** A gate, and when time alone opens it (epoch and/or unix seconds). */
export type Timed = { gate: Gate; at?: { epoch?: number; time: number } };

export const scoringEpochs = (t: TaskChain) => t.submissionEpochs + t.finalEpochs;
export const endEpoch = (t: TaskChain) => scoringEpochs(t) + t.challengeEpochs;
export const epochStart = (t: TaskChain, epoch: number) => t.start + epoch * t.epochLength;

/** ArenaBase._phaseAt */
export function phaseAt(t: TaskChain, epoch: number): ChainPhase {
  if (t.cancelled) return "Cancelled";
  if (epoch < t.submissionEpochs) return "Submission";
  if (epoch < scoringEpochs(t)) return "FinalValidation";
  if (epoch < endEpoch(t)) return "Challenge";
  return "Ended";
}

const epochAt = (t: TaskChain, epoch: number) => `epoch ${epoch} (${formatTimestamp(epochStart(t, epoch))})`;

/** "… until the task ends at epoch N (date)": the time rule shared by creator stake, pool and node rewards. */
function ended(t: TaskChain, what: string): Timed | undefined {
  const phase = phaseAt(t, t.epoch);
  if (phase === "Ended") return undefined;
  if (phase === "Cancelled")
    return { gate: closed("The task was cancelled: its pool and creator stake were refunded then") };
  const e = endEpoch(t);
  return {
    gate: closed(`${what} until the task ends at ${epochAt(t, e)}; it is epoch ${t.epoch}`),
    at: { epoch: e, time: epochStart(t, e) },
  };
}

function settledAll(t: TaskChain, what: string): Timed | undefined {
  const n = scoringEpochs(t);
  if (t.settledEpochs >= n) return undefined;
  return {
    gate: closed(
      `${what} waits for every scoring epoch to be settled (${t.settledEpochs} of ${n}); anyone can settle them on the task page`,
    ),
  };
}

/**
 * `withdraw` / `withdrawDelegation` (ArenaBase._finishUnbonding): what is released, plus the rest once the
 * release epoch is reached. `NothingToWithdraw` when nothing unbonds, `UnbondingNotOver` before the release epoch.
 */
export function withdrawable(t: TaskChain, u: Unbonding): { now: bigint; later: bigint } & Timed {
  const due = t.epoch >= u.releaseEpoch;
  const now = u.released + (due ? u.amount : 0n);
  const later = due ? 0n : u.amount;
  const at = later > 0n ? { at: { epoch: u.releaseEpoch, time: epochStart(t, u.releaseEpoch) } } : {};
  if (now > 0n) return { now, later, gate: OPEN, ...at };
  if (u.amount === 0n) return { now, later, gate: closed("Nothing is unbonding") };
  return {
    now,
    later,
    gate: closed(`Unbonding until ${epochAt(t, u.releaseEpoch)}; it is epoch ${t.epoch}`),
    ...at,
  };
}

/** The epoch a request made now releases at (ArenaBase._startUnbonding): the next epoch plus the unbonding period. */
export function releaseEpochIfRequestedNow(t: TaskChain): number {
  return t.epoch + 1 + t.unbondingEpochs;
}

/** What a new unbonding request does to stake already unbonding: it joins the new request's release. */
export function requestJoinsPending(t: TaskChain, u: Unbonding): boolean {
  return u.amount > 0n && t.epoch < u.releaseEpoch;
}

/**
 * `requestUnstake(taskId, own)`: always accepted for the whole stake (what remains is zero), in every phase.
 * The stake stops counting from the next epoch and is withdrawable from the release epoch on.
 */
export function unstakeAll(t: TaskChain, own: bigint): Timed & { release: number } {
  const release = releaseEpochIfRequestedNow(t);
  if (own === 0n) return { gate: closed("No stake left to unstake"), release };
  return { gate: OPEN, release, at: { epoch: release, time: epochStart(t, release) } };
}

/**
 * `undelegate(taskId, delegatee, nextAmount)`: `SettlementPending` when the position's last change took effect in
 * an epoch that is not settled yet (ArenaBase._rollPosition, after `_harvest` folded what is settled).
 */
export function undelegateAll(t: TaskChain, pos: Position): Timed & { release: number } {
  const release = releaseEpochIfRequestedNow(t);
  if (pos.nextAmount === 0n) return { gate: closed("Nothing delegated any more"), release };
  const done = t.cancelled || t.settledEpochs >= scoringEpochs(t);
  const pending =
    pos.amount !== pos.nextAmount && pos.nextFrom <= t.epoch && pos.nextFrom > t.settledEpochs && !done;
  if (pending)
    return {
      gate: closed(
        `Epoch ${t.settledEpochs} must be settled first (your last change counted from epoch ${pos.nextFrom}); anyone can settle it on the task page`,
      ),
      release,
    };
  return { gate: OPEN, release, at: { epoch: release, time: epochStart(t, release) } };
}

/** `withdrawCreatorStake`: the creator, once the task has ended (`WrongPhase` before, `NothingToWithdraw` at 0). */
export function creatorStakeGate(t: TaskChain, account: string): Timed {
  if (!same(t.creator, account)) return { gate: closed("Only the task's creator") };
  if (t.creatorStake === 0n) return { gate: closed("No creator stake left") };
  return ended(t, "Locked") ?? { gate: OPEN };
}

/**
 * `reclaimPool`: the creator, once the task has ended and every scoring epoch is settled, once
 * (`PoolAlreadyReclaimed`). The pool is what the epochs left (unscored epochs and rounding).
 */
export function reclaimPoolGate(t: TaskChain, account: string): Timed {
  if (!same(t.creator, account)) return { gate: closed("Only the task's creator") };
  if (t.poolReclaimed) return { gate: closed("The pool was already reclaimed") };
  return ended(t, "Returns") ?? settledAll(t, "Reclaiming the pool") ?? { gate: OPEN };
}

/**
 * Whether `claim([taskId])` releases a training node's escrowed rewards (and its delegators' with them):
 * ArenaBase._nodeReleasable — ended, every scoring epoch settled, no open challenge of the node, not forfeited.
 */
export function nodeRelease(
  t: TaskChain,
  node: { forfeited: boolean; openChallenges: { id: bigint; voteDeadline: number }[] },
): Timed {
  if (node.forfeited) return { gate: closed("Taken by an upheld challenge") };
  const notEnded = ended(t, "Escrowed");
  if (notEnded) return notEnded;
  const unsettled = settledAll(t, "Releasing the node's rewards");
  if (unsettled) return unsettled;
  if (node.openChallenges.length > 0) {
    const last = Math.max(...node.openChallenges.map((c) => c.voteDeadline));
    const ids = node.openChallenges.map((c) => `#${c.id}`).join(", ");
    return {
      gate: closed(
        `Escrowed until challenge ${ids} is resolved (resolvable from ${formatTimestamp(last)}; anyone can resolve it)`,
      ),
      at: { time: last },
    };
  }
  return { gate: OPEN };
}

/** `resolveChallenge`: every scoring epoch settled and the vote window over (anyone may call). */
export function resolveGate(
  t: TaskChain,
  c: { voteDeadline: number; resolved: boolean },
  now: number,
): Timed {
  if (c.resolved) return { gate: closed("Already resolved") };
  const unsettled = settledAll(t, "Resolving");
  if (unsettled) return unsettled;
  if (now < c.voteDeadline)
    return {
      gate: closed(`Validators vote until ${formatTimestamp(c.voteDeadline)}`),
      at: { time: c.voteDeadline },
    };
  return { gate: OPEN };
}

/** `claim(ids)`: reverts `NothingToClaim` unless the credited balance plus what the listed tasks release is > 0. */
export function claimGate(total: bigint): Gate {
  return total > 0n ? OPEN : closed("Nothing is claimable now");
}
