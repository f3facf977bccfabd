import type { Address } from "viem";
import type { NodeResult, Submission, TaskView } from "./indexer";

export type SubmissionRow = Submission & {
  node: Address;
  /** The submission that was scored for its node in its epoch: the node's latest one in that epoch. */
  counted: boolean;
  /** The epoch's settled result, on the counted submission only (the others did not earn it again). */
  result?: NodeResult;
  /** For a superseded submission: the block of the one that replaced it. */
  supersededBy?: bigint;
};

/**
 * Every submission, newest epoch first, with the one that counted for each node and epoch. A node may submit
 * several times in an epoch; each replaces the previous one (ArenaLifecycle.submitModel), and the epoch's result
 * (score and reward) belongs to the last, so showing it on every row would count the reward once per row.
 */
export function submissionRows(task: TaskView): SubmissionRow[] {
  const rows: SubmissionRow[] = [];
  for (const p of task.participants.values()) {
    const latest = new Map<number, Submission>();
    for (const s of p.submissions) {
      const seen = latest.get(s.epoch);
      if (!seen || s.block >= seen.block) latest.set(s.epoch, s);
    }
    for (const s of p.submissions) {
      const last = latest.get(s.epoch)!;
      const counted = last === s;
      rows.push({
        ...s,
        node: p.account,
        counted,
        result: counted
          ? task.nodeResults.find((r) => r.epoch === s.epoch && r.node === p.account)
          : undefined,
        supersededBy: counted ? undefined : last.block,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.epoch - a.epoch || a.nodeIndex - b.nodeIndex || (a.block < b.block ? 1 : a.block > b.block ? -1 : 0),
  );
}
