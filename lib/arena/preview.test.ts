import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { previewEpoch, sybilGain } from "./preview";

const base = {
  pool: 1000,
  scoringEpochs: 10,
  gamma: 0.7,
  q: 0.8,
  alphaT: 0.5,
  lambdaV: 10,
  alphaV: 0.5,
  nodes: 4,
  validators: 3,
  nodeStake: 100,
  validatorStake: 100,
};

describe("previewEpoch", () => {
  it("pays R0 = pool / scoring epochs, better ranks more, nodes γ-ish of it", () => {
    const p = previewEpoch(base);
    assert.equal(p.r0, 100);
    const rewards = p.nodes.map((n) => n.reward);
    assert.ok(rewards.every((r, i) => i === 0 || r < rewards[i - 1]!));
    const nodesTotal = rewards.reduce((a, b) => a + b, 0);
    // T = 400, S = 300: R_n = R0·(γ + (1 − 2γ)·T/(T + S)).
    const rn = 100 * (0.7 + (1 - 1.4) * (400 / 700));
    assert.ok(Math.abs(nodesTotal - rn) < 1e-9);
    assert.ok(Math.abs(p.perValidator * 3 - (100 - rn)) < 1e-9);
    // Geometric weights: rank 1 / rank 2 = 1/q.
    assert.ok(Math.abs(rewards[0]! / rewards[1]! - 1 / 0.8) < 1e-9);
  });

  it("is empty without nodes or validators", () => {
    assert.deepEqual(previewEpoch({ ...base, validators: 0 }).nodes, []);
  });

  it("shows what α implies for sybil splitting", () => {
    assert.equal(sybilGain(1, 4), 1);
    assert.equal(sybilGain(0.5, 4), 2);
    assert.equal(sybilGain(0.3, 1), 1);
    assert.equal(sybilGain(0, 7), 7);
  });
});
