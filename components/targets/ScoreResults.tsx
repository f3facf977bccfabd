"use client";

import { formatMicro, type SubmissionPlan } from "@/lib/targets";
import { LazyDistanceChart } from "./charts";
import type { ModelRun } from "@/lib/hooks/useLocalScoring";
import { microToNumber } from "@/lib/units";
import { formatNumber } from "@/lib/format";

const STATE_LABEL: Record<ModelRun["state"], string> = {
  waiting: "waiting",
  loading: "loading model…",
  scoring: "scoring…",
  done: "done",
  failed: "failed",
};

/** Loss per model while scoring runs, then the winner and each model's distance against the threshold. */
export function ScoreResults({
  runs,
  device,
  plan,
  threshold,
}: {
  runs: ModelRun[];
  device: string | undefined;
  plan: SubmissionPlan | null;
  threshold: bigint;
}) {
  if (runs.length === 0) return null;
  const distanceOf = (id: number) => plan?.scores.find((s) => s.modelId === id)?.distance;
  return (
    <div className={`grid gap-4 ${plan ? "md:grid-cols-2" : ""}`}>
      <div className="min-w-0 overflow-x-auto" data-overflow-scroll>
        <table className="w-full text-left text-sm" aria-label="Scores per model">
          <caption className="mb-1 text-left text-zinc-500">
            Scored in your browser{device ? ` (${device})` : ""}
          </caption>
          <thead className="border-b border-zinc-200 text-zinc-500">
            <tr>
              <th className="py-1 pr-4 font-normal">Model</th>
              <th className="pr-4 font-normal">Loss (bits/byte)</th>
              <th className="pr-4 font-normal">Distance</th>
              <th className="font-normal">Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const d = distanceOf(r.modelId);
              const winner = plan?.winner.modelId === r.modelId;
              return (
                <tr key={r.modelId} className="border-b border-zinc-100" data-winner={winner || undefined}>
                  <td className="py-1 pr-4">
                    {r.name}
                    {winner && (
                      <span className="ml-1 rounded bg-teal-700 px-1 text-xs text-white">winner</span>
                    )}
                  </td>
                  <td className="pr-4">{r.loss === undefined ? "—" : formatNumber(r.loss, 4)}</td>
                  <td className="pr-4">{d === undefined ? "—" : formatMicro(d)}</td>
                  <td title={r.error}>{STATE_LABEL[r.state]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {plan && (
        <div className="min-w-0">
          <p className="mb-1 text-sm" data-testid="plan-distance">
            Distance {formatMicro(plan.distance)} (threshold {formatMicro(threshold)})
          </p>
          <LazyDistanceChart
            threshold={microToNumber(threshold)}
            points={plan.scores.map((s) => ({
              name: s.name,
              distance: microToNumber(s.distance),
              winner: s.modelId === plan.winner.modelId,
            }))}
          />
        </div>
      )}
    </div>
  );
}
