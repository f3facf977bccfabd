/**
 * Computing a model's content hash in the submit flow, from its files (never trusting a manifest's hashes):
 * - from a folder URL: the files named in its arena-manifest.json are fetched and hashed one by one, each
 *   checked against its entry, and the manifest rebuilt from them;
 * - from a folder the user picked: every file is read and hashed locally.
 * Both end with the manifest's canonical bytes and their sha256, the content hash to submit.
 */
import type { Hex } from "viem";
import { ScorerError } from "./errors";
import {
  buildManifest,
  encodeManifest,
  MANIFEST_FILE,
  manifestHash,
  parseManifest,
  verifyFile,
  type Manifest,
} from "./manifest";
import type { ModelFileReader } from "./verify-model";

export type HashProgress = {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  file: string;
};

export type FolderHash = {
  hash: Hex;
  manifest: Manifest;
  /** The canonical arena-manifest.json for these files. */
  manifestBytes: Uint8Array;
  files: number;
  totalBytes: number;
  /** Picked folders: hidden files (a segment starting with ".") left out. */
  skipped: string[];
};

const folderOf = (url: string): string => (url.endsWith("/") ? url : `${url}/`);

async function finish(manifest: Manifest, skipped: string[] = []): Promise<FolderHash> {
  const manifestBytes = encodeManifest(manifest);
  return {
    hash: await manifestHash(manifestBytes),
    manifest,
    manifestBytes,
    files: manifest.files.length,
    totalBytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
    skipped,
  };
}

/** Hashes the files a folder's arena-manifest.json names; throws no_manifest, missing_files or model_mismatch. */
export async function hashModelFolder(
  folderUrl: string,
  read: ModelFileReader,
  onProgress?: (progress: HashProgress) => void,
): Promise<FolderHash> {
  const folder = folderOf(folderUrl);
  const listed = await read(`${folder}${MANIFEST_FILE}`);
  if (!listed)
    throw new ScorerError(
      "no_manifest",
      `The model at ${folder} has no ${MANIFEST_FILE}: pick the model folder below to hash its files, then publish the ${MANIFEST_FILE} it gives you in that folder.`,
      { files: [MANIFEST_FILE] },
    );
  const manifest = parseManifest(listed);
  const totalBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  const files: { path: string; bytes: Uint8Array }[] = [];
  let bytes = 0;
  for (const entry of manifest.files) {
    const url = `${folder}${entry.path}`;
    onProgress?.({
      files: files.length,
      totalFiles: manifest.files.length,
      bytes,
      totalBytes,
      file: entry.path,
    });
    const content = await read(url);
    if (!content)
      throw new ScorerError(
        "missing_files",
        `${url} is listed in the model's ${MANIFEST_FILE} but is not there.`,
        {
          files: [entry.path],
        },
      );
    await verifyFile(entry, content, url);
    files.push({ path: entry.path, bytes: content });
    bytes += content.byteLength;
  }
  onProgress?.({ files: files.length, totalFiles: files.length, bytes, totalBytes, file: "" });
  return finish(await buildManifest(files));
}

export type PickedFile = { path: string; size: number; bytes: () => Promise<Uint8Array> };

/**
 * Files of a picked folder (`webkitRelativePath` starts with the folder's own name, which is dropped).
 * Hidden files are skipped; an arena-manifest.json in the folder is ignored (the manifest is rebuilt).
 */
export function pickedFiles(
  files: readonly {
    webkitRelativePath: string;
    name: string;
    size: number;
    arrayBuffer: () => Promise<ArrayBuffer>;
  }[],
): { files: PickedFile[]; skipped: string[] } {
  const picked: PickedFile[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const relative = (file.webkitRelativePath || file.name).split("/");
    const path = (relative.length > 1 ? relative.slice(1) : relative).join("/");
    if (path.split("/").some((segment) => segment.startsWith("."))) {
      skipped.push(path);
      continue;
    }
    picked.push({ path, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) });
  }
  return { files: picked, skipped };
}

/** Hashes every picked file locally. */
export async function hashPickedFiles(
  picked: { files: PickedFile[]; skipped: string[] },
  onProgress?: (progress: HashProgress) => void,
): Promise<FolderHash> {
  const files = picked.files.filter((f) => f.path !== MANIFEST_FILE);
  if (files.length === 0) throw new ScorerError("missing_files", "The picked folder has no model files.");
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const read: { path: string; bytes: Uint8Array }[] = [];
  let bytes = 0;
  for (const file of files) {
    onProgress?.({ files: read.length, totalFiles: files.length, bytes, totalBytes, file: file.path });
    const content = await file.bytes();
    read.push({ path: file.path, bytes: content });
    bytes += content.byteLength;
  }
  onProgress?.({ files: read.length, totalFiles: files.length, bytes, totalBytes, file: "" });
  return finish(await buildManifest(read), picked.skipped);
}
