import { constants } from "../../contracts-abi/protocol";
import { WAD } from "../units";

/** MachineRegistry's constants (generated into contracts-abi/protocol.ts at every compile). */
const M = constants.MachineRegistry;

/** MachineRegistry.TASK_WEIGHT_NORM: Σ(weight × success) that maxes the task score out (18 decimals). */
export const TASK_WEIGHT_NORM = M.TASK_WEIGHT_NORM;

/**
 * Task score (18 decimals) from the summed weight of successful jobs (18 decimals), as MachineRegistry.taskScoreOf:
 * AI_TASK_SCORE = 1 + min(1, Σ(weight × success) / TASK_WEIGHT_NORM).
 */
export function taskScoreOf(successWeight: bigint): bigint {
  const boost = (successWeight * WAD) / TASK_WEIGHT_NORM;
  return M.BASE_TASK_SCORE + (boost < M.BASE_TASK_SCORE ? boost : M.BASE_TASK_SCORE);
}

/** MachineRegistry.MAX_JOB_WEIGHT and MAX_REPORTER_WEIGHT_PER_EPOCH, in whole units. */
export const MAX_JOB_WEIGHT_UNITS = Number(M.MAX_JOB_WEIGHT / WAD);
export const MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS = Number(M.MAX_REPORTER_WEIGHT_PER_EPOCH / WAD);
/** MachineRegistry.MAX_LATENCY_MS: the largest latency sample a reporter may send. */
export const MAX_LATENCY_MS = Number(M.MAX_LATENCY_MS);
/** MachineRegistry.MAX_TIER: tiers run from 0 to it. */
export const MAX_TIER = Number(M.MAX_TIER);

/** Job weight in whole units (1–MAX_JOB_WEIGHT_UNITS) as the contract takes it. */
export function jobWeightWad(units: number): bigint {
  if (!Number.isInteger(units) || units < 1 || units > MAX_JOB_WEIGHT_UNITS) {
    throw new RangeError(
      `Job weight must be a whole number from 1 to ${MAX_JOB_WEIGHT_UNITS} (got ${units})`,
    );
  }
  return BigInt(units) * WAD;
}
