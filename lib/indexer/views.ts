import type { Address } from "viem";
import type { ArenaIndex } from "../arena/indexer";
import type { NodeRow, ValidatorRow } from "../arena/leaderboard";

/**
 * What the indexer's `/v1` routes answer (indexer/src/api/arena.ts), typed once for both ends. Each is the
 * shape the pages already use (lib/arena/indexer.ts), cut to what the page shows (lib/indexer/trim.ts).
 */

/** The `?account=` query of the task views, or nothing without an account. */
export const withAccount = (account: Address | undefined) => (account ? `?account=${account}` : "");

/** `/v1/tasks?account=`: every task with its totals and only the account's own rows. */
export type TaskListView = ArenaIndex & { uniqueParticipants: number };

/** `/v1/tasks/:id?account=`: that task alone, as its page shows it. */
export type TaskPageView = ArenaIndex;

/** `/v1/tasks/:id/epochs/:epoch`: one settled epoch in full (every reveal and result of it), for "Why this reward". */
export type EpochView = ArenaIndex;

/** `/v1/accounts/:address`: the tasks the account is in, with its own results, harvests, claims. */
export type AccountView = ArenaIndex;

/** How many rows a leaderboard answer holds at most (best first); `nodeCount`/`validatorCount` say of how many. */
export const LEADERBOARD_ROWS = 100;

/** `/v1/leaderboard?task=all|<id>`: the boards, computed over every settled result of the tasks chosen. */
export type LeaderboardView = {
  tasks: { id: bigint; title: string; metric: number }[];
  nodes: NodeRow[];
  validators: ValidatorRow[];
  nodeCount: number;
  validatorCount: number;
};
