"use client";

import { formatTokenAmount } from "@/lib/format";
import { useArenaChain } from "./useArenaChain";
import { useTokenBalance } from "./useTokenBalance";

export function TokenBalance() {
  const { isConnected, wrongNetwork } = useArenaChain();
  const balance = useTokenBalance();
  if (!isConnected || wrongNetwork) return null;
  if (balance.isError) {
    return (
      <span className="text-sm text-rose-700" role="alert" title={balance.error.message}>
        Balance unavailable
      </span>
    );
  }
  return (
    <span className="text-sm whitespace-nowrap text-zinc-700" data-testid="token-balance">
      {balance.data === undefined ? "…" : `${formatTokenAmount(balance.data)} ARENA`}
    </span>
  );
}
