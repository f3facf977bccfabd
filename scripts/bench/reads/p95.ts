/** p95 latency of GET requests to the indexer's API, measured from Node over loopback (body read included). */

export type Latency = { path: string; p50: number; p95: number; bytes: number; samples: number };

/** `samples` requests after `warmup` ones, one at a time; fewer (at least 5) when they take over `budgetMs` in all. */
export async function latencyOf(
  baseUrl: string,
  path: string,
  samples = 60,
  warmup = 3,
  budgetMs = 30_000,
): Promise<Latency> {
  const times: number[] = [];
  let bytes = 0;
  const begun = performance.now();
  for (let i = 0; i < warmup + samples; i++) {
    if (times.length >= 5 && performance.now() - begun > budgetMs) break;
    const started = performance.now();
    const res = await fetch(baseUrl + path, { signal: AbortSignal.timeout(60_000) });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (!res.ok)
      throw new Error(`${path} answered HTTP ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    if (i >= warmup) times.push(ms);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { path, p50: at(0.5), p95: at(0.95), bytes, samples: times.length };
}
