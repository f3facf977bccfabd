import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveApy, MAX_EAPY, weeklyGrowth } from "./apy";

const DAY = 86_400;
const now = 100 * DAY;
const daily = (days: number, perToken: number) =>
  Array.from({ length: days }, (_, i) => ({ timestamp: now - i * DAY, perToken }));

describe("effectiveApy", () => {
  it("compounds the mean daily return over a year, beside the simple APR", () => {
    const r = effectiveApy(daily(30, 0.001), now, 14, 0);
    assert.equal(r.days, 14);
    assert.ok(Math.abs(r.dailyReturn - 0.001) < 1e-12);
    assert.ok(Math.abs((r.apy.value ?? 0) - (Math.pow(1.001, 365) - 1)) < 1e-12);
    assert.ok(Math.abs((r.apr.value ?? 0) - 0.365) < 1e-12);
    assert.equal(r.young, false);
  });

  it("uses the pool's age when it is younger than the window, and flags it", () => {
    const samples = [{ timestamp: now - DAY, perToken: 0.01 }];
    const r = effectiveApy(samples, now, 30, now - 5 * DAY);
    assert.equal(r.days, 5);
    assert.ok(Math.abs(r.dailyReturn - 0.002) < 1e-12);
    assert.equal(r.young, true);
    assert.ok(Math.abs((r.apr.value ?? 0) - 0.73) < 1e-12);
    assert.equal(r.apy.value, null, "five days are too few to compound");
    assert.match(r.apy.reason ?? "", /at least 7 days/);
  });

  it("ignores rewards outside the window", () => {
    const samples = [
      { timestamp: now - 20 * DAY, perToken: 1 },
      { timestamp: now - DAY, perToken: 0.014 },
    ];
    assert.ok(Math.abs(effectiveApy(samples, now, 14, 0).dailyReturn - 0.001) < 1e-12);
  });

  it("zero stake (no reward ever paid per delegated token): no figure, and says so", () => {
    const r = effectiveApy([], now, 14, 0);
    assert.equal(r.apr.value, null);
    assert.equal(r.apy.value, null);
    assert.match(r.apr.reason ?? "", /No reward/);
    assert.equal(effectiveApy([], now, 14, now).apy.value, null);
  });

  it("one epoch of a young pool (minutes of history): neither APR nor eAPY", () => {
    const r = effectiveApy([{ timestamp: now, perToken: 0.05 }], now, 14, now - 600);
    assert.equal(r.apr.value, null);
    assert.equal(r.apy.value, null);
    assert.match(r.apr.reason ?? "", /Only 10m 0s of history/);
    assert.equal(r.apr.short, "10m 0s of history");
  });

  it("a tiny window just below a day still gives no figure; a day gives an APR only", () => {
    const sample = [{ timestamp: now, perToken: 0.01 }];
    assert.equal(effectiveApy(sample, now, 14, now - DAY + 1).apr.value, null);
    const day = effectiveApy(sample, now, 14, now - DAY);
    assert.ok(Math.abs((day.apr.value ?? 0) - 3.65) < 1e-12);
    assert.equal(day.apy.value, null);
  });

  it("a huge return (what made 2.4e+252 % and Infinity %): APR stays finite, eAPY is withheld", () => {
    const r = effectiveApy(daily(14, 5), now, 14, 0);
    assert.ok(Number.isFinite(r.apr.value));
    assert.equal(r.apy.value, null);
    assert.match(r.apy.reason ?? "", /meaningless/);
    const overflow = effectiveApy(daily(14, 1e308), now, 14, 0);
    assert.equal(overflow.apr.value, null);
    assert.equal(overflow.apy.value, null);
    assert.match(overflow.apr.reason ?? "", /too large/);
    // 2 % a day compounds past the cap, 0.5 % a day does not.
    assert.equal(effectiveApy(daily(14, 0.02), now, 14, 0).apy.value, null);
    const fine = effectiveApy(daily(14, 0.005), now, 14, 0).apy.value;
    assert.ok(fine !== null && fine < MAX_EAPY);
  });

  it("zero and negative returns give 0 % and a negative figure, a total loss no eAPY", () => {
    const zero = effectiveApy(daily(14, 0), now, 14, 0);
    assert.equal(zero.apr.value, 0);
    assert.equal(zero.apy.value, 0);
    const loss = effectiveApy(daily(14, -0.001), now, 14, 0);
    assert.ok((loss.apr.value ?? 0) < 0);
    assert.ok((loss.apy.value ?? 0) < 0);
    const wiped = effectiveApy(daily(14, -1), now, 14, 0);
    assert.equal(wiped.apy.value, null);
    assert.equal(wiped.apr.value, -365);
  });

  it("never returns a non-finite figure", () => {
    for (const perToken of [0, 1e-18, 0.001, 1, 1e6, 1e300, -0.5, -10, Number.MAX_VALUE]) {
      for (const since of [now, now - 60, now - DAY, now - 8 * DAY, 0]) {
        const r = effectiveApy(daily(30, perToken), now, 14, since);
        for (const f of [r.apr, r.apy]) {
          if (f.value === null) assert.ok(f.reason.length > 0);
          else assert.ok(Number.isFinite(f.value));
        }
      }
    }
  });
});

describe("weeklyGrowth", () => {
  it("is relative to last week's stake", () => {
    assert.equal(weeklyGrowth(110n, 100n), 0.1);
    assert.equal(weeklyGrowth(50n, 100n), -0.5);
    assert.equal(weeklyGrowth(5n, 0n), null);
  });
});
