"use client";

import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { readTargets } from "@/lib/targets/market";

/** One target and its submission as the chain has them at the latest block (what its actions depend on). */
export function useTargetState(id: bigint | undefined, currentEpoch: bigint | undefined) {
  const { chainId } = useArenaChain();
  const address = useContractAddress("ArenaTargets");
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["target-state", chainId, address, id?.toString(), currentEpoch?.toString()],
    enabled: Boolean(client && address && id !== undefined && currentEpoch !== undefined),
    queryFn: async () => (await readTargets(client!, address!, [id!], currentEpoch!))[0]!,
    refetchInterval: 15_000,
  });
}
