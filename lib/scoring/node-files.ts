/** Node-only helpers for running the Scorer outside the browser (tests, benchmark, machine agent). */
import { access, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelFileAccess, ScorerEnvironment } from "./load";
import type { Hex } from "viem";
import { buildManifest, MANIFEST_FILE, manifestHash, type Manifest } from "./manifest";
import { httpModelFileReader, type ModelFileReader } from "./verify-model";

/** public/models/ of this checkout. */
export const SHIPPED_MODELS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../public/models",
);

export function nodeFileAccess(directory: string): ModelFileAccess {
  return {
    exists: (relativePath) =>
      access(path.join(directory, relativePath)).then(
        () => true,
        () => false,
      ),
  };
}

/** Reads http(s) URLs with fetch and anything else as a file path (null when there is no such file). */
export function nodeModelFileReader(): ModelFileReader {
  const http = httpModelFileReader();
  return async (url) => {
    if (/^https?:\/\//.test(url)) return http(url);
    try {
      return new Uint8Array(await readFile(url));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };
}

/** Every file under `directory` (relative paths with "/"), arena-manifest.json left out. */
export async function listModelFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    )
    .filter((file) => file !== MANIFEST_FILE)
    .sort();
}

/** The manifest of a model folder on disk. */
export async function manifestOfDirectory(directory: string): Promise<Manifest> {
  const files = await listModelFiles(directory);
  return buildManifest(
    await Promise.all(
      files.map(async (file) => ({
        path: file,
        bytes: new Uint8Array(await readFile(path.join(directory, file))),
      })),
    ),
  );
}

/** The environment for scoring shipped (or other local) models in Node with onnxruntime-node. */
export function nodeEnvironment(directory: string = SHIPPED_MODELS_DIR, threads?: number): ScorerEnvironment {
  return {
    localModelPath: `${directory}${path.sep}`,
    files: nodeFileAccess(directory),
    readFile: nodeModelFileReader(),
    contentStore: null,
    ...(threads ? { threads } : {}),
  };
}

/** A shipped model's content hash: the sha256 of its committed arena-manifest.json. */
export async function shippedContentHash(id: string, directory: string = SHIPPED_MODELS_DIR): Promise<Hex> {
  return manifestHash(new Uint8Array(await readFile(path.join(directory, id, MANIFEST_FILE))));
}
