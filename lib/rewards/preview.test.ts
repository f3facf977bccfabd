import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveApy, meanDailyReturn, splitGain } from "./preview.ts";

describe("reward previews", () => {
  it("splitting k ways multiplies weight by k^(1−α)", () => {
    assert.equal(splitGain(4, 0.5), 2);
    assert.equal(splitGain(7, 1), 1);
    assert.equal(splitGain(1, 0.3), 1);
    assert.throws(() => splitGain(0, 0.5), RangeError);
    assert.throws(() => splitGain(2, 1.5), RangeError);
  });

  it("computes eAPY from the mean daily return per staked token", () => {
    const r = meanDailyReturn([
      { reward: 1, stake: 1000 },
      { reward: 3, stake: 1000 },
      { reward: 5, stake: 0 },
    ]);
    assert.equal(r, 0.002);
    assert.ok(Math.abs(effectiveApy(r) - (1.002 ** 365 - 1)) < 1e-12);
    assert.ok(Number.isNaN(meanDailyReturn([])));
  });
});
