/**
 * The scorer's module Web Worker. Create it with
 *   new Worker(new URL("./scorer.worker.ts", import.meta.url), { type: "module" })
 * (ScorerClient does), and talk to it with the messages in ./protocol.ts. Shipped models come from
 * /models/, onnxruntime-web's wasm from /ort/<version>/ (scripts/copy-ort.ts); nothing is fetched from a CDN.
 * One worker serves a whole visit (lib/scoring/scorer-client.ts): onnxruntime starts (and warms up) once,
 * when the worker starts, and every model loads on it.
 */
import { env } from "@huggingface/transformers";
// The onnxruntime instance transformers.js's browser build imports (same specifier, so one runtime).
import { InferenceSession, Tensor } from "onnxruntime-web/webgpu";
import {
  detectBrowserDevice,
  resolveDevice,
  shouldProbe,
  WASM_ONLY_ORT,
  wasmThreads,
  webgpuWorkerName,
} from "./device";
import { httpFileAccess } from "./http-files";
import type { ScorerEvent, ScorerRequest } from "./protocol";
import { tinyMatMulModel } from "./tinyOnnx";
import { createScorerHost } from "./worker-host";

/** Versioned (next.config.ts rewrites it to /ort/), so the wasm and its compiled code stay cached for good. */
const ORT_PATH = `/ort/${process.env.NEXT_PUBLIC_ORT_VERSION ?? "current"}/`;

/**
 * The onnxruntime build this worker runs (its name says which, see ScorerClient): the WASM-only one by default
 * (14 MB, no asyncify: it compiles in half the time and runs faster), the asyncify one (27 MB, WebGPU and WASM)
 * in a worker made for WebGPU.
 */
const WEBGPU_RUNTIME = (globalThis as { name?: string }).name === webgpuWorkerName;
// Streamed from its URL (not pre-read into a buffer by transformers.js), so the browser keeps the compiled code
// with the cached file and a second visit does not compile it again.
env.useWasmCache = false;

const wasmPaths = WEBGPU_RUNTIME
  ? ORT_PATH
  : { mjs: `${ORT_PATH}${WASM_ONLY_ORT.mjs}`, wasm: `${ORT_PATH}${WASM_ONLY_ORT.wasm}` };
const threads = wasmThreads();

/**
 * Starts onnxruntime as soon as the worker starts (the page makes it on mount, before anyone presses Score):
 * fetch, compile, thread start, and a first run of a miniature of the shipped models, whose operators' code is
 * then ready (a fresh runtime's first run of an operator is slow). Every later session shares this runtime.
 * Loads wait for it (they would compete with it for the same cores); a failure here is reported by the load.
 */
async function warmRuntime(): Promise<void> {
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = wasmPaths;
    wasm.numThreads = threads;
  }
  const session = await InferenceSession.create(tinyMatMulModel(4), { executionProviders: ["wasm"] });
  try {
    const ids = new Tensor("int64", new BigInt64Array(4), [1, 4]);
    await session.run({
      input_ids: ids,
      attention_mask: new Tensor("int64", new BigInt64Array(4).fill(1n), [1, 4]),
    });
  } finally {
    await session.release();
  }
}
const ready = warmRuntime().catch(() => {});

const host = createScorerHost({
  environment: { localModelPath: "/models/", wasmPaths, files: httpFileAccess("/models/"), threads },
  detectDevice: detectBrowserDevice,
  resolveDevice,
  shouldProbe,
  post: (event: ScorerEvent) => globalThis.postMessage(event),
});

globalThis.addEventListener("message", (event: MessageEvent<ScorerRequest>) => {
  const request = event.data;
  // The device check and a cancel are answered at once; the rest runs on the warmed runtime.
  if (request.type === "check" || request.type === "cancel") void host.handle(request);
  else void ready.then(() => host.handle(request));
});
