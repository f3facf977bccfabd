"use client";

import { useQuery } from "@tanstack/react-query";
import { parseEventLogs } from "viem";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { arenaTasksAbi, deployments } from "@/contracts-abi";
import { indexEvents, type ArenaEvent, type ArenaIndex } from "@/lib/arena/indexer";
import { getContractLogs } from "@/lib/chain/logs";
import { useArenaChain } from "@/components/wallet/useArenaChain";

/** The protocol's state as rebuilt from its events (tasks, participants, results, delegations, challenges). */
export function useArenaIndex() {
  const { chainId } = useArenaChain();
  const client = useClient({ chainId });
  const deployment = deployments[chainId]?.ArenaTasks;
  return useQuery<ArenaIndex>({
    queryKey: ["arena-index", chainId, deployment?.address],
    enabled: Boolean(client && deployment),
    queryFn: async () => {
      const logs = await getContractLogs(client!, deployment!.address, BigInt(deployment!.blockNumber));
      const events = parseEventLogs({ abi: arenaTasksAbi, logs }) as unknown as ArenaEvent[];
      return indexEvents(events);
    },
  });
}

/** Chain time in seconds: the latest block's timestamp (the dev panel moves it on the local chain). */
export function useChainTime() {
  const { chainId } = useArenaChain();
  const client = useClient({ chainId });
  return useQuery({
    queryKey: ["chain-time", chainId],
    enabled: Boolean(client),
    refetchInterval: 5_000,
    queryFn: async () => Number((await getBlock(client!)).timestamp),
  });
}
