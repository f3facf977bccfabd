/**
 * What a scoring receipt names as the scorer: the Arena code version (package.json) and the ML runtime
 * (transformers.js; onnxruntime-web in the browser, onnxruntime-node in Node). runtime.test.ts keeps these equal
 * to the installed packages.
 */
export const SCORER_VERSION = "0.1.0";
export const TRANSFORMERS_VERSION = "4.3.1";
export const ORT_NODE_VERSION = "1.30.0";

/** onnxruntime-web's version as the app serves it (/ort/<version>/, set by next.config.ts). */
export function ortWebVersion(): string {
  return process.env.NEXT_PUBLIC_ORT_VERSION ?? "unknown";
}
