import type { ParticipantView } from "./indexer";

/**
 * Values that a change sets now but the contract applies only from a later epoch: ρ (`setRewardShare`, from the
 * next epoch) and new stake (`stake`, counted from the next epoch). Pages show the value in force in the
 * current epoch, and the pending one beside it, never the pending one as current.
 */

type Changes = NonNullable<ParticipantView["rewardShareChanges"]>;

/** ρ in force in `epoch`: the last change applying from it or earlier (0 before any). */
export function rewardShareAt(
  p: Pick<ParticipantView, "rewardShare" | "rewardShareChanges">,
  epoch: number,
): bigint {
  const changes: Changes = p.rewardShareChanges ?? [];
  if (changes.length === 0) return p.rewardShare;
  let value = 0n;
  for (const c of changes) if (c.fromEpoch <= epoch) value = c.rewardShare;
  return value;
}

/** The ρ set to apply after `epoch`, if any (the latest such change). */
export function pendingRewardShare(
  p: Pick<ParticipantView, "rewardShareChanges">,
  epoch: number,
): { rewardShare: bigint; fromEpoch: number } | undefined {
  const later = (p.rewardShareChanges ?? []).filter((c) => c.fromEpoch > epoch);
  return later.at(-1);
}

/** Own stake staked but counted only from an epoch after `epoch`, and the first epoch it counts in. */
export function pendingStake(
  p: Pick<ParticipantView, "stakeChanges">,
  epoch: number,
): { amount: bigint; fromEpoch: number } | undefined {
  const later = (p.stakeChanges ?? []).filter((c) => c.kind === "stake" && c.epoch > epoch);
  if (later.length === 0) return undefined;
  return {
    amount: later.reduce((s, c) => s + c.amount, 0n),
    fromEpoch: Math.min(...later.map((c) => c.epoch)),
  };
}
