import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { taskTimeline, type TimelineConfig } from "./phases";

const config: TimelineConfig = {
  start: 1_000,
  epochLength: 100,
  commitWindow: 20,
  revealWindow: 30,
  submissionEpochs: 2,
  finalEpochs: 1,
  challengeEpochs: 2,
  cancelled: false,
};

describe("taskTimeline", () => {
  it("walks the phases epoch by epoch", () => {
    const phaseAt = (now: number) => taskTimeline(config, now).phase;
    assert.equal(phaseAt(1_000), "Submission");
    assert.equal(phaseAt(1_199), "Submission");
    assert.equal(phaseAt(1_200), "FinalValidation");
    assert.equal(phaseAt(1_300), "Challenge");
    assert.equal(phaseAt(1_499), "Challenge");
    assert.equal(phaseAt(1_500), "Ended");
    assert.equal(taskTimeline({ ...config, cancelled: true }, 1_000).phase, "Cancelled");
  });

  it("splits an epoch into submit, commit and reveal windows", () => {
    const t = taskTimeline(config, 1_140);
    assert.equal(t.epoch, 1);
    assert.deepEqual([t.epochStart, t.submitEnd, t.commitEnd, t.epochEnd], [1_100, 1_150, 1_170, 1_200]);
    assert.equal(t.window, "submit");
    assert.equal(t.windowLeft, 10);
    assert.equal(taskTimeline(config, 1_160).window, "commit");
    assert.equal(taskTimeline(config, 1_175).window, "reveal");
    assert.equal(t.phaseLeft, 60);
  });

  it("lays out the phase spans", () => {
    const t = taskTimeline(config, 0);
    assert.equal(t.epoch, 0);
    assert.deepEqual(
      t.phases.map((p) => [p.phase, p.start, p.end]),
      [
        ["Submission", 1_000, 1_200],
        ["FinalValidation", 1_200, 1_300],
        ["Challenge", 1_300, 1_500],
      ],
    );
  });
});
