"use client";

import { formatTokenAmount } from "@/lib/format";
import { FaucetButton } from "@/components/wallet/FaucetButton";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useTokenBalance } from "@/lib/hooks/useTokenBalance";
import { WalletButton } from "@/components/wallet/WalletButton";

export function WalletCard() {
  const { address, isConnected, wrongNetwork } = useArenaChain();
  const balance = useTokenBalance();
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5" aria-labelledby="wallet-card-title">
      <h2 id="wallet-card-title" className="text-lg font-semibold">
        Your wallet
      </h2>
      {!isConnected ? (
        <div className="mt-3 space-y-3 text-zinc-700">
          <p>Connect a wallet to see your balance and take part.</p>
          <WalletButton />
        </div>
      ) : wrongNetwork ? (
        <p className="mt-3 text-amber-800">Switch to the Arena network to see your balance.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[7rem_minmax(0,1fr)] gap-x-2 gap-y-2 text-sm">
          <dt className="text-zinc-500">Account</dt>
          <dd className="font-mono break-all" data-testid="wallet-address">
            {address}
          </dd>
          <dt className="text-zinc-500">Balance</dt>
          <dd data-testid="wallet-balance">
            {balance.isError
              ? "Could not read the balance"
              : balance.data === undefined
                ? "…"
                : `${formatTokenAmount(balance.data)} ARENA`}
          </dd>
          <dt className="text-zinc-500">Test tokens</dt>
          <dd>
            <FaucetButton />
          </dd>
        </dl>
      )}
    </section>
  );
}
