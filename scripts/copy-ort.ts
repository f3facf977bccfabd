/**
 * `npm run ort`: copies onnxruntime-web's wasm runtime (the build transformers.js's WebGPU/WASM bundle
 * loads) from the installed package into public/ort/, so the scorer worker loads it from the app itself
 * (`env.backends.onnx.wasm.wasmPaths = "/ort/"`) and never from a CDN. Run after every install; the files
 * (~27 MB) are generated, not committed.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = path.join(ROOT, "public", "ort");
/**
 * onnxruntime-web/webgpu (what transformers.js imports in the browser) loads the asyncify pair; the scorer's
 * WASM-only workers load the plain pair (lib/scoring/device.ts WASM_ONLY_ORT: half the size, no asyncify).
 */
export const ORT_FILES = [
  "ort-wasm-simd-threaded.asyncify.mjs",
  "ort-wasm-simd-threaded.asyncify.wasm",
  "ort-wasm-simd-threaded.mjs",
  "ort-wasm-simd-threaded.wasm",
] as const;

/** The onnxruntime-web that @huggingface/transformers itself resolves (a nested copy wins over the top level). */
export async function onnxRuntimeWebDir(): Promise<string> {
  const fromTransformers = createRequire(createRequire(import.meta.url).resolve("@huggingface/transformers"));
  let dir = path.dirname(fromTransformers.resolve("onnxruntime-web"));
  for (;;) {
    const manifest = await readFile(path.join(dir, "package.json"), "utf8").catch(() => null);
    if (manifest && (JSON.parse(manifest) as { name?: string }).name === "onnxruntime-web") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("copy-ort: cannot find the onnxruntime-web package");
    dir = parent;
  }
}

const digest = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

async function main(): Promise<void> {
  const source = path.join(await onnxRuntimeWebDir(), "dist");
  const { version } = JSON.parse(await readFile(path.join(source, "..", "package.json"), "utf8")) as {
    version: string;
  };
  await mkdir(TARGET, { recursive: true });
  let copied = 0;
  for (const file of ORT_FILES) {
    const bytes = await readFile(path.join(source, file));
    const existing = await readFile(path.join(TARGET, file)).catch(() => null);
    if (existing && existing.length === bytes.length && digest(existing) === digest(bytes)) continue;
    await writeFile(path.join(TARGET, file), bytes);
    copied++;
  }
  await writeFile(path.join(TARGET, "VERSION"), `onnxruntime-web ${version}\n`);
  console.log(
    `ort: onnxruntime-web ${version} → public/ort (${copied} of ${ORT_FILES.length} files updated)`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
