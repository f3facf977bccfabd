/**
 * A typed, promise-based client for the scorer worker. Every call resolves with its terminal event or
 * rejects with a ScorerError; an AbortSignal sends `cancel`; a crashed worker rejects everything pending
 * (so the page never waits forever).
 *
 *   const scorer = new ScorerClient();
 *   const device = await scorer.check();
 *   const { info } = await scorer.load({ kind: "local", id: "arena-lm-base" }, { device: "auto", onProgress });
 *   const result = await scorer.score({ metric: "loss", dataset }, { onExample, signal });
 */
import type { Hex } from "viem";
import { needsWebgpuRuntime, workerName, type OrtRuntime } from "./device";
import { isScorerErrorData, ScorerError } from "./errors";
import type {
  BenchmarkResult,
  DeviceChoice,
  DeviceReport,
  ExampleResult,
  LoadedModelInfo,
  LoadProgress,
  ModelSource,
  ScoreRequest,
  ScoreResult,
  ScorerEvent,
  ScorerPhase,
  ScorerRequest,
} from "./protocol";

/** The part of Worker the client uses (a MessagePort-like fake works in tests). */
export type WorkerLike = {
  postMessage: (message: ScorerRequest) => void;
  addEventListener: {
    (type: "message", listener: (event: MessageEvent<ScorerEvent>) => void): void;
    (type: "error" | "messageerror", listener: (event: Event) => void): void;
  };
  terminate: () => void;
};

type Terminal = Extract<ScorerEvent, { type: "device" | "loaded" | "scored" | "benchmarked" | "unloaded" }>;

type Pending = {
  resolve: (event: Terminal) => void;
  reject: (error: ScorerError) => void;
  onEvent?: (event: ScorerEvent) => void;
};

type Distribute<R> = R extends { id: number } ? Omit<R, "id"> : never;
type RequestBody = Distribute<ScorerRequest>;

export type LoadCallbacks = {
  device?: DeviceChoice;
  /** Also load this model to embed texts (reference similarity), when the scored model cannot. */
  embeddingModel?: ModelSource;
  /** The model's content hash: load only files verified against this manifest (lib/scoring/manifest.ts). */
  manifest?: Hex;
  onProgress?: (progress: LoadProgress) => void;
  onPhase?: (phase: ScorerPhase) => void;
  signal?: AbortSignal;
};

export type ScoreCallbacks = {
  onExample?: (result: ExampleResult, done: number, total: number) => void;
  signal?: AbortSignal;
};

/** A scorer worker running onnxruntime's WASM-only build, or its WebGPU (asyncify) build (scorer.worker.ts). */
export function createScorerWorker(runtime: OrtRuntime = "wasm"): WorkerLike {
  return new Worker(new URL("./scorer.worker.ts", import.meta.url), {
    type: "module",
    name: workerName(runtime),
  });
}

export class ScorerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: WorkerLike;
  private restart = false;
  /** The onnxruntime build of the current worker: WASM-only until a load may need WebGPU. */
  private runtime: OrtRuntime = "wasm";
  private report: Promise<DeviceReport> | null = null;

  constructor(private readonly createWorker: (runtime: OrtRuntime) => WorkerLike = createScorerWorker) {
    this.worker = this.start("wasm");
  }

  private start(runtime: OrtRuntime): WorkerLike {
    const worker = this.createWorker(runtime);
    this.runtime = runtime;
    worker.addEventListener("message", (event) => {
      if (worker === this.worker) this.receive(event.data);
    });
    worker.addEventListener("error", (event) => {
      if (worker !== this.worker) return;
      this.restart = true;
      this.failAll(crashError(event));
    });
    worker.addEventListener("messageerror", () => {
      if (worker !== this.worker) return;
      this.restart = true;
      this.failAll(new ScorerError("internal", "The scorer worker sent a message that could not be read."));
    });
    return worker;
  }

  /** The WASM-only build cannot run WebGPU: the first load that may need it moves to a WebGPU worker (once). */
  private async runtimeFor(choice: DeviceChoice): Promise<void> {
    if (this.runtime === "webgpu" || choice === "wasm") return;
    if (!needsWebgpuRuntime(choice, await this.check())) return;
    this.failAll(new ScorerError("cancelled", "The scorer moved to its WebGPU runtime."));
    this.worker.terminate();
    this.worker = this.start("webgpu");
  }

  /** Which onnxruntime build the worker runs now. */
  get ortRuntime(): OrtRuntime {
    return this.runtime;
  }

  /**
   * Whether this worker should be replaced: it crashed, ran out of memory or failed internally (its state is
   * unknown), or a cancelled load is still downloading a hub model (transformers.js cannot stop a download, and
   * the next request would wait for it). A cancelled local load or score keeps the worker and its compiled wasm.
   */
  get needsRestart(): boolean {
    return this.restart;
  }

  /** The device report (asked once per client: it does not change during a visit). */
  check(): Promise<DeviceReport> {
    if (!this.report) {
      const report = this.request({ type: "check" }, {}).then((event) => expect(event, "device").report);
      this.report = report;
      report.catch(() => {
        if (this.report === report) this.report = null;
      });
    }
    return this.report;
  }

  async load(
    model: ModelSource,
    options: LoadCallbacks = {},
  ): Promise<{ info: LoadedModelInfo; embeddingInfo?: LoadedModelInfo }> {
    await this.runtimeFor(options.device ?? "auto");
    const event = await this.request(
      {
        type: "load",
        model: options.manifest ? { ...model, manifest: options.manifest } : model,
        device: options.device ?? "auto",
        ...(options.embeddingModel ? { embeddingModel: options.embeddingModel } : {}),
      },
      {
        signal: options.signal,
        onEvent: (e) => {
          if (e.type === "progress") options.onProgress?.(e.progress);
          if (e.type === "phase") options.onPhase?.(e.phase);
        },
      },
    );
    const loaded = expect(event, "loaded");
    return { info: loaded.info, ...(loaded.embeddingInfo ? { embeddingInfo: loaded.embeddingInfo } : {}) };
  }

  async score(request: ScoreRequest, options: ScoreCallbacks = {}): Promise<ScoreResult> {
    const event = await this.request(
      { type: "score", request },
      {
        signal: options.signal,
        onEvent: (e) => e.type === "example" && options.onExample?.(e.result, e.done, e.total),
      },
    );
    return expect(event, "scored").result;
  }

  async benchmark(options: {
    tokens: number;
    sequenceLength?: number;
    text?: string;
    signal?: AbortSignal;
  }): Promise<BenchmarkResult> {
    const { signal, ...body } = options;
    return expect(await this.request({ type: "benchmark", ...body }, { signal }), "benchmarked").result;
  }

  async unload(): Promise<void> {
    expect(await this.request({ type: "unload" }, {}), "unloaded");
  }

  terminate(): void {
    this.failAll(new ScorerError("cancelled", "The scorer was closed."));
    this.worker.terminate();
  }

  private request(
    body: RequestBody,
    options: { signal?: AbortSignal | undefined; onEvent?: (event: ScorerEvent) => void },
  ): Promise<Terminal> {
    const id = this.nextId++;
    return new Promise<Terminal>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new ScorerError("cancelled", "Cancelled before it started."));
        return;
      }
      let phase: ScorerPhase | null = null;
      // The worker stops at its next checkpoint; the caller is answered at once (the worker finishes a load that
      // cannot stop half-way, and queues the next request behind it).
      const onAbort = (): void => {
        this.worker.postMessage({ type: "cancel", id: this.nextId++, target: id });
        // A hub model's files may still be downloading (until its warm-up): that cannot stop, so start afresh.
        if (body.type === "load" && body.model.kind === "hub" && phase !== "warming-up") this.restart = true;
        this.pending.get(id)?.reject(new ScorerError("cancelled", "Cancelled."));
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const done = (): void => {
        options.signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: (event) => {
          done();
          resolve(event);
        },
        reject: (error) => {
          done();
          reject(error);
        },
        onEvent: (event) => {
          if (event.type === "phase") phase = event.phase;
          options.onEvent?.(event);
        },
      });
      this.worker.postMessage({ ...body, id } as ScorerRequest);
    });
  }

  private receive(event: ScorerEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending) return;
    switch (event.type) {
      case "progress":
      case "phase":
      case "example":
        pending.onEvent?.(event);
        return;
      case "error":
        if (event.error.code === "out_of_memory" || event.error.code === "internal") this.restart = true;
        pending.reject(new ScorerError(event.error.code, event.error.message, detailsOf(event.error)));
        return;
      default:
        pending.resolve(event);
    }
  }

  private failAll(error: ScorerError): void {
    for (const pending of [...this.pending.values()]) pending.reject(error);
  }
}

function detailsOf(error: { line?: number; files?: string[] }): { line?: number; files?: string[] } {
  return {
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.files ? { files: error.files } : {}),
  };
}

function expect<T extends Terminal["type"]>(event: Terminal, type: T): Extract<Terminal, { type: T }> {
  if (event.type !== type)
    throw new ScorerError("internal", `Expected a ${type} event from the scorer, got ${event.type}.`);
  return event as Extract<Terminal, { type: T }>;
}

function crashError(event: Event): ScorerError {
  const message = "message" in event && typeof event.message === "string" ? event.message : "";
  if (/memory/i.test(message))
    return new ScorerError("out_of_memory", `The scorer ran out of memory: ${message}`);
  if (isScorerErrorData(event)) return new ScorerError(event.code, event.message);
  return new ScorerError(
    "internal",
    `The scorer worker stopped unexpectedly${message ? `: ${message}` : ""}.`,
  );
}
