"use client";

import { useReadContract } from "wagmi";
import { arenaTokenAbi } from "@/contracts-abi";
import { useArenaChain } from "./useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** The connected account's ARENA balance on the chain the app uses. */
export function useTokenBalance() {
  const { address, chainId } = useArenaChain();
  const token = useContractAddress("ArenaToken");
  return useReadContract({
    abi: arenaTokenAbi,
    address: token,
    functionName: "balanceOf",
    args: address ? [address] : undefined,
    chainId,
    query: { enabled: Boolean(token && address) },
  });
}
