"use client";

import { useEffect, useState } from "react";
import { useLatestBlock } from "@/lib/hooks/useLatestBlock";

/**
 * Chain time in seconds that ticks every second: the latest block's timestamp plus the wall-clock time since that
 * block was first seen. A local chain mines only on transactions, so its latest timestamp alone stands still
 * between blocks ("closes in 2m 8s" for 98 s); the next block is mined at the extrapolated time.
 */
export function useChainClock() {
  const block = useLatestBlock();
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setWall(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  const seen = block.data;
  const now = seen ? seen.timestamp + Math.max(0, Math.floor((wall - seen.seenAt) / 1_000)) : undefined;
  // Like the other reads, a failed refresh keeps the last block (the clock runs on); only no block at all is an error.
  return { now, isLoading: block.isLoading, error: seen ? null : block.error };
}
