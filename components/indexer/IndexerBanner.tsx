"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { probedHead } from "@/lib/chain/rpcHealth";
import { indexerHealth } from "@/lib/indexer/lag";
import { INDEXER_KEY } from "@/lib/indexer/refresh";
import { useIndexerStatus } from "@/lib/hooks/useIndexerStatus";

/**
 * Keeps indexer views in step with the indexer (each new indexed block refreshes them, so other people's
 * changes show within about a second) and says so, in one app-wide line, when the indexer is down or behind.
 */
const noHead = () => undefined;

export function IndexerBanner() {
  const status = useIndexerStatus();
  // The head as the RPC probe last saw it: no block request of its own.
  const head = useSyncExternalStore(probedHead.subscribe, probedHead.get, noHead);
  const queryClient = useQueryClient();
  const last = useRef<bigint | undefined>(undefined);
  const indexed = status.error ? undefined : status.data;

  useEffect(() => {
    if (indexed === undefined) return;
    if (last.current !== undefined && last.current !== indexed)
      void queryClient.invalidateQueries({ queryKey: [INDEXER_KEY, status.chainId] });
    last.current = indexed;
  }, [indexed, queryClient, status.chainId]);

  if (status.isLoading) return null;
  const health = indexerHealth({
    configured: Boolean(status.url),
    indexed,
    head,
    error: status.error?.message,
  });
  if (health.kind === "ok") return null;
  return (
    <div
      role="status"
      data-testid="indexer-banner"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
    >
      {health.text}
    </div>
  );
}
