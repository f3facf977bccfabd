"use client";

import type { LastDataQuery } from "@/lib/arena/lastData";
import { withAccount, type TaskPageView } from "@/lib/indexer/views";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** One task as its page shows it (`tasks` holds that task alone), with the connected account's own rows. */
export function useTaskIndex(id: bigint): LastDataQuery<TaskPageView> {
  const { address } = useArenaChain();
  return useIndexerView<TaskPageView>(`/v1/tasks/${id}${withAccount(address)}`);
}
