import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { parseDataset } from "../metrics/parsers";
import { ScorerClient, type WorkerLike } from "./client";
import { resolveDevice } from "./device";
import { ScorerError } from "./errors";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "./node-files";
import type { DeviceReport, ScorerEvent, ScorerRequest } from "./protocol";
import { createScorerHost } from "./worker-host";

/** The worker protocol in one process: every message is structured-cloned, as postMessage would. */
function inProcessWorker(
  report: DeviceReport = { webgpu: false, preferred: "wasm", reason: "Node", threads: 1 },
): WorkerLike & { crash: (message: string) => void } {
  const messageListeners: ((event: MessageEvent<ScorerEvent>) => void)[] = [];
  const errorListeners: ((event: Event) => void)[] = [];
  const host = createScorerHost({
    environment: nodeEnvironment(),
    detectDevice: async () => report,
    // Node's CPU runtime stands in for either device (resolveDevice still refuses WebGPU where there is none).
    resolveDevice: (choice, r) => (resolveDevice(choice, r), "cpu"),
    post: (event) => {
      const data = structuredClone(event);
      setTimeout(
        () => messageListeners.forEach((listener) => listener({ data } as MessageEvent<ScorerEvent>)),
        0,
      );
    },
  });
  return {
    postMessage: (message: ScorerRequest) => {
      const data = structuredClone(message);
      setTimeout(() => void host.handle(data), 0);
    },
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === "message") messageListeners.push(listener as (event: MessageEvent<ScorerEvent>) => void);
      else errorListeners.push(listener as (event: Event) => void);
    },
    terminate: () => {},
    crash: (message) =>
      errorListeners.forEach((listener) => listener(Object.assign(new Event("error"), { message }))),
  } as WorkerLike & { crash: (message: string) => void };
}

describe("one long-lived worker", () => {
  it("answers a load of the model it already has at once, and loads another model in the same worker", async () => {
    const client = new ScorerClient(() => inProcessWorker());
    try {
      const first = await client.load({ kind: "local", id: "arena-lm-tiny" });
      const phases: string[] = [];
      const started = performance.now();
      const again = await client.load(
        { kind: "local", id: "arena-lm-tiny" },
        { onPhase: (p) => phases.push(p) },
      );
      assert.ok(performance.now() - started < 50, "no second load");
      assert.deepEqual(phases, [], "no load phases: nothing was loaded");
      assert.deepEqual(again.info, first.info);
      const other = await client.load({ kind: "local", id: "arena-lm-small" });
      assert.equal(other.info.id, "arena-lm-small");
    } finally {
      client.terminate();
    }
  });

  it("a cancelled load answers at once and keeps the worker: the next load waits for it, then runs", async () => {
    let workers = 0;
    const client = new ScorerClient(() => (workers++, inProcessWorker()));
    try {
      const controller = new AbortController();
      const cancelled = client.load(
        { kind: "local", id: "arena-lm-base" },
        { signal: controller.signal, onPhase: (p) => p === "loading" && controller.abort() },
      );
      await assert.rejects(cancelled, { code: "cancelled" });
      assert.equal(client.needsRestart, false, "a cancelled local load needs no fresh worker");
      const next = await client.load({ kind: "local", id: "arena-lm-small" });
      assert.equal(next.info.id, "arena-lm-small");
      const scored = await client.score({
        metric: "loss",
        dataset: { format: "text", examples: [{ text: "hi" }] },
      });
      assert.equal(scored.examples.length, 1);
      assert.equal(workers, 1);
    } finally {
      client.terminate();
    }
  });
});

describe("cancelling a hub download", () => {
  it("answers at once and marks the worker for replacement (a download cannot stop)", async () => {
    const client = new ScorerClient(() => inProcessWorker());
    try {
      const controller = new AbortController();
      const loading = client.load(
        { kind: "hub", id: "arena-test/not-a-model" },
        // At its first phase (checking the hub), the load is under way in the worker.
        { signal: controller.signal, onPhase: () => controller.abort() },
      );
      await assert.rejects(loading, { code: "cancelled" });
      assert.equal(client.needsRestart, true);
    } finally {
      client.terminate();
    }
  });
});

describe("the onnxruntime build of the worker", () => {
  it("stays WASM-only for WASM loads and moves to the WebGPU build (once) for a load that may use WebGPU", async () => {
    const runtimes: string[] = [];
    const report = {
      webgpu: true,
      preferred: "wasm" as const,
      adapter: { vendor: "google", architecture: "swiftshader", software: true },
      threads: 1,
    };
    const client = new ScorerClient((runtime) => {
      runtimes.push(runtime);
      return inProcessWorker(report);
    });
    try {
      await client.load({ kind: "local", id: "arena-lm-tiny" });
      await client.load({ kind: "local", id: "arena-lm-small" }, { device: "wasm" });
      assert.deepEqual(runtimes, ["wasm"]);
      assert.equal(client.ortRuntime, "wasm");
      await client.load({ kind: "local", id: "arena-lm-tiny" }, { device: "webgpu" });
      await client.load({ kind: "local", id: "arena-lm-small" }, { device: "webgpu" });
      assert.deepEqual(runtimes, ["wasm", "webgpu"]);
      assert.equal(client.ortRuntime, "webgpu");
    } finally {
      client.terminate();
    }
  });
});

describe("ScorerClient ↔ worker host", () => {
  const worker = inProcessWorker();
  const client = new ScorerClient(() => worker);
  after(() => client.terminate());

  it("checks the device, loads with progress and phases, scores with per-example events", async () => {
    const device = await client.check();
    assert.deepEqual(device, { webgpu: false, preferred: "wasm", reason: "Node", threads: 1 });
    const phases: string[] = [];
    const progress: string[] = [];
    const { info } = await client.load(
      { kind: "local", id: "arena-lm-small" },
      { onPhase: (phase) => phases.push(phase), onProgress: (p) => progress.push(p.status) },
    );
    assert.equal(info.device, "cpu");
    assert.deepEqual(phases, ["checking-files", "loading", "loading", "warming-up"]);
    assert.ok(progress.includes("done"), progress.join());
    const dataset = parseDataset(await readFile(path.join(SHIPPED_MODELS_DIR, "samples", "chat.jsonl")), {
      fileName: "chat.jsonl",
    });
    const seen: number[] = [];
    const result = await client.score(
      { metric: "loss", dataset },
      { onExample: (_, done) => seen.push(done) },
    );
    assert.equal(result.examples.length, dataset.examples.length);
    assert.deepEqual(
      seen,
      dataset.examples.map((_, i) => i + 1),
    );
    assert.ok(result.totals.value > 0 && result.totals.tokensPerSecond > 0);
  });

  it("forcing WebGPU where there is none is a clear error", async () => {
    await assert.rejects(client.load({ kind: "local", id: "arena-lm-small" }, { device: "webgpu" }), {
      code: "no_webgpu",
    });
  });

  it("cancels a running score through an AbortSignal and refuses work while busy", async () => {
    await client.load({ kind: "local", id: "arena-lm-base" });
    const dataset = parseDataset(await readFile(path.join(SHIPPED_MODELS_DIR, "samples", "chat.jsonl")), {
      fileName: "chat.jsonl",
    });
    const controller = new AbortController();
    const scoring = client.score(
      { metric: "loss", dataset },
      { signal: controller.signal, onExample: (_, done) => done === 2 && controller.abort() },
    );
    await assert.rejects(client.score({ metric: "loss", dataset }), { code: "busy" });
    await assert.rejects(scoring, { code: "cancelled" });
    const bench = await client.benchmark({ tokens: 2000, sequenceLength: 500 });
    assert.equal(bench.tokens, 2000 + Math.ceil(2000 / 499)); // one BOS per window of 499
  });

  it("reports missing models and worker crashes as errors, not hangs", async () => {
    await assert.rejects(client.load({ kind: "local", id: "nope" }), (error: unknown) => {
      assert.ok(error instanceof ScorerError);
      assert.equal(error.code, "model_not_found");
      return true;
    });
    await assert.rejects(
      client.score({ metric: "loss", dataset: { format: "text", examples: [{ text: "x" }] } }),
      { code: "not_loaded" },
    );
    // A load takes a while: the crash comes while it is pending.
    const pending = client.load({ kind: "local", id: "arena-lm-tiny" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    worker.crash("Out of memory");
    await assert.rejects(pending, { code: "out_of_memory" });
    assert.equal(client.needsRestart, true, "a crashed worker is replaced");
  });
});
