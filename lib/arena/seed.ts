import type { Hex } from "viem";
import type { TaskView } from "./indexer";
import type { EpochWindow } from "./phases";

const ZERO: Hex = `0x${"0".repeat(64)}`;
/** blockhash() reads only the last 256 blocks: after that the fixed block's hash is gone and a new one is fixed. */
export const BLOCKHASH_WINDOW = 256n;

/**
 * Where an epoch's two-step seed stands (ArenaLifecycle.drawSeed): not drawn (anyone may fix the next block once
 * submissions close), waiting for the fixed block and one after it, ready (assignments readable), expired
 * (256 blocks passed unread: drawing again fixes a new block), or closed (the commit window ended without a seed).
 */
export type SeedStep =
  | { step: "too-early" }
  | { step: "closed" }
  | { step: "draw"; expired: boolean }
  | { step: "waiting"; seedBlock: bigint; until: bigint; latest: bigint }
  | { step: "ready"; seed: Hex };

export function seedStep({
  seed,
  seedBlock,
  latest,
  window,
}: {
  seed: Hex | undefined;
  seedBlock: bigint;
  latest: bigint;
  window: EpochWindow;
}): SeedStep {
  if (seed && seed !== ZERO) return { step: "ready", seed };
  if (window === "submit") return { step: "too-early" };
  if (window === "reveal") return { step: "closed" };
  if (seedBlock === 0n) return { step: "draw", expired: false };
  if (latest > seedBlock + BLOCKHASH_WINDOW) return { step: "draw", expired: true };
  return { step: "waiting", seedBlock, until: seedBlock + 1n, latest };
}

/** The block the chain must reach after a `drawSeed` mined in `drawnIn` for the seed to be readable. */
export function seedReadableAt(drawnIn: bigint): bigint {
  return drawnIn + 2n;
}

/** `sha256`: the hash the task stores for that set; scorers refuse a fetched set that does not match it. */
export type ScoringSet = { kind: "held-back" | "public"; url: string; sha256: Hex; note: string };

/**
 * The evaluation set validators score an epoch on: submission epochs use the public set; a final-validation epoch
 * uses the held-back set when the creator revealed it before the epoch's seed was recorded
 * (`getEpoch(..).state.heldBackSet`), else the public set. Before the seed is recorded, the reveal so far decides.
 */
export function scoringSet(
  task: TaskView,
  epoch: number,
  recorded: { heldBackSet: boolean } | undefined,
): ScoringSet {
  const finalEpoch = task.config !== undefined && epoch >= task.config.submissionEpochs;
  const publicSet: ScoringSet = {
    kind: "public",
    url: task.evalSetURI,
    sha256: task.evalSetHash,
    note: "the public evaluation set",
  };
  if (!finalEpoch) return publicSet;
  const heldBack = recorded ? recorded.heldBackSet : task.finalEvalURI !== undefined;
  if (heldBack && task.finalEvalURI && task.heldBackEvalSetHash)
    return {
      kind: "held-back",
      url: task.finalEvalURI,
      sha256: task.heldBackEvalSetHash,
      note: recorded
        ? "the held-back set the creator revealed"
        : "the held-back set the creator revealed (fixed when the first validator commits)",
    };
  return {
    ...publicSet,
    note: recorded
      ? "the public evaluation set: the creator had not revealed the held-back set when this epoch's seed was recorded"
      : "the public evaluation set, since the creator has not revealed the held-back set (a reveal before the first commit switches this epoch to it)",
  };
}
