"use client";

import type { Address } from "viem";
import { targetsPath, type TargetsOverview } from "@/lib/indexer/targets";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** The list page's history from the indexer: targets (filtered), epochs, leaderboards, recent fills and claims. */
export function useTargetsHistory(filters: { epoch?: number; submitter?: Address; limit?: number }) {
  return useIndexerView<TargetsOverview>(targetsPath(filters));
}
