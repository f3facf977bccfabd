/**
 * Fetching a model folder by its manifest: the manifest must hash to the committed content hash, and every file
 * it lists must have the listed sha256 and size. The result is the verified bytes, which are all the scorer
 * then gives transformers.js (fetchOnceCache.ts `verifiedFilesCache`); nothing is fetched a second time.
 * Files are kept in a content store keyed by their sha256 (the browser's Cache API: content-store.ts), so a
 * second load of the same file, in this visit or a later one, reads it without downloading it.
 */
import type { Hex } from "viem";
import { connectRefusal } from "../security/appConnect";
import { ScorerError } from "./errors";
import {
  MANIFEST_FILE,
  parseManifest,
  sha256Hex,
  verifyFile,
  verifyManifestBytes,
  type Manifest,
  type ManifestEntry,
} from "./manifest";

/** Reads one file of a folder; null when there is none (HTTP 404 / no such file); throws when unreachable. */
export type ModelFileReader = (url: string) => Promise<Uint8Array | null>;

/** Files by content: `get` answers only bytes that were stored under that sha256 (re-checked on read). */
export type ContentStore = {
  get: (sha256: Hex) => Promise<Uint8Array | null>;
  put: (sha256: Hex, bytes: Uint8Array) => Promise<void>;
};

export type VerifiedModel = {
  folderUrl: string;
  manifest: Manifest;
  manifestHash: Hex;
  /** Verified bytes by path (relative to the folder). */
  files: Map<string, Uint8Array>;
  /** Bytes read from the folder (the rest came from the content store). */
  downloadedBytes: number;
  /** Files (the manifest included) read from the content store. */
  cachedFiles: number;
};

export type VerifyOptions = {
  read: ModelFileReader;
  store?: ContentStore | null;
  onFile?: (entry: ManifestEntry, fromCache: boolean) => void;
};

/** Fetch-based reader for the browser and for http(s) folders in Node. */
export function httpModelFileReader(fetchFile: typeof fetch = fetch): ModelFileReader {
  return async (url) => {
    const refused = connectRefusal(url);
    if (refused)
      throw new ScorerError("origin_not_allowed", `Cannot fetch the model file ${url}. ${refused}`);
    let response: Response;
    try {
      response = await fetchFile(url, { cache: "no-store" });
    } catch (error) {
      throw new ScorerError(
        "offline",
        `Cannot reach ${url} (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (response.status === 404 || response.status === 410) return null;
    if (!response.ok) throw new ScorerError("offline", `Could not fetch ${url} (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

const folderOf = (url: string): string => (url.endsWith("/") ? url : `${url}/`);

async function fromStore(store: ContentStore | null | undefined, sha256: Hex): Promise<Uint8Array | null> {
  if (!store) return null;
  try {
    const bytes = await store.get(sha256);
    return bytes && (await sha256Hex(bytes)) === sha256 ? bytes : null;
  } catch {
    return null;
  }
}

async function toStore(
  store: ContentStore | null | undefined,
  sha256: Hex,
  bytes: Uint8Array,
): Promise<void> {
  try {
    await store?.put(sha256, bytes);
  } catch {
    // A full or unavailable cache only costs a download next time.
  }
}

/** Reads and checks the folder's manifest (against `expected` when given) without fetching the files. */
export async function fetchManifest(
  folderUrl: string,
  expected: Hex | undefined,
  options: Pick<VerifyOptions, "read" | "store">,
): Promise<{ manifest: Manifest; bytes: Uint8Array; hash: Hex; fromCache: boolean }> {
  const folder = folderOf(folderUrl);
  const where = `${folder}${MANIFEST_FILE}`;
  const cached = expected ? await fromStore(options.store, expected.toLowerCase() as Hex) : null;
  const bytes = cached ?? (await options.read(where));
  if (!bytes)
    throw new ScorerError(
      "no_manifest",
      `The model at ${folder} has no ${MANIFEST_FILE}, so it cannot be verified (build it with npm run models, or compute its hash in the submit panel from the model's files).`,
      { files: [MANIFEST_FILE] },
    );
  const manifest = expected ? await verifyManifestBytes(bytes, expected, where) : parseManifest(bytes);
  const hash = await sha256Hex(bytes);
  if (!cached) await toStore(options.store, hash, bytes);
  return { manifest, bytes, hash, fromCache: cached !== null };
}

/**
 * Fetches `folderUrl`'s manifest and every file it lists, and checks them. With `expected`, the manifest's
 * sha256 must equal it (the submitted content hash); without, the folder's own manifest is trusted and only
 * the files are checked against it. Throws ScorerError model_mismatch (naming the file, expected and actual
 * hash), no_manifest, missing_files or offline.
 */
export async function fetchVerifiedModel(
  folderUrl: string,
  expected: Hex | undefined,
  options: VerifyOptions,
): Promise<VerifiedModel> {
  const folder = folderOf(folderUrl);
  const { manifest, hash, fromCache } = await fetchManifest(folder, expected, options);
  let downloadedBytes = 0;
  let cachedFiles = fromCache ? 1 : 0;
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    manifest.files.map(async (entry) => {
      const cached = await fromStore(options.store, entry.sha256);
      const url = `${folder}${entry.path}`;
      const bytes = cached ?? (await options.read(url));
      if (!bytes)
        throw new ScorerError(
          "missing_files",
          `The model file ${url} is listed in its ${MANIFEST_FILE} but is not there.`,
          { files: [entry.path] },
        );
      await verifyFile(entry, bytes, url);
      if (cached) cachedFiles++;
      else {
        downloadedBytes += bytes.byteLength;
        await toStore(options.store, entry.sha256, bytes);
      }
      files.set(entry.path, bytes);
      options.onFile?.(entry, cached !== null);
    }),
  );
  return { folderUrl: folder, manifest, manifestHash: hash, files, downloadedBytes, cachedFiles };
}
