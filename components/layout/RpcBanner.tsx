"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { usePublicClient } from "wagmi";
import { appConfig } from "@/lib/config";
import { formatClockTime, nextProbeDelay, rpcHealth } from "@/lib/chain/rpcHealth";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { useRpcHealth } from "./useRpcHealth";

const PROBE_TIMEOUT_MS = 4_000;

/**
 * Probes the chain's RPC (eth_blockNumber) every few seconds, and at once when a read fails for want of the
 * RPC; when the chain answers again after an outage, every query on screen refetches.
 */
function useRpcProbe() {
  const { chainId } = useArenaChain();
  const client = usePublicClient({ chainId });
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;
    const probe = async () => {
      if (running || stopped) return;
      running = true;
      clearTimeout(timer);
      let ok = false;
      try {
        await client.request(
          { method: "eth_blockNumber" },
          { retryCount: 0, dedupe: false, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) },
        );
        ok = true;
      } catch {
        /* unreachable: counted below */
      }
      running = false;
      if (stopped) return;
      if (rpcHealth.report(ok)) void queryClient.invalidateQueries();
      timer = setTimeout(() => void probe(), nextProbeDelay(rpcHealth.get()));
    };
    void probe();
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      const { error } = event.action;
      // Loaded on the first failed read only: the parser holds every contract's errors.
      void import("@/lib/errors/parseError").then(({ parseError }) => {
        if (parseError(error).kind === "rpc-unreachable") void probe();
      });
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, queryClient]);
}

/** One app-wide line while the chain's RPC cannot be reached; it goes by itself when the chain is back. */
export function RpcBanner() {
  useRpcProbe();
  const { down, chainName, url, lastOkAt } = useRpcHealth();
  if (!down) return null;
  return (
    <div role="alert" data-testid="rpc-banner" className="border-b border-rose-300 bg-rose-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-rose-900">
        <strong>Cannot reach the chain {chainName}</strong> at <code>{url}</code>
        {lastOkAt ? ` (last answer at ${formatClockTime(lastOkAt)})` : ""}. Pages show the last data read,
        marked stale, and refresh by themselves when it answers again
        {appConfig.localTools && (
          <>
            {" "}
            (locally: is <code>npm run dev</code> still running?)
          </>
        )}
        .
      </p>
    </div>
  );
}
