"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { parseEventLogs } from "viem";
import { useClient } from "wagmi";
import { arenaTasksAbi, deployments } from "@/contracts-abi";
import { indexEvents, type ArenaEvent, type ArenaIndex } from "@/lib/arena/indexer";
import { getContractLogs } from "@/lib/chain/logs";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { useLatestBlock } from "./useChainClock";

/**
 * A query that keeps its last data through failed refetches: `error` is set only when there never was data
 * (pages render the data with a stale marker then, see QueryState); `refreshError` says why a refetch failed.
 */
export type LastDataQuery<T> = KeepLastData<UseQueryResult<T>>;
type KeepLastData<R> = R extends unknown
  ? Omit<R, "error"> & { error: Error | null; refreshError: Error | null }
  : never;

export function keepLastData<T>(query: UseQueryResult<T>): LastDataQuery<T> {
  if (query.data === undefined) return { ...query, refreshError: null } as LastDataQuery<T>;
  return { ...query, error: null, refreshError: query.error } as LastDataQuery<T>;
}

/** The protocol's state as rebuilt from its events (tasks, participants, results, delegations, challenges). */
export function useArenaIndex(): LastDataQuery<ArenaIndex> {
  const { chainId } = useArenaChain();
  const client = useClient({ chainId });
  const deployment = deployments[chainId]?.ArenaTasks;
  const query = useQuery<ArenaIndex>({
    queryKey: ["arena-index", chainId, deployment?.address],
    enabled: Boolean(client && deployment),
    queryFn: async () => {
      const logs = await getContractLogs(client!, deployment!.address, BigInt(deployment!.blockNumber));
      const events = parseEventLogs({ abi: arenaTasksAbi, logs }) as unknown as ArenaEvent[];
      return indexEvents(events);
    },
  });
  return keepLastData(query);
}

/** Chain time in seconds: the latest block's timestamp (the dev panel moves it on the local chain). */
export function useChainTime(): LastDataQuery<number> {
  return keepLastData(useLatestBlock((b) => b.timestamp, 5_000));
}
