/**
 * The benchmark page's script (bundled by browser-runtime.ts): the app's ScorerClient over the app's real
 * scorer worker, served as /scorer.worker.js. Exposes `arenaBench.run` for Playwright to call.
 */
import { ScorerClient } from "../../lib/scoring/client";
import { workerName, type OrtRuntime } from "../../lib/scoring/device";
import type {
  BrowserBenchRequest,
  BrowserBenchResult,
  ColdBreakdown,
  ColdStartRequest,
  ColdStartResult,
} from "./protocol";

/** The app's worker, named for the onnxruntime build it runs (as createScorerWorker does). */
const worker = (runtime: OrtRuntime) =>
  new Worker("/scorer.worker.js", { type: "module", name: workerName(runtime) });

/** What a user waits for: worker start, onnxruntime's wasm, model files, session and warm-up. */
async function coldStart(request: ColdStartRequest): Promise<ColdStartResult> {
  const client = new ScorerClient(worker);
  try {
    const started = performance.now();
    const report = await client.check();
    const checkMs = performance.now() - started;
    const phases: { phase: string; ms: number }[] = [];
    const first = await client.load(
      { kind: "local", id: request.first },
      { device: request.device, onPhase: (phase) => phases.push({ phase, ms: performance.now() - started }) },
    );
    const coldMs = performance.now() - started;
    const second = performance.now();
    const secondPhases: { phase: string; ms: number }[] = [];
    const next = await client.load(
      { kind: "local", id: request.second },
      {
        device: request.device,
        onPhase: (phase) => secondPhases.push({ phase, ms: performance.now() - second }),
      },
    );
    return {
      coldMs,
      secondModelMs: performance.now() - second,
      threads: report.threads,
      checkMs,
      phases,
      secondPhases,
      first: { loadMs: first.info.loadMs, warmupMs: first.info.warmupMs },
      second: { loadMs: next.info.loadMs, warmupMs: next.info.warmupMs },
    };
  } finally {
    client.terminate();
  }
}

/** The parts of a cold start on their own: the wasm's fetch and compile, the model files' fetch. */
async function breakdown(request: { wasm: string; modelFiles: string[] }): Promise<ColdBreakdown> {
  let started = performance.now();
  const bytes = await (await fetch(request.wasm)).arrayBuffer();
  const wasmFetchMs = performance.now() - started;
  started = performance.now();
  await WebAssembly.compile(bytes);
  const wasmCompileMs = performance.now() - started;
  started = performance.now();
  const sizes = await Promise.all(
    request.modelFiles.map(async (file) => (await (await fetch(file)).arrayBuffer()).byteLength),
  );
  return {
    wasmBytes: bytes.byteLength,
    wasmFetchMs,
    wasmCompileMs,
    modelFetchMs: performance.now() - started,
    modelBytes: sizes.reduce((a, b) => a + b, 0),
  };
}

async function run(request: BrowserBenchRequest): Promise<BrowserBenchResult> {
  const text = await (await fetch("/models/samples/bench-100k.txt")).text();
  const client = new ScorerClient(worker);
  try {
    const report = await client.check();
    const started = performance.now();
    const { info } = await client.load({ kind: "local", id: request.modelId }, { device: request.device });
    const loadWallMs = performance.now() - started;
    const result = await client.benchmark({
      tokens: request.tokens,
      sequenceLength: request.sequenceLength,
      text,
    });
    return { report, info, loadWallMs, result };
  } finally {
    client.terminate();
  }
}

(
  globalThis as unknown as {
    arenaBench: { run: typeof run; coldStart: typeof coldStart; breakdown: typeof breakdown };
  }
).arenaBench = { run, coldStart, breakdown };
