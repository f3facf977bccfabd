/**
 * Errors the scorer reports, as plain data so they cross the worker boundary intact (structured clone
 * keeps only an Error's message). `code` is what the UI switches on; `message` is shown to the user.
 */
import { InputError, type InputErrorCode } from "../metrics/errors";

export type ScorerErrorCode =
  | InputErrorCode
  | "missing_files"
  | "corrupt_model"
  | "offline"
  | "model_not_found"
  | "invalid_model_id"
  | "unsupported_model"
  | "wrong_format"
  | "eval_set_unavailable"
  | "eval_set_mismatch"
  | "out_of_memory"
  | "cancelled"
  | "not_loaded"
  | "busy"
  | "no_webgpu"
  /** A model file (or its manifest) differs from the committed manifest hash. */
  | "model_mismatch"
  /** The model folder has no arena-manifest.json to verify it by. */
  | "no_manifest"
  /** The URI is on a host the app's Content-Security-Policy does not allow (NEXT_PUBLIC_ARTIFACT_ORIGINS). */
  | "origin_not_allowed"
  | "internal";

export type ScorerErrorData = { code: ScorerErrorCode; message: string; line?: number; files?: string[] };

export class ScorerError extends Error {
  override readonly name = "ScorerError";
  constructor(
    readonly code: ScorerErrorCode,
    message: string,
    readonly details: { line?: number; files?: string[] } = {},
  ) {
    super(message);
  }

  toData(): ScorerErrorData {
    return { code: this.code, message: this.message, ...this.details };
  }
}

const OOM =
  /out of memory|array buffer allocation failed|bad_alloc|could not allocate|allocation failed|memory access out of bounds|maximum call stack/i;
const CORRUPT =
  /protobuf|parsing failed|invalid model|model_path must not be empty|failed to load model|no graph|load model from/i;

/** Classifies anything thrown while loading or running a model. */
export function toScorerError(error: unknown, phase: "load" | "score"): ScorerError {
  if (error instanceof ScorerError) return error;
  if (error instanceof InputError)
    return new ScorerError(error.code, error.message, error.line === undefined ? {} : { line: error.line });
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /allocation|memory/i.test(message)) return outOfMemory(message);
  if (OOM.test(message)) return outOfMemory(message);
  if (phase === "load" && CORRUPT.test(message)) {
    return new ScorerError(
      "corrupt_model",
      `The model file could not be read as ONNX (is it corrupt or truncated?): ${message}`,
    );
  }
  return new ScorerError("internal", message);
}

function outOfMemory(message: string): ScorerError {
  return new ScorerError(
    "out_of_memory",
    `Ran out of memory (${message}). Try a smaller model, shorter examples, or the WASM device.`,
  );
}

export function isScorerErrorData(value: unknown): value is ScorerErrorData {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}
