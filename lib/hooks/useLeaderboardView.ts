"use client";

import type { LastDataQuery } from "@/lib/arena/lastData";
import type { LeaderboardView } from "@/lib/indexer/views";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** The node and validator boards over every task (`"all"`) or one. */
export function useLeaderboardView(task: "all" | bigint): LastDataQuery<LeaderboardView> {
  return useIndexerView<LeaderboardView>(`/v1/leaderboard?task=${task}`);
}
