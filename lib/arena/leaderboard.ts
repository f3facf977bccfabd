import type { Address } from "viem";
import { delegatorShare } from "./earnings";
import type { TaskView } from "./indexer";
import { lowerIsBetter, meanToMetric, scoreToMetric } from "./metric";

export type NodeRow = {
  account: Address;
  /** Best settled aggregate score, in metric units, and the task it was reached in. */
  bestScore: number;
  bestTaskId: bigint;
  metric: number;
  /** What the node itself kept (its pool's earnings minus its delegators' part). */
  rewards: bigint;
  epochs: number;
  tasks: number;
};

export type ValidatorRow = {
  account: Address;
  /** Mean |consensus − own score| over its revealed scores of settled submissions, in metric units. */
  consensusDistance: number | null;
  rewards: bigint;
  scored: number;
  tasks: number;
};

/** Training nodes across the given tasks (one task for a per-task board), best first. */
export function nodeLeaderboard(tasks: readonly TaskView[]): NodeRow[] {
  const rows = new Map<Address, NodeRow & { taskIds: Set<bigint> }>();
  for (const task of tasks) {
    const lower = lowerIsBetter(task.metric);
    for (const r of task.nodeResults) {
      const score = meanToMetric(r.meanScore);
      const kept = r.reward - delegatorShare(task, r.epoch, r.node);
      const row = rows.get(r.node);
      if (!row) {
        rows.set(r.node, {
          account: r.node,
          bestScore: score,
          bestTaskId: task.id,
          metric: task.metric,
          rewards: kept,
          epochs: 1,
          tasks: 1,
          taskIds: new Set([task.id]),
        });
        continue;
      }
      row.rewards += kept;
      row.epochs += 1;
      row.taskIds.add(task.id);
      row.tasks = row.taskIds.size;
      const better = lower ? score < row.bestScore : score > row.bestScore;
      if (row.metric === task.metric && better) {
        row.bestScore = score;
        row.bestTaskId = task.id;
      }
    }
  }
  return [...rows.values()]
    .map(({ taskIds: _unused, ...row }) => row)
    .sort((a, b) => (b.rewards > a.rewards ? 1 : b.rewards < a.rewards ? -1 : 0));
}

/** Validators across the given tasks, by rewards. */
export function validatorLeaderboard(tasks: readonly TaskView[]): ValidatorRow[] {
  const rows = new Map<Address, { rewards: bigint; distance: number; scored: number; tasks: Set<bigint> }>();
  const rowOf = (account: Address) => {
    let row = rows.get(account);
    if (!row) {
      row = { rewards: 0n, distance: 0, scored: 0, tasks: new Set() };
      rows.set(account, row);
    }
    return row;
  };
  for (const task of tasks) {
    const nodeByIndex = new Map<number, Address>();
    for (const p of task.participants.values())
      if (p.nodeIndex !== undefined) nodeByIndex.set(p.nodeIndex, p.account);
    const means = new Map<string, number>();
    for (const r of task.nodeResults) means.set(`${r.epoch}:${r.node}`, meanToMetric(r.meanScore));
    for (const v of task.validatorResults) {
      const row = rowOf(v.validator);
      row.rewards += v.reward - delegatorShare(task, v.epoch, v.validator);
      row.tasks.add(task.id);
    }
    for (const reveal of task.reveals) {
      reveal.nodeIndices.forEach((index, i) => {
        const node = nodeByIndex.get(Number(index));
        const mean = node ? means.get(`${reveal.epoch}:${node}`) : undefined;
        const score = reveal.scores[i];
        if (mean === undefined || score === undefined) return;
        const row = rowOf(reveal.validator);
        row.distance += Math.abs(mean - scoreToMetric(score));
        row.scored += 1;
        row.tasks.add(task.id);
      });
    }
  }
  return [...rows.entries()]
    .map(([account, r]) => ({
      account,
      consensusDistance: r.scored > 0 ? r.distance / r.scored : null,
      rewards: r.rewards,
      scored: r.scored,
      tasks: r.tasks.size,
    }))
    .sort((a, b) => (b.rewards > a.rewards ? 1 : b.rewards < a.rewards ? -1 : 0));
}
