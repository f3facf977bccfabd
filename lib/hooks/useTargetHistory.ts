"use client";

import type { TargetHistory } from "@/lib/indexer/targets";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** One target's history from the indexer: its fill (data URI included), reports, claim and assigned models. */
export function useTargetHistory(id: bigint | undefined) {
  return useIndexerView<TargetHistory>(id === undefined ? undefined : `/v1/targets/${id}`);
}
