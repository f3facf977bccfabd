import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WAD, expWad, lnWad, mulDiv, mulWad, powWad } from "./wadMath.ts";

describe("wadMath", () => {
  it("matches Solady's published expWad and lnWad vectors", () => {
    assert.equal(expWad(0n), WAD);
    assert.equal(expWad(10n ** 18n), 2718281828459045235n);
    assert.equal(expWad(-(10n ** 18n)), 367879441171442321n);
    assert.equal(expWad(-41446531673892822313n), 0n);
    assert.equal(lnWad(WAD), 0n);
    assert.equal(lnWad(1n), -41446531673892822313n);
  });

  it("tracks Math.exp and Math.log across the range", () => {
    for (let x = -40; x <= 40; x += 0.37) {
      const fixed = Number(expWad(BigInt(Math.round(x * 1e6)) * 10n ** 12n)) / 1e18;
      const exact = Math.exp(Math.round(x * 1e6) / 1e6);
      assert.ok(Math.abs(fixed - exact) <= exact * 1e-12 + 1e-18, `exp(${x})`);
    }
    for (const v of [1e-6, 0.001, 0.5, 1, 2, 1234.5, 1e9, 1e20]) {
      const fixed = Number(lnWad(BigInt(Math.round(v * 1e6)) * 10n ** 12n)) / 1e18;
      assert.ok(Math.abs(fixed - Math.log(Math.round(v * 1e6) / 1e6)) < 1e-12, `ln(${v})`);
    }
  });

  it("powWad gives stake^α", () => {
    const hundred = 100n * WAD;
    assert.ok(Math.abs(Number(powWad(hundred, WAD / 2n)) / 1e18 - 10) < 1e-12);
    assert.ok(Math.abs(Number(powWad(hundred, WAD)) / 1e18 - 100) < 1e-10);
  });

  it("rounds down and refuses overflow like the contract", () => {
    assert.equal(mulWad(3n, WAD / 2n), 1n);
    assert.equal(mulDiv(7n, 3n, 2n), 10n);
    assert.throws(() => mulDiv(1n, 1n, 0n), /MulDivFailed/);
    assert.throws(() => mulWad(2n ** 255n, 4n), /MulWadFailed/);
    assert.throws(() => lnWad(0n), /LnWadUndefined/);
  });
});
