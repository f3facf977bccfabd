/**
 * Waits until the chain's latest block is at least `target`. On the local chain (automine: blocks appear only
 * with transactions) `mine` adds the missing blocks; on live chains it polls until they arrive.
 */
export async function waitForBlock(
  target: bigint,
  {
    blockNumber,
    mine,
    onProgress,
    intervalMs = 2_000,
    timeoutMs = 10 * 60_000,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  }: {
    blockNumber: () => Promise<bigint>;
    /** Mines `n` blocks (local chain only). */
    mine?: (n: number) => Promise<void>;
    onProgress?: (latest: bigint, target: bigint) => void;
    intervalMs?: number;
    timeoutMs?: number;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const latest = await blockNumber();
    onProgress?.(latest, target);
    if (latest >= target) return latest;
    if (mine) await mine(Number(target - latest));
    else if (Date.now() > deadline) throw new Error(`Block ${target} did not arrive in time (at ${latest}).`);
    else await sleep(intervalMs);
  }
}
