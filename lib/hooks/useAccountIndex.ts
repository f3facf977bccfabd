"use client";

import type { Address } from "viem";
import type { LastDataQuery } from "@/lib/arena/lastData";
import type { AccountView } from "@/lib/indexer/views";
import { useIndexerView } from "@/lib/hooks/useIndexerView";

/** One account's history: the tasks it is in, its results, harvests, delegations and claims. */
export function useAccountIndex(account: Address | undefined): LastDataQuery<AccountView> {
  return useIndexerView<AccountView>(account ? `/v1/accounts/${account}` : undefined);
}
