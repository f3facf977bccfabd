import type { Address } from "viem";
import type { TaskView } from "./indexer";
import { taskTimeline, type PhaseName, type Timeline } from "./phases";

export type TaskSummary = {
  id: bigint;
  title: string;
  metric: number;
  phase: PhaseName;
  timeline: Timeline | undefined;
  /** What is left of the reward pool. */
  pool: bigint;
  paid: bigint;
  totalStake: bigint;
  nodes: number;
  validators: number;
  /** The given account's role in the task, if any. */
  myRole: "creator" | "node" | "validator" | "delegator" | undefined;
};

export function summarizeTask(task: TaskView, now: number, account?: Address): TaskSummary {
  const timeline = task.config
    ? taskTimeline({ ...task.config, start: task.start, cancelled: task.cancelled }, now)
    : undefined;
  const paid = [...task.epochs.values()].reduce((s, e) => s + e.paid, 0n);
  let totalStake = 0n;
  let nodes = 0;
  let validators = 0;
  let myRole: TaskSummary["myRole"];
  const me = account?.toLowerCase();
  for (const p of task.participants.values()) {
    totalStake += p.ownStake + p.delegated;
    if (p.ownStake > 0n) {
      if (p.role === "node") nodes++;
      else validators++;
    }
    if (me && p.account.toLowerCase() === me) myRole = p.role;
    else if (me && !myRole && [...p.delegators.keys()].some((d) => d.toLowerCase() === me))
      myRole = "delegator";
  }
  if (me && task.creator.toLowerCase() === me && !myRole) myRole = "creator";
  // A view that lists only some participants carries the totals over all of them.
  if (task.totals) ({ totalStake, nodes, validators } = task.totals);
  return {
    id: task.id,
    title: task.title,
    metric: task.metric,
    phase: task.cancelled ? "Cancelled" : (timeline?.phase ?? "Submission"),
    timeline,
    pool: task.rewardPool - paid,
    paid,
    totalStake,
    nodes,
    validators,
    myRole,
  };
}
