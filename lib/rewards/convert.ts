import type { FloatEpochInput, FloatStaker } from "./float.ts";
import type { EpochInput, Staker } from "./types.ts";
import { metricToScore, scoreToMetric } from "../arena/metric.ts";
import { wadToNumber } from "../units.ts";

/** A score in metric units to the contract's integer (1e-6 units), rounded to nearest. */
export function toScoreUnits(score: number): number {
  return metricToScore(score);
}

function stakerToFloat(s: Staker): FloatStaker {
  return {
    id: s.id,
    own: wadToNumber(s.own),
    delegated: wadToNumber(s.delegated),
    rewardShare: wadToNumber(s.rewardShare),
  };
}

/** The same epoch for the floating-point mode: stakes in tokens, scores in metric units, reward in wei. */
export function toFloatInput(input: EpochInput): FloatEpochInput {
  const m = input.mechanism;
  return {
    metric: input.metric,
    mechanism: {
      gamma: wadToNumber(m.gamma),
      q: wadToNumber(m.q),
      alphaT: wadToNumber(m.alphaT),
      lambdaV: wadToNumber(m.lambdaV),
      alphaV: wadToNumber(m.alphaV),
    },
    reward: Number(input.reward),
    nodes: input.nodes.map(stakerToFloat),
    validators: input.validators.map((v) => ({
      ...stakerToFloat(v),
      scores: new Map([...v.scores].map(([id, score]) => [id, scoreToMetric(score)])),
    })),
  };
}
