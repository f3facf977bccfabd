"use client";

import { useCallback, useState } from "react";
import { SHIPPED_LANGUAGE_MODELS } from "@/lib/scoring/shipped-models";
import { ResultsChart } from "./ResultsChart";
import { ScoreSubmissions } from "./ScoreSubmissions";
import type { Submission, SubmissionScore } from "@/lib/hooks/useScoreSubmissions";

const EVAL_SET = "/models/samples/chat.jsonl";
const LANGUAGE_MODELS: Submission[] = SHIPPED_LANGUAGE_MODELS.map((modelId, index) => ({
  submissionId: index + 1,
  modelId,
}));

/** Every shipped language model scored on the same file, the way a validator scores its submissions. */
export function CompareModels() {
  const [scores, setScores] = useState<SubmissionScore[] | null>(null);
  const onScores = useCallback((result: SubmissionScore[]) => setScores(result), []);
  const points = (scores ?? []).map((s) => ({
    name: LANGUAGE_MODELS.find((m) => m.submissionId === s.submissionId)?.modelId ?? String(s.submissionId),
    value: s.score,
  }));
  return (
    <section
      aria-labelledby="compare-title"
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5"
    >
      <div>
        <h2 id="compare-title" className="text-lg font-semibold">
          Compare models
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Scores every shipped language model on {EVAL_SET} (bits per byte, lower is better), as a validator
          scores the submissions assigned to it.
        </p>
      </div>
      <ScoreSubmissions
        metric="loss"
        evalSetUrl={EVAL_SET}
        submissions={LANGUAGE_MODELS}
        onScores={onScores}
        buttonLabel="Compare shipped models"
      />
      {scores && scores.length > 0 && (
        <ResultsChart points={points} label="Bits per byte by model" testId="compare-chart" />
      )}
    </section>
  );
}
