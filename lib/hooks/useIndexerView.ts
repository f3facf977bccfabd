"use client";

import { useQuery } from "@tanstack/react-query";
import { appConfig } from "@/lib/config";
import { fetchIndexer } from "@/lib/indexer/client";
import { keepLastData, type LastDataQuery } from "@/lib/arena/lastData";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { INDEXER_KEY } from "@/lib/indexer/refresh";

/**
 * One view of the indexer's API (`/v1/...`) for the chain the app uses, cached per path. Refreshed after each
 * write once the indexer has its block (refresh.ts), each time the indexer reaches a new block (IndexerBanner), and every `refetchInterval` ms as a fallback.
 */
export function useIndexerView<T>(path: string | undefined, refetchInterval = 30_000): LastDataQuery<T> {
  const { chainId } = useArenaChain();
  const url = appConfig.indexerUrls[chainId];
  const query = useQuery<T>({
    queryKey: [INDEXER_KEY, chainId, path],
    enabled: Boolean(path),
    refetchInterval,
    queryFn: ({ signal }) => fetchIndexer<T>(url, path!, signal),
  });
  return keepLastData(query);
}
