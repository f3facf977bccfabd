/**
 * A content-addressed blob store on local disk: a blob's name is the sha256 of its bytes. Writes go to a
 * temporary file and are renamed into place, so concurrent uploads of the same content and crashes mid-write
 * never leave a partial blob; every read is verified against its name.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { BlobError } from "./errors";

export { BlobError, blobErrorStatus, type BlobErrorCode } from "./errors";

export const DEFAULT_MAX_BLOB_BYTES = 16 * 1024 * 1024;

export type StoredBlob = { uri: string; sha256: string; size: number };

const HEX64 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `sha256:<hex>` or bare hex → the hex digest; throws on anything else. */
export function parseBlobHash(value: string): string {
  const hex = value.startsWith("sha256:") ? value.slice(7) : value;
  if (!HEX64.test(hex))
    throw new BlobError("bad_hash", "A blob is named by 64 lowercase hex digits of its sha256.");
  return hex;
}

export class BlobStore {
  constructor(
    readonly directory: string,
    readonly maxBytes: number = DEFAULT_MAX_BLOB_BYTES,
  ) {}

  /** The store the app uses: ARENA_BLOB_DIR (default .arena/blobs) and ARENA_BLOB_MAX_BYTES. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): BlobStore {
    const directory = path.resolve(
      env.ARENA_BLOB_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".arena", "blobs"),
    );
    const max = Number(env.ARENA_BLOB_MAX_BYTES ?? DEFAULT_MAX_BLOB_BYTES);
    return new BlobStore(directory, Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_BLOB_BYTES);
  }

  private file(hex: string): string {
    return path.join(this.directory, hex.slice(0, 2), hex);
  }

  /** Whether the blob `hex` is stored, intact, with `size` bytes (a damaged copy counts as absent). */
  async has(hex: string, size: number): Promise<boolean> {
    const existing = await stat(this.file(parseBlobHash(hex))).catch(() => undefined);
    if (existing?.size !== size) return false;
    return this.get(hex).then(
      () => true,
      () => false,
    );
  }

  /** A fresh temporary path beside where blob `hex` goes (its shard directory is created). */
  async tempPath(hex: string): Promise<string> {
    const target = this.file(parseBlobHash(hex));
    await mkdir(path.dirname(target), { recursive: true });
    return `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  }

  /**
   * Moves a verified temporary file of `size` bytes into place as blob `hex` (replacing a damaged copy); false
   * (and the file is dropped) when an intact copy was stored meanwhile. Callers serialise calls for one store
   * (the upload ledger's lock does).
   */
  async place(temp: string, hex: string, size: number): Promise<boolean> {
    if (await this.has(hex, size)) {
      await rm(temp, { force: true });
      return false;
    }
    await rename(temp, this.file(parseBlobHash(hex)));
    return true;
  }

  /** Stores bytes; `expected` (a sha256 hex or URI), when given, must match what arrived. */
  async put(bytes: Uint8Array, expected?: string): Promise<StoredBlob> {
    if (bytes.length === 0) throw new BlobError("empty", "The upload is empty.");
    if (bytes.length > this.maxBytes) {
      throw new BlobError(
        "too_large",
        `The upload has ${bytes.length} bytes; the limit is ${this.maxBytes}.`,
      );
    }
    const hex = sha256Hex(bytes);
    if (expected !== undefined && parseBlobHash(expected) !== hex) {
      throw new BlobError("hash_mismatch", `The bytes hash to ${hex}, not ${parseBlobHash(expected)}.`);
    }
    const target = this.file(hex);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.size !== bytes.length) {
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(temp, bytes);
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    }
    return { uri: `sha256:${hex}`, sha256: hex, size: bytes.length };
  }

  /** Reads a blob and checks its hash; a blob that no longer matches its name is reported corrupt. */
  async get(hash: string): Promise<Uint8Array<ArrayBuffer>> {
    const hex = parseBlobHash(hash);
    const bytes = await readFile(this.file(hex)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new BlobError("not_found", `No blob ${hex} is stored here.`);
      throw error;
    });
    if (sha256Hex(bytes) !== hex)
      throw new BlobError("corrupt", `The stored blob ${hex} does not match its hash.`);
    return new Uint8Array(bytes);
  }
}
