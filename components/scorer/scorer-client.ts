/**
 * The only way UI code gets a ScorerClient: a dynamic import, so the worker glue (and through it the ML
 * runtime, which lives in the worker) is fetched only when a page actually scores something. There is one
 * worker per visit, shared by every page and component: onnxruntime's wasm compiles once, and loading a model
 * that is already loaded costs nothing. It is replaced only after a crash or a load cancelled half-way
 * (`discardScorerClient`).
 */
import type { ScorerClient } from "@/lib/scoring/client";
import type { ScorerErrorCode } from "@/lib/scoring/errors";
import type { LoadProgress } from "@/lib/scoring/protocol";

let shared: Promise<ScorerClient> | null = null;

export function createScorerClient(): Promise<ScorerClient> {
  shared ??= import("@/lib/scoring/client").then(({ ScorerClient }) => new ScorerClient());
  return shared;
}

/** Ends the shared worker (its state is unknown after a crash, or busy with a load that cannot stop). */
export function discardScorerClient(client: Promise<ScorerClient> | null): void {
  if (!client || client !== shared) return;
  shared = null;
  void client.then((c) => c.terminate());
}

export type ErrorView = { code: ScorerErrorCode | "input"; message: string; line?: number; files?: string[] };

export function toErrorView(error: unknown): ErrorView {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const e = error as { code: ScorerErrorCode; message: string; line?: number; details?: ErrorDetails };
    return {
      code: e.code,
      message: e.message,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.details?.line !== undefined ? { line: e.details.line } : {}),
      ...(e.details?.files ? { files: e.details.files } : {}),
    };
  }
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

type ErrorDetails = { line?: number; files?: string[] };

/** After these the worker's state is unknown (it crashed or ran out of memory): start a fresh one. */
export function needsFreshWorker(error: ErrorView): boolean {
  return error.code === "out_of_memory" || error.code === "internal";
}

/** Aggregates transformers.js per-file progress events into one fraction (null while sizes are unknown). */
export class LoadMeter {
  private readonly files = new Map<string, { loaded: number; total: number }>();

  update(progress: LoadProgress): number | null {
    if (progress.file && progress.total) {
      this.files.set(progress.file, { loaded: progress.loaded ?? 0, total: progress.total });
    } else if (progress.file && progress.status === "done") {
      const file = this.files.get(progress.file);
      if (file) file.loaded = file.total;
    }
    return this.fraction();
  }

  fraction(): number | null {
    let loaded = 0;
    let total = 0;
    for (const file of this.files.values()) {
      loaded += file.loaded;
      total += file.total;
    }
    return total > 0 ? Math.min(1, loaded / total) : null;
  }
}
