"use client";

import type { ArenaIndex } from "@/lib/arena/indexer";
import type { LastDataQuery } from "@/lib/arena/lastData";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/**
 * Reads of the indexer's history, one per page (lib/indexer/views.ts says what each holds). Each is the shape of
 * lib/arena/indexer.ts cut to what its page shows, so a page view stays small however large tasks grow.
 */

/** Every task in full: the delegate page's read (it ranks every delegatee of every task). */
export function useArenaIndex(): LastDataQuery<ArenaIndex> {
  return useIndexerView<ArenaIndex>("/v1/index");
}
