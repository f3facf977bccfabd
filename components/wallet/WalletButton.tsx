"use client";

import { useAccount } from "wagmi";
import { shortAddress } from "@/lib/format";
import { walletUi } from "@/lib/wallet/walletUi";

const preload = () => walletUi.preload();
const intent = { onPointerEnter: preload, onFocus: preload, onTouchStart: preload };

/**
 * The connect / account button. It renders without RainbowKit (which is not first-load JS) and opens
 * RainbowKit's connect, account or network modal, loading the wallet UI on first hover, focus or click.
 */
export function WalletButton({ showAccount = true }: { showAccount?: boolean }) {
  const { address, chain, isConnected } = useAccount();
  if (!isConnected || !address) {
    return (
      <button
        type="button"
        {...intent}
        onClick={() => walletUi.open("connect")}
        className="rounded-xl bg-teal-700 px-3.5 py-2 text-base font-bold text-white shadow-sm transition-transform hover:scale-[1.025] active:scale-95"
      >
        Connect Wallet
      </button>
    );
  }
  if (!showAccount) return null;
  if (!chain) {
    return (
      <button
        type="button"
        {...intent}
        onClick={() => walletUi.open("chain")}
        className="rounded-xl bg-rose-600 px-3.5 py-2 text-base font-bold text-white shadow-sm hover:scale-[1.025] active:scale-95"
      >
        Wrong network
      </button>
    );
  }
  return (
    <button
      type="button"
      {...intent}
      onClick={() => walletUi.open("account")}
      title={address}
      className="rounded-xl bg-white px-3.5 py-2 text-base font-bold text-zinc-900 shadow-sm ring-1 ring-zinc-200 hover:scale-[1.025] active:scale-95"
    >
      {shortAddress(address)}
    </button>
  );
}
