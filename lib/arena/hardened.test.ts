import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { canOpenChallenge, challengeState, settledEpochCount } from "./challenges";
import { indexEvents, type ArenaEvent, type TaskConfigView } from "./indexer";
import { scoringSet, seedStep } from "./seed";

const NODE = "0x00000000000000000000000000000000000000a1" as Address;
const VAL = "0x00000000000000000000000000000000000000c3" as Address;
const DEL = "0x00000000000000000000000000000000000000d4" as Address;
const OUT = "0x00000000000000000000000000000000000000e5" as Address;
const SEED = `0x${"11".repeat(32)}` as Hex;

let n = 0;
const ev = (eventName: string, args: Record<string, unknown>): ArenaEvent => ({
  eventName,
  args,
  blockNumber: BigInt(++n),
  logIndex: 0,
  transactionHash: "0x00" as Hex,
});

const config = { epochLength: 600, submissionEpochs: 2, finalEpochs: 1 } as TaskConfigView;

function task(extra: ArenaEvent[] = []) {
  const index = indexEvents([
    ev("TaskCreated", { taskId: 1n, creator: OUT, metric: 0, rewardPool: 100n, start: 0n }),
    ev("TaskDescribed", {
      taskId: 1n,
      title: "t",
      description: "",
      baseModel: "",
      dataURI: "",
      evalSetURI: "pub",
    }),
    ev("TaskConfigured", { taskId: 1n, config, contextLength: 1, maxParams: 1n }),
    ev("Staked", { taskId: 1n, account: NODE, role: 1, amount: 10n, total: 10n, fromEpoch: 1n }),
    ev("Staked", { taskId: 1n, account: VAL, role: 2, amount: 10n, total: 10n, fromEpoch: 1n }),
    ev("Delegated", { taskId: 1n, delegatee: NODE, delegator: DEL, amount: 5n, fromEpoch: 1n }),
    ev("ModelCommitted", { taskId: 1n, epoch: 1n, node: NODE, commitment: SEED }),
    ...extra,
  ]);
  return index.tasks.get(1n)!;
}

const opened = ev("ChallengeOpened", {
  challengeId: 1n,
  taskId: 1n,
  node: NODE,
  challenger: OUT,
  bond: 5n,
  answerDeadline: 1_000n,
  voteDeadline: 1_600n,
});
const settled = [0, 1, 2].map((e) =>
  ev("EpochSettled", {
    taskId: 1n,
    epoch: BigInt(e),
    reward: 0n,
    rewardNodes: 0n,
    rewardValidators: 0n,
    paid: 0n,
    scored: 0n,
  }),
);

describe("indexer: hardened protocol events", () => {
  it("keeps a model commitment until the submission, seeds, deadlines and forfeits", () => {
    assert.equal(task().participants.get(NODE)!.modelCommit?.epoch, 1);
    const t = task([
      ev("ModelSubmitted", {
        taskId: 1n,
        epoch: 1n,
        node: NODE,
        nodeIndex: 0n,
        uri: "u",
        contentHash: "0x01",
      }),
      ev("SeedBlockFixed", { taskId: 1n, epoch: 1n, seedBlock: 40n }),
      ev("EpochOpened", { taskId: 1n, epoch: 1n, seed: SEED, sumWeight: 1n }),
      opened,
      ev("NodeRewardsForfeited", { taskId: 1n, node: NODE, nodeAmount: 7n, delegatorsAmount: 3n }),
    ]);
    assert.equal(t.participants.get(NODE)!.modelCommit, undefined);
    assert.deepEqual(t.seeds.get(1), { seedBlock: 40n, seed: SEED });
    assert.equal(t.challenges.get(1n)!.voteDeadline, 1_600);
    assert.deepEqual(t.participants.get(NODE)!.forfeited, { nodeAmount: 7n, delegatorsAmount: 3n });
  });
});

describe("challenge windows", () => {
  it("the node answers before the answer deadline; votes wait for the answer", () => {
    const t = task([opened]);
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
    const t = task([opened, ev("ChallengeAnswered", { challengeId: 1n, proofURI: "p" })]);
    const c = t.challenges.get(1n)!;
    assert.equal(challengeState(t, c, 1_200, VAL).vote.ok, true);
    const closed = challengeState(t, c, 1_600, VAL).vote;
    assert.ok(!closed.ok && /Vote window closed/.test(closed.reason));
    const unsettled = challengeState(t, c, 2_000, VAL).resolve;
    assert.ok(!unsettled.ok && /0 of 3 settled/.test(unsettled.reason));
    const t2 = task([opened, ev("ChallengeAnswered", { challengeId: 1n, proofURI: "p" }), ...settled]);
    assert.equal(settledEpochCount(t2), 3);
    const early = challengeState(t2, t2.challenges.get(1n)!, 1_200, OUT).resolve;
    assert.ok(!early.ok && /Resolvable at 1970-01-01 00:26 UTC/.test(early.reason));
    assert.equal(challengeState(t2, t2.challenges.get(1n)!, 1_600, OUT).resolve.ok, true);
  });

  it("an unanswered challenge goes to the validators at its answer deadline and resolves at its vote deadline", () => {
    const t = task([opened, ...settled]);
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
    const t = task([ev("FinalEvalRevealed", { taskId: 1n, evalSetURI: "held" })]);
    assert.equal(scoringSet(t, 1, undefined).kind, "public");
    assert.equal(scoringSet(t, 2, { heldBackSet: true }).url, "held");
    assert.equal(scoringSet(t, 2, { heldBackSet: false }).kind, "public");
    assert.equal(scoringSet(t, 2, undefined).kind, "held-back");
    assert.equal(scoringSet(task(), 2, undefined).kind, "public");
  });
});
