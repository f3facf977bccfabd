/** Strategy weights of the selection score (docs/ARCHITECTURE.md §5): how much stake, uptime and latency count. */
export type StrategyWeights = { stake: number; uptime: number; latency: number };

export type StrategyName = "balanced" | "latency-heavy" | "stake-heavy" | "uptime-heavy";

/** Presets in whole percentages (they sum to 100), the unit the weight form uses. */
export const STRATEGY_PRESETS: Record<StrategyName, StrategyWeights> = {
  balanced: { stake: 34, uptime: 33, latency: 33 },
  "latency-heavy": { stake: 15, uptime: 25, latency: 60 },
  "stake-heavy": { stake: 60, uptime: 25, latency: 15 },
  "uptime-heavy": { stake: 15, uptime: 70, latency: 15 },
};

export const WEIGHT_KEYS = ["stake", "uptime", "latency"] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

export type WeightsInput = Record<WeightKey, string>;
export type WeightsCheck =
  | { ok: true; weights: StrategyWeights }
  | { ok: false; errors: Partial<Record<WeightKey | "total", string>> };

/**
 * Parses the weight form: each weight a whole percentage 0–100, summing to exactly 100. Returns the weights as
 * fractions of 1, or a message per field that is wrong (and one for the total).
 */
export function parseWeights(input: WeightsInput): WeightsCheck {
  const errors: Partial<Record<WeightKey | "total", string>> = {};
  const percent: Partial<StrategyWeights> = {};
  for (const key of WEIGHT_KEYS) {
    const raw = input[key].trim();
    const value = Number(raw);
    if (raw === "" || !/^\d+$/.test(raw) || !Number.isInteger(value) || value > 100) {
      errors[key] = `The ${key} weight must be a whole number from 0 to 100.`;
    } else percent[key] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { stake = 0, uptime = 0, latency = 0 } = percent;
  const total = stake + uptime + latency;
  if (total !== 100) {
    return { ok: false, errors: { total: `The weights must add up to 100; they add up to ${total}.` } };
  }
  return { ok: true, weights: { stake: stake / 100, uptime: uptime / 100, latency: latency / 100 } };
}

export function weightsToInput(weights: StrategyWeights): WeightsInput {
  return { stake: String(weights.stake), uptime: String(weights.uptime), latency: String(weights.latency) };
}
