import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TaskView } from "./indexer";
import { delegatingGate, delegationGates, rewardShareGate, type DelegationState } from "./delegatees";

const task = {
  id: 1n,
  start: 1_000,
  cancelled: false,
  config: {
    epochLength: 100,
    commitWindow: 20,
    revealWindow: 20,
    submissionEpochs: 3,
    finalEpochs: 1,
    challengeEpochs: 1,
    unbondingEpochs: 1,
  },
} as unknown as TaskView;

const d = (over: Partial<DelegationState> = {}): DelegationState => ({
  amount: 100n,
  nextAmount: 100n,
  nextFrom: 1,
  unbonding: { amount: 0n, releaseEpoch: 0, released: 0n },
  ...over,
});

describe("delegationGates", () => {
  it("undelegates in every phase, even after the task ended", () => {
    for (const now of [1_050, 1_350, 1_450, 9_000]) {
      assert.equal(delegationGates(task, d(), now, 4).undelegate.ok, true, `at ${now}`);
    }
  });

  it("waits for settlement when the last change took effect in an unsettled epoch", () => {
    const g = delegationGates(task, d({ amount: 0n, nextAmount: 100n, nextFrom: 1 }), 1_150, 0);
    assert.equal(g.settleFirst, 0);
    assert.deepEqual(g.undelegate, { ok: false, reason: "Settle epoch 0 first" });
    assert.equal(delegationGates(task, d({ amount: 0n, nextFrom: 1 }), 1_150, 1).undelegate.ok, true);
  });

  it("withdraws only once the unbonding period is over, and says until when", () => {
    const unbonding = { amount: 40n, releaseEpoch: 3, released: 0n };
    const before = delegationGates(task, d({ nextAmount: 60n, unbonding }), 1_250, 2);
    assert.equal(before.withdraw.ok, false);
    assert.match(
      before.withdraw.ok ? "" : before.withdraw.reason,
      /Unbonding until epoch 3 \(1970-01-01 00:21 UTC\); now epoch 2/,
    );
    assert.equal(before.unbonding, 40n);
    assert.equal(before.withdrawable, 0n);
    const after = delegationGates(task, d({ nextAmount: 60n, unbonding }), 1_300, 3);
    assert.equal(after.withdraw.ok, true);
    assert.equal(after.withdrawable, 40n);
    assert.equal(after.unbonding, 0n);
  });

  it("a part already released stays withdrawable while a later request unbonds", () => {
    const g = delegationGates(
      task,
      d({ unbonding: { amount: 10n, releaseEpoch: 5, released: 30n } }),
      1_250,
      2,
    );
    assert.equal(g.withdraw.ok, true);
    assert.equal(g.withdrawable, 30n);
    assert.equal(g.unbonding, 10n);
  });

  it("nothing delegated and nothing unbonding: both buttons say why", () => {
    const g = delegationGates(task, d({ amount: 0n, nextAmount: 0n }), 1_250, 2);
    assert.deepEqual(g.undelegate, { ok: false, reason: "Nothing left delegated" });
    assert.deepEqual(g.withdraw, { ok: false, reason: "Nothing to withdraw: undelegate first" });
  });
});

describe("delegatingGate", () => {
  it("is open in the submission and final validation phases only", () => {
    assert.equal(delegatingGate(task, 1_050).ok, true);
    assert.equal(delegatingGate(task, 1_350).ok, true);
    assert.deepEqual(delegatingGate(task, 1_450), {
      ok: false,
      reason: "Closed: the task is in its challenge phase",
    });
  });
});

describe("rewardShareGate", () => {
  it("locks ρ for 30 days after a change, with the date", () => {
    const day = 86_400;
    const g = rewardShareGate(10 * day, 20 * day, 0n, 5n);
    assert.deepEqual(g, {
      ok: false,
      reason: "ρ is locked until 1970-02-10 00:00 UTC (one change per 30 days)",
    });
    assert.equal(rewardShareGate(10 * day, 40 * day, 0n, 5n).ok, true);
    assert.equal(rewardShareGate(0, 1, 0n, 5n).ok, true);
    assert.equal(rewardShareGate(0, 1, 5n, 5n).ok, false);
  });
});
