/**
 * How a model is named in a task or a submission, and what the scorer loads for it:
 * - `/models/<id>` (or the bare shipped id): a model shipped with the app under public/models/<id>/;
 * - an http(s) URL or a same-origin path of a model folder (one that holds arena-manifest.json);
 * - a pinned model hub id `owner/name@<40-hex commit>#<dtype>`, e.g.
 *   `onnx-community/gpt2@0123456789abcdef0123456789abcdef01234567#q8`: a hub repository at one commit with one
 *   ONNX dtype, so that every validator loads the same weights. An unpinned hub id is refused where a task or
 *   submission names its model; the scorer workbench still loads `owner/name` at `main` for trying things out.
 */
import type { HubDtype, ModelSource } from "./protocol";
import { shippedModel } from "./shipped-models";

export const HUB_DTYPES = ["fp32", "fp16", "q8", "int8", "uint8", "q4", "q4f16", "bnb4"] as const;
export const PINNED_HUB_EXAMPLE = "owner/name@<40-hex commit>#<dtype>";

const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;
const COMMIT = /^[0-9a-f]{40}$/;
/** `/models/<id>`, optionally followed by `/` and a path inside the shipped model's folder. */
const SHIPPED_PATH = /^\/models\/([\w.-]+)(?:\/([\s\S]*))?$/;

/** `/models/<id>` or `/models/<id>/` → `<id>` (no check that it is shipped); undefined for anything else. */
export function shippedPathId(uri: string): string | undefined {
  const match = SHIPPED_PATH.exec(uri);
  return match && !match[2] ? match[1] : undefined;
}

/** A file under a shipped model's folder (`/models/<id>/onnx/model.onnx`) → `<id>`; undefined for anything else. */
export function shippedFolderIdOf(path: string): string | undefined {
  const match = SHIPPED_PATH.exec(path);
  return match && match[2] !== undefined ? match[1] : undefined;
}

/** A submitted model URI as the scorer names models: a shipped model folder's id, or anything else as given. */
export function scorerModelId(uri: string): string {
  const text = uri.trim();
  return shippedPathId(text) ?? text;
}

export type PinnedHubId = { id: string; revision: string; dtype: HubDtype };

export type ParsedModelUri =
  { ok: true; source: ModelSource; folderUrl: string | null } | { ok: false; error: string };

function isHubDtype(value: string): value is HubDtype {
  return (HUB_DTYPES as readonly string[]).includes(value);
}

/** Parses `owner/name@<commit>#<dtype>`; a message says what is wrong with anything else. */
export function parsePinnedHubId(
  text: string,
): { ok: true; value: PinnedHubId } | { ok: false; error: string } {
  const match = /^([^@#\s]+)(?:@([^#\s]*))?(?:#(\S*))?$/.exec(text.trim());
  const id = match?.[1] ?? "";
  if (!match || !HUB_ID.test(id) || id.includes(".."))
    return { ok: false, error: `"${text.trim()}" is not a model hub id (expected ${PINNED_HUB_EXAMPLE}).` };
  const [, , revision, dtype] = match;
  if (revision === undefined || revision === "")
    return {
      ok: false,
      error: `The hub model "${id}" is not pinned: add @<40-hex commit>#<dtype> (e.g. ${id}@${"0".repeat(40)}#q8) so every validator loads the same weights.`,
    };
  if (!COMMIT.test(revision))
    return {
      ok: false,
      error: `The revision of "${id}" must be a full 40-hex-digit commit (lowercase), not "${revision}": a branch or tag can move.`,
    };
  if (dtype === undefined || dtype === "")
    return { ok: false, error: `Add the ONNX dtype to "${id}@${revision}": #${HUB_DTYPES.join(", #")}.` };
  if (!isHubDtype(dtype))
    return { ok: false, error: `"${dtype}" is not an ONNX dtype; use one of ${HUB_DTYPES.join(", ")}.` };
  return { ok: true, value: { id, revision, dtype } };
}

export function formatPinnedHubId(pinned: PinnedHubId): string {
  return `${pinned.id}@${pinned.revision}#${pinned.dtype}`;
}

/** Folder URL of a model folder URI ending in "/", or null when it is no folder URL. */
function folderUrlOf(uri: string): string | null {
  if (uri.startsWith("/") && !uri.startsWith("//")) {
    if (uri.includes("..") || /[?#\s]/.test(uri)) return null;
    return uri.endsWith("/") ? uri : `${uri}/`;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.search || url.hash || url.username || url.password) return null;
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/**
 * What the scorer loads for a task's base model or a submission's URI. `folderUrl` is where its
 * arena-manifest.json lives (null for a hub id, whose files the hub serves at the pinned commit).
 */
export function parseModelUri(uri: string, options: { requirePinned?: boolean } = {}): ParsedModelUri {
  const text = uri.trim();
  if (text === "") return { ok: false, error: "Enter the model's URI." };
  const shipped = shippedPathId(text) ?? (shippedModel(text) ? text : undefined);
  if (shipped !== undefined) {
    if (!shippedModel(shipped))
      return { ok: false, error: `There is no shipped model "${shipped}" under /models/.` };
    return { ok: true, source: { kind: "local", id: shipped }, folderUrl: `/models/${shipped}/` };
  }
  if (text.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const folderUrl = folderUrlOf(text);
    if (!folderUrl)
      return {
        ok: false,
        error: `"${text}" is not a model folder URL (an http(s) URL or a path on this site, without ?, # or "..").`,
      };
    return { ok: true, source: { kind: "url", id: folderUrl }, folderUrl };
  }
  const pinned = parsePinnedHubId(text);
  if (pinned.ok) {
    const { id, revision, dtype } = pinned.value;
    return { ok: true, source: { kind: "hub", id, revision, dtype }, folderUrl: null };
  }
  if (!options.requirePinned && HUB_ID.test(text) && !text.includes(".."))
    return { ok: true, source: { kind: "hub", id: text }, folderUrl: null };
  return { ok: false, error: pinned.error };
}

/** A task's base model must be shipped, a model folder URL, or a pinned hub id. */
export function baseModelError(value: string): string | null {
  const parsed = parseModelUri(value, { requirePinned: true });
  return parsed.ok ? null : parsed.error;
}

export const HUB_HOST = "https://huggingface.co/";

/** Where a parsed model URI's files and arena-manifest.json are (a pinned hub id: its commit on the hub). */
export function modelFolderOf(parsed: Extract<ParsedModelUri, { ok: true }>): string {
  if (parsed.folderUrl) return parsed.folderUrl;
  const source = parsed.source;
  const revision = source.kind === "hub" ? (source.revision ?? "main") : "main";
  return `${HUB_HOST}${source.id}/resolve/${revision}/`;
}
