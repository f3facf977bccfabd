import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { amountOf, explainEpoch, explanationsFor, mismatches, readable } from "./explain.ts";
import { settleEpochFixed } from "./fixed.ts";
import type { EpochInput } from "./types.ts";
import { WAD } from "./wadMath.ts";

const tokens = (n: number) => BigInt(n) * WAD;

const input: EpochInput = {
  metric: "loss",
  mechanism: {
    gamma: (WAD * 7n) / 10n,
    q: (WAD * 8n) / 10n,
    alphaT: WAD / 2n,
    lambdaV: 2n * WAD,
    alphaV: WAD / 2n,
  },
  reward: tokens(1000) + 123n,
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
        ["b", 1_500_000],
        ["c", 2_000_000],
      ]),
    },
    {
      id: "v2",
      own: tokens(100),
      delegated: tokens(100),
      rewardShare: WAD,
      scores: new Map([
        ["a", 1_500_000],
        ["b", 1_500_000],
      ]),
    },
  ],
};
const delegations = [
  { delegator: "d1", delegatee: "b", amount: tokens(200) },
  { delegator: "d2", delegatee: "b", amount: tokens(100) },
  { delegator: "d3", delegatee: "v2", amount: tokens(100) },
];

describe("why this reward", () => {
  const ex = explainEpoch(input, delegations);
  const paid = settleEpochFixed(input);

  it("pays what settlement pays, to the wei, for every pool", () => {
    for (const p of paid.nodes) {
      const n = ex.nodes.find((x) => x.id === p.id);
      assert.deepEqual(n?.trace.payout, p);
    }
    assert.deepEqual(
      ex.validators.map((v) => v.trace.payout),
      paid.validators,
    );
    const kept = [...ex.nodes, ...ex.validators].reduce((s, x) => s + amountOf(x), 0n);
    const toDelegators = [...ex.nodes, ...ex.validators].reduce(
      (s, x) => s + x.trace.payout.toDelegators,
      0n,
    );
    assert.equal(kept + toDelegators, paid.paid);
  });

  it("explains ties: tied nodes share the mean of their ranks' weights", () => {
    const [first, second, third] = ex.nodes;
    assert.equal(first?.trace.tiedWith, 2);
    assert.equal(second?.trace.tiedWith, 2);
    assert.equal(first?.trace.g, (WAD + (WAD * 8n) / 10n) / 2n);
    assert.equal(third?.id, "c");
    assert.equal(third?.trace.rank, 2);
    assert.match(first?.steps.find((s) => s.key === "g")?.formula ?? "", /ranks 1–2 tied/);
  });

  it("gives a validator one row per scored submission and Σφ", () => {
    const v1 = ex.validators[0];
    assert.equal(v1?.trace.scores.length, 3);
    assert.equal(
      v1?.trace.scores.reduce((s, r) => s + r.phi, 0n),
      v1?.trace.phiSum,
    );
    // c has one rater: its weight is the whole softmax.
    assert.equal(v1?.trace.scores.find((r) => r.node === "c")?.phi, WAD);
  });

  it("splits a pool's delegator part by delegation, never more than the part", () => {
    const b = ex.nodes.find((n) => n.id === "b");
    const ds = ex.delegators.filter((d) => d.delegatee === "b");
    assert.equal(ds.length, 2);
    assert.ok(ds.reduce((s, d) => s + d.reward, 0n) <= (b?.trace.payout.toDelegators ?? 0n));
    const d1 = ds.find((d) => d.id === "d1");
    assert.equal(d1?.reward, (tokens(200) * (b?.trace.payout.perShare ?? 0n)) / WAD);
    assert.equal(explanationsFor(ex, "D3")[0]?.role, "delegator");
    assert.equal(explanationsFor(ex, "v2")[0]?.role, "validator");
  });

  it("reports every difference from what the contract recorded", () => {
    const records = {
      nodes: paid.nodes.map((n) => ({
        node: n.id,
        meanScore: n.meanScore,
        weight: n.weight,
        reward: n.earned,
      })),
      validators: paid.validators.map((v) => ({ validator: v.id, reward: v.earned })),
      delegatorRewards: [...paid.nodes, ...paid.validators]
        .filter((p) => p.toDelegators > 0n)
        .map((p) => ({ delegatee: p.id, amount: p.toDelegators, perShare: p.perShare })),
      epoch: {
        reward: input.reward,
        rewardNodes: paid.rewardNodes,
        rewardValidators: paid.rewardValidators,
        paid: paid.paid,
      },
    };
    assert.deepEqual(mismatches(ex, records), []);
    const off = {
      ...records,
      validators: records.validators.map((v, i) => (i ? v : { ...v, reward: v.reward + 1n })),
    };
    assert.equal(mismatches(ex, off).length, 1);
    assert.equal(mismatches(ex, { ...records, delegatorRewards: [] }).length, 3);
  });

  it("reads numbers in units", () => {
    assert.equal(readable(tokens(1234) + WAD / 4n, "tokens"), "1,234.25");
    assert.equal(readable(1_500_000n, "score6"), "1.5");
    assert.equal(readable(1_500_000n * 10n ** 12n, "score18"), "1.5");
    assert.equal(readable(3n, "count"), "3");
    assert.equal(readable(1n, "wad", 18), "0.000000000000000001");
  });

  it("depends on reveal order to the wei (Z is streamed in that order), so the input keeps it", () => {
    const rater = (id: string, own: bigint, score: number) => ({
      id,
      own,
      delegated: 0n,
      rewardShare: 0n,
      scores: new Map([["a", score]]),
    });
    const raters = [
      rater("v0", 892365000000000000001n, 1335966),
      rater("v1", 793750000000000000001n, 1214214),
      rater("v2", 498121000000000000001n, 1372815),
    ];
    const epoch = (validators: typeof raters) =>
      explainEpoch({
        metric: "loss",
        mechanism: { gamma: WAD / 2n, q: WAD / 2n, alphaT: WAD / 2n, alphaV: WAD / 2n, lambdaV: 30n * WAD },
        reward: tokens(1000),
        nodes: [{ id: "a", own: WAD, delegated: 0n, rewardShare: 0n }],
        validators,
      });
    const inOrder = epoch(raters).validators.find((v) => v.id === "v0");
    const reversed = epoch([...raters].reverse()).validators.find((v) => v.id === "v0");
    assert.equal(inOrder?.trace.payout.earned, 343090553524619716000n);
    assert.equal(reversed?.trace.payout.earned, 343090553524619715500n);
  });

  it("explains an epoch nobody revealed in as nothing paid", () => {
    const empty = explainEpoch({ ...input, validators: [] });
    assert.equal(empty.nodes.length, 0);
    assert.equal(empty.trace.paid, 0n);
  });
});
