/**
 * Loading a model through transformers.js's normal code path (AutoTokenizer + AutoModelForCausalLM,
 * falling back to AutoModel), with the checks that turn failures into clear ScorerErrors: missing files,
 * corrupt ONNX, unreachable hub, out of memory.
 *
 * A source with a `manifest` (its content hash), and any model folder URL, loads verified: the folder's
 * arena-manifest.json and every file it lists are fetched and checked first (verify-model.ts), and
 * transformers.js then reads only those bytes, through a cache that answers nothing else, with every other
 * request for that model refused, so that what is scored is what was committed to.
 */
import {
  AutoModel,
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
} from "@huggingface/transformers";
import { connectRefusal } from "../security/appConnect";
import { browserContentStore } from "./content-store";
import { ScorerError, toScorerError } from "./errors";
import { fetchOnceCache, verifiedFilesCache, type FetchOnceCache } from "./fetchOnceCache";
import type { LoadProgress, ModelSource, ScorerDevice, ScorerPhase } from "./protocol";
import {
  fetchVerifiedModel,
  httpModelFileReader,
  type ContentStore,
  type ModelFileReader,
  type VerifiedModel,
} from "./verify-model";

/** Answers whether a file exists under the local model path (relative path such as `arena-lm-base/config.json`). */
export type ModelFileAccess = { exists: (relativePath: string) => Promise<boolean> };

export type ScorerEnvironment = {
  /** Where shipped models live: "/models/" in the browser, an absolute directory in Node. */
  localModelPath: string;
  /** Checks local model folders before loading; without it, missing files surface as load errors. */
  files?: ModelFileAccess;
  /** onnxruntime-web's wasm files, served by the app ("/ort/", or the two files of one build); browser only. */
  wasmPaths?: string | { mjs: string; wasm: string };
  /** How long to wait for the model hub before calling it unreachable. */
  hubTimeoutMs?: number;
  /** Intra-op threads: onnxruntime-web's WASM threads in the browser, onnxruntime-node's in Node. */
  threads?: number;
  /** Reads model folder files for verified loads (default: fetch; Node adds local paths, node-files.ts). */
  readFile?: ModelFileReader;
  /** Verified files by sha256 (default: the browser's Cache API where there is one; null for none). */
  contentStore?: ContentStore | null;
};

export type LoadHooks = {
  onProgress?: (progress: LoadProgress) => void;
  onPhase?: (phase: ScorerPhase) => void;
};

export type LoadedModel = {
  source: ModelSource;
  device: ScorerDevice;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  config: Record<string, unknown>;
};

export const REQUIRED_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

const MODEL_ID = /^[A-Za-z0-9][\w.-]{0,95}(\/[A-Za-z0-9][\w.-]{0,95})?$/;

/** Identifies a load: two sources with the same key load the same bytes. */
export function sourceKey(source: ModelSource): string {
  const hub = source.kind === "hub" ? [source.revision ?? null, source.dtype ?? null] : [];
  return JSON.stringify([source.kind, source.id, ...hub, source.manifest?.toLowerCase() ?? null]);
}

/** Where a source's files (and its arena-manifest.json) are: a folder URL or, in Node, a directory. */
export function modelFolderUrl(source: ModelSource, environment: ScorerEnvironment): string {
  if (source.kind === "local") return `${environment.localModelPath}${source.id}/`;
  if (source.kind === "url") return source.id.endsWith("/") ? source.id : `${source.id}/`;
  return `${env.remoteHost.replace(/\/?$/, "/")}${source.id}/resolve/${source.revision ?? "main"}/`;
}

export function validateModelId(source: ModelSource): void {
  if (source.kind === "url") {
    if (!/^(https?:\/\/|\/(?!\/))/.test(source.id) || source.id.includes(".."))
      throw new ScorerError(
        "invalid_model_id",
        `"${source.id}" is not a model folder URL (http(s) or a path on this site).`,
      );
    return;
  }
  if (source.kind === "hub" && source.revision !== undefined && !/^[0-9a-f]{40}$/.test(source.revision))
    throw new ScorerError(
      "invalid_model_id",
      `The revision "${source.revision}" of "${source.id}" is not a 40-hex-digit commit.`,
    );
  if (!MODEL_ID.test(source.id) || source.id.includes("..")) {
    throw new ScorerError(
      "invalid_model_id",
      `"${source.id}" is not a valid model id (expected name or owner/name).`,
    );
  }
}

async function checkLocalFiles(source: ModelSource, files: ModelFileAccess): Promise<void> {
  const missing: string[] = [];
  for (const file of REQUIRED_FILES) {
    if (!(await files.exists(`${source.id}/${file}`))) missing.push(file);
  }
  if (missing.length === REQUIRED_FILES.length) {
    throw new ScorerError(
      "model_not_found",
      `No model "${source.id}" in the shipped models (run npm run models).`,
      { files: missing },
    );
  }
  if (missing.length > 0) {
    throw new ScorerError(
      "missing_files",
      `The model folder "${source.id}" is missing ${missing.join(", ")}.`,
      { files: missing },
    );
  }
}

async function checkHubReachable(source: ModelSource, timeoutMs: number): Promise<void> {
  const revision = source.kind === "hub" ? (source.revision ?? "main") : "main";
  const url = `${env.remoteHost.replace(/\/?$/, "/")}${source.id}/resolve/${revision}/config.json`;
  const refused = connectRefusal(url);
  if (refused)
    throw new ScorerError("origin_not_allowed", `Cannot load the hub model "${source.id}". ${refused}`);
  let response: Response;
  try {
    response = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScorerError(
      "offline",
      `Cannot reach the model hub to load "${source.id}" (${reason}). You may be offline; the shipped models work without a connection.`,
    );
  }
  if (response.status === 404 || response.status === 401) {
    throw new ScorerError("model_not_found", `The model hub has no public model "${source.id}".`);
  }
}

function toProgress(info: ProgressInfo): LoadProgress {
  const record = info as Record<string, unknown>;
  const number = (key: string): number | undefined =>
    typeof record[key] === "number" ? (record[key] as number) : undefined;
  const progress: LoadProgress = { status: String(record.status ?? "progress") };
  if (typeof record.file === "string") progress.file = record.file;
  const loaded = number("loaded");
  const total = number("total");
  const percent = number("progress");
  if (loaded !== undefined) progress.loaded = loaded;
  if (total !== undefined) progress.total = total;
  if (percent !== undefined) progress.progress = percent;
  return progress;
}

const networkFetch = env.fetch;
const REMOTE_PATH_TEMPLATE = env.remotePathTemplate;
const VERIFIED_PREFIX = "arena-verified";

/** The id transformers.js sees for a verified model: unique per manifest, never a real hub repository. */
const verifiedId = (model: VerifiedModel): string => `${VERIFIED_PREFIX}/${model.manifestHash.slice(2)}`;

/** transformers.js reads a verified model only from its verified bytes: any other request for it is a 404. */
function configureVerified(model: VerifiedModel, environment: ScorerEnvironment): void {
  const id = verifiedId(model);
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = verifiedFilesCache(id, model.files);
  env.remotePathTemplate = REMOTE_PATH_TEMPLATE;
  env.fetch = (input, init) =>
    String(input instanceof Request ? input.url : input).includes(`/${id}/`)
      ? Promise.resolve(new Response(null, { status: 404, statusText: "Not in the verified manifest" }))
      : networkFetch(input, init);
  const wasm = env.backends.onnx.wasm;
  if (environment.wasmPaths && wasm) wasm.wasmPaths = environment.wasmPaths;
  if (environment.threads && wasm) wasm.numThreads = environment.threads;
}

function configureEnvironment(source: ModelSource, environment: ScorerEnvironment): FetchOnceCache | null {
  env.fetch = networkFetch;
  // A pinned hub model: every request goes to its commit. transformers.js passes `revision` to file loads but
  // not to some metadata lookups (tokenizer files), which would otherwise ask the moving `main`.
  env.remotePathTemplate =
    source.kind === "hub" && source.revision
      ? `{model}/resolve/${encodeURIComponent(source.revision)}/`
      : REMOTE_PATH_TEMPLATE;
  env.useCustomCache = false;
  env.allowLocalModels = true;
  env.localModelPath = environment.localModelPath;
  env.allowRemoteModels = source.kind === "hub";
  // Shipped models are served locally and change when rebuilt, so they are never cached by the browser; in the
  // browser each of their files is fetched once per load (not once for its metadata and again for its bytes).
  let once: FetchOnceCache | null = null;
  if (typeof caches !== "undefined") {
    env.useBrowserCache = source.kind === "hub";
    once = source.kind === "local" ? fetchOnceCache(environment.localModelPath, (url) => fetch(url)) : null;
    env.useCustomCache = once !== null;
    env.customCache = once;
  }
  const wasm = env.backends.onnx.wasm;
  if (environment.wasmPaths && wasm) wasm.wasmPaths = environment.wasmPaths;
  if (environment.threads && wasm) wasm.numThreads = environment.threads;
  return once;
}

export async function loadModel(
  source: ModelSource,
  device: ScorerDevice,
  environment: ScorerEnvironment,
  hooks: LoadHooks = {},
): Promise<LoadedModel> {
  validateModelId(source);
  const verify = source.manifest !== undefined || source.kind === "url";
  let once: FetchOnceCache | null = null;
  let modelId = source.id;
  hooks.onPhase?.("checking-files");
  if (verify) {
    hooks.onPhase?.("downloading");
    const verified = await fetchVerifiedModel(modelFolderUrl(source, environment), source.manifest, {
      read: environment.readFile ?? httpModelFileReader(),
      store: environment.contentStore === undefined ? browserContentStore() : environment.contentStore,
      onFile: (entry) =>
        hooks.onProgress?.({
          status: "progress",
          file: entry.path,
          loaded: entry.size,
          total: entry.size,
          progress: 100,
        }),
    });
    configureVerified(verified, environment);
    modelId = verifiedId(verified);
  } else {
    once = configureEnvironment(source, environment);
    if (source.kind === "local" && environment.files) await checkLocalFiles(source, environment.files);
    if (source.kind === "hub") await checkHubReachable(source, environment.hubTimeoutMs ?? 8000);
  }
  hooks.onPhase?.(source.kind === "hub" && !verify ? "downloading" : "loading");
  const progress_callback = (info: ProgressInfo): void => hooks.onProgress?.(toProgress(info));
  const dtype = source.kind === "hub" ? source.dtype : "fp32";
  // A pinned hub model loads its commit (a verified one is already fixed by its manifest).
  const revision = source.kind === "hub" && !verify ? source.revision : undefined;
  const pinned = revision ? { revision } : {};
  // onnxruntime-node takes its thread count per session (the browser's is set on env above).
  const session_options =
    device === "cpu" && environment.threads ? { intraOpNumThreads: environment.threads } : undefined;
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(modelId, { progress_callback, ...pinned });
    hooks.onPhase?.("loading");
    let model: PreTrainedModel;
    try {
      model = await AutoModelForCausalLM.from_pretrained(modelId, {
        device,
        dtype,
        ...pinned,
        progress_callback,
        ...(session_options ? { session_options } : {}),
      });
    } catch (error) {
      if (!(error instanceof Error) || !/unsupported model type|not.*supported/i.test(error.message))
        throw error;
      model = await AutoModel.from_pretrained(modelId, {
        device,
        dtype,
        ...pinned,
        progress_callback,
        ...(session_options ? { session_options } : {}),
      });
    }
    return { source, device, tokenizer, model, config: model.config as unknown as Record<string, unknown> };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (source.kind === "hub" && /fetch|network|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/i.test(message)) {
      throw new ScorerError(
        "offline",
        `Lost the connection to the model hub while loading "${source.id}": ${message}`,
      );
    }
    if (/could not locate file|file not found|404/i.test(message)) {
      throw new ScorerError("missing_files", `The model "${source.id}" is missing a file: ${message}`);
    }
    throw toScorerError(error, "load");
  } finally {
    once?.clear();
    if (verify) {
      // The verified bytes are in the session now; later loads start from the normal configuration.
      env.fetch = networkFetch;
      env.useCustomCache = false;
      env.customCache = null;
    }
  }
}
