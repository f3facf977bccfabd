import { parse } from "./codec";

/**
 * The app's reads of the indexer (indexer/src/api): typed views over HTTP in the codec's JSON, and the block the
 * indexer has reached. Errors say in plain words what failed, so pages can show it next to the data they keep.
 */

export class IndexerError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "http" | "missing",
  ) {
    super(message);
    this.name = "IndexerError";
  }
}

export async function fetchIndexer<T>(
  baseUrl: string | undefined,
  path: string,
  signal?: AbortSignal,
): Promise<T> {
  if (!baseUrl)
    throw new IndexerError(
      "This chain has no indexer configured, so its history cannot be shown.",
      "missing",
    );
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/$/, "")}${path}`, { signal, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new IndexerError(`The indexer at ${baseUrl} does not answer.`, "unreachable");
  }
  const text = await res.text();
  if (!res.ok) {
    let why = `HTTP ${res.status}`;
    try {
      why = (JSON.parse(text) as { error?: string }).error ?? why;
    } catch {
      /* not JSON */
    }
    throw new IndexerError(`The indexer could not answer ${path}: ${why}`, "http");
  }
  return parse<T>(text);
}

/** Ponder's /status: the latest block it has processed, per chain (one chain per indexer here). */
export async function fetchIndexedBlock(baseUrl: string | undefined, signal?: AbortSignal): Promise<bigint> {
  if (!baseUrl) throw new IndexerError("This chain has no indexer configured.", "missing");
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/$/, "")}/status`, { signal, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new IndexerError(`The indexer at ${baseUrl} does not answer.`, "unreachable");
  }
  if (!res.ok) throw new IndexerError(`The indexer's status answered HTTP ${res.status}.`, "http");
  const status = (await res.json()) as Record<string, { block?: { number: number } | null }>;
  const block = Object.values(status)[0]?.block?.number;
  if (block === undefined) throw new IndexerError("The indexer has not indexed any block yet.", "http");
  return BigInt(block);
}

/**
 * Waits until the indexer has processed `block` (a receipt's), polling every `intervalMs`. Resolves false if it
 * has not after `timeoutMs` (the page then says the indexer is behind), true once it has.
 */
export async function waitForIndexedBlock(
  baseUrl: string | undefined,
  block: bigint,
  { timeoutMs = 10_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetchIndexedBlock(baseUrl)) >= block) return true;
    } catch {
      /* down or empty: retry until the deadline */
    }
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
