import type { EpochInput, EpochResult, Metric, NodePayout, Payout, Staker } from "./types.ts";
import { WAD, expWad, mulDiv, mulWad, powWad } from "./wadMath.ts";

/**
 * Settlement of one epoch in fixed point, line for line as ArenaSettlement and RewardMath compute it, so the
 * results agree to the wei (tested for parity against the contracts). Every division rounds down.
 */

/** Scores are integers in 1e-6 units of the metric; mean scores keep 1e12 more precision (1e-18 units). */
export const SCORE_SCALE = 1_000_000n;
export const MEAN_SCALE = 10n ** 12n;
const METRIC_SCALE = 10n ** 18n;
export const ACC_SCALE = WAD;
export const MAX_SCORE = 2n ** 32n - 1n;
/** ln 2 in WAD, rounded down (RewardMath.LN2_WAD). */
export const LN2_WAD = 693147180559945309n;

/** R₀ of `epoch`: what is left in the pool over the scoring epochs left (unpaid epochs roll over). */
export function epochReward(pool: bigint, scoringEpochs: number, epoch: number): bigint {
  return pool / BigInt(scoringEpochs - epoch);
}

/** R_n = R₀·(γ + (1 − 2γ)·T/(T+S)), R_v = R₀ − R_n. */
export function splitReward(r0: bigint, gamma: bigint, t: bigint, s: bigint): { rn: bigint; rv: bigint } {
  const frac = t + s === 0n ? 0n : mulDiv(t, WAD, t + s);
  const coeff =
    2n * gamma <= WAD ? gamma + mulWad(WAD - 2n * gamma, frac) : gamma - mulWad(2n * gamma - WAD, frac);
  const rn = mulWad(r0, coeff);
  return { rn, rv: r0 - rn };
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

export function lowerIsBetter(metric: Metric): boolean {
  return metric === "loss";
}

/** The §3.6 split of a pool's earnings, with the contract's per-share rounding. */
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

export function settleEpochFixed(input: EpochInput): EpochResult<bigint> {
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
    return { rewardNodes: 0n, rewardValidators: 0n, paid: 0n, nodes: [], validators: [] };

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
  const g = tiedGeometricWeights(
    order.map((n) => meanOf(n.id)),
    m.q,
  );
  const weights = new Map<string, bigint>();
  let sumWeight = 0n;
  order.forEach((n, k) => {
    const w = mulWad(g[k] ?? 0n, stakePow(total(n), m.alphaT));
    weights.set(n.id, w);
    sumWeight += w;
  });

  const { rn, rv } = splitReward(input.reward, m.gamma, sumNodeStake, sumValidatorStake);

  const nodes: NodePayout<bigint>[] = scored.map((n) => {
    const weight = weights.get(n.id) ?? 0n;
    const earned = sumWeight === 0n ? 0n : mulDiv(rn, weight, sumWeight);
    return { ...splitEarnings(n, earned), meanScore: meanOf(n.id), weight };
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
  const validators = input.validators.map((v) => {
    const sa = stakePow(total(v), m.alphaV);
    let phi = 0n;
    for (const [node, score] of v.scores) {
      const s = soft.get(node);
      if (!s || s.z === 0n) continue;
      const mean = meanOf(node);
      const kMin = octave(m.lambdaV, distance(mean, s.nearest));
      const w = scaledWeight(m.lambdaV, mean, BigInt(score), sa);
      phi += mulDiv(shr(w.v, w.k - kMin), WAD, s.z);
    }
    return splitEarnings(v, mulDiv(rv, phi, denominator));
  });

  const paid = [...nodes, ...validators].reduce((sum, p) => sum + p.earned, 0n);
  return { rewardNodes: rn, rewardValidators: rv, paid, nodes, validators };
}
