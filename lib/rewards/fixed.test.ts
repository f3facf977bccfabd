import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { settleEpochFixed, splitReward, tiedGeometricWeights, splitEarnings, epochReward } from "./fixed.ts";
import { settleEpochFloat } from "./float.ts";
import { toFloatInput } from "./convert.ts";
import type { EpochInput } from "./types.ts";
import { WAD } from "./wadMath.ts";

const tokens = (n: number) => BigInt(n) * WAD;
const mechanism = {
  gamma: (WAD * 7n) / 10n,
  q: (WAD * 8n) / 10n,
  alphaT: WAD / 2n,
  lambdaV: 2n * WAD,
  alphaV: WAD / 2n,
};

function epoch(overrides: Partial<EpochInput> = {}): EpochInput {
  return {
    metric: "loss",
    mechanism,
    reward: tokens(1000),
    nodes: [
      { id: "a", own: tokens(100), delegated: 0n, rewardShare: 0n },
      { id: "b", own: tokens(100), delegated: tokens(300), rewardShare: WAD / 2n },
      { id: "c", own: tokens(50), delegated: 0n, rewardShare: 0n },
    ],
    validators: [
      {
        id: "v1",
        own: tokens(200),
        delegated: 0n,
        rewardShare: 0n,
        scores: new Map([
          ["a", 1_500_000],
          ["b", 2_000_000],
        ]),
      },
      {
        id: "v2",
        own: tokens(100),
        delegated: tokens(100),
        rewardShare: WAD,
        scores: new Map([
          ["a", 1_600_000],
          ["b", 2_100_000],
        ]),
      },
    ],
    ...overrides,
  };
}

describe("fixed-point settlement", () => {
  it("splits R0 by γ and stake and never pays more than R0", () => {
    const { rn, rv } = splitReward(tokens(1000), mechanism.gamma, tokens(500), tokens(400));
    // 0.7 − 0.4·floor(500/900 in WAD) = 0.477777777777777778 (the subtracted term rounds down)
    assert.equal(rn, 477777777777777778000n);
    assert.equal(rn + rv, tokens(1000));
    const r = settleEpochFixed(epoch());
    assert.ok(r.paid <= tokens(1000));
    assert.equal(r.nodes.length, 2, "unscored node c earns nothing and is not listed");
    assert.ok(tokens(1000) - r.paid < 10n, "only rounding dust stays in the pool");
  });

  it("ranks lower loss first and flips for higher-is-better metrics", () => {
    const loss = settleEpochFixed(epoch());
    const acc = settleEpochFixed(epoch({ metric: "accuracy" }));
    const earned = (r: typeof loss, id: string) => r.nodes.find((n) => n.id === id)?.earned ?? 0n;
    // b has 4x a's stake, so compare per-unit weight via the rank weight instead.
    assert.ok(
      loss.nodes.find((n) => n.id === "a")!.weight * 2n > loss.nodes.find((n) => n.id === "b")!.weight,
    );
    assert.ok(earned(acc, "b") > earned(loss, "b"));
  });

  it("gives tied submissions the mean of their ranks' weights", () => {
    const g = tiedGeometricWeights([1n, 1n, 2n], WAD / 2n);
    assert.deepEqual(g, [(WAD + WAD / 2n) / 2n, (WAD + WAD / 2n) / 2n, WAD / 4n]);
  });

  it("splits a pool's earnings with delegators by ρ and stake", () => {
    const p = splitEarnings(
      { id: "x", own: tokens(100), delegated: tokens(300), rewardShare: WAD / 2n },
      tokens(80),
    );
    assert.equal(p.toDelegators, tokens(30));
    assert.equal(p.kept, tokens(50));
    assert.equal(p.perShare, WAD / 10n);
  });

  it("pays nothing in an epoch without scores", () => {
    const r = settleEpochFixed(epoch({ validators: [] }));
    assert.equal(r.paid, 0n);
    assert.equal(epochReward(tokens(900), 3, 0), tokens(300));
  });

  it("shows what α implies for Sybil splitting: k identities multiply weight by about k^(1−α)", () => {
    const node = (id: string, stake: number) => ({ id, own: tokens(stake), delegated: 0n, rewardShare: 0n });
    const run = (mine: string[], stakeEach: number, alphaT: bigint) => {
      const ids = [...mine, "x", "y"];
      const r = settleEpochFixed(
        epoch({
          mechanism: { ...mechanism, alphaT },
          nodes: [...mine.map((id) => node(id, stakeEach)), node("x", 400), node("y", 400)],
          // All scores tie, so every node has the same rank weight and only t^α differs.
          validators: [
            {
              id: "v",
              own: tokens(100),
              delegated: 0n,
              rewardShare: 0n,
              scores: new Map(ids.map((id) => [id, 1_000_000])),
            },
          ],
        }),
      );
      return Number(r.nodes.filter((n) => mine.includes(n.id)).reduce((s, n) => s + n.earned, 0n));
    };
    const four = ["a1", "a2", "a3", "a4"];
    // α = 0.5: one identity with 400 has weight 20; four with 100 each have 4·10 = 40 (k^(1−α) = 2).
    assert.ok(Math.abs(run(four, 100, WAD / 2n) / run(["a"], 400, WAD / 2n) - 40 / 80 / (20 / 60)) < 1e-9);
    // α = 1: splitting gains nothing.
    assert.ok(Math.abs(run(four, 100, WAD) / run(["a"], 400, WAD) - 1) < 1e-9);
  });

  it("agrees with the floating-point mode", () => {
    const input = epoch();
    const fixed = settleEpochFixed(input);
    const float = settleEpochFloat(toFloatInput(input));
    for (const [i, n] of fixed.nodes.entries()) {
      const f = float.nodes[i]!;
      assert.ok(Math.abs(Number(n.earned) - f.earned) <= 1e-9 * f.earned, `node ${n.id}`);
    }
    for (const [i, v] of fixed.validators.entries()) {
      const f = float.validators[i]!;
      assert.ok(Math.abs(Number(v.earned) - f.earned) <= 1e-9 * f.earned, `validator ${v.id}`);
    }
  });

  it("pays the validators when every rater is far from the mean in units of 1/λ (M5)", () => {
    // λ = 1e30 (the largest accepted): λΔ = 5e5 for both raters, so unshifted e^(−λΔ) is 0 for both and R_v
    // went unpaid; shifted by the nearest distance, equal stakes share R_v exactly.
    const rater = (id: string, score: number) => ({
      id,
      own: tokens(200),
      delegated: 0n,
      rewardShare: 0n,
      scores: new Map([["a", score]]),
    });
    const input = epoch({
      mechanism: { ...mechanism, lambdaV: 10n ** 30n },
      validators: [rater("v1", 1_000_000), rater("v2", 1_000_001)],
    });
    const r = settleEpochFixed(input);
    assert.ok(r.rewardValidators > 0n);
    for (const v of r.validators) assert.equal(v.earned, r.rewardValidators / 2n, v.id);
    // Unequal stakes move the mean towards v2 (Δ = 0.75e-6 and 0.25e-6): v2 is owed all of R_v, in both modes.
    // (The float mode cannot resolve the equal-stake case at this λ: its Δs differ by ~1e-16, times λ = 1e12.)
    const far = epoch({
      mechanism: { ...mechanism, lambdaV: 10n ** 30n },
      validators: [
        { ...rater("v1", 1_000_000), own: tokens(100) },
        { ...rater("v2", 1_000_001), own: tokens(300) },
      ],
    });
    const fixed = settleEpochFixed(far);
    assert.deepEqual(
      fixed.validators.map((v) => v.earned),
      [0n, fixed.rewardValidators],
    );
    const float = settleEpochFloat(toFloatInput(far));
    assert.equal(float.validators[0]?.earned, 0);
    assert.ok(Math.abs((float.validators[1]?.earned ?? 0) / Number(fixed.rewardValidators) - 1) < 1e-12);
  });

  it("never pays validators more than R_v, whatever the order of the raters (streamed softmax)", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const scores = (j: number) => 1_000_000 + ((seed * 7919 + j * 104729) % 2_000);
      const validators = Array.from({ length: 6 }, (_, j) => ({
        id: `v${j}`,
        own: tokens(10 + ((seed + j) % 7) * 13),
        delegated: 0n,
        rewardShare: 0n,
        scores: new Map([
          ["a", scores(j)],
          ["b", scores(j + 3)],
        ]),
      }));
      const r = settleEpochFixed(
        epoch({ mechanism: { ...mechanism, lambdaV: BigInt(seed) * 10n ** 24n }, validators }),
      );
      const paid = r.validators.reduce((sum, v) => sum + v.earned, 0n);
      assert.ok(paid <= r.rewardValidators, `seed ${seed}: ${paid} > ${r.rewardValidators}`);
      assert.ok(paid > 0n, `seed ${seed}: the nearest raters are paid`);
    }
  });
});
