/**
 * Where the dev panel can move the local chain's clock for the task in view: the start of its next epoch, of its
 * next phase, or of the current epoch's commit and reveal windows. Pure; the panel reads the task from chain.
 */

export type TaskClock = {
  start: bigint;
  epochLength: bigint;
  commitWindow: bigint;
  revealWindow: bigint;
  submissionEpochs: number;
  finalEpochs: number;
  challengeEpochs: number;
};

export type Jump = { label: string; to: bigint };

const PHASES = ["submission", "final validation", "challenge", "ended"] as const;

/** The epoch a timestamp falls in (0 before the task starts). */
export function epochAt(task: TaskClock, now: bigint): bigint {
  return now <= task.start ? 0n : (now - task.start) / task.epochLength;
}

/** Epochs at which each phase starts: final validation, challenge, ended. */
function phaseStarts(task: TaskClock): bigint[] {
  const finalStart = BigInt(task.submissionEpochs);
  const challengeStart = finalStart + BigInt(task.finalEpochs);
  return [finalStart, challengeStart, challengeStart + BigInt(task.challengeEpochs)];
}

export function phaseAt(task: TaskClock, epoch: bigint): (typeof PHASES)[number] {
  const starts = phaseStarts(task);
  const index = starts.findIndex((s) => epoch < s);
  return PHASES[index === -1 ? 3 : index]!;
}

/** The jumps that lie ahead of `now`, soonest first. */
export function taskJumps(task: TaskClock, now: bigint): Jump[] {
  const epoch = epochAt(task, now);
  const epochStart = task.start + epoch * task.epochLength;
  const end = epochStart + task.epochLength;
  const commitOpens = end - task.revealWindow - task.commitWindow;
  const revealOpens = end - task.revealWindow;
  const jumps: Jump[] = [];
  if (phaseAt(task, epoch) !== "ended" && phaseAt(task, epoch) !== "challenge") {
    if (now < commitOpens) jumps.push({ label: `Commit window of epoch ${epoch}`, to: commitOpens });
    if (now < revealOpens) jumps.push({ label: `Reveal window of epoch ${epoch}`, to: revealOpens });
  }
  if (phaseAt(task, epoch) !== "ended") jumps.push({ label: `Epoch ${epoch + 1n}`, to: end });
  const next = phaseStarts(task).find((s) => s > epoch);
  if (next !== undefined)
    jumps.push({
      label: `Next phase: ${phaseAt(task, next)} (epoch ${next})`,
      to: task.start + next * task.epochLength,
    });
  return jumps;
}
