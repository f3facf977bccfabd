"use client";

import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { readMarketLive } from "@/lib/targets/market";

/** The market at the latest block (parameters, clock, seed draw); every confirmed transaction refreshes it. */
export function useTargetsMarket() {
  const { chainId } = useArenaChain();
  const address = useContractAddress("ArenaTargets");
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["targets-market", chainId, address],
    enabled: Boolean(client && address),
    queryFn: () => readMarketLive(client!, address!),
    refetchInterval: 15_000,
  });
}
