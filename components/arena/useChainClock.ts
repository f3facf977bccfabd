"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { useArenaChain } from "@/components/wallet/useArenaChain";

type SeenBlock = { number: bigint; timestamp: number; seenAt: number };

/**
 * The latest block as this page first saw it, polled every `refetchInterval` ms: one query for every reader of
 * chain time (`useChainClock`, and `useChainTime` in useArenaIndex.ts), however often each wants it.
 */
export function useLatestBlock<T = SeenBlock>(select?: (block: SeenBlock) => T, refetchInterval = 2_000) {
  const { chainId } = useArenaChain();
  const client = useClient({ chainId });
  const queryClient = useQueryClient();
  const queryKey = ["chain-clock", chainId];
  return useQuery<SeenBlock, Error, T>({
    queryKey,
    enabled: Boolean(client),
    refetchInterval,
    select,
    queryFn: async () => {
      const b = await getBlock(client!);
      const previous = queryClient.getQueryData<SeenBlock>(queryKey);
      // The same block seen again keeps the time it was first seen, so the clock does not jump back.
      if (previous && previous.number === b.number) return previous;
      return { number: b.number, timestamp: Number(b.timestamp), seenAt: Date.now() };
    },
  });
}

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
