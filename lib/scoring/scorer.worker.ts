/**
 * The scorer's module Web Worker. Create it with
 *   new Worker(new URL("./scorer.worker.ts", import.meta.url), { type: "module" })
 * (ScorerClient does), and talk to it with the messages in ./protocol.ts. Shipped models come from
 * /models/, onnxruntime-web's wasm from /ort/<version>/ (scripts/copy-ort.ts); nothing is fetched from a CDN.
 * One worker serves a whole visit (components/scorer/scorer-client.ts): onnxruntime's wasm is compiled once
 * and a second model loads without it.
 */
import { env } from "@huggingface/transformers";
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

const host = createScorerHost({
  environment: {
    localModelPath: "/models/",
    wasmPaths: WEBGPU_RUNTIME
      ? ORT_PATH
      : { mjs: `${ORT_PATH}${WASM_ONLY_ORT.mjs}`, wasm: `${ORT_PATH}${WASM_ONLY_ORT.wasm}` },
    files: httpFileAccess("/models/"),
    threads: wasmThreads(),
  },
  detectDevice: detectBrowserDevice,
  resolveDevice,
  shouldProbe,
  post: (event: ScorerEvent) => globalThis.postMessage(event),
});

globalThis.addEventListener("message", (event: MessageEvent<ScorerRequest>) => {
  void host.handle(event.data);
});
