"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useClient } from "wagmi";
import { parseError } from "@/lib/errors/parseError";
import {
  nextProbeDelay,
  probedHead,
  refreshAfterProbe,
  rpcHealth,
  type RefreshState,
} from "@/lib/chain/rpcHealth";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

const PROBE_TIMEOUT_MS = 4_000;

/**
 * Probes the chain's RPC (eth_blockNumber) every few seconds, and at once when a read fails for want of the
 * RPC; when the chain answers again after an outage, or is a new chain (`npm run dev` restarted it), every
 * query on screen refetches, and again on each new block for a minute while the chain is seeded.
 */
export function useRpcProbe(loadView: () => Promise<unknown>) {
  const { chainId } = useArenaChain();
  const client = useClient({ chainId });
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;
    let refresh: RefreshState = { lastBlock: undefined, settleUntil: 0 };
    const probe = async () => {
      if (running || stopped) return;
      running = true;
      clearTimeout(timer);
      void loadView();
      let block: bigint | undefined;
      try {
        const hex = await client.request(
          { method: "eth_blockNumber" },
          { retryCount: 0, dedupe: false, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) },
        );
        block = BigInt(hex);
      } catch {
        /* unreachable: counted below */
      }
      running = false;
      if (stopped) return;
      const recovered = rpcHealth.report(block !== undefined);
      if (block !== undefined) {
        probedHead.set(block);
        const { refetch, next } = refreshAfterProbe(refresh, { block, recovered, at: Date.now() });
        refresh = next;
        if (refetch) void queryClient.invalidateQueries();
      }
      timer = setTimeout(() => void probe(), nextProbeDelay(rpcHealth.get()));
    };
    // At once, beside the page's first reads (one batch): the block number it sees tells a restarted chain.
    void probe();
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated") return;
      if (event.action.type === "success") rpcHealth.noteAnswer();
      if (event.action.type !== "error") return;
      if (parseError(event.action.error).kind === "rpc-unreachable") void probe();
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, queryClient, loadView]);
}
