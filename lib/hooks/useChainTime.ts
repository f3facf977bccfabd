"use client";

import { keepLastData, type LastDataQuery } from "@/lib/arena/lastData";
import { useLatestBlock } from "@/lib/hooks/useLatestBlock";

/** Chain time in seconds: the latest block's timestamp (the dev panel moves it on the local chain). */
export function useChainTime(): LastDataQuery<number> {
  return keepLastData(useLatestBlock((b) => b.timestamp, 5_000));
}
