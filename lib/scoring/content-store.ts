/**
 * Model files by sha256 in the browser's Cache API, so that a verified file is downloaded once per browser:
 * a second load (another visit, another model sharing a tokenizer) reads it from here. Keys are
 * `<origin>/__arena/sha256/<hex>`: a URL nothing serves, used only as a name. A file is only ever stored under
 * the sha256 of its bytes, and verify-model.ts re-checks the hash when it reads one.
 */
import type { Hex } from "viem";
import type { ContentStore } from "./verify-model";

export const CONTENT_CACHE_NAME = "arena-model-files-v1";

export function contentKey(sha256: Hex, origin: string): string {
  return `${origin}/__arena/sha256/${sha256.slice(2).toLowerCase()}`;
}

/** The Cache API store, or null where there is none (Node, an opaque origin, some private windows). */
export function browserContentStore(): ContentStore | null {
  if (typeof caches === "undefined" || typeof location === "undefined") return null;
  const origin = location.origin;
  if (!/^https?:/.test(origin)) return null;
  let opened: Promise<Cache> | null = null;
  const cache = (): Promise<Cache> => (opened ??= caches.open(CONTENT_CACHE_NAME));
  return {
    async get(sha256) {
      const response = await (await cache()).match(contentKey(sha256, origin));
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    },
    async put(sha256, bytes) {
      const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      await (
        await cache()
      ).put(
        contentKey(sha256, origin),
        new Response(body, {
          headers: { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) },
        }),
      );
    },
  };
}
