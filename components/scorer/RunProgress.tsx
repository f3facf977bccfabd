"use client";

import type { ScorerPhase } from "@/lib/scoring/protocol";
import type { RunStatus } from "@/lib/hooks/useScorer";

const PHASES: Record<ScorerPhase, string> = {
  "checking-files": "Checking the model files…",
  downloading: "Downloading the model…",
  loading: "Loading the model…",
  "warming-up": "Warming up…",
  scoring: "Scoring…",
};

/** Load progress (files) and scoring progress (examples), as labelled progress bars. */
export function RunProgress({
  status,
  phase,
  loadFraction,
  progress,
}: {
  status: RunStatus;
  phase: ScorerPhase | null;
  loadFraction: number | null;
  progress: { done: number; total: number } | null;
}) {
  if (status === "idle") return null;
  return (
    <div className="space-y-2 text-sm" aria-live="polite">
      <p role="status">{status === "benchmarking" ? "Benchmarking…" : phase ? PHASES[phase] : "Starting…"}</p>
      {status === "loading" && (
        <label className="block">
          <span className="text-zinc-600">Model loading</span>
          <progress
            className="block w-full"
            max={1}
            {...(loadFraction === null ? {} : { value: loadFraction })}
          />
        </label>
      )}
      {status === "scoring" && (
        <label className="block">
          <span className="text-zinc-600">
            Scoring progress{progress ? `: ${progress.done} of ${progress.total} examples` : ""}
          </span>
          <progress className="block w-full" max={progress?.total ?? 1} value={progress?.done ?? 0} />
        </label>
      )}
    </div>
  );
}
