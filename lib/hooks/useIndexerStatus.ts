"use client";

import { useQuery } from "@tanstack/react-query";
import { appConfig } from "@/lib/config";
import { fetchIndexedBlock } from "@/lib/indexer/client";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

/** The indexer's latest block for the chain the app uses, polled every second (one small request). */
export function useIndexerStatus() {
  const { chainId } = useArenaChain();
  const url = appConfig.indexerUrls[chainId];
  const query = useQuery({
    queryKey: ["indexer-status", chainId],
    enabled: Boolean(url),
    refetchInterval: 1_000,
    retry: false,
    queryFn: ({ signal }) => fetchIndexedBlock(url, AbortSignal.any([signal, AbortSignal.timeout(3_000)])),
  });
  return { url, chainId, ...query };
}
