/** Node-only helpers for running the Scorer outside the browser (tests, benchmark, machine agent). */
import { access } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelFileAccess, ScorerEnvironment } from "./load";

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

/** The environment for scoring shipped (or other local) models in Node with onnxruntime-node. */
export function nodeEnvironment(directory: string = SHIPPED_MODELS_DIR, threads?: number): ScorerEnvironment {
  return {
    localModelPath: `${directory}${path.sep}`,
    files: nodeFileAccess(directory),
    ...(threads ? { threads } : {}),
  };
}
