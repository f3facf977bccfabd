/**
 * The benchmark page's script (bundled by browser-runtime.ts): the app's ScorerClient over the app's real
 * scorer worker, served as /scorer.worker.js. Exposes `arenaBench.run` for Playwright to call.
 */
import { ScorerClient } from "../../lib/scoring/client";
import type { BrowserBenchRequest, BrowserBenchResult, ColdStartRequest, ColdStartResult } from "./protocol";

const worker = () => new Worker("/scorer.worker.js", { type: "module", name: "arena-scorer" });

/** What a user waits for: worker start, onnxruntime's wasm, model files, session and warm-up. */
async function coldStart(request: ColdStartRequest): Promise<ColdStartResult> {
  const client = new ScorerClient(worker);
  try {
    const started = performance.now();
    const report = await client.check();
    await client.load({ kind: "local", id: request.first }, { device: request.device });
    const coldMs = performance.now() - started;
    const second = performance.now();
    await client.load({ kind: "local", id: request.second }, { device: request.device });
    return { coldMs, secondModelMs: performance.now() - second, threads: report.threads };
  } finally {
    client.terminate();
  }
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

(globalThis as unknown as { arenaBench: { run: typeof run; coldStart: typeof coldStart } }).arenaBench = {
  run,
  coldStart,
};
