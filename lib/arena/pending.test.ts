import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pendingRewardShare, pendingStake, rewardShareAt } from "./pending.ts";

const p = {
  rewardShare: 40n,
  rewardShareChanges: [
    { rewardShare: 25n, fromEpoch: 1 },
    { rewardShare: 40n, fromEpoch: 4 },
  ],
  stakeChanges: [
    { kind: "stake" as const, amount: 100n, epoch: 1 },
    { kind: "stake" as const, amount: 30n, epoch: 4 },
    { kind: "unstake" as const, amount: 10n, epoch: 9 },
  ],
};

describe("values pending until a later epoch", () => {
  it("ρ in force is the last change applying from that epoch or earlier, not the latest set", () => {
    assert.equal(rewardShareAt(p, 0), 0n);
    assert.equal(rewardShareAt(p, 3), 25n);
    assert.equal(rewardShareAt(p, 4), 40n);
    assert.deepEqual(pendingRewardShare(p, 3), { rewardShare: 40n, fromEpoch: 4 });
    assert.equal(pendingRewardShare(p, 4), undefined);
  });
  it("without history the latest value is all there is", () => {
    assert.equal(rewardShareAt({ rewardShare: 7n }, 5), 7n);
    assert.equal(pendingRewardShare({}, 5), undefined);
  });
  it("stake counted from a later epoch is pending; unstakes are not stake", () => {
    assert.deepEqual(pendingStake(p, 3), { amount: 30n, fromEpoch: 4 });
    assert.deepEqual(pendingStake(p, 0), { amount: 130n, fromEpoch: 1 });
    assert.equal(pendingStake(p, 4), undefined);
  });
});
