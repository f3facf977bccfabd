"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Hex } from "viem";
import type { MetricName } from "@/lib/arena/metric";
import type { Dataset } from "@/lib/metrics/parsers";
import type { ScorerClient } from "@/lib/scoring/client";
import { fetchEvalSet, fetchVerifiedEvalSet } from "@/lib/scoring/evalSet";
import type { DeviceChoice, ExampleResult, ScorerDevice } from "@/lib/scoring/protocol";
import { exampleValue, revealedScore, type ScorerInfo } from "@/lib/scoring/receipt";
import { ortWebVersion, SCORER_VERSION, TRANSFORMERS_VERSION } from "@/lib/scoring/runtime";
import { scoreQueue } from "@/lib/scoring/queue";
import { embeddingModelFor, modelSourceFor } from "@/lib/scoring/shipped-models";
import {
  createScorerClient,
  discardScorerClient,
  LoadMeter,
  needsFreshWorker,
  toErrorView,
  type ErrorView,
} from "@/lib/scoring/scorer-client";
import { scoreToMetric } from "@/lib/arena/metric";

/** The metrics a task can have (docs/ARCHITECTURE.md §3.1). */
export type TaskMetric = MetricName;
export type SubmissionId = string | number | bigint;
/**
 * `modelUri` and `manifest` (the submission's contentHash: the model's manifest hash) go into the scoring
 * receipt; with `manifest`, the scorer loads only files that match it.
 */
export type Submission = { submissionId: SubmissionId; modelId: string; modelUri?: string; manifest?: Hex };
/**
 * `score` in the metric's own unit: BPB for loss (lower is better), a fraction for the others; it is the
 * receipt's aggregate of `examples` (lib/scoring/receipt.ts), so it is exactly what the receipt proves.
 */
export type SubmissionScore = {
  submissionId: SubmissionId;
  score: number;
  examples: ExampleResult[];
  backend: ScorerDevice;
};
/** What a receipt needs besides the per-submission results: the set scored on and the scorer. */
export type ScoringContext = { evaluationSet: { uri: string; sha256: Hex }; scorer: ScorerInfo };
export type SubmissionFailure = { submissionId: SubmissionId; error: ErrorView };

export type SubmissionRow = Submission & {
  status: "waiting" | "loading" | "scoring" | "scored" | "failed" | "cancelled";
  fraction: number | null;
  score?: number;
  error?: ErrorView;
};

export type ScoreSubmissionsOptions = {
  metric: TaskMetric;
  /** Fetched from the app, e.g. /models/samples/chat.jsonl; the format follows the file name. */
  evalSetUrl: string;
  /** A task's on-chain sha256 of the set (always given for a task): a set whose bytes differ is refused before scoring. */
  evalSetSha256?: Hex;
  submissions: readonly Submission[];
  device?: DeviceChoice;
  onScores: (scores: SubmissionScore[], failures: SubmissionFailure[], context: ScoringContext) => void;
};

/** The set and the sha256 of its bytes (checked against `expected` when the task stores one). */
async function loadEvalSet(
  url: string,
  expected: Hex | undefined,
  signal: AbortSignal,
): Promise<{ dataset: Dataset; sha256: Hex }> {
  if (expected) return { dataset: await fetchVerifiedEvalSet(url, expected, { signal }), sha256: expected };
  return fetchEvalSet(url, { signal });
}

/**
 * Scores each submitted model on one evaluation set with the task's metric, one model at a time in one
 * scorer worker, and reports the scores. A model that fails is reported and the next one is scored.
 */
export function useScoreSubmissions(options: ScoreSubmissionsOptions) {
  const { metric, evalSetUrl, evalSetSha256, submissions, device = "auto", onScores } = options;
  const [rows, setRows] = useState<SubmissionRow[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const client = useRef<Promise<ScorerClient> | null>(null);
  const controller = useRef<AbortController | null>(null);

  const discard = useCallback(() => {
    const previous = client.current;
    client.current = null;
    discardScorerClient(previous);
  }, []);
  // The worker is shared and outlives this component: unmounting only stops this run.
  useEffect(() => () => controller.current?.abort(), []);

  const update = (index: number, patch: Partial<SubmissionRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const run = useCallback(async () => {
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setError(null);
    setRows(submissions.map((s) => ({ ...s, status: "waiting", fraction: null })));
    try {
      const { dataset, sha256: evalSha } = await loadEvalSet(evalSetUrl, evalSetSha256, abort.signal);
      const meters = new Map<number, LoadMeter>();
      const outcome = await scoreQueue({
        items: submissions,
        signal: abort.signal,
        scorer: () => (client.current ??= createScorerClient()),
        // `manifest`: the scorer checks every file of the model against it before loading.
        load: (submission) => {
          const embeddingModel = embeddingModelFor(metric, submission.modelId);
          return {
            source: modelSourceFor(submission.modelId),
            options: {
              device,
              ...(embeddingModel ? { embeddingModel } : {}),
              ...(submission.manifest ? { manifest: submission.manifest } : {}),
            },
          };
        },
        request: { metric, dataset },
        accept: (submission, result, { info }): SubmissionScore => {
          // The score the receipt will prove: the metric's aggregate of the per-example values it stores.
          const score = scoreToMetric(
            revealedScore(
              metric,
              result.examples.map((e) => exampleValue(metric, e)),
            ),
          );
          return {
            submissionId: submission.submissionId,
            score,
            examples: result.examples,
            backend: info.device,
          };
        },
        describeError: toErrorView,
        afterError: (failure) => {
          if (failure.code === "cancelled") return "cancelled";
          if (needsFreshWorker(failure)) discard();
          return "continue";
        },
        onEvent: (index, event) => {
          switch (event.status) {
            case "loading": {
              const meter = meters.get(index) ?? new LoadMeter();
              meters.set(index, meter);
              return update(
                index,
                event.progress ? { fraction: meter.update(event.progress) } : { status: "loading" },
              );
            }
            case "scoring":
              return update(index, { status: "scoring", fraction: event.fraction });
            case "scored":
              return update(index, { status: "scored", fraction: 1, score: event.result.score });
            case "failed":
              return update(index, { status: "failed", error: event.error });
            case "cancelled":
              return update(index, { status: "cancelled" });
          }
        },
      });
      const scores = outcome.scored.map((s) => s.result);
      const failures: SubmissionFailure[] = outcome.failed.map((f) => ({
        submissionId: f.item.submissionId,
        error: f.error,
      }));
      if (!abort.signal.aborted)
        onScores(scores, failures, {
          evaluationSet: { uri: evalSetUrl, sha256: evalSha },
          scorer: {
            version: SCORER_VERSION,
            runtime: { transformers: TRANSFORMERS_VERSION, onnxruntime: ortWebVersion() },
            backend: scores[0]?.backend ?? "wasm",
            dtype: submissions.every((s) => modelSourceFor(s.modelId).kind === "local") ? "fp32" : "default",
            threads: outcome.report?.threads ?? 1,
          },
        });
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setRunning(false);
      controller.current = null;
    }
  }, [device, discard, evalSetUrl, evalSetSha256, metric, onScores, submissions]);

  /** Cancelling answers at once; the shared worker finishes a load that cannot stop and is replaced only if it must be. */
  const cancel = useCallback(() => {
    controller.current?.abort();
    discard();
  }, [discard]);

  return { rows, running, error, run, cancel };
}
