import path from "node:path";
import { DAY_SECONDS, type QuotaLimits } from "./quota";
import { DEFAULT_MAX_BLOB_BYTES } from "./store";

export const DEFAULT_QUOTA_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TOTAL_BYTES = 1024 * 1024 * 1024;

export type BlobConfig = QuotaLimits & { directory: string; maxBytes: number };

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/**
 * ARENA_BLOB_DIR (default .arena/blobs), ARENA_BLOB_MAX_BYTES (one blob, 16 MiB), ARENA_BLOB_QUOTA_BYTES (per
 * address and rolling day, 64 MiB), ARENA_BLOB_TOTAL_BYTES (the whole store, 1 GiB).
 */
export function blobConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BlobConfig {
  return {
    // Not a file the build should trace: .arena/ changes while the app builds (blobs, the indexer's PGlite), and
    // a file vanishing under the tracer fails `next build`.
    directory: path.resolve(
      env.ARENA_BLOB_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".arena", "blobs"),
    ),
    maxBytes: positive(env.ARENA_BLOB_MAX_BYTES, DEFAULT_MAX_BLOB_BYTES),
    quotaBytes: positive(env.ARENA_BLOB_QUOTA_BYTES, DEFAULT_QUOTA_BYTES),
    totalBytes: positive(env.ARENA_BLOB_TOTAL_BYTES, DEFAULT_TOTAL_BYTES),
    windowSeconds: DAY_SECONDS,
  };
}
