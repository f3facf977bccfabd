import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { claimRows, type ClaimCandidate } from "./claims";
import { splitReward } from "./rules";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000Bb" as Address;
const C = "0x00000000000000000000000000000000000000cc" as Address;
const reward = 1_000n * 10n ** 18n;
const base: ClaimCandidate = {
  targetId: 7n,
  reward,
  status: 2,
  submitter: A,
  modelOwner: B,
  auditor: C,
  confirmed: true,
  bond: 5n,
  fillEpoch: 3n,
};

describe("lib/targets claimRows", () => {
  it("pays each role its share once the audit epoch is over", () => {
    const split = splitReward(reward, true);
    assert.deepEqual(claimRows([base], A, 5n), [
      { targetId: 7n, amount: split.toSubmitter + 5n, role: "submitter" },
    ]);
    assert.deepEqual(claimRows([base], "0x00000000000000000000000000000000000000BB", 5n), [
      { targetId: 7n, amount: split.toModel, role: "model owner" },
    ]);
    assert.deepEqual(claimRows([base], C, 9n), [{ targetId: 7n, amount: split.toAuditor, role: "auditor" }]);
  });

  it("adds up the roles of one account and pays no fee without a confirmation", () => {
    const both = { ...base, modelOwner: A, confirmed: false };
    const split = splitReward(reward, false);
    assert.deepEqual(claimRows([both], A, 5n), [
      { targetId: 7n, amount: split.toSubmitter + 5n + split.toModel, role: "submitter and model owner" },
    ]);
    assert.deepEqual(claimRows([both], C, 5n), []);
  });

  it("shows nothing before fillEpoch + 2, nor for a target no longer filled", () => {
    assert.deepEqual(claimRows([base], A, 4n), []);
    assert.deepEqual(claimRows([{ ...base, status: 4 }], A, 5n), []);
    assert.deepEqual(claimRows([{ ...base, status: 3 }], A, 5n), []);
  });
});
