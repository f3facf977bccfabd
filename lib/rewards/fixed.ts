import { constants } from "../../contracts-abi/protocol.ts";
import { lowerIsBetter, MEAN_SCALE, METRIC_SCALE } from "../arena/metric.ts";
import type { EpochInput, EpochResult, NodePayout, Payout, Staker } from "./types.ts";
import { WAD, expWad, mulDiv, mulWad, powWad } from "./wadMath.ts";

/**
 * Settlement of one epoch in fixed point, line for line as ArenaSettlement and RewardMath compute it, so the
 * results agree to the wei (tested for parity against the contracts). Every division rounds down.
 */

/** RewardMath.ACC_SCALE: delegation reward-per-share precision. */
export const ACC_SCALE: bigint = constants.RewardMath.ACC_SCALE;
export const MAX_SCORE = 2n ** 32n - 1n;
/** ln 2 in WAD, rounded down (RewardMath.LN2_WAD). */
export const LN2_WAD: bigint = constants.RewardMath.LN2_WAD;

/** R₀ of `epoch`: what is left in the pool over the scoring epochs left (unpaid epochs roll over). */
export function epochReward(pool: bigint, scoringEpochs: number, epoch: number): bigint {
  return pool / BigInt(scoringEpochs - epoch);
}

/** R_n = R₀·(γ + (1 − 2γ)·T/(T+S)), R_v = R₀ − R_n. */
export function splitReward(r0: bigint, gamma: bigint, t: bigint, s: bigint): { rn: bigint; rv: bigint } {
  const { rn, rv } = splitRewardParts(r0, gamma, t, s);
  return { rn, rv };
}

/** `splitReward` with its intermediate values: frac = T/(T+S) and coeff = γ + (1 − 2γ)·frac (both WAD). */
export function splitRewardParts(
  r0: bigint,
  gamma: bigint,
  t: bigint,
  s: bigint,
): { rn: bigint; rv: bigint; frac: bigint; coeff: bigint } {
  const frac = t + s === 0n ? 0n : mulDiv(t, WAD, t + s);
  const coeff =
    2n * gamma <= WAD ? gamma + mulWad(WAD - 2n * gamma, frac) : gamma - mulWad(2n * gamma - WAD, frac);
  const rn = mulWad(r0, coeff);
  return { rn, rv: r0 - rn, frac, coeff };
}

/** x^α with x in wei read as WAD; 0 for 0. */
export function stakePow(x: bigint, alpha: bigint): bigint {
  return x === 0n ? 0n : powWad(x, alpha);
}

/** |r̄ − r| in 1e-18 units, r̄ in 1e-18 units and r in 1e-6 units of the metric (RewardMath.distance). */
export function distance(mean: bigint, score: bigint): bigint {
  const r = score * MEAN_SCALE;
  return mean > r ? mean - r : r - mean;
}

/** K = ⌊⌊λ·Δ⌋ / ln 2⌋: e^(−λΔ) = 2^(−K)·e^(−f), f in [0, ln 2) (RewardMath.octave). */
export function octave(lambda: bigint, delta: bigint): bigint {
  return mulDiv(lambda, delta, METRIC_SCALE) / LN2_WAD;
}

/**
 * A validator's weight on one submission as octave K and mantissa v = e^(−f)·s^α_v, with v·2^(−K) =
 * e^(−λΔ)·s^α_v (RewardMath.scaledWeight). Settlement shifts v right by K − K_min, K_min the octave of the
 * submission's nearest rater: the softmax is unchanged and the weights never underflow (M5).
 */
export function scaledWeight(
  lambda: bigint,
  mean: bigint,
  score: bigint,
  stakeAlpha: bigint,
): { k: bigint; v: bigint } {
  const x = mulDiv(lambda, distance(mean, score), METRIC_SCALE);
  const k = x / LN2_WAD;
  return { k, v: mulWad(expWad(-(x - k * LN2_WAD)), stakeAlpha) };
}

/** x >> d as the EVM shifts: 0 from 256 bits on. */
function shr(x: bigint, d: bigint): bigint {
  return d >= 256n ? 0n : x >> d;
}

/** Rank weights for mean scores sorted best first: q^(k−1), ties share the mean of their ranks' weights. */
export function tiedGeometricWeights(sortedMeans: readonly bigint[], q: bigint): bigint[] {
  const g: bigint[] = new Array<bigint>(sortedMeans.length).fill(0n);
  let p = WAD;
  let start = 0;
  let groupSum = 0n;
  for (let i = 0; i < sortedMeans.length; i++) {
    groupSum += p;
    p = mulWad(p, q);
    if (i + 1 === sortedMeans.length || sortedMeans[i + 1] !== sortedMeans[i]) {
      const mean = groupSum / BigInt(i + 1 - start);
      for (let j = start; j <= i; j++) g[j] = mean;
      start = i + 1;
      groupSum = 0n;
    }
  }
  return g;
}

/** The docs/ARCHITECTURE.md §3.6 split of a pool's earnings, with the contract's per-share rounding. */
export function splitEarnings(staker: Staker, earned: bigint): Payout<bigint> {
  let toDelegators = 0n;
  let perShare = 0n;
  if (earned > 0n && staker.delegated > 0n) {
    toDelegators = mulDiv(
      mulWad(earned, staker.rewardShare),
      staker.delegated,
      staker.own + staker.delegated,
    );
    perShare = mulDiv(toDelegators, ACC_SCALE, staker.delegated);
    if (perShare === 0n) toDelegators = 0n;
  }
  return { id: staker.id, earned, kept: earned - toDelegators, toDelegators, perShare };
}

/** What a delegator with `amount` delegated receives from accumulated per-share increments. */
export function delegatorReward(amount: bigint, perShareSum: bigint): bigint {
  return mulDiv(amount, perShareSum, ACC_SCALE);
}

/** One node's settlement steps (fixed mode): aggregate, rank weight, stake weight and pay. */
export type NodeTrace = {
  id: string;
  /** Σ_j r_ji·s_j over the validators that scored it (r in 1e-6 units, s in wei) and Σ_j s_j. */
  scoreStakeSum: bigint;
  stakeSum: bigint;
  /** r̄_i = ⌊Σ r·s · 1e12 / Σ s⌋ in 1e-18 units of the metric. */
  mean: bigint;
  /** 0-based position best first; tied means share `g`. */
  rank: number;
  /** Nodes sharing this mean (1: no tie) and the first rank of the group. */
  tiedWith: number;
  tieStart: number;
  /** g_k (WAD): q^(k−1), the mean over a tie group. */
  g: bigint;
  /** t_i = own + delegated, t_i^α_t (WAD), weight = ⌊g·t^α / 1e18⌋. */
  stake: bigint;
  stakePow: bigint;
  weight: bigint;
  payout: NodePayout<bigint>;
};

/** One score of a validator in the softmax of docs/ARCHITECTURE.md §3.5 (fixed mode). */
export type ScoreTrace = {
  node: string;
  score: bigint;
  mean: bigint;
  /** Δ = |r̄ − r| in 1e-18 units. */
  delta: bigint;
  /** e^(−λΔ)·s^α_v = v·2^(−k) (WAD), and u = v·2^(−(k − K_min)), the weight in Z. */
  k: bigint;
  v: bigint;
  kMin: bigint;
  u: bigint;
  /** Z_i: the submission's streamed denominator, φ = ⌊u·1e18 / Z⌋ (WAD). */
  z: bigint;
  phi: bigint;
};

export type ValidatorTrace = {
  id: string;
  stake: bigint;
  stakePow: bigint;
  scores: ScoreTrace[];
  /** Σ φ (WAD) and the mean Σφ / n (WAD, rounded down: the pay uses Σφ directly). */
  phiSum: bigint;
  payout: Payout<bigint>;
};

/** Every intermediate value of one epoch's settlement, from which `settleEpochFixed`'s result is read. */
export type EpochTrace = {
  reward: bigint;
  sumNodeStake: bigint;
  sumValidatorStake: bigint;
  /** T/(T+S) (WAD) and the node coefficient γ + (1 − 2γ)·T/(T+S) (WAD). */
  nodeStakeFraction: bigint;
  nodeCoefficient: bigint;
  rewardNodes: bigint;
  rewardValidators: bigint;
  sumWeight: bigint;
  /** n: scored submissions (the validator mean's divisor). */
  scored: number;
  /** Best first. */
  nodes: NodeTrace[];
  /** In reveal order. */
  validators: ValidatorTrace[];
  paid: bigint;
};

export function traceEpochFixed(input: EpochInput): EpochTrace {
  const { mechanism: m } = input;
  const total = (s: Staker) => s.own + s.delegated;

  // Aggregate: r̄_i = Σ r_ji·s_j / Σ s_j over validators that scored i.
  const acc = new Map<string, { num: bigint; den: bigint }>();
  let sumValidatorStake = 0n;
  for (const v of input.validators) {
    const s = total(v);
    sumValidatorStake += s;
    for (const [node, score] of v.scores) {
      const a = acc.get(node) ?? { num: 0n, den: 0n };
      a.num += BigInt(score) * s;
      a.den += s;
      acc.set(node, a);
    }
  }
  const scored = input.nodes.filter((n) => acc.has(n.id));
  if (scored.length === 0)
    return {
      reward: input.reward,
      sumNodeStake: 0n,
      sumValidatorStake,
      nodeStakeFraction: 0n,
      nodeCoefficient: 0n,
      rewardNodes: 0n,
      rewardValidators: 0n,
      sumWeight: 0n,
      scored: 0,
      nodes: [],
      validators: [],
      paid: 0n,
    };

  const means = new Map<string, bigint>();
  let sumNodeStake = 0n;
  for (const n of scored) {
    const a = acc.get(n.id);
    if (!a) continue;
    means.set(n.id, mulDiv(a.num, MEAN_SCALE, a.den));
    sumNodeStake += total(n);
  }
  const meanOf = (id: string) => means.get(id) ?? 0n;

  // Rank best first; ties share.
  const order = [...scored].sort((a, b) => {
    const d = meanOf(a.id) - meanOf(b.id);
    const cmp = d === 0n ? 0 : d < 0n ? -1 : 1;
    return lowerIsBetter(input.metric) ? cmp : -cmp;
  });
  const sortedMeans = order.map((n) => meanOf(n.id));
  const g = tiedGeometricWeights(sortedMeans, m.q);
  let sumWeight = 0n;
  const ranked = order.map((n, k) => {
    const pow = stakePow(total(n), m.alphaT);
    const weight = mulWad(g[k] ?? 0n, pow);
    sumWeight += weight;
    const mean = meanOf(n.id);
    const tieStart = sortedMeans.indexOf(mean);
    const tiedWith = sortedMeans.filter((x) => x === mean).length;
    return { n, k, pow, weight, mean, tieStart, tiedWith };
  });

  const { rn, rv, frac, coeff } = splitRewardParts(input.reward, m.gamma, sumNodeStake, sumValidatorStake);

  const nodes: NodeTrace[] = ranked.map(({ n, k, pow, weight, mean, tieStart, tiedWith }) => {
    const earned = sumWeight === 0n ? 0n : mulDiv(rn, weight, sumWeight);
    const a = acc.get(n.id) ?? { num: 0n, den: 0n };
    return {
      id: n.id,
      scoreStakeSum: a.num,
      stakeSum: a.den,
      mean,
      rank: k,
      tiedWith,
      tieStart,
      g: g[k] ?? 0n,
      stake: total(n),
      stakePow: pow,
      weight,
      payout: { ...splitEarnings(n, earned), meanScore: mean, weight },
    };
  });

  // Z_i streamed in reveal order (ArenaSettlement._addWeight): Σ_j v_ji·2^(−(K_ji − K_min)), shifting Z when a
  // rater with a smaller octave arrives; then φ_ji = u_ji / Z_i with u_ji = v_ji·2^(−(K_ji − K_min,i)).
  const soft = new Map<string, { z: bigint; nearest: bigint }>();
  for (const v of input.validators) {
    const sa = stakePow(total(v), m.alphaV);
    for (const [node, score] of v.scores) {
      const mean = meanOf(node);
      const w = scaledWeight(m.lambdaV, mean, BigInt(score), sa);
      const s = soft.get(node);
      if (!s) {
        soft.set(node, { z: w.v, nearest: BigInt(score) });
        continue;
      }
      const kMin = octave(m.lambdaV, distance(mean, s.nearest));
      if (w.k >= kMin) {
        s.z += shr(w.v, w.k - kMin);
      } else {
        s.z = shr(s.z, kMin - w.k) + w.v;
        s.nearest = BigInt(score);
      }
    }
  }
  const denominator = BigInt(scored.length) * WAD;
  const validators: ValidatorTrace[] = input.validators.map((v) => {
    const sa = stakePow(total(v), m.alphaV);
    let phiSum = 0n;
    const scores: ScoreTrace[] = [];
    for (const [node, score] of v.scores) {
      const s = soft.get(node);
      const mean = meanOf(node);
      const w = scaledWeight(m.lambdaV, mean, BigInt(score), sa);
      const kMin = s ? octave(m.lambdaV, distance(mean, s.nearest)) : w.k;
      const u = shr(w.v, w.k - kMin);
      const z = s?.z ?? 0n;
      const phi = z === 0n ? 0n : mulDiv(u, WAD, z);
      phiSum += phi;
      scores.push({
        node,
        score: BigInt(score),
        mean,
        delta: distance(mean, BigInt(score)),
        ...w,
        kMin,
        u,
        z,
        phi,
      });
    }
    return {
      id: v.id,
      stake: total(v),
      stakePow: sa,
      scores,
      phiSum,
      payout: splitEarnings(v, mulDiv(rv, phiSum, denominator)),
    };
  });

  const paid = [...nodes, ...validators].reduce((sum, p) => sum + p.payout.earned, 0n);
  return {
    reward: input.reward,
    sumNodeStake,
    sumValidatorStake,
    nodeStakeFraction: frac,
    nodeCoefficient: coeff,
    rewardNodes: rn,
    rewardValidators: rv,
    sumWeight,
    scored: scored.length,
    nodes,
    validators,
    paid,
  };
}

export function settleEpochFixed(input: EpochInput): EpochResult<bigint> {
  const t = traceEpochFixed(input);
  const byInput = new Map(input.nodes.map((n, i) => [n.id, i]));
  const nodes = [...t.nodes]
    .sort((a, b) => (byInput.get(a.id) ?? 0) - (byInput.get(b.id) ?? 0))
    .map((n) => n.payout);
  return {
    rewardNodes: t.rewardNodes,
    rewardValidators: t.rewardValidators,
    paid: t.paid,
    nodes,
    validators: t.validators.map((v) => v.payout),
  };
}
