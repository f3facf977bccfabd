"use client";

import type { Address } from "viem";
import type { ArenaIndex } from "@/lib/arena/indexer";
import type { AccountView, LeaderboardView, TaskListView, TaskPageView } from "@/lib/indexer/views";
import { useIndexerView } from "@/components/indexer/useIndexerView";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { keepLastData, type LastDataQuery } from "@/lib/arena/lastData";
import { useLatestBlock } from "./useChainClock";

export { keepLastData, type LastDataQuery } from "@/lib/arena/lastData";

/**
 * Reads of the indexer's history, one per page (lib/indexer/views.ts says what each holds). Each is the shape of
 * lib/arena/indexer.ts cut to what its page shows, so a page view stays small however large tasks grow.
 */

/** Every task in full: the delegate page's read (it ranks every delegatee of every task). */
export function useArenaIndex(): LastDataQuery<ArenaIndex> {
  return useIndexerView<ArenaIndex>("/v1/index");
}

const withAccount = (account: Address | undefined) => (account ? `?account=${account}` : "");

/** One task as its page shows it (`tasks` holds that task alone), with the connected account's own rows. */
export function useTaskIndex(id: bigint): LastDataQuery<TaskPageView> {
  const { address } = useArenaChain();
  return useIndexerView<TaskPageView>(`/v1/tasks/${id}${withAccount(address)}`);
}

/** Every task with its totals, and the connected account's own role in each (the task list, the overview). */
export function useTaskList(): LastDataQuery<TaskListView> {
  const { address } = useArenaChain();
  return useIndexerView<TaskListView>(`/v1/tasks${withAccount(address)}`);
}

/** One account's history: the tasks it is in, its results, harvests, delegations and claims. */
export function useAccountIndex(account: Address | undefined): LastDataQuery<AccountView> {
  return useIndexerView<AccountView>(account ? `/v1/accounts/${account}` : undefined);
}

/** The node and validator boards over every task (`"all"`) or one. */
export function useLeaderboardView(task: "all" | bigint): LastDataQuery<LeaderboardView> {
  return useIndexerView<LeaderboardView>(`/v1/leaderboard?task=${task}`);
}

/** Chain time in seconds: the latest block's timestamp (the dev panel moves it on the local chain). */
export function useChainTime(): LastDataQuery<number> {
  return keepLastData(useLatestBlock((b) => b.timestamp, 5_000));
}
