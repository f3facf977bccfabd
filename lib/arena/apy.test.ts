import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveApy, weeklyGrowth } from "./apy";

const DAY = 86_400;
const now = 100 * DAY;

describe("effectiveApy", () => {
  it("compounds the mean daily return over a year", () => {
    const samples = Array.from({ length: 30 }, (_, i) => ({ timestamp: now - i * DAY, perToken: 0.001 }));
    const r = effectiveApy(samples, now, 14, 0);
    assert.equal(r.days, 14);
    assert.ok(Math.abs(r.dailyReturn - 0.001) < 1e-12);
    assert.ok(Math.abs((r.apy ?? 0) - (Math.pow(1.001, 365) - 1)) < 1e-12);
    assert.equal(r.young, false);
  });

  it("uses the pool's age when it is younger than the window, and flags it", () => {
    const samples = [{ timestamp: now - DAY, perToken: 0.01 }];
    const r = effectiveApy(samples, now, 30, now - 5 * DAY);
    assert.equal(r.days, 5);
    assert.ok(Math.abs(r.dailyReturn - 0.002) < 1e-12);
    assert.equal(r.young, true);
    assert.equal(effectiveApy([], now, 14, now).apy, null);
  });

  it("ignores rewards outside the window", () => {
    const samples = [
      { timestamp: now - 20 * DAY, perToken: 1 },
      { timestamp: now - DAY, perToken: 0.014 },
    ];
    assert.ok(Math.abs(effectiveApy(samples, now, 14, 0).dailyReturn - 0.001) < 1e-12);
  });
});

describe("weeklyGrowth", () => {
  it("is relative to last week's stake", () => {
    assert.equal(weeklyGrowth(110n, 100n), 0.1);
    assert.equal(weeklyGrowth(50n, 100n), -0.5);
    assert.equal(weeklyGrowth(5n, 0n), null);
  });
});
