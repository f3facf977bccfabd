"use client";

import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";
import { readMarket } from "./market";

/** The targets market as one snapshot; every confirmed transaction and the dev panel refresh it. */
export function useTargetsMarket() {
  const { chainId } = useArenaChain();
  const address = useContractAddress("ArenaTargets");
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["targets-market", chainId, address],
    enabled: Boolean(client && address),
    queryFn: () => readMarket(client!, address!),
    refetchInterval: 15_000,
  });
}
