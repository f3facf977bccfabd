import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { epochAt, phaseAt, taskJumps, type TaskClock } from "./taskJumps";

const task: TaskClock = {
  start: 1_000n,
  epochLength: 600n,
  commitWindow: 100n,
  revealWindow: 100n,
  submissionEpochs: 3,
  finalEpochs: 1,
  challengeEpochs: 1,
};

describe("dev panel jumps for the task in view", () => {
  it("knows the epoch and the phase", () => {
    assert.equal(epochAt(task, 500n), 0n);
    assert.equal(epochAt(task, 1_000n + 600n * 2n + 5n), 2n);
    assert.deepEqual(
      [0n, 2n, 3n, 4n, 5n, 9n].map((e) => phaseAt(task, e)),
      ["submission", "submission", "final validation", "challenge", "ended", "ended"],
    );
  });

  it("offers the windows, the next epoch and the next phase of this task, not a day", () => {
    const now = 1_000n + 600n + 10n; // epoch 1, submission window
    assert.deepEqual(taskJumps(task, now), [
      { label: "Commit window of epoch 1", to: 1_000n + 600n + 400n },
      { label: "Reveal window of epoch 1", to: 1_000n + 600n + 500n },
      { label: "Epoch 2", to: 1_000n + 1_200n },
      { label: "Next phase: final validation (epoch 3)", to: 1_000n + 1_800n },
    ]);
    const inReveal = 1_000n + 600n + 550n;
    assert.deepEqual(
      taskJumps(task, inReveal).map((j) => j.label),
      ["Epoch 2", "Next phase: final validation (epoch 3)"],
    );
    const challenge = 1_000n + 600n * 4n + 1n;
    assert.deepEqual(taskJumps(task, challenge), [
      { label: "Epoch 5", to: 1_000n + 3_000n },
      { label: "Next phase: ended (epoch 5)", to: 1_000n + 3_000n },
    ]);
    assert.deepEqual(taskJumps(task, 1_000n + 600n * 7n), []);
  });
});
