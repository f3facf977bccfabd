"use client";

import { useSwitchChain } from "wagmi";
import { parseError } from "@/lib/errors/parseError";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

/** The wrong-network banner with its switch button (see WrongNetworkBanner). */
export function WrongNetworkBannerView() {
  const { walletChainId, chain } = useArenaChain();
  const { switchChain, isPending, error } = useSwitchChain();
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-2 text-sm text-amber-900">
        <span>
          Wrong network: your wallet is on chain {walletChainId}, Arena runs on {chain.name} ({chain.id}).
          Writes are blocked until you switch.
        </span>
        <button
          type="button"
          disabled={isPending}
          className="rounded-md bg-amber-600 px-3 py-1 font-medium text-white hover:bg-amber-700 disabled:opacity-60"
          onClick={() => switchChain({ chainId: chain.id })}
        >
          {isPending ? "Switching…" : `Switch to ${chain.name}`}
        </button>
        {error && <span className="text-rose-700">{parseError(error).message}</span>}
      </div>
    </div>
  );
}
