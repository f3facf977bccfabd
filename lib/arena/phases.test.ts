import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { taskTimeline, type TimelineConfig } from "./phases";
import { CLOSING_SOON_SECONDS, timelineStatus } from "./timelineStatus";

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

describe("timelineStatus", () => {
  const status = (now: number) => timelineStatus(taskTimeline(config, now));

  it("names the open window of a submission epoch and when it closes", () => {
    assert.deepEqual(status(1_140), {
      text: "epoch 1 · submit window closes in 10s · phase ends in 1m 0s",
      warn: true,
    });
    assert.match(status(1_100).text, /^epoch 1 · submit window closes in 50s/);
    assert.match(status(1_150).text, /submissions closed; validators' commit window closes in 20s/);
    assert.match(status(1_175).text, /commits closed; validators' reveal window closes in 25s/);
  });

  it("warns only when the window is about to close", () => {
    const long: TimelineConfig = { ...config, epochLength: 1_000, commitWindow: 200, revealWindow: 300 };
    const at = (now: number) => timelineStatus(taskTimeline(long, now));
    // commit window [1_500, 1_700): 61 s left is calm, 60 s left warns.
    assert.equal(at(1_700 - CLOSING_SOON_SECONDS - 1).warn, false);
    assert.equal(at(1_700 - CLOSING_SOON_SECONDS).warn, true);
    assert.match(at(1_655).text, /commit window closes in 45s/);
    assert.equal(at(1_955).warn, true);
    assert.equal(at(1_900).warn, false);
  });

  it("final validation has no submit window", () => {
    const s = status(1_210);
    assert.equal(
      s.text,
      "epoch 2 · no new submissions; validators' commit window opens in 40s · phase ends in 1m 30s",
    );
    assert.equal(s.warn, false, "nothing closes");
    assert.match(status(1_260).text, /validators' commit window closes in 10s/);
  });

  it("the challenge phase speaks of challenges, not of a submit window", () => {
    const s = status(1_310);
    assert.doesNotMatch(s.text, /submit|commit|reveal/);
    assert.match(s.text, /challenged until 1970-01-01 00:25 UTC · phase ends in 3m 10s/);
    assert.equal(s.warn, false);
  });

  it("ended and cancelled tasks say so", () => {
    assert.equal(status(2_000).text, "since 1970-01-01 00:25 UTC");
    assert.match(timelineStatus(taskTimeline({ ...config, cancelled: true }, 1_100)).text, /cancelled/);
  });

  it("keeps the schedule it was computed from, to recompute as time moves", () => {
    const t = taskTimeline(config, 1_140);
    assert.deepEqual(taskTimeline(t.config, 1_150).window, "commit");
  });
});
