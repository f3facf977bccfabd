/**
 * The scorer worker's logic, separate from the worker global so it also runs in Node (tests, and any
 * host that wants the same protocol without a browser). One model (and optionally an embedding model) is
 * loaded at a time; load, score and benchmark run one at a time, and `cancel` stops the running one.
 */
import { utf8ByteLength } from "../metrics/bpb";
import { createRng } from "../metrics/rng";
import { fasterDevice } from "./device";
import { ScorerError, toScorerError } from "./errors";
import { sourceKey, type LoadHooks, type ScorerEnvironment } from "./load";
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
  /** Whether "auto" should measure both devices on the model (hardware WebGPU); never by default. */
  shouldProbe?: (choice: DeviceChoice, report: DeviceReport) => boolean;
  post: (event: ScorerEvent) => void;
};

/** Tokens of the probe that picks between WebGPU and WASM on a hardware adapter. */
export const PROBE_TOKENS = 128;

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
  let running: { id: number; controller: AbortController; done: Promise<void> } | null = null;
  /** Requests cancelled before they started (the worker may hold requests until its runtime is ready). */
  const cancelledEarly = new Set<number>();
  let deviceReport: DeviceReport | null = null;
  /** What is loaded now, so that loading the same model again costs nothing. */
  let loadedKey: string | null = null;
  /** The probe's verdict per model, so "auto" measures a model once per worker. */
  const probed = new Map<string, ScorerDevice>();

  const report = async (): Promise<DeviceReport> => (deviceReport ??= await options.detectDevice());

  const unload = async (): Promise<void> => {
    const previous = [scorer, embedder];
    scorer = null;
    embedder = null;
    loadedKey = null;
    for (const model of new Set(previous)) await model?.dispose();
  };

  /**
   * One request at a time. A cancelled one may still be finishing (a model load cannot stop half-way): the next
   * request waits for it instead of being refused, so cancelling never needs a fresh worker.
   */
  const exclusive = async (id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> => {
    if (cancelledEarly.delete(id)) throw new ScorerError("cancelled", "Cancelled before it started.");
    while (running?.controller.signal.aborted) await running.done;
    if (running)
      throw new ScorerError("busy", `The scorer is busy with request ${running.id}; cancel it or wait.`);
    const controller = new AbortController();
    let finish = (): void => {};
    running = { id, controller, done: new Promise<void>((resolve) => (finish = resolve)) };
    try {
      await work(controller.signal);
    } finally {
      running = null;
      finish();
    }
  };

  /** "auto" on hardware WebGPU: loads the model on both devices, keeps the faster on a short run. */
  const probe = async (model: ModelSource, hooks: LoadHooks): Promise<Scorer> => {
    const candidates: Scorer[] = [];
    const speed: Partial<Record<ScorerDevice, number>> = {};
    for (const device of ["webgpu", "wasm"] as const) {
      const candidate = await Scorer.load(model, device, options.environment, hooks);
      candidates.push(candidate);
      const ids = seededIds(Math.min(PROBE_TOKENS, candidate.info.contextLength), candidate.info.vocabSize);
      speed[device] = (await candidate.benchmark(ids, ids.length)).tokensPerSecond;
    }
    const [gpu, cpu] = candidates as [Scorer, Scorer];
    const winner =
      fasterDevice({ webgpu: speed.webgpu ?? 0, wasm: speed.wasm ?? 0 }) === "webgpu" ? gpu : cpu;
    await (winner === gpu ? cpu : gpu).dispose();
    probed.set(sourceKey(model), winner.info.device);
    winner.info.probe = { webgpu: speed.webgpu ?? 0, wasm: speed.wasm ?? 0 };
    return winner;
  };

  const load = async (
    id: number,
    model: ModelSource,
    choice: DeviceChoice,
    embeddingModel: ModelSource | undefined,
    signal: AbortSignal,
  ): Promise<void> => {
    const modelKey = sourceKey(model);
    const keyOf = (device: ScorerDevice): string =>
      JSON.stringify([modelKey, device, embeddingModel ?? null]);
    const deviceInfo = await report();
    const probing = options.shouldProbe?.(choice, deviceInfo) === true;
    const device = probing ? probed.get(modelKey) : options.resolveDevice(choice, deviceInfo);
    if (device && scorer && embedder && keyOf(device) === loadedKey) {
      post({
        type: "loaded",
        id,
        info: scorer.info,
        ...(embedder !== scorer ? { embeddingInfo: embedder.info } : {}),
      });
      return;
    }
    await unload();
    const hooks = {
      onProgress: (progress: LoadProgress) => post({ type: "progress", id, progress }),
      onPhase: (phase: ScorerPhase) => post({ type: "phase", id, phase }),
    };
    const loaded = device
      ? await Scorer.load(model, device, options.environment, hooks)
      : await probe(model, hooks);
    if (signal.aborted) {
      await loaded.dispose();
      throw new ScorerError("cancelled", "Loading was cancelled.");
    }
    let loadedEmbedder = loaded;
    if (embeddingModel && (embeddingModel.id !== model.id || embeddingModel.kind !== model.kind)) {
      loadedEmbedder = await Scorer.load(embeddingModel, loaded.info.device, options.environment, hooks);
    }
    if (signal.aborted) {
      for (const m of new Set([loaded, loadedEmbedder])) await m.dispose();
      throw new ScorerError("cancelled", "Loading was cancelled.");
    }
    scorer = loaded;
    embedder = loadedEmbedder;
    loadedKey = keyOf(loaded.info.device);
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
          else cancelledEarly.add(request.target);
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
