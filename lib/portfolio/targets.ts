import { formatTimestamp } from "../format";
import { closed, OPEN } from "../arena/gate";
import { TARGET_STATUS_VALUE } from "../targets/status";
import type { Timed } from "./arena";

/** When ArenaTargets and MachineRegistry accept the calls that bring tokens back (mirrored from the contracts). */

export type TargetsClock = { currentEpoch: bigint; genesis: bigint; epochLength: bigint };

const epochTime = (c: TargetsClock, epoch: bigint) => Number(c.genesis + epoch * c.epochLength);
const epochAt = (c: TargetsClock, epoch: bigint) =>
  `epoch ${epoch} (${formatTimestamp(epochTime(c, epoch))})`;

/** `claim(targetId)`: a filled target, from `fillEpoch + 2` (after its audit epoch); anyone may call it. */
export function targetClaimGate(c: TargetsClock, status: number, fillEpoch: bigint): Timed {
  if (status !== TARGET_STATUS_VALUE.filled) return { gate: closed("Only a filled target pays out") };
  const from = fillEpoch + 2n;
  if (c.currentEpoch < from)
    return {
      gate: closed(`In audit; claimable from ${epochAt(c, from)}, it is epoch ${c.currentEpoch}`),
      at: { epoch: Number(from), time: epochTime(c, from) },
    };
  return { gate: OPEN };
}

/**
 * `retireModel(modelId)`: the owner of an active model, except while the current epoch's seed draw is pending
 * (`SeedDrawPending`: fixed, not yet opened, its hash still readable).
 */
export function retireModelGate(m: { active: boolean; stake: bigint }, pendingDraw: boolean): Timed {
  if (!m.active) return { gate: closed("The model is retired") };
  if (pendingDraw)
    return { gate: closed("The epoch's seed draw is pending: open the epoch on /targets first") };
  return { gate: OPEN };
}

export type TargetValidator = { stake: bigint; exitEpoch: bigint; exists: boolean };

/** `exitValidators`, then `withdrawValidatorStake` from `exitEpoch + 1` (`StillBonded` before). */
export function validatorExit(c: TargetsClock, v: TargetValidator): { step: "exit" | "withdraw" } & Timed {
  if (!v.exists) return { step: "exit", gate: closed("Not a validator") };
  if (v.exitEpoch === 0n) return { step: "exit", gate: OPEN };
  const from = v.exitEpoch + 1n;
  if (c.currentEpoch < from)
    return {
      step: "withdraw",
      gate: closed(`Still auditing; withdrawable from ${epochAt(c, from)}, it is epoch ${c.currentEpoch}`),
      at: { epoch: Number(from), time: epochTime(c, from) },
    };
  return { step: "withdraw", gate: OPEN };
}

export type MachineStake = { id: bigint; stake: bigint; unbonding: bigint; unlockAt: number };

/** MachineRegistry `withdraw`: the unbonding amount once `unlockAt` is reached (`StillUnbonding` before). */
export function machineWithdrawGate(m: MachineStake, now: number): Timed {
  if (m.unbonding === 0n) return { gate: closed("Nothing is unbonding") };
  if (now < m.unlockAt)
    return { gate: closed(`Unbonding until ${formatTimestamp(m.unlockAt)}`), at: { time: m.unlockAt } };
  return { gate: OPEN };
}

/** MachineRegistry `requestUnstake(id, stake)`: always accepted for the whole stake; it restarts the clock. */
export function machineUnstakeGate(m: MachineStake, unbondingPeriod: number, now: number): Timed {
  if (m.stake === 0n) return { gate: closed("No active stake") };
  return { gate: OPEN, at: { time: now + unbondingPeriod } };
}
