import { WAD } from "../units";

/** Mirrors MachineRegistry.taskScoreOf: AI_TASK_SCORE = 1 + min(1, Σ(weight × success) / TASK_WEIGHT_NORM). */
export const TASK_WEIGHT_NORM = 10n * WAD;

/** Task score (18 decimals) from the summed weight of successful jobs (18 decimals). */
export function taskScoreOf(successWeight: bigint): bigint {
  const boost = (successWeight * WAD) / TASK_WEIGHT_NORM;
  return WAD + (boost < WAD ? boost : WAD);
}

/** Mirrors MachineRegistry.MAX_JOB_WEIGHT and MAX_REPORTER_WEIGHT_PER_EPOCH, in whole units. */
export const MAX_JOB_WEIGHT_UNITS = 5;
export const MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS = 5;

/** Job weight in whole units (1–MAX_JOB_WEIGHT_UNITS) as the contract takes it. */
export function jobWeightWad(units: number): bigint {
  if (!Number.isInteger(units) || units < 1 || units > MAX_JOB_WEIGHT_UNITS) {
    throw new RangeError(
      `Job weight must be a whole number from 1 to ${MAX_JOB_WEIGHT_UNITS} (got ${units})`,
    );
  }
  return BigInt(units) * WAD;
}
