import { db } from "ponder:api";
import { Hono } from "hono";
import { sql } from "ponder";
import { getAddress, isAddress, zeroAddress, type Address } from "viem";
import type { ArenaIndex } from "../../../lib/arena/indexer";
import { nodeLeaderboard, validatorLeaderboard } from "../../../lib/arena/leaderboard";
import { trimForAccount, trimForEpoch, trimForList, trimForTaskPage } from "../../../lib/indexer/trim";
import {
  LEADERBOARD_ROWS,
  type AccountView,
  type LeaderboardView,
  type TaskListView,
  type EpochView,
  type TaskPageView,
} from "../../../lib/indexer/views";
import { json } from "./json";
import { loadTasks, participantCount, tasksOf, totalsByTask } from "./views";

/**
 * The pages' views of ArenaTasks' history. Each answer reads only the rows it needs (one task, one account's
 * tasks, totals by aggregate) and is cut to what its page shows (lib/indexer/trim.ts). The leaderboard and the
 * delegate page still fold every task: that whole index is built at most once per indexed checkpoint (answers
 * between two indexed blocks share it; the first after a new block rebuilds it, never serving a stale one).
 */
const arena = new Hono();

const bad = (error: string) => json({ error }, 400);

async function checkpoint(): Promise<string | undefined> {
  try {
    const result = await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      latest_checkpoint: string;
    }[];
    return rows.map((r) => r.latest_checkpoint).join(",");
  } catch {
    return undefined;
  }
}

/**
 * One consistent read: a view takes several queries, and the indexer may commit a block between two of them
 * (a participant's new total without its new delegation row). The checkpoint is read before and after; if a
 * block was committed meanwhile, the read is made again, so a view never mixes two blocks.
 */
async function consistent<T>(load: () => Promise<T>): Promise<{ at: string | undefined; value: T }> {
  for (let attempt = 1; ; attempt++) {
    const before = await checkpoint();
    const value = await load();
    const after = await checkpoint();
    if (before === after || attempt === 5) return { at: after, value };
  }
}

/**
 * Answers that depend only on the indexed data, computed once per indexed checkpoint and shared by every request
 * until the next block is indexed (never across one: the checkpoint is read first, each time).
 */
let memo: { at: string | undefined; values: Map<string, Promise<unknown>> } = {
  at: undefined,
  values: new Map(),
};
async function perCheckpoint<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const at = await checkpoint();
  if (at === undefined) return (await consistent(compute)).value;
  if (memo.at !== at) memo = { at, values: new Map() };
  const values = memo.values;
  let value = values.get(key) as Promise<T> | undefined;
  if (!value) {
    value = consistent(compute).then((read) => {
      // Read across a newer block: good for this answer, not for others of the older checkpoint.
      if (read.at !== at) values.delete(key);
      return read.value;
    });
    values.set(key, value);
    value.catch(() => values.delete(key));
  }
  return value;
}

const wholeIndex = (): Promise<ArenaIndex> => perCheckpoint("index", () => loadTasks());

function accountParam(raw: string | undefined): Address | undefined | null {
  if (raw === undefined || raw === "") return undefined;
  return isAddress(raw) ? getAddress(raw) : null;
}

arena.get("/tasks", async (c) => {
  const account = accountParam(c.req.query("account"));
  if (account === null) return bad("account must be an address.");
  // Tasks, epochs and challenges, the account's own rows, and totals by SQL aggregate: no other participant's
  // row and no per-epoch history leaves the database.
  const {
    value: [index, totals, uniqueParticipants],
  } = await consistent(() =>
    Promise.all([
      loadTasks(undefined, { participantsOf: account ?? zeroAddress, withoutHistory: true }),
      perCheckpoint("totals", totalsByTask),
      perCheckpoint("participants", participantCount),
    ]),
  );
  const empty = { totalStake: 0n, nodes: 0, validators: 0, participants: 0 };
  const view: TaskListView = {
    tasks: new Map(
      [...index.tasks].map(([id, t]) => [
        id,
        trimForList({ ...t, totals: totals.get(id) ?? empty }, account),
      ]),
    ),
    claims: [],
    challengeTask: index.challengeTask,
    uniqueParticipants,
  };
  return json(view);
});

arena.get("/tasks/:id", async (c) => {
  const raw = c.req.param("id");
  if (!/^\d{1,30}$/.test(raw)) return bad("A task id is a whole number.");
  const account = accountParam(c.req.query("account"));
  if (account === null) return bad("account must be an address.");
  const id = BigInt(raw);
  const index = await perCheckpoint(`task:${id}`, () => loadTasks([id]));
  const task = index.tasks.get(id);
  const view: TaskPageView = {
    tasks: task ? new Map([[id, trimForTaskPage(task, account)]]) : new Map(),
    claims: [],
    challengeTask: index.challengeTask,
  };
  return json(view);
});

arena.get("/tasks/:id/epochs/:epoch", async (c) => {
  const raw = c.req.param("id");
  const epoch = c.req.param("epoch");
  if (!/^\d{1,30}$/.test(raw) || !/^\d{1,6}$/.test(epoch))
    return bad("A task id and an epoch are whole numbers.");
  const id = BigInt(raw);
  const index = await perCheckpoint(`task:${id}`, () => loadTasks([id]));
  const task = index.tasks.get(id);
  const view: EpochView = {
    tasks: task ? new Map([[id, trimForEpoch(task, Number(epoch))]]) : new Map(),
    claims: [],
    challengeTask: index.challengeTask,
  };
  return json(view);
});

arena.get("/leaderboard", async (c) => {
  const which = c.req.query("task") ?? "all";
  if (which !== "all" && !/^\d{1,30}$/.test(which)) return bad('task is "all" or a task id.');
  const view = await perCheckpoint(`leaderboard:${which}`, async (): Promise<LeaderboardView> => {
    const index = await wholeIndex();
    const all = [...index.tasks.values()];
    const chosen = which === "all" ? all : all.filter((t) => t.id === BigInt(which));
    const nodes = nodeLeaderboard(chosen);
    const validators = validatorLeaderboard(chosen);
    return {
      tasks: all.map((t) => ({ id: t.id, title: t.title, metric: t.metric })),
      nodes: nodes.slice(0, LEADERBOARD_ROWS),
      validators: validators.slice(0, LEADERBOARD_ROWS),
      nodeCount: nodes.length,
      validatorCount: validators.length,
    };
  });
  return json(view);
});

arena.get("/accounts/:address", async (c) => {
  const account = accountParam(c.req.param("address"));
  if (!account) return bad("Not an address.");
  // Only the tasks the account is in are read, whatever the size of the rest.
  const { value: index } = await consistent(async (): Promise<ArenaIndex> => {
    const ids = await tasksOf(account);
    return ids.length
      ? loadTasks(ids, { claimsOf: account })
      : { tasks: new Map(), claims: [], challengeTask: new Map() };
  });
  const view: AccountView = trimForAccount(index, account);
  return json(view);
});

/** Every task in full: only the delegate page still reads it (see docs/ARCHITECTURE.md §10). */
arena.get("/index", async () => json(await wholeIndex()));

export default arena;
