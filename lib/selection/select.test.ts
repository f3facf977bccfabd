import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng } from "../metrics/rng";
import {
  minMaxNormalize,
  pickIndex,
  rankMachines,
  scoreMachines,
  selectMachine,
  type MachineMetrics,
} from "./select";
import { STRATEGY_PRESETS } from "./weights";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);
const equalWeights = { stake: 1 / 3, uptime: 1 / 3, latency: 1 / 3 };

const FLEET: MachineMetrics[] = [
  { id: 0, stake: 5000, uptime: 1, latencyMs: 40 },
  { id: 1, stake: 2000, uptime: 0.5, latencyMs: 150 },
  { id: 2, stake: 1000, uptime: 0.9, latencyMs: 60 },
  { id: 3, stake: 3000, uptime: 0.75, latencyMs: null },
];

describe("minMaxNormalize", () => {
  it("maps the range onto [0, 1]", () => {
    assert.deepEqual(minMaxNormalize([2, 4, 6], 1), [0, 0.5, 1]);
  });
  it("gives every value `whenEqual` when the range is degenerate, without dividing by zero", () => {
    assert.deepEqual(minMaxNormalize([7, 7, 7], 1), [1, 1, 1]);
    assert.deepEqual(minMaxNormalize([7], 0), [0]);
    assert.deepEqual(minMaxNormalize([0, 0], 1), [1, 1]);
    assert.deepEqual(minMaxNormalize([], 1), []);
  });
});

describe("final_score", () => {
  it("follows w_stake·stake' + w_uptime·uptime' + w_latency·(1 − latency')", () => {
    const [a, b, c, d] = scoreMachines(FLEET, { stake: 0.5, uptime: 0.3, latency: 0.2 });
    // a: stake' 1, uptime' 1, latency' 0.
    close(a!.finalScore, 1);
    // b: stake' 0.25, uptime' 0, latency' 1 (slowest).
    close(b!.finalScore, 0.5 * 0.25);
    // c: stake' 0, uptime' 0.8, latency' 20/110.
    close(c!.finalScore, 0.3 * 0.8 + 0.2 * (1 - 20 / 110));
    // d has no latency report: it counts as the slowest known (150 ms).
    close(d!.normalizedLatency, 1);
    close(d!.finalScore, 0.5 * 0.5 + 0.3 * 0.5);
  });

  it("scores a lone machine Σw and equal machines equally", () => {
    const [only] = scoreMachines([{ id: 9, stake: 1, uptime: 0, latencyMs: 10 }], equalWeights);
    close(only!.finalScore, 1);
    const same = scoreMachines(
      [0, 1, 2].map((id) => ({ id, stake: 100, uptime: 0.5, latencyMs: 80 })),
      equalWeights,
    );
    for (const m of same) close(m.finalScore, 1);
    const noLatency = scoreMachines(
      [0, 1].map((id) => ({ id, stake: 100 * (id + 1), uptime: 1, latencyMs: null })),
      { stake: 0, uptime: 0, latency: 1 },
    );
    for (const m of noLatency) close(m.finalScore, 1);
  });
});

describe("top K and probabilities", () => {
  it("keeps the K best and gives them final / Σ final(top K)", () => {
    const ranked = rankMachines(FLEET, STRATEGY_PRESETS["latency-heavy"], 2);
    const top = ranked.filter((m) => m.inTopK);
    assert.equal(top.length, 2);
    assert.deepEqual(
      ranked.map((m) => m.rank),
      [1, 2, 3, 4],
    );
    assert.ok(ranked[0]!.finalScore >= ranked[1]!.finalScore);
    const total = top[0]!.finalScore + top[1]!.finalScore;
    close(top[0]!.probability, top[0]!.finalScore / total);
    assert.equal(ranked[2]!.probability, 0);
    close(
      ranked.reduce((s, m) => s + m.probability, 0),
      1,
    );
  });

  it("takes the whole set when K is larger than it", () => {
    const ranked = rankMachines(FLEET, equalWeights, 10);
    assert.ok(ranked.every((m) => m.inTopK));
    close(
      ranked.reduce((s, m) => s + m.probability, 0),
      1,
    );
  });

  it("makes zero-score top-K machines equally likely instead of dividing by zero", () => {
    const machines: MachineMetrics[] = [
      { id: 0, stake: 1, uptime: 1, latencyMs: 10 },
      { id: 1, stake: 2, uptime: 1, latencyMs: 10 },
    ];
    const ranked = rankMachines(machines, { stake: 0, uptime: 0, latency: 0 }, 2);
    assert.deepEqual(
      ranked.map((m) => m.probability),
      [0.5, 0.5],
    );
    // Only the best has a positive score: it gets everything and the zero-score machine never.
    const one = rankMachines(machines, { stake: 1, uptime: 0, latency: 0 }, 2);
    assert.deepEqual(
      one.map((m) => [m.id, m.probability]),
      [
        [1, 1],
        [0, 0],
      ],
    );
  });

  it("rejects K < 1 or fractional", () => {
    assert.throws(() => rankMachines(FLEET, equalWeights, 0), RangeError);
    assert.throws(() => rankMachines(FLEET, equalWeights, 1.5), RangeError);
  });

  it("breaks ties by input order, so the ranking is deterministic", () => {
    const tied = [3, 1, 2].map((id) => ({ id, stake: 10, uptime: 1, latencyMs: 5 }));
    assert.deepEqual(
      rankMachines(tied, equalWeights, 2).map((m) => m.id),
      [3, 1, 2],
    );
  });
});

describe("probabilistic pick", () => {
  it("returns undefined for an empty fleet and the one machine of a fleet of one", () => {
    assert.equal(selectMachine([], equalWeights, 3, createRng(1)).picked, undefined);
    const { picked } = selectMachine([FLEET[1]!], equalWeights, 3, createRng(1));
    assert.equal(picked?.id, 1);
    assert.equal(picked?.probability, 1);
  });

  it("is reproducible: the same seed picks the same machines", () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => selectMachine(FLEET, equalWeights, 3, rng).picked?.id);
    };
    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
  });

  it("never picks a zero-probability entry, even when a draw passes the rounded sum", () => {
    const rng = {
      next: () => 0.9999999999,
      int: () => 0,
      pick: <T>(x: readonly T[]) => x[0] as T,
      chance: () => true,
    };
    assert.equal(pickIndex([0.3, 0.3, 0.3, 0], rng), 2);
    assert.equal(pickIndex([], rng), -1);
  });

  it("picks with frequencies that match the probabilities (chi-square, fixed seed)", () => {
    const ranked = rankMachines(FLEET, equalWeights, 4);
    const probabilities = ranked.map((m) => m.probability);
    const draws = 40_000;
    const counts = probabilities.map(() => 0);
    const rng = createRng(20_240_607);
    for (let i = 0; i < draws; i++) counts[pickIndex(probabilities, rng)]!++;
    const chiSquare = probabilities.reduce((sum, p, i) => {
      const expected = p * draws;
      return sum + (counts[i]! - expected) ** 2 / expected;
    }, 0);
    // 3 degrees of freedom; 16.27 is the 99.9th percentile.
    console.log(
      `selection chi-square: ${chiSquare.toFixed(3)} (df 3, critical 16.27 at p = 0.001); probabilities ${probabilities
        .map((p) => p.toFixed(4))
        .join(", ")}; frequencies ${counts.map((c) => (c / draws).toFixed(4)).join(", ")}`,
    );
    assert.ok(probabilities.every((p) => p > 0));
    assert.ok(chiSquare < 16.27, `chi-square ${chiSquare}`);
  });
});
