"use client";

import type { ArenaIndex } from "@/lib/arena/indexer";
import { useIndexerView } from "@/components/indexer/useIndexerView";
import { keepLastData, type LastDataQuery } from "./lastData";
import { useLatestBlock } from "./useChainClock";

export { keepLastData, type LastDataQuery } from "./lastData";

/** Every task's history (participants, results, delegations, challenges, claims), from the indexer. */
export function useArenaIndex(): LastDataQuery<ArenaIndex> {
  return useIndexerView<ArenaIndex>("/v1/index");
}

/** One task's history from the indexer, in the same shape (`tasks` holds that task alone). */
export function useTaskIndex(id: bigint): LastDataQuery<ArenaIndex> {
  return useIndexerView<ArenaIndex>(`/v1/tasks/${id}`);
}

/** Chain time in seconds: the latest block's timestamp (the dev panel moves it on the local chain). */
export function useChainTime(): LastDataQuery<number> {
  return keepLastData(useLatestBlock((b) => b.timestamp, 5_000));
}
