import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DeviceReport, LoadedModelInfo, ModelSource, ScoreRequest, ScoreResult } from "./protocol";
import { scoreQueue, type QueueEvent, type QueueScorer } from "./queue";

const REPORT: DeviceReport = { webgpu: false, preferred: "wasm", threads: 2 };
const REQUEST: ScoreRequest = {
  metric: "loss",
  dataset: { format: "text", examples: [{ text: "ab" }, { text: "cd" }] },
};

/** A scorer whose model `fail:<message>` fails to load and whose model `never` waits for the signal. */
function fakeScorer(log: string[]): QueueScorer {
  let loaded = "";
  return {
    check: () => Promise.resolve(REPORT),
    load: (model: ModelSource, options = {}) => {
      log.push(`load ${model.id} ${options.device ?? "-"}`);
      if (model.id.startsWith("fail:")) return Promise.reject(new Error(model.id.slice(5)));
      loaded = model.id;
      options.onProgress?.({ status: "progress", file: "model.onnx", loaded: 1, total: 2 });
      const info = { id: model.id, device: "wasm" } as LoadedModelInfo;
      return Promise.resolve({ info });
    },
    score: (request, options = {}) => {
      if (loaded === "never")
        return new Promise<ScoreResult>((_resolve, reject) =>
          options.signal?.addEventListener("abort", () => reject(new Error("cancelled"))),
        );
      const total = request.dataset.examples.length;
      for (let done = 1; done <= total; done++) options.onExample?.(undefined as never, done, total);
      const value = loaded.length;
      return Promise.resolve({
        totals: { value, embedding: [value] },
        examples: [],
      } as unknown as ScoreResult);
    },
  };
}

const run = (
  ids: string[],
  extra: { afterError?: (e: string) => "continue" | "stop" | "cancelled"; signal?: AbortSignal } = {},
) => {
  const log: string[] = [];
  const events: [number, QueueEvent<number, string>][] = [];
  const scorer = fakeScorer(log);
  let asked = 0;
  const outcome = scoreQueue({
    items: ids,
    scorer: () => {
      asked += 1;
      return Promise.resolve(scorer);
    },
    load: (id) => ({ source: { kind: "local", id }, options: { device: "auto" } }),
    request: REQUEST,
    accept: (_id, result) => result.totals.value,
    describeError: (e) => (e instanceof Error ? e.message : String(e)),
    onEvent: (index, event) => events.push([index, event]),
    ...extra,
  });
  return { outcome, log, events, asked: () => asked };
};

describe("the scoring queue", () => {
  it("loads and scores each item in order, with load and example progress", async () => {
    const { outcome, log, events, asked } = run(["abc", "de"]);
    const result = await outcome;
    assert.deepEqual(log, ["load abc auto", "load de auto"]);
    assert.deepEqual(
      result.scored.map((s) => [s.index, s.item, s.result]),
      [
        [0, "abc", 3],
        [1, "de", 2],
      ],
    );
    assert.deepEqual(result.failed, []);
    assert.equal(result.stopped, null);
    assert.equal(result.report?.threads, 2);
    assert.equal(asked(), 2, "the scorer is asked for before each item");
    assert.deepEqual(
      events.filter(([i]) => i === 0).map(([, e]) => e),
      [
        { status: "loading" },
        { status: "loading", progress: { status: "progress", file: "model.onnx", loaded: 1, total: 2 } },
        { status: "scoring", fraction: 0 },
        { status: "scoring", fraction: 0.5 },
        { status: "scoring", fraction: 1 },
        { status: "scored", result: 3 },
      ],
    );
  });

  it("reports an item's error and goes on with the next, or stops when told to", async () => {
    const going = await run(["a", "fail:no file", "bc"]).outcome;
    assert.deepEqual(
      going.failed.map((f) => [f.index, f.error]),
      [[1, "no file"]],
    );
    assert.deepEqual(
      going.scored.map((s) => s.item),
      ["a", "bc"],
    );

    const stopping = run(["fail:broken", "a"], { afterError: () => "stop" });
    const stopped = await stopping.outcome;
    assert.equal(stopped.stopped, "error");
    assert.deepEqual(stopped.scored, []);
    assert.deepEqual(stopping.log, ["load fail:broken auto"], "nothing after the failure is loaded");
    assert.deepEqual(stopping.events.at(-1), [0, { status: "failed", error: "broken" }]);
  });

  it("fails an item whose result the caller refuses", async () => {
    const log: string[] = [];
    const scorer = fakeScorer(log);
    const result = await scoreQueue({
      items: ["a"],
      scorer: () => Promise.resolve(scorer),
      load: (id) => ({ source: { kind: "local", id } }),
      request: REQUEST,
      accept: (): number => {
        throw new Error("no embedding");
      },
      describeError: (e) => String(e),
    });
    assert.deepEqual(
      result.failed.map((f) => f.error),
      ["Error: no embedding"],
    );
  });

  it("stops at a cancel: the item in progress is cancelled and the rest are not started", async () => {
    const controller = new AbortController();
    const cancelling = run(["never", "a"], {
      signal: controller.signal,
      afterError: (e) => (e === "cancelled" ? "cancelled" : "continue"),
    });
    setTimeout(() => controller.abort(), 10);
    const result = await cancelling.outcome;
    assert.equal(result.stopped, "cancelled");
    assert.deepEqual(result.scored, []);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(cancelling.events.at(-1), [0, { status: "cancelled" }]);
    assert.deepEqual(cancelling.log, ["load never auto"]);

    const already = await run(["a"], { signal: AbortSignal.abort() }).outcome;
    assert.equal(already.stopped, "cancelled");
    assert.deepEqual(already.scored, []);
  });
});
