import type { Address } from "viem";
import { formatDuration, formatTimestamp } from "../format";
import type { ChallengeView, TaskView } from "./indexer";
import { closed as no, OPEN as ok, type Gate } from "./gate";
import type { PhaseName } from "./phases";
import { sameAddress as same } from "../address";

export type ChallengeStage = "answer" | "vote" | "resolvable" | "resolved";

export type ChallengeState = {
  stage: ChallengeStage;
  /** When the challenge can be resolved: its vote deadline, answered or not. */
  resolvableAt: number;
  answer: Gate;
  vote: Gate;
  resolve: Gate;
};

/** "in 4m 10s" before a deadline, "closed 2026-… UTC" after it. */
export function countdown(deadline: number, now: number): string {
  return now < deadline
    ? `${formatTimestamp(deadline)} (in ${formatDuration(deadline - now)})`
    : `${formatTimestamp(deadline)} (passed)`;
}

/** Scoring epochs settled in a row from epoch 0, as the index saw them. */
export function settledEpochCount(task: TaskView): number {
  let n = 0;
  while (task.epochs.has(n)) n++;
  return n;
}

/**
 * What `account` may do with challenge `c` at chain time `now`: the node answers before `answerDeadline`;
 * validators vote once it is answered or its answer window has passed, before `voteDeadline`; anyone resolves
 * it once every scoring epoch is settled and it is past `voteDeadline`. Upheld only by ≥ 2/3 of the validator
 * stake, answered or not (an unanswered challenge is not upheld by itself).
 */
export function challengeState(
  task: TaskView,
  c: ChallengeView,
  now: number,
  account: Address | undefined,
): ChallengeState {
  const answered = c.proofURI !== undefined;
  const resolvableAt = c.voteDeadline;
  const scoring = task.config ? task.config.submissionEpochs + task.config.finalEpochs : 0;
  const settled = settledEpochCount(task);
  const me = account ? task.participants.get(account) : undefined;
  const stage: ChallengeStage = c.settled
    ? "resolved"
    : now >= resolvableAt
      ? "resolvable"
      : answered || now >= c.answerDeadline
        ? "vote"
        : "answer";

  const answer = c.settled
    ? no("Already resolved")
    : !account || !same(account, c.node)
      ? no("Only the challenged node answers")
      : answered
        ? no("Already answered")
        : now >= c.answerDeadline
          ? no(`Answer window closed at ${formatTimestamp(c.answerDeadline)}`)
          : ok;

  const vote = c.settled
    ? no("Already resolved")
    : me?.role !== "validator"
      ? no("Only the task's validators vote")
      : c.votes.some((v) => account && same(v.validator, account))
        ? no("You already voted")
        : !answered && now < c.answerDeadline
          ? no(
              `Not answered yet: voting opens with the node's answer or at ${formatTimestamp(c.answerDeadline)}`,
            )
          : now >= c.voteDeadline
            ? no(`Vote window closed at ${formatTimestamp(c.voteDeadline)}`)
            : ok;

  const resolve = c.settled
    ? no("Already resolved")
    : settled < scoring
      ? no(`Settle every scoring epoch first (${settled} of ${scoring} settled)`)
      : now < resolvableAt
        ? no(`Resolvable at ${formatTimestamp(resolvableAt)}`)
        : ok;

  return { stage, resolvableAt, answer, vote, resolve };
}

/** Whether `account` may open a challenge of `node` in `task` now (phase, self- and delegator-challenges). */
export function canOpenChallenge(
  task: TaskView,
  phase: PhaseName,
  node: Address | undefined,
  account: Address | undefined,
): Gate {
  if (phase !== "Challenge") return no("Challenges open only in the challenge phase");
  if (!node) return no("Pick the node whose model you challenge");
  if (!account) return no("Connect a wallet");
  if (same(node, account)) return no("A node cannot challenge itself");
  const delegators = task.participants.get(node)?.delegators;
  if (delegators && [...delegators.keys()].some((d) => same(d, account)))
    return no("You delegate to this node, so you cannot challenge it");
  return ok;
}
