import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { canOpenChallenge, challengeState, settledEpochCount } from "./challenges";
import type { ChallengeView, TaskView } from "./indexer";
import { scoringSet, seedStep } from "./seed";
import { challenge, participant, taskView } from "./testing/taskFixture";

const NODE = "0x00000000000000000000000000000000000000a1" as Address;
const VAL = "0x00000000000000000000000000000000000000c3" as Address;
const DEL = "0x00000000000000000000000000000000000000d4" as Address;
const OUT = "0x00000000000000000000000000000000000000e5" as Address;
const SEED = `0x${"11".repeat(32)}` as Hex;

/** A task with a node (one delegator, a pending model commitment) and a validator; what the tests add on top. */
function task(
  extra: {
    challenges?: ChallengeView[];
    settled?: number[];
    finalEvalURI?: string;
    heldBackEvalSetHash?: `0x${string}`;
  } = {},
): TaskView {
  return taskView({
    creator: OUT,
    rewardPool: 100n,
    title: "t",
    evalSetURI: "pub",
    evalSetHash: `0x${"9c".repeat(32)}`,
    finalEvalURI: extra.finalEvalURI,
    heldBackEvalSetHash: extra.heldBackEvalSetHash ?? null,
    config: { epochLength: 600, submissionEpochs: 2, finalEpochs: 1 },
    participants: [
      participant(NODE, {
        role: "node",
        ownStake: 10n,
        delegators: [[DEL, 5n]],
        modelCommit: { epoch: 1, commitment: SEED, block: 7n },
      }),
      participant(VAL, { role: "validator", ownStake: 10n }),
    ],
    challenges: extra.challenges,
    epochs: extra.settled,
  });
}

const opened = challenge(1n, {
  node: NODE,
  challenger: OUT,
  bond: 5n,
  answerDeadline: 1_000,
  voteDeadline: 1_600,
});
const answered = { ...opened, proofURI: "p" };
const settled = [0, 1, 2];

describe("challenge windows", () => {
  it("the node answers before the answer deadline; votes wait for the answer", () => {
    const t = task({ challenges: [opened] });
    const c = t.challenges.get(1n)!;
    const early = challengeState(t, c, 500, NODE);
    assert.equal(early.stage, "answer");
    assert.equal(early.answer.ok, true);
    const v = challengeState(t, c, 500, VAL).vote;
    assert.ok(!v.ok && /Not answered yet/.test(v.reason));
    const late = challengeState(t, c, 1_000, NODE).answer;
    assert.ok(!late.ok && /Answer window closed/.test(late.reason));
  });

  it("validators vote on an answer until the vote deadline; resolving waits for settlement and the windows", () => {
    const t = task({ challenges: [answered] });
    const c = t.challenges.get(1n)!;
    assert.equal(challengeState(t, c, 1_200, VAL).vote.ok, true);
    const closed = challengeState(t, c, 1_600, VAL).vote;
    assert.ok(!closed.ok && /Vote window closed/.test(closed.reason));
    const unsettled = challengeState(t, c, 2_000, VAL).resolve;
    assert.ok(!unsettled.ok && /0 of 3 settled/.test(unsettled.reason));
    const t2 = task({ challenges: [answered], settled });
    assert.equal(settledEpochCount(t2), 3);
    const early = challengeState(t2, t2.challenges.get(1n)!, 1_200, OUT).resolve;
    assert.ok(!early.ok && /Resolvable at 1970-01-01 00:26 UTC/.test(early.reason));
    assert.equal(challengeState(t2, t2.challenges.get(1n)!, 1_600, OUT).resolve.ok, true);
  });

  it("an unanswered challenge goes to the validators at its answer deadline and resolves at its vote deadline", () => {
    const t = task({ challenges: [opened], settled });
    const c = t.challenges.get(1n)!;
    const atAnswer = challengeState(t, c, 1_000, VAL);
    assert.equal(atAnswer.stage, "vote");
    assert.equal(atAnswer.vote.ok, true, "validators vote on an unanswered challenge");
    assert.equal(atAnswer.resolvableAt, 1_600);
    assert.ok(!atAnswer.resolve.ok && /Resolvable at/.test(atAnswer.resolve.reason));
    assert.equal(challengeState(t, c, 1_600, OUT).resolve.ok, true);
  });

  it("neither the node nor its delegators may open a challenge of it", () => {
    const t = task();
    assert.equal(canOpenChallenge(t, "Challenge", NODE, OUT).ok, true);
    assert.equal(canOpenChallenge(t, "Challenge", NODE, NODE).ok, false);
    assert.equal(canOpenChallenge(t, "Challenge", NODE, DEL).ok, false);
    assert.equal(canOpenChallenge(t, "Ended", NODE, OUT).ok, false);
  });
});

describe("two-step seeds", () => {
  it("draw, wait for the fixed block and one after it, then ready; redraw after 256 blocks", () => {
    assert.deepEqual(seedStep({ seed: undefined, seedBlock: 0n, latest: 9n, window: "submit" }), {
      step: "too-early",
    });
    assert.deepEqual(seedStep({ seed: undefined, seedBlock: 0n, latest: 9n, window: "commit" }), {
      step: "draw",
      expired: false,
    });
    assert.deepEqual(seedStep({ seed: undefined, seedBlock: 10n, latest: 10n, window: "commit" }), {
      step: "waiting",
      seedBlock: 10n,
      until: 11n,
      latest: 10n,
    });
    assert.deepEqual(seedStep({ seed: undefined, seedBlock: 10n, latest: 300n, window: "commit" }), {
      step: "draw",
      expired: true,
    });
    assert.equal(seedStep({ seed: SEED, seedBlock: 10n, latest: 12n, window: "commit" }).step, "ready");
    assert.equal(seedStep({ seed: undefined, seedBlock: 10n, latest: 12n, window: "reveal" }).step, "closed");
  });

  it("final epochs score on the held-back set only if it was revealed before the seed was recorded", () => {
    const held = `0x${"4b".repeat(32)}` as const;
    const t = task({ finalEvalURI: "held", heldBackEvalSetHash: held });
    assert.equal(scoringSet(t, 1, undefined).kind, "public");
    assert.equal(scoringSet(t, 1, undefined).sha256, t.evalSetHash, "the public set's on-chain hash");
    assert.equal(scoringSet(t, 2, { heldBackSet: true }).url, "held");
    assert.equal(scoringSet(t, 2, { heldBackSet: true }).sha256, held, "the held-back set's revealed hash");
    assert.equal(scoringSet(t, 2, { heldBackSet: false }).kind, "public");
    assert.equal(scoringSet(t, 2, undefined).kind, "held-back");
    assert.equal(scoringSet(task(), 2, undefined).kind, "public");
  });
});
