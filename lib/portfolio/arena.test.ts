import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  creatorStakeGate,
  nodeRelease,
  phaseAt,
  reclaimPoolGate,
  releaseEpochIfRequestedNow,
  requestJoinsPending,
  resolveGate,
  undelegateAll,
  unstakeAll,
  withdrawable,
} from "./arena";
import { taskChainFixture } from "./taskChain.fixture";

const CREATOR = "0x00000000000000000000000000000000000000c1";
const OTHER = "0x00000000000000000000000000000000000000d2";
/** 3 submission + 1 final + 1 challenge epochs of 100 s from t = 1000 (creator CREATOR); unbonding 1 epoch. */
const task = taskChainFixture;
const reason = (g: { ok: boolean; reason?: string }) => (g.ok ? "" : (g.reason ?? ""));

describe("phases (ArenaBase._phaseAt)", () => {
  it("follows the epochs, and cancellation overrides them", () => {
    const t = task();
    assert.deepEqual(
      [0, 2, 3, 4, 5, 99].map((e) => phaseAt(t, e)),
      ["Submission", "Submission", "FinalValidation", "Challenge", "Ended", "Ended"],
    );
    assert.equal(phaseAt(task({ cancelled: true }), 0), "Cancelled");
  });
});

describe("withdraw (ArenaBase._finishUnbonding)", () => {
  it("pays what is released plus what reached its release epoch", () => {
    const w = withdrawable(task({ epoch: 3 }), { amount: 50n, releaseEpoch: 3, released: 10n });
    assert.deepEqual([w.now, w.later, w.gate.ok], [60n, 0n, true]);
  });
  it("pays the released part while the rest still unbonds", () => {
    const w = withdrawable(task({ epoch: 2 }), { amount: 50n, releaseEpoch: 4, released: 10n });
    assert.deepEqual([w.now, w.later, w.gate.ok], [10n, 50n, true]);
  });
  it("reverts UnbondingNotOver before the release epoch, with the epoch and its date", () => {
    const w = withdrawable(task({ epoch: 2 }), { amount: 50n, releaseEpoch: 4, released: 0n });
    assert.equal(w.gate.ok, false);
    assert.match(reason(w.gate), /epoch 4 \(1970-01-01 00:23 UTC\); it is epoch 2/);
    assert.deepEqual(w.at, { epoch: 4, time: 1400 });
  });
  it("reverts NothingToWithdraw when nothing unbonds", () => {
    const w = withdrawable(task(), { amount: 0n, releaseEpoch: 0, released: 0n });
    assert.match(reason(w.gate), /Nothing/);
  });
});

describe("requestUnstake / undelegate (ArenaBase._startUnbonding)", () => {
  it("release at the next epoch plus the unbonding period — 2 epochs after now for 1 epoch of unbonding", () => {
    assert.equal(releaseEpochIfRequestedNow(task({ epoch: 2 })), 4);
    const u = unstakeAll(task({ epoch: 2 }), 100n);
    assert.equal(u.gate.ok, true);
    assert.deepEqual(u.at, { epoch: 4, time: 1400 });
  });
  it("unstaking is accepted in every phase, after the end too, and refused at zero stake", () => {
    for (const epoch of [0, 3, 4, 9]) assert.equal(unstakeAll(task({ epoch }), 1n).gate.ok, true);
    assert.equal(unstakeAll(task(), 0n).gate.ok, false);
  });
  it("a new request joins stake still unbonding (its release moves), not stake already released", () => {
    assert.equal(
      requestJoinsPending(task({ epoch: 2 }), { amount: 5n, releaseEpoch: 3, released: 0n }),
      true,
    );
    assert.equal(
      requestJoinsPending(task({ epoch: 3 }), { amount: 5n, releaseEpoch: 3, released: 0n }),
      false,
    );
  });
  it("undelegate waits for settlement when the last change counted from an unsettled epoch", () => {
    const pos = { amount: 0n, nextAmount: 100n, nextFrom: 1 };
    const blocked = undelegateAll(task({ epoch: 1, settledEpochs: 0 }), pos);
    assert.match(reason(blocked.gate), /Epoch 0 must be settled first/);
    assert.equal(undelegateAll(task({ epoch: 1, settledEpochs: 1 }), pos).gate.ok, true);
    // Not yet in effect (nextFrom in the future) or already folded: free to change.
    assert.equal(undelegateAll(task({ epoch: 0, settledEpochs: 0 }), pos).gate.ok, true);
    assert.equal(undelegateAll(task({ epoch: 1, settledEpochs: 0 }), { ...pos, amount: 100n }).gate.ok, true);
    // Every scoring epoch settled (or cancelled): never pending.
    assert.equal(undelegateAll(task({ epoch: 6, settledEpochs: 4 }), { ...pos, nextFrom: 5 }).gate.ok, true);
    assert.equal(undelegateAll(task({ epoch: 6, cancelled: true, settledEpochs: 0 }), pos).gate.ok, true);
    assert.equal(undelegateAll(task(), { ...pos, nextAmount: 0n }).gate.ok, false);
  });
});

describe("creator: withdrawCreatorStake and reclaimPool (ArenaLifecycle)", () => {
  it("the creator stake is locked until the task ends, then free; only for the creator", () => {
    const during = creatorStakeGate(task({ epoch: 4 }), CREATOR);
    assert.match(reason(during.gate), /until the task ends at epoch 5 \(1970-01-01 00:25 UTC\)/);
    assert.deepEqual(during.at, { epoch: 5, time: 1500 });
    assert.equal(creatorStakeGate(task(), CREATOR).gate.ok, true);
    assert.equal(creatorStakeGate(task(), OTHER).gate.ok, false);
    assert.equal(creatorStakeGate(task({ creatorStake: 0n }), CREATOR).gate.ok, false);
    assert.match(reason(creatorStakeGate(task({ cancelled: true }), CREATOR).gate), /cancelled/);
  });
  it("reclaimPool needs the end, every scoring epoch settled, and only once", () => {
    assert.equal(reclaimPoolGate(task({ epoch: 4 }), CREATOR).gate.ok, false);
    assert.match(reason(reclaimPoolGate(task({ settledEpochs: 3 }), CREATOR).gate), /3 of 4/);
    assert.match(reason(reclaimPoolGate(task({ poolReclaimed: true }), CREATOR).gate), /already/);
    assert.equal(reclaimPoolGate(task(), OTHER).gate.ok, false);
    assert.equal(reclaimPoolGate(task(), CREATOR).gate.ok, true);
  });
});

describe("node rewards release (ArenaBase._nodeReleasable)", () => {
  const free = { forfeited: false, openChallenges: [] };
  it("ended, all settled, no open challenge, not forfeited: released by a claim", () => {
    assert.equal(nodeRelease(task(), free).gate.ok, true);
  });
  it("a task that ended with no challenge releases at once (the /rewards bug: not 'escrowed')", () => {
    assert.equal(nodeRelease(task({ epoch: 40 }), free).gate.ok, true);
  });
  it("escrowed before the end, with the end's epoch and date", () => {
    const r = nodeRelease(task({ epoch: 4 }), free);
    assert.match(reason(r.gate), /Escrowed until the task ends at epoch 5/);
    assert.deepEqual(r.at, { epoch: 5, time: 1500 });
  });
  it("escrowed while scoring epochs are unsettled or a challenge is open; lost when forfeited", () => {
    assert.match(reason(nodeRelease(task({ settledEpochs: 2 }), free).gate), /2 of 4/);
    const open = nodeRelease(task(), { forfeited: false, openChallenges: [{ id: 3n, voteDeadline: 1700 }] });
    assert.match(reason(open.gate), /challenge #3 is resolved/);
    assert.deepEqual(open.at, { time: 1700 });
    assert.match(reason(nodeRelease(task(), { ...free, forfeited: true }).gate), /upheld challenge/);
  });
});

describe("resolveChallenge", () => {
  it("after every scoring epoch is settled and the vote window is over", () => {
    const c = { voteDeadline: 1600, resolved: false };
    assert.match(reason(resolveGate(task({ settledEpochs: 3 }), c, 1700).gate), /3 of 4/);
    const early = resolveGate(task(), c, 1599);
    assert.match(reason(early.gate), /vote until/);
    assert.deepEqual(early.at, { time: 1600 });
    assert.equal(resolveGate(task(), c, 1600).gate.ok, true);
    assert.equal(resolveGate(task(), { ...c, resolved: true }, 1700).gate.ok, false);
  });
});
