"use client";

import { useBlock, useReadContract } from "wagmi";
import { faucetAbi } from "@/contracts-abi";
import { formatDuration, formatTokenAmount } from "@/lib/format";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** "Get test tokens": shown where a faucet is deployed (the local chain). */
export function FaucetButton() {
  const { address, isConnected, wrongNetwork, chainId } = useArenaChain();
  const faucet = useContractAddress("Faucet");
  const { run } = useTransactor();
  const enabled = Boolean(faucet && address && !wrongNetwork);
  const drip = useReadContract({
    abi: faucetAbi,
    address: faucet,
    functionName: "dripAmount",
    chainId,
    query: { enabled },
  });
  const next = useReadContract({
    abi: faucetAbi,
    address: faucet,
    functionName: "nextDripAt",
    args: address ? [address] : undefined,
    chainId,
    query: { enabled },
  });
  const block = useBlock({ chainId, query: { enabled } });
  if (!isConnected || !faucet || wrongNetwork) return null;

  const wait = next.data !== undefined && block.data ? Number(next.data - block.data.timestamp) : 0;
  const title =
    wait > 0
      ? `The faucet gives one drip per day: next in ${formatDuration(wait)}`
      : `Get ${drip.data === undefined ? "" : formatTokenAmount(drip.data)} test ARENA`;

  return (
    <button
      type="button"
      title={title}
      className="rounded-md border border-teal-700 px-3 py-1.5 text-sm font-medium text-teal-800 hover:bg-teal-50"
      onClick={() =>
        run({
          label: "Faucet: get test ARENA",
          abi: faucetAbi,
          address: faucet,
          functionName: "drip",
          args: [],
        })
      }
    >
      Faucet{wait > 0 ? ` (${formatDuration(wait)})` : ""}
    </button>
  );
}
