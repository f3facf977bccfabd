"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

type SeenBlock = { number: bigint; timestamp: number; seenAt: number };

/**
 * The latest block as this page first saw it, polled every `refetchInterval` ms: one query for every reader of
 * chain time (`useChainClock`, and `useChainTime`), however often each wants it.
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
