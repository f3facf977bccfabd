import { constants, enums } from "../../contracts-abi/protocol";
import { formatNumber } from "../format";

/**
 * The task metric, one place for all of it: the order comes from the Solidity enum (`Metric` in
 * contracts/arena/IArena.sol, generated into contracts-abi/protocol.ts), and every table below is keyed by every
 * member, so a new member fails the typecheck until it has a name, labels and a direction.
 */

/** The Solidity enum's member names, in on-chain order. */
export type MetricMember = (typeof enums.Metric)[number];

/** The name the app, the scorer and receipts use for each member. */
const NAMES = {
  Loss: "loss",
  Accuracy: "accuracy",
  ReferenceSimilarity: "reference_similarity",
} as const satisfies Record<MetricMember, string>;

export type MetricName = (typeof NAMES)[MetricMember];

/** Metric names by their on-chain value (`METRICS[task.metric]`). */
export const METRICS: readonly MetricName[] = enums.Metric.map((m) => NAMES[m]);

/** On-chain values by name. */
export const METRIC_INDEX = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<MetricName, number>;

export const METRIC_LABELS = {
  loss: "Loss (bits per byte)",
  accuracy: "Accuracy",
  reference_similarity: "Reference similarity",
} as const satisfies Record<MetricName, string>;

/** Whether a lower score ranks first: loss is bits per byte; accuracy and similarity rank higher first. */
const LOWER_IS_BETTER = {
  loss: true,
  accuracy: false,
  reference_similarity: false,
} as const satisfies Record<MetricName, boolean>;

/** The name of an on-chain metric value, or undefined for a value the enum does not have. */
export function metricName(metric: number): MetricName | undefined {
  return METRICS[metric];
}

export function isMetricName(name: string): name is MetricName {
  return (METRICS as readonly string[]).includes(name);
}

/** The label of a metric (by name or on-chain value); "?" for a value the enum does not have. */
export function metricLabel(metric: MetricName | number): string {
  const name = typeof metric === "number" ? metricName(metric) : metric;
  return name ? METRIC_LABELS[name] : "?";
}

/** Whether a lower score is better, for a metric by name or on-chain value. */
export function lowerIsBetter(metric: MetricName | number): boolean {
  const name = typeof metric === "number" ? metricName(metric) : metric;
  return name ? LOWER_IS_BETTER[name] : false;
}

/**
 * Score scales, as RewardMath defines them. A revealed score is an integer in 1e-6 units of the metric
 * (SCORE_SCALE per unit); a settled mean score (`meanScore` in events and views) keeps MEAN_SCALE more precision
 * than a score, so it is in 1e-18 units (METRIC_SCALE = SCORE_SCALE · MEAN_SCALE per unit; λ_v is per unit).
 */
export const SCORE_SCALE: bigint = constants.RewardMath.SCORE_SCALE;
export const MEAN_SCALE: bigint = constants.RewardMath.MEAN_SCALE;
export const METRIC_SCALE: bigint = constants.RewardMath.METRIC_SCALE;

/** A revealed score (1e-6 units) in metric units. */
export function scoreToMetric(score: number | bigint): number {
  return Number(score) / Number(SCORE_SCALE);
}

/** A value in metric units as a revealed score (1e-6 units, rounded to the nearest). */
export function metricToScore(value: number): number {
  return Math.round(value * Number(SCORE_SCALE));
}

/** A settled mean score (1e-18 units) in metric units. */
export function meanToMetric(mean: bigint): number {
  return Number(mean) / Number(METRIC_SCALE);
}

/** A settled mean score for display, in metric units with `digits` decimals. */
export function formatMeanScore(mean: bigint, digits = 4): string {
  return formatNumber(meanToMetric(mean), digits);
}
