"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Hex } from "viem";
import { parseDataset, type Dataset } from "@/lib/metrics/parsers";
import type { ScorerClient } from "@/lib/scoring/client";
import type { DeviceChoice } from "@/lib/scoring/protocol";
import { embeddingModelFor, modelSourceFor } from "@/lib/scoring/shipped-models";
import {
  createScorerClient,
  discardScorerClient,
  LoadMeter,
  needsFreshWorker,
  toErrorView,
  type ErrorView,
} from "./scorer-client";

/** The metrics a task can have (docs/ARCHITECTURE.md §3.1). */
export type TaskMetric = "loss" | "accuracy" | "reference_similarity";
export type SubmissionId = string | number | bigint;
/** `contentHash`: the submitted manifest hash; when given, only a model whose files match it is scored. */
export type Submission = { submissionId: SubmissionId; modelId: string; contentHash?: Hex };
/** `score` in the metric's own unit: BPB for loss (lower is better), a fraction for the others. */
export type SubmissionScore = { submissionId: SubmissionId; score: number };
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
  submissions: readonly Submission[];
  device?: DeviceChoice;
  onScores: (scores: SubmissionScore[], failures: SubmissionFailure[]) => void;
};

async function fetchEvalSet(url: string): Promise<Dataset> {
  const response = await fetch(url).catch((error: unknown) => {
    throw Object.assign(new Error(`Could not fetch the evaluation set ${url}: ${String(error)}`), {
      code: "input",
    });
  });
  if (!response.ok)
    throw Object.assign(new Error(`Could not fetch the evaluation set ${url} (HTTP ${response.status}).`), {
      code: "input",
    });
  const fileName = new URL(url, "http://localhost").pathname.split("/").pop() ?? "";
  return parseDataset(new Uint8Array(await response.arrayBuffer()), { fileName });
}

/**
 * Scores each submitted model on one evaluation set with the task's metric, one model at a time in one
 * scorer worker, and reports the scores. A model that fails is reported and the next one is scored.
 */
export function useScoreSubmissions(options: ScoreSubmissionsOptions) {
  const { metric, evalSetUrl, submissions, device = "auto", onScores } = options;
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
    const scores: SubmissionScore[] = [];
    const failures: SubmissionFailure[] = [];
    try {
      const dataset = await fetchEvalSet(evalSetUrl);
      for (const [index, submission] of submissions.entries()) {
        if (abort.signal.aborted) break;
        try {
          client.current ??= createScorerClient();
          const scorer = await client.current;
          const meter = new LoadMeter();
          update(index, { status: "loading" });
          const embeddingModel = embeddingModelFor(metric, submission.modelId);
          await scorer.load(modelSourceFor(submission.modelId), {
            device,
            signal: abort.signal,
            ...(submission.contentHash ? { manifest: submission.contentHash } : {}),
            ...(embeddingModel ? { embeddingModel } : {}),
            onProgress: (progress) => update(index, { fraction: meter.update(progress) }),
          });
          update(index, { status: "scoring", fraction: 0 });
          const result = await scorer.score(
            { metric, dataset },
            {
              signal: abort.signal,
              onExample: (_e, done, total) => update(index, { fraction: done / total }),
            },
          );
          scores.push({ submissionId: submission.submissionId, score: result.totals.value });
          update(index, { status: "scored", fraction: 1, score: result.totals.value });
        } catch (caught) {
          const failure = toErrorView(caught);
          if (failure.code === "cancelled") {
            update(index, { status: "cancelled" });
            break;
          }
          if (needsFreshWorker(failure)) discard();
          failures.push({ submissionId: submission.submissionId, error: failure });
          update(index, { status: "failed", error: failure });
        }
      }
      if (!abort.signal.aborted) onScores(scores, failures);
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setRunning(false);
      controller.current = null;
    }
  }, [device, discard, evalSetUrl, metric, onScores, submissions]);

  /** Loads cannot stop half-way in the worker: cancelling drops the worker, the next run starts a new one. */
  const cancel = useCallback(() => {
    controller.current?.abort();
    discard();
  }, [discard]);

  return { rows, running, error, run, cancel };
}
