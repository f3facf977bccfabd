import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatUnits, parseUnits } from "viem";
import {
  expandExponent,
  formatFixed,
  MICRO_DECIMALS,
  formatTokens,
  formatWad,
  isBytes32,
  microToNumber,
  numberToMicro,
  parseDecimal,
  parseInteger,
  parseTokens,
  parseWad,
  percentToWad,
  toDisplayNumber,
  WAD,
  wadToNumber,
  wadToPercent,
} from "./units";

/** A deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random non-negative bigint of up to `maxDigits` digits, with many zeros (where trimming goes wrong). */
function randomBigint(next: () => number, maxDigits: number): bigint {
  const length = 1 + Math.floor(next() * maxDigits);
  let s = "";
  for (let i = 0; i < length; i++) s += next() < 0.3 ? "0" : String(Math.floor(next() * 10));
  return BigInt(s);
}

const ok = <T>(p: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!p.ok) throw new Error(`expected a value, got: ${p.error}`);
  return p.value;
};
const error = (p: { ok: true } | { ok: false; error: string }): string => (p.ok ? "" : p.error);

describe("formatFixed", () => {
  it("writes the exact decimal without trailing zeros or exponent", () => {
    assert.equal(formatFixed(0n, 18), "0");
    assert.equal(formatFixed(1n, 18), "0.000000000000000001");
    assert.equal(formatFixed(15n * 10n ** 17n, 18), "1.5");
    assert.equal(formatFixed(10n ** 40n, 18), `1${"0".repeat(22)}`);
    assert.equal(formatFixed(-1_250_000n, 6), "-1.25");
    assert.equal(formatFixed(1234n, 0), "1234");
  });

  it("agrees with viem's formatUnits on many random values", () => {
    const next = random(1);
    for (let i = 0; i < 2000; i++) {
      const x = randomBigint(next, 40) * (next() < 0.2 ? -1n : 1n);
      const d = Math.floor(next() * 25);
      assert.equal(formatFixed(x, d), formatUnits(x, d), `${x} at ${d} decimals`);
    }
  });
});

describe("parseDecimal", () => {
  it("parses plain and exponent notation exactly", () => {
    assert.equal(ok(parseDecimal("100", 18)), 100n * WAD);
    assert.equal(ok(parseDecimal(" 2.5 ", 18)), 25n * 10n ** 17n);
    assert.equal(ok(parseDecimal("1e3", 6)), 1_000_000_000n);
    assert.equal(ok(parseDecimal("5e-1", 1)), 5n);
    assert.equal(ok(parseDecimal("0.000000000000000001", 18)), 1n);
    assert.equal(ok(parseDecimal("007.50", 2)), 750n);
  });

  it("says what is wrong, starting with the field's label", () => {
    assert.equal(error(parseDecimal("", 18, "γ")), "γ is required.");
    assert.equal(error(parseDecimal("  ", 18, "γ")), "γ is required.");
    assert.equal(error(parseDecimal("-1", 18, "γ")), "γ cannot be negative.");
    assert.equal(error(parseDecimal("1,5", 18, "γ")), "γ must be a number ≥ 0, written like 100 or 2.5.");
    assert.equal(error(parseDecimal("abc", 18)), "The value must be a number ≥ 0, written like 100 or 2.5.");
    assert.equal(error(parseDecimal(".5", 18)), "The value must be a number ≥ 0, written like 100 or 2.5.");
    assert.equal(error(parseDecimal("0.1234567", 6, "Loss")), "Loss has more than 6 decimals.");
    assert.equal(error(parseDecimal("0.12", 1, "x")), "x has more than 1 decimal.");
    assert.equal(error(parseDecimal("1e101", 18, "x")), "x is too large.");
    const failed = parseDecimal("1.5", 0);
    assert.equal(failed.ok ? undefined : failed.reason, "decimals");
  });

  it("round-trips with formatFixed over many random values and agrees with viem's parseUnits", () => {
    const next = random(2);
    for (let i = 0; i < 2000; i++) {
      const x = randomBigint(next, 40);
      const d = Math.floor(next() * 25);
      const text = formatFixed(x, d);
      assert.equal(ok(parseDecimal(text, d)), x, text);
      assert.equal(ok(parseDecimal(text, d)), parseUnits(text, d), text);
    }
  });

  it("formats a typed value back to its canonical form", () => {
    const next = random(3);
    for (let i = 0; i < 2000; i++) {
      const d = 1 + Math.floor(next() * 20);
      const whole = String(randomBigint(next, 12));
      const fracLength = Math.floor(next() * (d + 1));
      let frac = "";
      for (let j = 0; j < fracLength; j++) frac += String(Math.floor(next() * 10));
      const typed = frac ? `${whole}.${frac}` : whole;
      const canonical = formatUnits(parseUnits(typed, d), d);
      assert.equal(formatFixed(ok(parseDecimal(typed, d)), d), canonical, typed);
    }
  });
});

describe("parseInteger", () => {
  it("parses whole numbers within bounds", () => {
    assert.equal(ok(parseInteger("42")), 42n);
    assert.equal(ok(parseInteger("1e3", { max: 1000n })), 1000n);
    assert.equal(error(parseInteger("4.5", { label: "K" })), "K must be a whole number.");
    assert.equal(error(parseInteger("0", { label: "K", min: 1n, max: 9n })), "K must be between 1 and 9.");
    assert.equal(error(parseInteger("10", { label: "K", min: 1n, max: 9n })), "K must be between 1 and 9.");
    assert.equal(error(parseInteger("", { label: "K" })), "K is required.");
    assert.equal(error(parseInteger("-3", { label: "K" })), "K cannot be negative.");
  });
});

describe("token amounts and WAD fractions", () => {
  it("convert exactly both ways", () => {
    assert.equal(formatTokens(123_456_789n * 10n ** 16n), "1234567.89");
    assert.equal(ok(parseTokens("1234567.89")), 123_456_789n * 10n ** 16n);
    assert.equal(formatWad(5n * 10n ** 17n), "0.5");
    assert.equal(ok(parseWad("0.5")), 5n * 10n ** 17n);
    assert.equal(error(parseTokens("1.0000000000000000001", "Stake")), "Stake has more than 18 decimals.");
  });

  it("round-trip over many random wei amounts", () => {
    const next = random(4);
    for (let i = 0; i < 2000; i++) {
      const wei = randomBigint(next, 32);
      assert.equal(ok(parseTokens(formatTokens(wei))), wei);
    }
  });
});

describe("percentages of a WAD (ρ)", () => {
  it("convert exactly", () => {
    assert.equal(wadToPercent(10n ** 17n), "10");
    assert.equal(wadToPercent(123n * 10n ** 14n), "1.23");
    assert.equal(wadToPercent(1n), "0.0000000000000001");
    assert.equal(wadToPercent(WAD), "100");
    assert.equal(ok(percentToWad("10")), 10n ** 17n);
    assert.equal(ok(percentToWad("100")), WAD);
    assert.equal(ok(percentToWad("0")), 0n);
  });

  it("refuses more than 100 % and more than the WAD's 16 decimals of a percent", () => {
    assert.equal(error(percentToWad("100.5", { label: "ρ" })), "ρ must be between 0 and 100 %.");
    assert.equal(error(percentToWad("1.00000000000000001", { label: "ρ" })), "ρ has more than 16 decimals.");
    assert.equal(error(percentToWad("50", { max: WAD / 4n })), "The percentage must be between 0 and 25 %.");
    assert.equal(error(percentToWad("ten")), "The percentage must be a number ≥ 0, written like 100 or 2.5.");
  });

  it("round-trip over every random ρ in [0, 1e18]", () => {
    const next = random(5);
    for (let i = 0; i < 3000; i++) {
      const wad = randomBigint(next, 19) % (WAD + 1n);
      assert.equal(ok(percentToWad(wadToPercent(wad))), wad, String(wad));
    }
  });
});

describe("display numbers", () => {
  it("are the nearest float, even where Number(x) / 1e18 rounds twice", () => {
    assert.equal(wadToNumber(5n * 10n ** 17n), 0.5);
    assert.equal(toDisplayNumber(1234n, 2), 12.34);
    const next = random(6);
    for (let i = 0; i < 2000; i++) {
      const x = randomBigint(next, 30);
      assert.equal(wadToNumber(x), Number(formatUnits(x, 18)));
    }
  });

  it("micro units", () => {
    assert.equal(formatFixed(1_250_000n, MICRO_DECIMALS), "1.25");
    assert.equal(microToNumber(1_250_000n), 1.25);
    assert.equal(microToNumber(250_000), 0.25);
    assert.equal(numberToMicro(0.1234564), 123456n);
    assert.equal(numberToMicro(-0.5), -500000n);
    assert.throws(() => numberToMicro(Number.NaN), RangeError);
    const next = random(7);
    for (let i = 0; i < 2000; i++) {
      const micro = randomBigint(next, 12);
      assert.equal(numberToMicro(microToNumber(micro)), micro);
    }
  });
});

describe("bytes32 and exponents", () => {
  it("checks 0x + 64 hex digits", () => {
    assert.ok(isBytes32(`0x${"ab".repeat(32)}`));
    assert.ok(isBytes32(`0x${"AB".repeat(32)}`));
    assert.ok(!isBytes32(`0x${"ab".repeat(31)}`));
    assert.ok(!isBytes32("ab".repeat(32)));
    assert.ok(!isBytes32(`0x${"g".repeat(64)}`));
  });

  it("expands exponent notation", () => {
    assert.equal(expandExponent("1e30"), `1${"0".repeat(30)}`);
    assert.equal(expandExponent("2.5E3"), "2500");
    assert.equal(expandExponent("5e-1"), "0.5");
    assert.equal(expandExponent("1.25e1"), "12.5");
    assert.equal(expandExponent("0e5"), "0");
    assert.equal(expandExponent("12"), "12");
    assert.equal(expandExponent("1e101"), undefined);
  });
});
