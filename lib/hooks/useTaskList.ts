"use client";

import type { LastDataQuery } from "@/lib/arena/lastData";
import { withAccount, type TaskListView } from "@/lib/indexer/views";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** Every task with its totals, and the connected account's own role in each (the task list, the overview). */
export function useTaskList(): LastDataQuery<TaskListView> {
  const { address } = useArenaChain();
  return useIndexerView<TaskListView>(`/v1/tasks${withAccount(address)}`);
}
