import type { Rng } from "../metrics/rng";
import type { StrategyWeights } from "./weights";

/** What selection needs to know of a machine. `latencyMs: null` means no latency was reported yet. */
export type MachineMetrics<Id = number> = {
  id: Id;
  stake: number;
  /** Fraction of owed heartbeats, 0–1. */
  uptime: number;
  latencyMs: number | null;
};

export type ScoredMachine<Id = number> = MachineMetrics<Id> & {
  normalizedStake: number;
  normalizedUptime: number;
  normalizedLatency: number;
  finalScore: number;
  /** 1-based rank by final score (ties broken by input order). */
  rank: number;
  inTopK: boolean;
  /** Chance of being picked for the next job. */
  probability: number;
};

/**
 * Min-max normalisation to [0, 1]. When every value is the same (one machine, or all equal) the range is
 * degenerate and nothing tells the machines apart: each gets `whenEqual` instead of a division by zero.
 */
export function minMaxNormalize(values: readonly number[], whenEqual: number): number[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!(max > min)) return values.map(() => whenEqual);
  return values.map((v) => (v - min) / (max - min));
}

/**
 * `final = w_stake·stake' + w_uptime·uptime' + w_latency·(1 − latency')`. A degenerate range counts every
 * machine as the best on that factor (stake' = uptime' = 1, latency' = 0), so a lone machine scores Σw. A
 * machine with no latency report counts as the slowest one known.
 */
export function scoreMachines<Id>(
  machines: readonly MachineMetrics<Id>[],
  weights: StrategyWeights,
): Omit<ScoredMachine<Id>, "rank" | "inTopK" | "probability">[] {
  const known = machines.flatMap((m) => (m.latencyMs === null ? [] : [m.latencyMs]));
  const slowest = known.length > 0 ? Math.max(...known) : 0;
  const stake = minMaxNormalize(
    machines.map((m) => m.stake),
    1,
  );
  const uptime = minMaxNormalize(
    machines.map((m) => m.uptime),
    1,
  );
  const latency = minMaxNormalize(
    machines.map((m) => m.latencyMs ?? slowest),
    0,
  );
  return machines.map((m, i) => {
    const s = stake[i] as number;
    const u = uptime[i] as number;
    const l = latency[i] as number;
    return {
      ...m,
      normalizedStake: s,
      normalizedUptime: u,
      normalizedLatency: l,
      finalScore: weights.stake * s + weights.uptime * u + weights.latency * (1 - l),
    };
  });
}

/**
 * Ranks by final score, keeps the top K (all of them when K exceeds the set) and gives each of those the
 * probability `final / Σ final(top K)`. If every top-K score is zero the K machines are equally likely.
 */
export function rankMachines<Id>(
  machines: readonly MachineMetrics<Id>[],
  weights: StrategyWeights,
  k: number,
): ScoredMachine<Id>[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a whole number ≥ 1 (got ${k})`);
  const scored = scoreMachines(machines, weights)
    .map((m, index) => ({ m, index }))
    .sort((a, b) => b.m.finalScore - a.m.finalScore || a.index - b.index);
  const top = scored.slice(0, k);
  const total = top.reduce((sum, { m }) => sum + m.finalScore, 0);
  return scored.map(({ m }, position) => {
    const inTopK = position < k;
    const probability = !inTopK ? 0 : total > 0 ? m.finalScore / total : 1 / top.length;
    return { ...m, rank: position + 1, inTopK, probability };
  });
}

/**
 * Picks an index with the given probabilities (they sum to 1) using one draw of `rng`. Returns -1 for an empty
 * list. Rounding never picks a zero-probability entry: a draw past the cumulative sum goes to the last entry
 * with a positive probability.
 */
export function pickIndex(probabilities: readonly number[], rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  let lastPositive = -1;
  for (const [i, p] of probabilities.entries()) {
    if (p <= 0) continue;
    lastPositive = i;
    cumulative += p;
    if (u < cumulative) return i;
  }
  return lastPositive;
}

export type Selection<Id> = { ranked: ScoredMachine<Id>[]; picked: ScoredMachine<Id> | undefined };

/** The whole selection of docs/ARCHITECTURE.md §5: score, top K, one probabilistic pick from a seeded source. */
export function selectMachine<Id>(
  machines: readonly MachineMetrics<Id>[],
  weights: StrategyWeights,
  k: number,
  rng: Rng,
): Selection<Id> {
  const ranked = rankMachines(machines, weights, k);
  const index = pickIndex(
    ranked.map((m) => m.probability),
    rng,
  );
  return { ranked, picked: index < 0 ? undefined : ranked[index] };
}
