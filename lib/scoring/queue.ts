/**
 * The scoring loop shared by every page that scores several models in the browser (a validator's assigned
 * submissions, the models of a data target): one model at a time in one scorer, each loaded, then scored on
 * the same request, with progress, cancelling and per-model errors reported to the caller. The caller owns the
 * scorer (a worker, or a fake in tests), what a result becomes, and what an error means.
 */
import type { LoadCallbacks, ScorerClient } from "./client";
import type { DeviceReport, LoadProgress, ModelSource, ScoreRequest, ScoreResult } from "./protocol";

/** The part of ScorerClient the loop uses. */
export type QueueScorer = Pick<ScorerClient, "check" | "load" | "score">;

export type Loaded = Awaited<ReturnType<ScorerClient["load"]>>;

/** What happens to one item, in order: loading (with the worker's file progress), scoring, then one end. */
export type QueueEvent<R, E> =
  | { status: "loading"; progress?: LoadProgress }
  /** `fraction` of the examples scored: 0 when scoring starts. */
  | { status: "scoring"; fraction: number }
  | { status: "scored"; result: R }
  | { status: "failed"; error: E }
  | { status: "cancelled" };

/** After an error: go on with the next item, stop the run there, or count it as the user's cancel. */
export type ErrorAction = "continue" | "stop" | "cancelled";

export type ScoreQueueOptions<T, R, E> = {
  items: readonly T[];
  /** The scorer for the next item, asked for before each one (so a scorer replaced after a failure serves it). */
  scorer: () => Promise<QueueScorer>;
  /** What to load for an item and how (device, manifest, embedding model); the loop adds signal and progress. */
  load: (
    item: T,
    report: DeviceReport,
  ) => { source: ModelSource; options?: Omit<LoadCallbacks, "signal" | "onProgress"> };
  /** The same request (metric and dataset) for every item. */
  request: ScoreRequest;
  /** What the caller keeps of a scored item; throwing here fails the item like any other error. */
  accept: (item: T, result: ScoreResult, loaded: Loaded) => R;
  /** The caller's view of an error (a message, a typed error view). */
  describeError: (caught: unknown) => E;
  /** What an item's error means for the run (default: go on with the next item). */
  afterError?: (error: E, item: T, index: number) => ErrorAction;
  onEvent?: (index: number, event: QueueEvent<R, E>) => void;
  signal?: AbortSignal;
};

export type ScoreQueueOutcome<T, R, E> = {
  scored: { index: number; item: T; result: R }[];
  failed: { index: number; item: T; error: E }[];
  /** Why the run ended early: the signal or a cancelled item, or an error whose action was "stop". */
  stopped: "cancelled" | "error" | null;
  /** The scorer's last device report (threads, preferred device), when one was read. */
  report?: DeviceReport;
};

/** Scores `items` one at a time. An item's error is reported, not thrown; only the caller's own callbacks can throw. */
export async function scoreQueue<T, R, E>(
  options: ScoreQueueOptions<T, R, E>,
): Promise<ScoreQueueOutcome<T, R, E>> {
  const { items, request, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const outcome: ScoreQueueOutcome<T, R, E> = { scored: [], failed: [], stopped: null };
  for (const [index, item] of items.entries()) {
    if (signal?.aborted) {
      outcome.stopped = "cancelled";
      break;
    }
    try {
      const scorer = await options.scorer();
      emit(index, { status: "loading" });
      const report = await scorer.check();
      outcome.report = report;
      const { source, options: loadOptions } = options.load(item, report);
      const loaded = await scorer.load(source, {
        ...loadOptions,
        ...(signal ? { signal } : {}),
        onProgress: (progress) => emit(index, { status: "loading", progress }),
      });
      emit(index, { status: "scoring", fraction: 0 });
      const result = await scorer.score(request, {
        ...(signal ? { signal } : {}),
        onExample: (_example, done, total) => emit(index, { status: "scoring", fraction: done / total }),
      });
      const kept = options.accept(item, result, loaded);
      outcome.scored.push({ index, item, result: kept });
      emit(index, { status: "scored", result: kept });
    } catch (caught) {
      const error = options.describeError(caught);
      const action = options.afterError?.(error, item, index) ?? "continue";
      if (action === "cancelled") {
        emit(index, { status: "cancelled" });
        outcome.stopped = "cancelled";
        break;
      }
      outcome.failed.push({ index, item, error });
      emit(index, { status: "failed", error });
      if (action === "stop") {
        outcome.stopped = "error";
        break;
      }
    }
  }
  return outcome;
}
