import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatUnits, parseEther } from "viem";
import {
  formatDuration,
  formatInteger,
  formatNumber,
  formatPercent,
  formatTimestamp,
  formatTokenAmount,
  formatWadPercent,
  shortAddress,
} from "./format";

describe("formatTokenAmount", () => {
  it("groups thousands and rounds down to the requested decimals", () => {
    assert.equal(formatTokenAmount(parseEther("51000")), "51,000");
    assert.equal(formatTokenAmount(parseEther("1234567.899")), "1,234,567.89");
    assert.equal(formatTokenAmount(parseEther("0.5")), "0.5");
    assert.equal(formatTokenAmount(1n), "0");
    assert.equal(formatTokenAmount(parseEther("-2.25"), 1), "-2.2");
    assert.equal(formatTokenAmount(parseEther("999.999"), 0), "999");
  });

  it("keeps every digit of amounts beyond a float's precision", () => {
    assert.equal(formatTokenAmount(10n ** 40n + 123n * 10n ** 16n), "10,000,000,000,000,000,000,001.23");
    // The hand-written grouping it replaces, as the reference over many random amounts.
    const reference = (amount: bigint, digits: number) => {
      const [whole = "0", fraction = ""] = formatUnits(amount, 18).split(".");
      const cut = fraction.slice(0, digits).replace(/0+$/, "");
      return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${cut ? `.${cut}` : ""}`;
    };
    let seed = 11n;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      const amount = seed * seed * (seed % 1000n);
      const digits = Number(seed % 6n);
      assert.equal(formatTokenAmount(amount, digits), reference(amount, digits), String(amount));
    }
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

describe("formatPercent", () => {
  it("groups digits and never uses exponent notation, Infinity or NaN", () => {
    assert.equal(formatPercent(0.123), "12.3 %");
    assert.equal(formatPercent(12.345), "1,234.5 %");
    assert.equal(formatPercent(-0.04), "−4.0 %");
    assert.equal(formatPercent(0), "0.0 %");
    assert.equal(formatPercent(-0.0000001), "0.0 %");
    assert.equal(formatPercent(null), "—");
    assert.equal(formatPercent(Number.NaN), "—");
    assert.equal(formatPercent(2.438173621965088e250), "> 1,000,000 %");
    assert.equal(formatPercent(Number.POSITIVE_INFINITY), "> 1,000,000 %");
    assert.equal(formatPercent(Number.NEGATIVE_INFINITY), "< −1,000,000 %");
    for (const x of [1e-20, 1e20, 9999.99, 1e-7]) assert.doesNotMatch(formatPercent(x), /e[+-]|Infinity|NaN/);
  });
});

describe("formatWadPercent, formatNumber and formatInteger", () => {
  it("format from the exact value with grouping", () => {
    assert.equal(formatWadPercent(10n ** 17n), "10 %");
    assert.equal(formatWadPercent(125n * 10n ** 15n), "13 %");
    assert.equal(formatWadPercent(125n * 10n ** 15n, 1), "12.5 %");
    assert.equal(formatWadPercent(0n), "0 %");
    assert.equal(formatWadPercent(10n ** 18n), "100 %");
    assert.equal(formatWadPercent(123_456n * 10n ** 16n), "123,456 %");
    assert.equal(formatNumber(1234.5, 2), "1,234.50");
    assert.equal(formatNumber(0.125, 2), "0.13");
    assert.equal(formatNumber(1234.5678, 0, 3), "1,234.568");
    assert.equal(formatNumber(2, 0, 3), "2");
    assert.equal(formatInteger(1_234_567), "1,234,567");
    assert.equal(formatInteger(12_345_678_901_234_567_890n), "12,345,678,901,234,567,890");
  });
});
