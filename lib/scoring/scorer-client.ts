/**
 * The only way UI code gets a ScorerClient: a dynamic import, so the worker glue (and through it the ML
 * runtime, which lives in the worker) is fetched only when a page actually scores something. There is one
 * worker per visit, shared by every page and component: onnxruntime's wasm compiles once, and loading a model
 * that is already loaded costs nothing. Cancelling keeps it (the worker finishes a load that cannot stop and
 * queues the next request behind it); it is replaced only when `ScorerClient.needsRestart` says so: after a
 * crash, out of memory, an internal failure, or a load cancelled while downloading a hub model.
 */
import type { ScorerClient } from "@/lib/scoring/client";
import type { ScorerErrorCode } from "@/lib/scoring/errors";
import type { LoadProgress } from "@/lib/scoring/protocol";

let shared: Promise<ScorerClient> | null = null;
let resolved: ScorerClient | null = null;

export function createScorerClient(): Promise<ScorerClient> {
  if (resolved?.needsRestart) {
    resolved.terminate();
    resolved = null;
    shared = null;
  }
  shared ??= import("@/lib/scoring/client").then(({ ScorerClient }) => (resolved = new ScorerClient()));
  return shared;
}

/**
 * Called after a failure or a cancel: ends the shared worker only if it needs a restart (see above); a healthy
 * one, with its compiled onnxruntime, serves the next request.
 */
export function discardScorerClient(client: Promise<ScorerClient> | null): void {
  if (!client || client !== shared) return;
  void client.then((c) => {
    if (!c.needsRestart || c !== resolved) return;
    if (shared === client) shared = null;
    resolved = null;
    c.terminate();
  });
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
