import type { EpochResult, Metric, NodePayout, Payout } from "./types.ts";

/**
 * Settlement of one epoch in floating point: the docs/ARCHITECTURE.md §3.5 formulas as written (with the geometric
 * normalisation), for previews in the app. Agrees with the fixed-point mode to about 1e-9 relative.
 */

export type FloatMechanism = { gamma: number; q: number; alphaT: number; lambdaV: number; alphaV: number };

/** Stakes in tokens, scores in metric units, reward share ρ in [0, 1]. */
export type FloatStaker = { id: string; own: number; delegated: number; rewardShare: number };
export type FloatValidator = FloatStaker & { scores: ReadonlyMap<string, number> };

export type FloatEpochInput = {
  metric: Metric;
  mechanism: FloatMechanism;
  reward: number;
  nodes: readonly FloatStaker[];
  validators: readonly FloatValidator[];
};

/** Means equal up to float rounding are ties (the fixed-point means of equal scores are exactly equal). */
function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

function split(s: FloatStaker, earned: number): Payout<number> {
  const total = s.own + s.delegated;
  const toDelegators = s.delegated > 0 ? (s.rewardShare * earned * s.delegated) / total : 0;
  return {
    id: s.id,
    earned,
    kept: earned - toDelegators,
    toDelegators,
    perShare: s.delegated > 0 ? toDelegators / s.delegated : 0,
  };
}

export function settleEpochFloat(input: FloatEpochInput): EpochResult<number> {
  const m = input.mechanism;
  const total = (s: FloatStaker) => s.own + s.delegated;
  const acc = new Map<string, { num: number; den: number }>();
  let S = 0;
  for (const v of input.validators) {
    S += total(v);
    for (const [node, score] of v.scores) {
      const a = acc.get(node) ?? { num: 0, den: 0 };
      a.num += score * total(v);
      a.den += total(v);
      acc.set(node, a);
    }
  }
  const scored = input.nodes.filter((n) => acc.has(n.id));
  if (scored.length === 0) return { rewardNodes: 0, rewardValidators: 0, paid: 0, nodes: [], validators: [] };
  const mean = (id: string) => {
    const a = acc.get(id);
    return a ? a.num / a.den : 0;
  };
  const T = scored.reduce((sum, n) => sum + total(n), 0);
  const rn = input.reward * (m.gamma + (1 - 2 * m.gamma) * (T / (T + S)));
  const rv = input.reward - rn;

  const sign = input.metric === "loss" ? 1 : -1;
  const order = [...scored].sort((a, b) => sign * (mean(a.id) - mean(b.id)));
  const n = order.length;
  const norm = (1 - m.q) / (1 - m.q ** n);
  const g = new Map<string, number>();
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && sameScore(mean(order[end]?.id ?? ""), mean(order[start]?.id ?? ""))) end++;
    let sum = 0;
    for (let k = start; k < end; k++) sum += norm * m.q ** k;
    for (let k = start; k < end; k++) g.set(order[k]?.id ?? "", sum / (end - start));
    start = end;
  }
  const weight = (id: string, stake: number) => (g.get(id) ?? 0) * stake ** m.alphaT;
  const sumWeight = scored.reduce((sum, s) => sum + weight(s.id, total(s)), 0);
  const nodes: NodePayout<number>[] = scored.map((s) => ({
    ...split(s, sumWeight === 0 ? 0 : (rn * weight(s.id, total(s))) / sumWeight),
    meanScore: mean(s.id),
    weight: weight(s.id, total(s)),
  }));

  // The softmax of −λΔ shifted by each submission's smallest distance (it cancels): the nearest rater weighs
  // e^0·s^α, so the weights do not all vanish when every rater is far from the mean (M5).
  const nearest = new Map<string, number>();
  for (const v of input.validators)
    for (const [node, score] of v.scores) {
      const d = Math.abs(mean(node) - score);
      nearest.set(node, Math.min(nearest.get(node) ?? d, d));
    }
  const e = (v: FloatValidator, node: string, score: number) =>
    Math.exp(-m.lambdaV * (Math.abs(mean(node) - score) - (nearest.get(node) ?? 0))) * total(v) ** m.alphaV;
  const z = new Map<string, number>();
  for (const v of input.validators)
    for (const [node, score] of v.scores) z.set(node, (z.get(node) ?? 0) + e(v, node, score));
  const validators = input.validators.map((v) => {
    let phi = 0;
    for (const [node, score] of v.scores) {
      const zi = z.get(node) ?? 0;
      if (zi > 0) phi += e(v, node, score) / zi;
    }
    return split(v, (rv * phi) / n);
  });
  const paid = [...nodes, ...validators].reduce((sum, p) => sum + p.earned, 0);
  return { rewardNodes: rn, rewardValidators: rv, paid, nodes, validators };
}
