"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ScorerClient } from "@/lib/scoring/client";
import type {
  BenchmarkResult,
  DeviceChoice,
  DeviceReport,
  ExampleResult,
  LoadedModelInfo,
  ModelSource,
  ScoreRequest,
  ScoreResult,
  ScorerPhase,
} from "@/lib/scoring/protocol";
import {
  createScorerClient,
  discardScorerClient,
  LoadMeter,
  needsFreshWorker,
  toErrorView,
  type ErrorView,
} from "@/lib/scoring/scorer-client";

export type RunStatus = "idle" | "loading" | "scoring" | "benchmarking";

export type ScorerState = {
  status: RunStatus;
  phase: ScorerPhase | null;
  /** Fraction of the model files loaded, null while unknown. */
  loadFraction: number | null;
  device: DeviceReport | null;
  model: LoadedModelInfo | null;
  examples: ExampleResult[];
  progress: { done: number; total: number } | null;
  result: ScoreResult | null;
  benchmark: BenchmarkResult | null;
  error: ErrorView | null;
  notice: string | null;
};

export type ModelChoice = { model: ModelSource; device: DeviceChoice; embeddingModel?: ModelSource };

const INITIAL: ScorerState = {
  status: "idle",
  phase: null,
  loadFraction: null,
  device: null,
  model: null,
  examples: [],
  progress: null,
  result: null,
  benchmark: null,
  error: null,
  notice: null,
};

/**
 * Examples arrive as fast as the worker scores them; rendering each one would keep the main thread busy
 * (and a click on Cancel waiting), so they reach React in batches, a few times a second.
 */
class ExampleStream {
  private pending: ExampleResult[] = [];
  private progress = { done: 0, total: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly deliver: (examples: ExampleResult[], progress: { done: number; total: number }) => void,
    private readonly intervalMs = 200,
  ) {}

  push = (example: ExampleResult, done: number, total: number): void => {
    this.pending.push(example);
    this.progress = { done, total };
    this.timer ??= setTimeout(this.flush, this.intervalMs);
  };

  flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const examples = this.pending;
    this.pending = [];
    this.deliver(examples, this.progress);
  };
}

const inputError = (message: string): Error => Object.assign(new Error(message), { code: "input" });

const keyOf = (choice: ModelChoice): string =>
  JSON.stringify([choice.model, choice.device, choice.embeddingModel ?? null]);

/** The /scorer page's state machine over one scorer worker: load (cached per model) → score or benchmark. */
export function useScorer() {
  const [state, setState] = useState<ScorerState>(INITIAL);
  const clientRef = useRef<Promise<ScorerClient> | null>(null);
  const loaded = useRef<{ key: string; info: LoadedModelInfo } | null>(null);
  const loading = useRef(false);
  const running = useRef<AbortController | null>(null);
  const patch = useCallback((update: Partial<ScorerState>) => setState((s) => ({ ...s, ...update })), []);

  const client = useCallback((): Promise<ScorerClient> => {
    if (!clientRef.current) {
      // Keep the shared promise itself (discardScorerClient recognises the worker by it).
      const shared = createScorerClient();
      clientRef.current = shared;
      void shared.then((created) =>
        created.check().then(
          (device) => patch({ device }),
          () => {},
        ),
      );
    }
    return clientRef.current;
  }, [patch]);

  const discardWorker = useCallback(() => {
    const previous = clientRef.current;
    clientRef.current = null;
    loaded.current = null;
    discardScorerClient(previous);
  }, []);

  // The worker outlives the page (it is shared): leaving only stops what this page was running.
  useEffect(() => {
    void client();
    return () => running.current?.abort();
  }, [client]);

  const ensureLoaded = useCallback(
    async (choice: ModelChoice, signal: AbortSignal): Promise<LoadedModelInfo> => {
      const scorer = await client();
      const key = keyOf(choice);
      // Always asked: the shared worker answers at once when this model is what it has loaded, and another
      // component may have loaded a different one since.
      loaded.current = null;
      const meter = new LoadMeter();
      patch({ status: "loading", phase: "checking-files", loadFraction: null, model: null });
      loading.current = true;
      try {
        const { info } = await scorer.load(choice.model, {
          device: choice.device,
          ...(choice.embeddingModel ? { embeddingModel: choice.embeddingModel } : {}),
          signal,
          onPhase: (phase) => patch({ phase }),
          onProgress: (progress) => patch({ loadFraction: meter.update(progress) }),
        });
        loaded.current = { key, info };
        patch({ model: info, loadFraction: 1 });
        return info;
      } finally {
        loading.current = false;
      }
    },
    [client, patch],
  );

  const run = useCallback(
    async (work: (scorer: ScorerClient, signal: AbortSignal) => Promise<Partial<ScorerState>>) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      patch({ error: null, notice: null });
      try {
        const done = await work(await client(), controller.signal);
        patch({ ...done, status: "idle", phase: null });
      } catch (caught) {
        const error = toErrorView(caught);
        if (error.code === "cancelled") {
          patch({ status: "idle", phase: null, notice: "Cancelled. Your inputs are unchanged." });
          return;
        }
        if (needsFreshWorker(error)) {
          discardWorker();
          patch({ model: null });
        }
        patch({ status: "idle", phase: null, error });
      } finally {
        if (running.current === controller) running.current = null;
      }
    },
    [client, discardWorker, patch],
  );

  const score = useCallback(
    (choice: ModelChoice, request: ScoreRequest) =>
      run(async (scorer, signal) => {
        const info = await ensureLoaded(choice, signal);
        const vector = request.targetVector;
        if (vector && info.hiddenSize !== null && vector.length !== info.hiddenSize) {
          throw inputError(
            `The target vector has ${vector.length} numbers; ${info.id} embeddings have ${info.hiddenSize}.`,
          );
        }
        patch({ status: "scoring", phase: "scoring", examples: [], result: null, progress: null });
        const stream = new ExampleStream((examples, progress) =>
          setState((s) => ({ ...s, examples: [...s.examples, ...examples], progress })),
        );
        try {
          const result = await scorer.score(request, { signal, onExample: stream.push });
          return { result, examples: result.examples };
        } finally {
          stream.flush();
        }
      }),
    [ensureLoaded, patch, run],
  );

  const benchmark = useCallback(
    (choice: ModelChoice, tokens: number, text?: string) =>
      run(async (scorer, signal) => {
        await ensureLoaded(choice, signal);
        patch({ status: "benchmarking", benchmark: null });
        const result = await scorer.benchmark({ tokens, signal, ...(text ? { text } : {}) });
        return { benchmark: result };
      }),
    [ensureLoaded, patch, run],
  );

  /** Cancelling answers at once; discardWorker replaces the shared worker only if it needs a restart. */
  const cancel = useCallback(() => {
    running.current?.abort();
    if (loading.current) discardWorker();
  }, [discardWorker]);

  return { state, score, benchmark, cancel };
}
