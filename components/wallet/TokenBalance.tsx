"use client";

import { formatTokenAmount } from "@/lib/format";
import { formatClockTime } from "@/lib/chain/rpcHealth";
import { useRpcHealth } from "@/lib/hooks/useRpcHealth";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useTokenBalance } from "@/lib/hooks/useTokenBalance";

export function TokenBalance() {
  const { isConnected, wrongNetwork } = useArenaChain();
  const balance = useTokenBalance();
  const rpc = useRpcHealth();
  if (!isConnected || wrongNetwork) return null;
  if (balance.data === undefined && balance.isError) {
    return (
      <span className="text-sm text-rose-700" role="alert" title={balance.error.message}>
        Balance unavailable
      </span>
    );
  }
  // A balance read before the chain stopped answering (or whose refresh failed) is kept, marked stale.
  const stale = balance.data !== undefined && (rpc.down || balance.isError);
  const updatedAt = balance.dataUpdatedAt || rpc.lastOkAt;
  return (
    <span
      className={`text-sm whitespace-nowrap ${stale ? "text-amber-800" : "text-zinc-700"}`}
      title={
        stale
          ? `Last updated ${updatedAt ? formatClockTime(updatedAt) : "—"}: the chain at ${rpc.url} cannot be reached`
          : undefined
      }
    >
      <span data-testid="token-balance" data-stale={stale || undefined}>
        {balance.data === undefined ? "…" : `${formatTokenAmount(balance.data)} ARENA`}
      </span>
      {stale && (
        <span data-testid="token-balance-stale" className="ml-1 rounded bg-amber-100 px-1 text-xs">
          stale
        </span>
      )}
    </span>
  );
}
