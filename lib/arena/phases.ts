import { enums } from "../../contracts-abi/protocol";
import type { TaskConfigView } from "./indexer";

/** Where a task is in its life: the contract's Phase enum, in order (generated from contracts/arena/IArena.sol). */
export const PHASES = enums.Phase;
export type PhaseName = (typeof PHASES)[number];

export const PHASE_LABELS = {
  Submission: "Submission",
  FinalValidation: "Final validation",
  Challenge: "Challenge",
  Ended: "Ended",
  Cancelled: "Cancelled",
} as const satisfies Record<PhaseName, string>;

/** The schedule part of a task's configuration, with its start and whether it was cancelled. */
export type TimelineConfig = Pick<
  TaskConfigView,
  "epochLength" | "commitWindow" | "revealWindow" | "submissionEpochs" | "finalEpochs" | "challengeEpochs"
> & { start: number; cancelled: boolean };

/** Within an epoch: submit, then validators commit, then they reveal (docs/ARCHITECTURE.md §3.2). */
export type EpochWindow = "submit" | "commit" | "reveal";

export type Timeline = {
  /** The schedule it was computed from, so a clock can recompute it as time moves. */
  config: TimelineConfig;
  epoch: number;
  phase: PhaseName;
  /** When the current epoch started, submissions close, commits close and it ends (reveals close). */
  epochStart: number;
  submitEnd: number;
  commitEnd: number;
  epochEnd: number;
  window: EpochWindow;
  /** Seconds until the current window closes. */
  windowLeft: number;
  /** Each phase's time span, for the timeline chart. */
  phases: { phase: PhaseName; start: number; end: number; epochs: number }[];
  /** Seconds until the current phase ends (0 once ended). */
  phaseLeft: number;
};

/** The same arithmetic as the contract's _epochOf, _phaseAt and _epochTimes, at time `now` (seconds). */
export function taskTimeline(c: TimelineConfig, now: number): Timeline {
  const elapsed = Math.max(0, now - c.start);
  const epoch = Math.floor(elapsed / c.epochLength);
  const scoring = c.submissionEpochs + c.finalEpochs;
  const phase: PhaseName = c.cancelled
    ? "Cancelled"
    : epoch < c.submissionEpochs
      ? "Submission"
      : epoch < scoring
        ? "FinalValidation"
        : epoch < scoring + c.challengeEpochs
          ? "Challenge"
          : "Ended";
  const epochStart = c.start + epoch * c.epochLength;
  const epochEnd = epochStart + c.epochLength;
  const commitEnd = epochEnd - c.revealWindow;
  const submitEnd = commitEnd - c.commitWindow;
  const window: EpochWindow = now < submitEnd ? "submit" : now < commitEnd ? "commit" : "reveal";
  const windowEnd = window === "submit" ? submitEnd : window === "commit" ? commitEnd : epochEnd;
  const at = (epochs: number) => c.start + epochs * c.epochLength;
  const phases = [
    { phase: "Submission" as const, start: at(0), end: at(c.submissionEpochs), epochs: c.submissionEpochs },
    {
      phase: "FinalValidation" as const,
      start: at(c.submissionEpochs),
      end: at(scoring),
      epochs: c.finalEpochs,
    },
    {
      phase: "Challenge" as const,
      start: at(scoring),
      end: at(scoring + c.challengeEpochs),
      epochs: c.challengeEpochs,
    },
  ];
  const current = phases.find((p) => p.phase === phase);
  return {
    config: c,
    epoch,
    phase,
    epochStart,
    submitEnd,
    commitEnd,
    epochEnd,
    window,
    windowLeft: Math.max(0, windowEnd - now),
    phases,
    phaseLeft: current ? Math.max(0, current.end - now) : 0,
  };
}
