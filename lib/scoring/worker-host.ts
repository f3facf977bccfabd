/**
 * The scorer worker's logic, separate from the worker global so it also runs in Node (tests, and any
 * host that wants the same protocol without a browser). One model (and optionally an embedding model) is
 * loaded at a time; load, score and benchmark run one at a time, and `cancel` stops the running one.
 */
import { utf8ByteLength } from "../metrics/bpb";
import { createRng } from "../metrics/rng";
import { ScorerError, toScorerError } from "./errors";
import type { ScorerEnvironment } from "./load";
import type {
  DeviceChoice,
  DeviceReport,
  LoadProgress,
  ModelSource,
  ScorerDevice,
  ScorerEvent,
  ScorerPhase,
  ScorerRequest,
} from "./protocol";
import { Scorer } from "./scorer";

export type ScorerHostOptions = {
  environment: ScorerEnvironment;
  detectDevice: () => Promise<DeviceReport>;
  resolveDevice: (choice: DeviceChoice, report: DeviceReport) => ScorerDevice;
  post: (event: ScorerEvent) => void;
};

export type ScorerHost = { handle: (request: ScorerRequest) => Promise<void> };

/** Deterministic stand-in input for throughput when no text is given (content does not change speed). */
function seededIds(tokens: number, vocabSize: number): number[] {
  const rng = createRng(tokens);
  const vocab = Math.max(2, Math.min(vocabSize, 256));
  return Array.from({ length: tokens }, () => rng.int(vocab));
}

export function createScorerHost(options: ScorerHostOptions): ScorerHost {
  const { post } = options;
  let scorer: Scorer | null = null;
  let embedder: Scorer | null = null;
  let running: { id: number; controller: AbortController } | null = null;
  let deviceReport: DeviceReport | null = null;

  const report = async (): Promise<DeviceReport> => (deviceReport ??= await options.detectDevice());

  const unload = async (): Promise<void> => {
    const previous = [scorer, embedder];
    scorer = null;
    embedder = null;
    for (const model of new Set(previous)) await model?.dispose();
  };

  const exclusive = async (id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> => {
    if (running)
      throw new ScorerError("busy", `The scorer is busy with request ${running.id}; cancel it or wait.`);
    running = { id, controller: new AbortController() };
    try {
      await work(running.controller.signal);
    } finally {
      running = null;
    }
  };

  const load = async (
    id: number,
    model: ModelSource,
    choice: DeviceChoice,
    embeddingModel: ModelSource | undefined,
    signal: AbortSignal,
  ): Promise<void> => {
    const device = options.resolveDevice(choice, await report());
    await unload();
    const hooks = {
      onProgress: (progress: LoadProgress) => post({ type: "progress", id, progress }),
      onPhase: (phase: ScorerPhase) => post({ type: "phase", id, phase }),
    };
    const loaded = await Scorer.load(model, device, options.environment, hooks);
    let loadedEmbedder = loaded;
    if (embeddingModel && (embeddingModel.id !== model.id || embeddingModel.kind !== model.kind)) {
      loadedEmbedder = await Scorer.load(embeddingModel, device, options.environment, hooks);
    }
    if (signal.aborted) {
      for (const m of new Set([loaded, loadedEmbedder])) await m.dispose();
      throw new ScorerError("cancelled", "Loading was cancelled.");
    }
    scorer = loaded;
    embedder = loadedEmbedder;
    post({
      type: "loaded",
      id,
      info: loaded.info,
      ...(loadedEmbedder !== loaded ? { embeddingInfo: loadedEmbedder.info } : {}),
    });
  };

  const requireScorer = (): Scorer => {
    if (!scorer) throw new ScorerError("not_loaded", "Load a model before scoring.");
    return scorer;
  };

  const handle = async (request: ScorerRequest): Promise<void> => {
    try {
      switch (request.type) {
        case "check":
          post({ type: "device", id: request.id, report: await report() });
          return;
        case "cancel":
          if (running?.id === request.target) running.controller.abort();
          return;
        case "unload":
          await exclusive(request.id, unload);
          post({ type: "unloaded", id: request.id });
          return;
        case "load":
          await exclusive(request.id, (signal) =>
            load(request.id, request.model, request.device, request.embeddingModel, signal),
          );
          return;
        case "score":
          await exclusive(request.id, async (signal) => {
            const active = requireScorer();
            post({ type: "phase", id: request.id, phase: "scoring" });
            const result = await active.score(request.request, {
              signal,
              onExample: (example, done, total) =>
                post({ type: "example", id: request.id, result: example, done, total }),
              ...(embedder ? { embedder } : {}),
            });
            post({ type: "scored", id: request.id, result });
          });
          return;
        case "benchmark":
          await exclusive(request.id, async () => {
            const active = requireScorer();
            const ids =
              request.text === undefined
                ? seededIds(request.tokens, active.info.vocabSize)
                : active.encodeText(request.text).slice(0, request.tokens);
            const bytes = request.text === undefined ? undefined : utf8ByteLength(active.decode(ids));
            const result = await active.benchmark(
              ids,
              request.sequenceLength ?? active.info.contextLength,
              bytes,
            );
            post({ type: "benchmarked", id: request.id, result });
          });
          return;
      }
    } catch (error) {
      post({
        type: "error",
        id: request.id,
        error: toScorerError(error, request.type === "load" ? "load" : "score").toData(),
      });
    }
  };

  return { handle };
}
