import type { machineRegistryAbi } from "../../../contracts-abi/MachineRegistry";
import { date, epoch, num, short, tokens, wad, type Explainers } from "../render";
import type { SharedErrorName } from "./shared";

/** A job weight (18 decimals) in whole units. */
const weight = (v: bigint): string => wad(v);

/** MachineRegistry's errors (contracts/machines/MachineRegistry.sol), in words. */
export const MACHINE_REGISTRY: Explainers<typeof machineRegistryAbi, SharedErrorName> = {
  InvalidParameter: ({ name }) => `The machine registry's ${name} is invalid (missing or zero).`,
  EndpointLength: ({ length, max }) =>
    `The endpoint is ${num(length)} characters; at most ${num(max)} are allowed.`,
  RegionLength: ({ length, max }) =>
    `The region is ${num(length)} characters; at most ${num(max)} are allowed.`,
  InvalidTier: ({ tier, max }) => `Tier ${num(tier)} does not exist: choose a tier from 0 to ${num(max)}.`,
  StakeBelowMinimum: ({ stake, minimum }) =>
    `A machine's stake of ${tokens(stake)} would be below the minimum ${tokens(minimum)}.`,
  OperatorHasMachine: ({ operator, machineId }) =>
    `${short(operator)} already operates machine #${num(machineId)}; one address runs one machine.`,
  NoMachineForOperator: ({ operator }) => `${short(operator)} does not operate a machine.`,
  UnknownMachine: ({ machineId }) => `There is no machine #${num(machineId)}.`,
  NotMachineOperator: ({ machineId, caller }) =>
    `Only the operator of machine #${num(machineId)} may do this, not ${short(caller)}.`,
  MachineInactive: ({ machineId }) => `Machine #${num(machineId)} is not active.`,
  HeartbeatAlreadySent: ({ machineId, slot }) =>
    `Machine #${num(machineId)} already sent its heartbeat for slot ${num(slot)}; the next slot takes the next one.`,
  ZeroAmount: () => "Enter an amount greater than 0.",
  UnstakeExceedsStake: ({ requested, stake }) =>
    `You asked to unstake ${tokens(requested)}, but the machine has ${tokens(stake)} staked.`,
  NothingToWithdraw: ({ machineId }) => `Machine #${num(machineId)} has nothing unbonded to withdraw.`,
  StillUnbonding: ({ machineId, unlockAt }) =>
    `The unstaked tokens of machine #${num(machineId)} are still unbonding: withdrawable from ${date(unlockAt)}.`,
  InvalidJobWeight: ({ weight: w, max }) =>
    `A job's weight must be from 1 to ${weight(max)}; it is ${weight(w)}.`,
  InvalidLatency: ({ latencyMs, max }) =>
    `A latency of ${num(latencyMs)} ms is above the ${num(max)} ms the registry accepts.`,
  InvalidJobId: () => "The job has no id.",
  JobAlreadyReported: ({ machineId, jobId }) =>
    `Job ${short(jobId)} of machine #${num(machineId)} is already reported on chain.`,
  JobAlreadyClaimed: ({ machineId, jobId }) =>
    `Machine #${num(machineId)} has already claimed job ${short(jobId)}.`,
  ReporterCapExceeded: ({ reporter, machineId, epoch: e, cap }, ctx) =>
    `${short(reporter)} has already reported ${weight(cap)} of successful job weight for machine #${num(machineId)} in ${epoch(e, ctx)}, the most one reporter may add there. Another reporter can still report its jobs, or you can again next epoch.`,
};
