import type { ErrorView } from "@/lib/scoring/scorer-client";

const HINTS: Partial<Record<ErrorView["code"], string>> = {
  offline: "Pick one of the shipped models to score without a connection.",
  missing_files: "Rebuild the shipped models with npm run models, or pick another model.",
  corrupt_model: "The model file is damaged; rebuild it (npm run models) or pick another model.",
  out_of_memory: "Try a smaller model, shorter examples, or WASM. The scorer restarts on the next run.",
  internal: "The scorer restarts on the next run.",
  no_webgpu: "Choose WASM or Auto.",
  eval_set_mismatch:
    "The set served today is not the one the task was created with, so no score from it would be fair. Tell the task's creator; nothing was scored or committed.",
  model_mismatch:
    "The model served at its URI is not the one whose content hash was submitted, so it is not scored.",
  no_manifest:
    "A submitted model folder must hold the arena-manifest.json its content hash was computed from.",
  origin_not_allowed:
    "Nothing was fetched. Host the file on one of the listed origins, or ask the operator to allow its origin.",
};

/** An error from parsing or scoring, said plainly, with a hint where one helps. */
export function ErrorAlert({ error, title }: { error: ErrorView; title: string }) {
  const hint = HINTS[error.code];
  return (
    <div
      role="alert"
      data-code={error.code}
      className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900"
    >
      <p className="font-medium">{title}</p>
      <p>{error.message}</p>
      {error.files && error.files.length > 0 && (
        <p>
          {error.code === "model_mismatch" ? "Differs" : "Missing"}: {error.files.join(", ")}
        </p>
      )}
      {hint && <p className="text-rose-700">{hint}</p>}
    </div>
  );
}
