/**
 * Reads a request body chunk by chunk and stops the moment it passes its limit, so an oversized upload is
 * refused after at most `limit` bytes (plus one chunk) instead of after all of it was read.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { BlobError } from "./errors";

export type StreamedBody = { size: number; sha256: string };

/** Counts bytes against a limit; `add` throws too_large on the first chunk that goes past it. */
export class ByteLimit {
  private seen = 0;

  constructor(readonly limit: number) {}

  get bytes(): number {
    return this.seen;
  }

  add(chunkBytes: number): void {
    this.seen += chunkBytes;
    if (this.seen > this.limit) {
      throw new BlobError("too_large", `The upload is larger than the ${this.limit} bytes allowed.`, {
        limit: this.limit,
      });
    }
  }
}

/**
 * Pulls `body` through `sink`, hashing as it goes; cancels the stream and throws too_large as soon as more
 * than `limit` bytes arrived.
 */
export async function consumeLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  sink: (chunk: Uint8Array) => Promise<void>,
): Promise<StreamedBody> {
  const hash = createHash("sha256");
  const counter = new ByteLimit(limit);
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        counter.add(value.byteLength);
        hash.update(value);
        await sink(value);
      }
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    } finally {
      reader.releaseLock();
    }
  }
  return { size: counter.bytes, sha256: hash.digest("hex") };
}

/** Streams `body` into a new file at `file` (at most `limit` bytes); the caller removes it on failure. */
export async function streamToFile(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  file: string,
): Promise<StreamedBody> {
  const handle = await open(file, "wx");
  try {
    const result = await consumeLimited(body, limit, async (chunk) => {
      await handle.write(chunk);
    });
    await handle.sync();
    return result;
  } finally {
    await handle.close();
  }
}
