/**
 * The scorer's module Web Worker. Create it with
 *   new Worker(new URL("./scorer.worker.ts", import.meta.url), { type: "module" })
 * (ScorerClient does), and talk to it with the messages in ./protocol.ts. Shipped models come from
 * /models/, onnxruntime-web's wasm from /ort/ (scripts/copy-ort.ts); nothing is fetched from a CDN.
 */
import { detectBrowserDevice, resolveDevice } from "./device";
import { httpFileAccess } from "./http-files";
import type { ScorerEvent, ScorerRequest } from "./protocol";
import { createScorerHost } from "./worker-host";

const host = createScorerHost({
  environment: { localModelPath: "/models/", wasmPaths: "/ort/", files: httpFileAccess("/models/") },
  detectDevice: detectBrowserDevice,
  resolveDevice,
  post: (event: ScorerEvent) => globalThis.postMessage(event),
});

globalThis.addEventListener("message", (event: MessageEvent<ScorerRequest>) => {
  void host.handle(event.data);
});
