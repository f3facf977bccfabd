/**
 * Model manifests: what a model's content hash means. A manifest lists every file of a model folder (except
 * itself) with its sha256 and size, sorted by path, in one canonical encoding; the model's content hash is the
 * sha256 of those bytes. The manifest lives in the folder as `arena-manifest.json`, so a validator can fetch the
 * folder by its URI, check the manifest against the submitted hash and every file against the manifest, and
 * score only what the node committed to (docs/ARCHITECTURE.md §6).
 */
import { bytesToHex, type Hex } from "viem";
import { ScorerError } from "./errors";

export const MANIFEST_FILE = "arena-manifest.json";
export const MANIFEST_VERSION = 1;
/** More files than any model folder has; a bound so that a hostile manifest cannot make us fetch forever. */
export const MAX_MANIFEST_FILES = 10_000;
const MAX_PATH_LENGTH = 512;

export type ManifestEntry = { path: string; sha256: Hex; size: number };
export type Manifest = { version: typeof MANIFEST_VERSION; files: ManifestEntry[] };

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const SHA256 = /^0x[0-9a-f]{64}$/;

/** Why `path` is not a safe relative path inside a model folder, or null when it is. */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return "is empty";
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith("/")) return "is absolute";
  if (path.includes("\\")) return "contains a backslash";
  for (const segment of path.split("/")) {
    if (segment === "") return "has an empty segment";
    if (segment === "." || segment === "..") return `has a "${segment}" segment`;
    if (!SEGMENT.test(segment))
      return `has a segment "${segment}" with characters other than A-Z a-z 0-9 . _ -`;
  }
  return null;
}

export async function sha256Hex(bytes: Uint8Array): Promise<Hex> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(digest));
}

const byPath = (a: { path: string }, b: { path: string }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * The manifest of a model folder's files (paths relative to the folder). `arena-manifest.json` itself is
 * left out; an unsafe or duplicate path is refused.
 */
export async function buildManifest(files: Iterable<{ path: string; bytes: Uint8Array }>): Promise<Manifest> {
  const entries: ManifestEntry[] = [];
  for (const file of files) {
    if (file.path === MANIFEST_FILE) continue;
    const reason = unsafePathReason(file.path);
    if (reason) throw new ScorerError("model_mismatch", `The model file path "${file.path}" ${reason}.`);
    entries.push({ path: file.path, sha256: await sha256Hex(file.bytes), size: file.bytes.byteLength });
  }
  entries.sort(byPath);
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.path === entries[i - 1]!.path)
      throw new ScorerError("model_mismatch", `The model folder lists "${entries[i]!.path}" twice.`);
  }
  if (entries.length === 0) throw new ScorerError("model_mismatch", "The model folder has no files.");
  if (entries.length > MAX_MANIFEST_FILES)
    throw new ScorerError("model_mismatch", `The model folder has more than ${MAX_MANIFEST_FILES} files.`);
  return { version: MANIFEST_VERSION, files: entries };
}

/** The canonical bytes: compact JSON, keys in a fixed order, one trailing newline. */
export function encodeManifest(manifest: Manifest): Uint8Array {
  const files = manifest.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
  return new TextEncoder().encode(`${JSON.stringify({ version: manifest.version, files })}\n`);
}

/** The model's content hash: sha256 of the manifest's bytes, as 0x-hex. */
export function manifestHash(manifestBytes: Uint8Array): Promise<Hex> {
  return sha256Hex(manifestBytes);
}

function invalid(reason: string): ScorerError {
  return new ScorerError("model_mismatch", `${MANIFEST_FILE} is not a valid model manifest: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameKeys(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(record);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

/**
 * Reads a manifest strictly: exactly the fields above, safe relative paths in strictly increasing order (so
 * no duplicates), lowercase 0x-hex sha256s, whole sizes, and the bytes in canonical form (so one set of files
 * has exactly one manifest hash).
 */
export function parseManifest(bytes: Uint8Array): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalid(`it is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(value) || !sameKeys(value, ["version", "files"]))
    throw invalid('expected an object with exactly "version" and "files"');
  if (value.version !== MANIFEST_VERSION)
    throw invalid(`unsupported version ${JSON.stringify(value.version)}`);
  if (!Array.isArray(value.files) || value.files.length === 0)
    throw invalid('"files" must be a non-empty list');
  if (value.files.length > MAX_MANIFEST_FILES) throw invalid(`more than ${MAX_MANIFEST_FILES} files`);
  const files: ManifestEntry[] = [];
  for (const [index, raw] of (value.files as unknown[]).entries()) {
    if (!isRecord(raw) || !sameKeys(raw, ["path", "sha256", "size"]))
      throw invalid(`file ${index} must have exactly "path", "sha256" and "size"`);
    const { path, sha256, size } = raw;
    if (typeof path !== "string") throw invalid(`file ${index} has no path`);
    const reason = unsafePathReason(path);
    if (reason) throw invalid(`the path "${path}" ${reason}`);
    if (path === MANIFEST_FILE) throw invalid(`it lists itself`);
    if (typeof sha256 !== "string" || !SHA256.test(sha256))
      throw invalid(`the sha256 of "${path}" is not 0x + 64 lowercase hex digits`);
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
      throw invalid(`the size of "${path}" is not a whole number of bytes`);
    const previous = files.at(-1);
    if (previous && previous.path === path) throw invalid(`"${path}" is listed twice`);
    if (previous && byPath(previous, { path }) > 0) throw invalid(`the files are not sorted by path`);
    files.push({ path, sha256: sha256 as Hex, size });
  }
  const manifest: Manifest = { version: MANIFEST_VERSION, files };
  const canonical = encodeManifest(manifest);
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i]))
    throw invalid("it is not in canonical form (compact JSON, one trailing newline; rebuild it)");
  return manifest;
}

/**
 * Checks one file's bytes against its manifest entry; throws model_mismatch naming the file and the expected
 * and actual hash (and size) when they differ. `where` says where the file came from, for the message.
 */
export async function verifyFile(entry: ManifestEntry, bytes: Uint8Array, where = entry.path): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual === entry.sha256 && bytes.byteLength === entry.size) return;
  const sizes =
    bytes.byteLength === entry.size ? "" : ` and ${bytes.byteLength} bytes instead of ${entry.size}`;
  throw new ScorerError(
    "model_mismatch",
    `The model file ${where} differs from its manifest: sha256 ${actual}${sizes}, expected ${entry.sha256}.`,
    { files: [entry.path] },
  );
}

/** The manifest's bytes must hash to the committed content hash. */
export async function verifyManifestBytes(
  bytes: Uint8Array,
  expected: Hex,
  where: string,
): Promise<Manifest> {
  const actual = await manifestHash(bytes);
  if (actual !== expected.toLowerCase())
    throw new ScorerError(
      "model_mismatch",
      `The manifest ${where} differs from the submitted content hash: sha256 ${actual}, expected ${expected.toLowerCase()}.`,
      { files: [MANIFEST_FILE] },
    );
  return parseManifest(bytes);
}
