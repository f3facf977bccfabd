import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import {
  AUDIT_FEE_BPS,
  bondFor,
  cosineDistanceMicro,
  generateTarget,
  nextEma,
  nextThreshold,
  pack,
  splitReward,
} from "../../../lib/targets/index.ts";

/** Deterministic int32 components of every magnitude, from a label. */
function randomVector(label: string, dim: number, magnitude: bigint): bigint[] {
  return Array.from({ length: dim }, (_, i) => {
    const h = BigInt(keccak256(toHex(`${label}/${i}`)));
    return (h % (2n * magnitude + 1n)) - magnitude;
  });
}

describe("TargetMath parity: Solidity and lib/targets agree bit for bit", async () => {
  const { viem } = await network.create();
  const harness = await viem.deployContract("TargetMathHarness");

  it("generates the same target embeddings", async () => {
    for (let k = 0; k < 12; k++) {
      const dim = [1, 7, 8, 9, 96][k % 5]!;
      const center = k % 3 === 0 ? [] : randomVector(`c${k}`, dim, 2_000_000n);
      const spread = BigInt([0, 1, 50_000, 1_000_000_000][k % 4]!);
      const seed = keccak256(toHex(`seed${k}`));
      const expected = generateTarget(seed, center.length ? center : new Array<bigint>(dim).fill(0n), spread);
      assert.deepEqual(
        await harness.read.generate([seed, center.length ? pack(center) : "0x", spread, BigInt(dim)]),
        expected,
      );
    }
  });

  it("computes the same cosine distances, extremes included", async () => {
    const max = 2n ** 31n - 1n;
    const cases: [bigint[], bigint[]][] = [
      [
        [max, -max, max],
        [max, -max, max],
      ],
      [
        [max, max],
        [-max, -max],
      ],
      [
        [1n, 0n],
        [0n, 1n],
      ],
      [
        [1n, 2n, 3n],
        [3n, 2n, 1n],
      ],
    ];
    for (let k = 0; k < 20; k++) {
      const magnitude = [1n, 1000n, 1_000_000n, max][k % 4]!;
      cases.push([randomVector(`a${k}`, 96, magnitude), randomVector(`b${k}`, 96, magnitude)]);
    }
    for (const [a, b] of cases) {
      if (a.every((x) => x === 0n) || b.every((x) => x === 0n)) continue;
      const onChain = await harness.read.cosineDistance([pack(a), pack(b), BigInt(a.length)]);
      assert.equal(onChain, cosineDistanceMicro(a, b));
    }
  });

  it("moves the EMA and the threshold the same way", async () => {
    for (let k = 0; k < 30; k++) {
      const h = BigInt(keccak256(toHex(`t${k}`)));
      const threshold = h % 2_000_000n;
      const ema = (h >> 32n) % 1_000_001n;
      const target = ((h >> 64n) % 1_000_000n) + 1n;
      const min = (h >> 96n) % 100_000n;
      const max = min + ((h >> 128n) % 1_000_000n);
      assert.equal(
        await harness.read.nextThreshold([threshold, ema, target, min, max]),
        nextThreshold(threshold, ema, target, min, max),
      );
      const fills = (h >> 160n) % 50n;
      const targets = fills + ((h >> 170n) % 50n);
      const alpha = ((h >> 180n) % 1_000_000n) + 1n;
      assert.equal(
        await harness.read.nextEma([ema, fills, targets, alpha]),
        nextEma(ema, fills, targets, alpha),
      );
    }
  });

  it("takes the same bonds and shares rewards the same way, to the wei", async () => {
    for (let k = 0; k < 40; k++) {
      const h = BigInt(keccak256(toHex(`r${k}`)));
      const size = (h % 20_000n) + 1n;
      const perByte = (h >> 40n) % 10n ** 17n;
      const minBond = (h >> 100n) % 10n ** 20n;
      assert.equal(await harness.read.bondFor([size, perByte, minBond]), bondFor(size, perByte, minBond));
      const reward = k === 0 ? 1n : (h >> 160n) % 10n ** 24n;
      for (const confirmed of [true, false]) {
        const s = splitReward(reward, confirmed);
        assert.deepEqual(await harness.read.splitReward([reward, AUDIT_FEE_BPS, confirmed]), [
          s.toAuditor,
          s.toSubmitter,
          s.toModel,
          s.toPool,
        ]);
        assert.equal(s.toAuditor + s.toSubmitter + s.toModel + s.toPool, reward, "sums to the reward");
      }
    }
  });
});
