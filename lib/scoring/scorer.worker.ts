/**
 * The scorer's module Web Worker. Create it with
 *   new Worker(new URL("./scorer.worker.ts", import.meta.url), { type: "module" })
 * (ScorerClient does), and talk to it with the messages in ./protocol.ts. Shipped models come from
 * /models/, onnxruntime-web's wasm from /ort/<version>/ (scripts/copy-ort.ts); nothing is fetched from a CDN.
 * One worker serves a whole visit (components/scorer/scorer-client.ts): onnxruntime's wasm is compiled once
 * and a second model loads without it.
 */
import { detectBrowserDevice, resolveDevice, shouldProbe, wasmThreads } from "./device";
import { httpFileAccess } from "./http-files";
import type { ScorerEvent, ScorerRequest } from "./protocol";
import { createScorerHost } from "./worker-host";

/** Versioned (next.config.ts rewrites it to /ort/), so the wasm and its compiled code stay cached for good. */
const ORT_PATH = `/ort/${process.env.NEXT_PUBLIC_ORT_VERSION ?? "current"}/`;

const host = createScorerHost({
  environment: {
    localModelPath: "/models/",
    wasmPaths: ORT_PATH,
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
