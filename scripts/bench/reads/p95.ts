/** p95 latency of GET requests to the indexer's API, measured from Node over loopback (body read included). */

export type Latency = {
  path: string;
  p50: number;
  p95: number;
  bytes: number;
  samples: number;
  /** A request took longer than the timeout: p95 is then at least that. */
  timedOut: boolean;
  /** The request failed (the server died, say): no figure. */
  error?: string;
};

/**
 * `samples` requests after `warmup` ones, one at a time. Slow views get fewer (at least 3) once the requests
 * have taken `budgetMs` in all, so that a view that takes seconds does not take the benchmark hours.
 */
export async function latencyOf(
  baseUrl: string,
  path: string,
  { samples = 60, warmup = 3, budgetMs = 20_000, timeoutMs = 120_000 } = {},
): Promise<Latency> {
  const times: number[] = [];
  let bytes = 0;
  const begun = performance.now();
  for (let i = 0; i < warmup + samples; i++) {
    const spent = performance.now() - begun;
    if (spent > budgetMs && times.length >= 3) break;
    if (spent > budgetMs && i >= 1 && i < warmup) i = warmup; // slow: no more warm-up
    const started = performance.now();
    let body: ArrayBuffer;
    let res: Response;
    try {
      res = await fetch(baseUrl + path, { signal: AbortSignal.timeout(timeoutMs) });
      body = await res.arrayBuffer();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      return {
        path,
        p50: timeoutMs,
        p95: timeoutMs,
        bytes,
        samples: times.length,
        timedOut,
        ...(timedOut ? {} : { error: error instanceof Error ? error.message : String(error) }),
      };
    }
    const ms = performance.now() - started;
    if (!res.ok)
      throw new Error(`${path} answered HTTP ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    if (i >= warmup) times.push(ms);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { path, p50: at(0.5), p95: at(0.95), bytes, samples: times.length, timedOut: false };
}
