/**
 * A `match`/`put` cache (the part of the Web Cache API transformers.js uses as `env.customCache`) that fetches
 * each shipped-model file once per model load. transformers.js 4 asks for a file's metadata (for its progress
 * totals and to find the tokenizer) before it loads it, and in the browser that lookup is a full GET of a local
 * file: every file, model.onnx included, was requested twice. With this cache both the lookup and the load read
 * one response. Only paths under `prefix` are served; anything else (a hub URL) is left to transformers.js.
 */
export type FetchOnceCache = {
  match: (key: string) => Promise<Response | undefined>;
  put: (key: string, response: Response) => Promise<void>;
  /** Drops what was fetched (call after the load: the buffers are not needed twice). */
  clear: () => void;
};

type Stored = { body: ArrayBuffer; headers: Headers } | null;

export function fetchOnceCache(
  prefix: string,
  fetchFile: (url: string) => Promise<Response>,
): FetchOnceCache {
  const files = new Map<string, Promise<Stored>>();
  const load = async (key: string): Promise<Stored> => {
    const response = await fetchFile(key);
    if (!response.ok) return null; // missing: transformers.js tries the path itself and reports it
    return { body: await response.arrayBuffer(), headers: response.headers };
  };
  return {
    async match(key) {
      if (!key.startsWith(prefix)) return undefined;
      let stored = files.get(key);
      if (!stored) {
        stored = load(key).catch(() => null);
        files.set(key, stored);
      }
      const file = await stored;
      if (!file) return undefined;
      const headers = new Headers(file.headers);
      headers.set("content-length", String(file.body.byteLength));
      return new Response(file.body, { status: 200, headers }); // a Response copies its body
    },
    async put() {},
    clear: () => files.clear(),
  };
}

/**
 * The cache a verified load gives transformers.js: it answers only the files of one verified model (bytes
 * checked against its manifest), under any key transformers.js looks them up by (the local path
 * `<localModelPath><modelId>/<file>` or the hub URL `<host><modelId>/resolve/<revision>/<file>`), and nothing
 * else; `put` stores nothing. With remote and local loading pointed away from the network (load.ts), the
 * model is built from exactly these bytes.
 */
export function verifiedFilesCache(modelId: string, files: ReadonlyMap<string, Uint8Array>): FetchOnceCache {
  const marker = `${modelId}/`;
  const fileOf = (key: string): Uint8Array | undefined => {
    const at = key.indexOf(marker);
    if (at < 0) return undefined;
    const rest = key.slice(at + marker.length).replace(/^resolve\/[^/]+\//, "");
    return files.get(decodeURIComponent(rest));
  };
  return {
    async match(key) {
      const bytes = fileOf(key);
      if (!bytes) return undefined;
      // A Response copies a BufferSource body, so the verified bytes cannot be changed through it.
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { "content-length": String(bytes.byteLength) },
      });
    },
    async put() {},
    clear: () => {},
  };
}
