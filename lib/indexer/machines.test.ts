import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { epochUptimeBps, meanLatencyMs, parseEpochRange } from "./machines";

describe("lib/indexer/machines", () => {
  const slotsPerEpoch = 24n;

  it("counts uptime over the slots since registration, up to now, as the contract", () => {
    // Registered in slot 30 (epoch 1), now slot 40: 11 slots owed, 11 beats → 100%.
    const p = { epoch: 1n, registeredSlot: 30n, nowSlot: 40n, slotsPerEpoch };
    assert.equal(epochUptimeBps({ ...p, heartbeats: 11 }), 10_000n);
    assert.equal(epochUptimeBps({ ...p, heartbeats: 5 }), (5n * 10_000n) / 11n);
    // More beats than owed slots cannot exceed 100%.
    assert.equal(epochUptimeBps({ ...p, heartbeats: 50 }), 10_000n);
  });

  it("counts a whole past epoch and gives 0 before registration or before the epoch began", () => {
    assert.equal(
      epochUptimeBps({ heartbeats: 12, epoch: 2n, registeredSlot: 0n, nowSlot: 500n, slotsPerEpoch }),
      5_000n,
    );
    assert.equal(
      epochUptimeBps({ heartbeats: 0, epoch: 0n, registeredSlot: 30n, nowSlot: 40n, slotsPerEpoch }),
      0n,
    );
    assert.equal(
      epochUptimeBps({ heartbeats: 0, epoch: 3n, registeredSlot: 0n, nowSlot: 40n, slotsPerEpoch }),
      0n,
    );
  });

  it("averages latency as the contract (integer ms) and says when there is none", () => {
    assert.equal(meanLatencyMs({ latencyReports: 3, latencySumMs: 100n }), 33);
    assert.equal(meanLatencyMs({ latencyReports: 0, latencySumMs: 0n }), null);
    assert.equal(meanLatencyMs(undefined), null);
  });

  it("bounds the epoch range of a request", () => {
    assert.deepEqual(parseEpochRange("3", "9"), { ok: true, from: 3, to: 9 });
    assert.equal(parseEpochRange("9", "3").ok, false);
    assert.equal(parseEpochRange("0", "40").ok, false);
    assert.equal(parseEpochRange("x", "3").ok, false);
    assert.equal(parseEpochRange(undefined, "3").ok, false);
  });
});
