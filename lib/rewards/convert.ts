import type { FloatEpochInput, FloatStaker } from "./float.ts";
import type { EpochInput, Staker } from "./types.ts";
import { metricToScore, scoreToMetric } from "../arena/metric.ts";
import { WAD } from "./wadMath.ts";

/** WAD (or wei) to a float in units (tokens). */
export function fromWad(x: bigint): number {
  const whole = x / WAD;
  const frac = x % WAD;
  return Number(whole) + Number(frac) / 1e18;
}

/** A float in units to WAD, rounded down (for building contract parameters from form input). */
export function toWad(x: number): bigint {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`toWad: ${x} is not a finite non-negative number`);
  const [whole = "0", frac = ""] = x.toFixed(18).split(".");
  return BigInt(whole) * WAD + BigInt(frac.padEnd(18, "0").slice(0, 18));
}

/** A score in metric units to the contract's integer (1e-6 units), rounded to nearest. */
export function toScoreUnits(score: number): number {
  return metricToScore(score);
}

function stakerToFloat(s: Staker): FloatStaker {
  return {
    id: s.id,
    own: fromWad(s.own),
    delegated: fromWad(s.delegated),
    rewardShare: fromWad(s.rewardShare),
  };
}

/** The same epoch for the floating-point mode: stakes in tokens, scores in metric units, reward in wei. */
export function toFloatInput(input: EpochInput): FloatEpochInput {
  const m = input.mechanism;
  return {
    metric: input.metric,
    mechanism: {
      gamma: fromWad(m.gamma),
      q: fromWad(m.q),
      alphaT: fromWad(m.alphaT),
      lambdaV: fromWad(m.lambdaV),
      alphaV: fromWad(m.alphaV),
    },
    reward: Number(input.reward),
    nodes: input.nodes.map(stakerToFloat),
    validators: input.validators.map((v) => ({
      ...stakerToFloat(v),
      scores: new Map([...v.scores].map(([id, score]) => [id, scoreToMetric(score)])),
    })),
  };
}
