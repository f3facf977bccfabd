import type { Address } from "viem";
import type { ArenaIndex, ParticipantView, TaskTotals, TaskView } from "../arena/indexer";

/**
 * What each page gets of a task's history: the indexer's API (indexer/src/api/arena.ts) cuts the full views down
 * to what the page shows, so a page view stays small however large a task grows (issue 12: ≤ 50 kB). Totals
 * (stake, counts) are computed over everything before the cut, so the numbers shown are the task's, not the
 * cut's. Pure: the API runs it, unit tests check it.
 */

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function taskTotals(task: TaskView): TaskTotals {
  const totals: TaskTotals = { totalStake: 0n, nodes: 0, validators: 0, participants: 0 };
  for (const p of task.participants.values()) {
    totals.totalStake += p.ownStake + p.delegated;
    if (p.ownStake > 0n || p.delegated > 0n) totals.participants++;
    if (p.ownStake > 0n) {
      if (p.role === "node") totals.nodes++;
      else totals.validators++;
    }
  }
  return totals;
}

/** How many validators (by stake) the task page lists; nodes are listed in full (sortition needs them). */
export const TASK_PAGE_VALIDATORS = 50;

function byStake(a: ParticipantView, b: ParticipantView): number {
  const d = b.ownStake + b.delegated - (a.ownStake + a.delegated);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/**
 * The task page: every node (with its submissions and results, for the submissions table, the charts and the
 * task leaderboard), the top validators by stake with their reveals (each score links its receipt) and the
 * account's own rows (its commits, reveals, validator rewards, harvests). Other validators' reveals and rewards
 * are left out: the page shows them only as totals.
 */
export function trimForTaskPage(task: TaskView, account?: Address): TaskView {
  const validators = [...task.participants.values()].filter((p) => p.role === "validator").sort(byStake);
  const keepValidators = new Set(validators.slice(0, TASK_PAGE_VALIDATORS).map((p) => p.account));
  const participants = new Map(
    [...task.participants].filter(
      ([a, p]) => p.role === "node" || keepValidators.has(a) || same(a, account) || p.delegators.size > 0,
    ),
  );
  const nodes = new Set(
    [...task.participants.values()].filter((p) => p.role === "node").map((p) => p.account),
  );
  return {
    ...task,
    totals: task.totals ?? taskTotals(task),
    participants,
    reveals: task.reveals.filter((r) => keepValidators.has(r.validator) || same(r.validator, account)),
    commits: task.commits.filter((c) => same(c.validator, account)),
    validatorResults: task.validatorResults.filter((r) => same(r.validator, account)),
    delegatorRewards: task.delegatorRewards.filter(
      (r) => nodes.has(r.delegatee) || same(r.delegatee, account),
    ),
    harvests: task.harvests.filter((h) => same(h.delegator, account) || same(h.delegatee, account)),
  };
}

/**
 * One settled epoch in full, for "Why this reward" (lib/rewards/explain.ts): every node, the validators that
 * revealed in it, delegatees' delegators, and that epoch's reveals (in reveal order) and results only.
 */
export function trimForEpoch(task: TaskView, epoch: number): TaskView {
  const revealed = new Set(
    task.reveals.filter((r) => r.epoch === epoch).map((r) => r.validator.toLowerCase()),
  );
  const participants = new Map(
    [...task.participants].filter(([a, p]) => p.role === "node" || revealed.has(a.toLowerCase())),
  );
  return {
    ...task,
    totals: task.totals ?? taskTotals(task),
    participants,
    reveals: task.reveals.filter((r) => r.epoch === epoch),
    commits: [],
    nodeResults: task.nodeResults.filter((r) => r.epoch === epoch),
    validatorResults: task.validatorResults.filter((r) => r.epoch === epoch),
    delegatorRewards: task.delegatorRewards.filter((r) => r.epoch === epoch),
    harvests: [],
  };
}

/**
 * A task as lists show it (the task list, the overview): its settled epochs and challenges, its totals, and
 * only the account's own participant rows (its role, its delegations) so "my role" filters still work.
 */
export function trimForList(task: TaskView, account?: Address): TaskView {
  const participants = new Map<Address, ParticipantView>();
  for (const [a, p] of task.participants) {
    const mine = same(a, account);
    const delegation = account ? [...p.delegators].find(([d]) => same(d, account)) : undefined;
    if (!mine && !delegation) continue;
    // Lists show roles and totals: no submissions and no ρ or stake history.
    const { rewardShareChanges: _shares, stakeChanges: _stakes, ...row } = p;
    participants.set(a, { ...row, submissions: [], delegators: new Map(delegation ? [delegation] : []) });
  }
  return {
    ...task,
    totals: task.totals ?? taskTotals(task),
    participants,
    ...noTaskRecords(),
  };
}

/** A task's per-epoch records, all empty: a task before anything was scored, or a list row that leaves them out. */
export function noTaskRecords(): Pick<
  TaskView,
  "nodeResults" | "validatorResults" | "reveals" | "commits" | "delegatorRewards" | "harvests"
> {
  return {
    nodeResults: [],
    validatorResults: [],
    reveals: [],
    commits: [],
    delegatorRewards: [],
    harvests: [],
  };
}

/** Whether `account` has anything in the task: a role, a delegation, a harvest, a challenge, or created it. */
export function involves(task: TaskView, account: Address): boolean {
  if (same(task.creator, account)) return true;
  for (const [a, p] of task.participants) {
    if (same(a, account)) return true;
    for (const d of p.delegators.keys()) if (same(d, account)) return true;
  }
  if (task.harvests.some((h) => same(h.delegator, account))) return true;
  return [...task.challenges.values()].some((c) => same(c.challenger, account));
}

/**
 * One account's history (the rewards page, the portfolio): the tasks it is involved in, each with the account's
 * own results, the delegator rewards of its own pools (its earnings net of its delegators' part), its harvests
 * and its challenges; other people's rows are left out.
 */
export function trimForAccount(index: ArenaIndex, account: Address): ArenaIndex {
  const tasks = new Map<bigint, TaskView>();
  for (const [id, task] of index.tasks) {
    if (!involves(task, account)) continue;
    const list = trimForList(task, account);
    tasks.set(id, {
      ...list,
      nodeResults: task.nodeResults.filter((r) => same(r.node, account)),
      validatorResults: task.validatorResults.filter((r) => same(r.validator, account)),
      delegatorRewards: task.delegatorRewards.filter((r) => same(r.delegatee, account)),
      harvests: task.harvests.filter((h) => same(h.delegator, account)),
    });
  }
  return {
    tasks,
    claims: index.claims.filter((c) => same(c.account, account)),
    challengeTask: new Map([...index.challengeTask].filter(([, t]) => tasks.has(t))),
  };
}
