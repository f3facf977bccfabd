import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther } from "viem";
import { formatDuration, formatTimestamp, formatTokenAmount, shortAddress } from "./format";

describe("formatTokenAmount", () => {
  it("groups thousands and rounds down to the requested decimals", () => {
    assert.equal(formatTokenAmount(parseEther("51000")), "51,000");
    assert.equal(formatTokenAmount(parseEther("1234567.899")), "1,234,567.89");
    assert.equal(formatTokenAmount(parseEther("0.5")), "0.5");
    assert.equal(formatTokenAmount(1n), "0");
    assert.equal(formatTokenAmount(parseEther("-2.25"), 1), "-2.2");
    assert.equal(formatTokenAmount(parseEther("999.999"), 0), "999");
  });
});

describe("formatDuration", () => {
  it("uses the two largest units", () => {
    assert.equal(formatDuration(0), "0s");
    assert.equal(formatDuration(59), "59s");
    assert.equal(formatDuration(61), "1m 1s");
    assert.equal(formatDuration(3 * 3600 + 5 * 60), "3h 5m");
    assert.equal(formatDuration(86_400 + 3600), "1d 1h");
    assert.equal(formatDuration(-5), "0s");
  });
});

describe("formatTimestamp and shortAddress", () => {
  it("formats in UTC and shortens addresses", () => {
    assert.equal(formatTimestamp(1_700_000_000n), "2023-11-14 22:13 UTC");
    assert.equal(shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), "0x7099…79C8");
    assert.equal(shortAddress("0x1234"), "0x1234");
  });
});
