import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkQuota, pruneEntries, quotaFreesAt, usedInWindow, type QuotaEntry } from "./quota";

const DAY = 86_400;
const limits = { quotaBytes: 100, totalBytes: 1_000, windowSeconds: DAY };
const A = "0xaaaa";
const B = "0xbbbb";
const entry = (address: string, size: number, at: number): QuotaEntry => ({ address, sha256: "x", size, at });

describe("quota accounting", () => {
  const now = 10 * DAY;
  const entries = [
    entry(A, 30, now - DAY),
    entry(A, 40, now - DAY + 10),
    entry(A, 20, now - 5),
    entry(B, 90, now),
  ];

  it("counts an address's bytes over the rolling day only, case-insensitively", () => {
    assert.equal(usedInWindow(entries, A, now, DAY), 60);
    assert.equal(usedInWindow(entries, "0xAAAA", now, DAY), 60);
    assert.equal(usedInWindow(entries, B, now, DAY), 90);
    assert.equal(usedInWindow(entries, A, now + DAY, DAY), 0);
    assert.equal(pruneEntries(entries, now, DAY).length, 3);
  });

  it("lets an upload through while it fits, and says when the quota frees up", () => {
    checkQuota(entries, A, 40, { addressBytes: 60, storeBytes: 150 }, now, limits);
    assert.throws(
      () => checkQuota(entries, A, 41, { addressBytes: 60, storeBytes: 150 }, now, limits),
      (e: { code: string; details: Record<string, number> }) => {
        assert.equal(e.code, "quota_exceeded");
        assert.equal(e.details.usedBytes, 60);
        // The 40-byte entry leaves the window first (the 30-byte one has already left).
        assert.equal(e.details.retryAt, now - DAY + 10 + DAY);
        return true;
      },
    );
  });

  it("counts uploads in flight against the quota", () => {
    assert.throws(() => checkQuota(entries, A, 30, { addressBytes: 60 + 20, storeBytes: 0 }, now, limits), {
      code: "quota_exceeded",
    });
  });

  it("refuses an upload larger than the quota itself without a retry time", () => {
    assert.equal(quotaFreesAt([], A, 101, 0, now, limits), undefined);
    assert.equal(quotaFreesAt([], A, 100, 0, now, limits), now);
  });

  it("caps the store's total whatever the addresses", () => {
    assert.throws(() => checkQuota([], A, 10, { addressBytes: 0, storeBytes: 995 }, now, limits), {
      code: "store_full",
    });
  });
});
