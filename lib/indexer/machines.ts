import type { Address, Hex } from "viem";
import { constants } from "../../contracts-abi/protocol";

/**
 * The machine registry's history as the indexer serves it (indexer/src/api/machines.ts), one definition for
 * both ends. Weights and task scores have 18 decimals. The running epoch's uptime moves with time alone, so
 * the page reads it from the chain; past epochs' uptime follows from the heartbeats here (epochUptimeBps).
 */

export type MachineView = {
  id: bigint;
  operator: Address;
  endpoint: string;
  region: string;
  tier: number;
  stake: bigint;
  active: boolean;
  registeredSlot: bigint;
  lastHeartbeatSlot: bigint;
};

export type MachineEpochView = {
  machineId: bigint;
  epoch: number;
  heartbeats: number;
  latencyReports: number;
  latencySumMs: bigint;
  jobs: number;
  successfulJobs: number;
  claimedJobs: number;
  taskScore: bigint;
};

export type MachineJobView = {
  machineId: bigint;
  jobId: Hex;
  epoch: number;
  weight: bigint;
  claimed: boolean;
  reported: boolean;
  success: boolean | null;
  latencyMs: number | null;
  reporter: Address | null;
  taskScore: bigint | null;
  block: bigint;
  timestamp: number;
};

/** GET /v1/machines?from=&to=: every machine (at most MACHINES_LIMIT), its epochs in [from, to], recent jobs. */
export type MachinesOverview = {
  machines: MachineView[];
  epochs: MachineEpochView[];
  /** The latest reported or claimed jobs, newest first. */
  recentJobs: MachineJobView[];
  /** Jobs ever reported per machine id (decimal string keys would lose the bigint, so a Map). */
  jobTotals: Map<bigint, { jobs: number; successfulJobs: number }>;
};

export const MACHINES_LIMIT = 100;
export const MACHINE_EPOCH_SPAN = 32;
export const RECENT_JOBS_LIMIT = 20;
/** MachineRegistry.BASE_TASK_SCORE (generated): an epoch's task score with no successful job. */
export const BASE_TASK_SCORE = constants.MachineRegistry.BASE_TASK_SCORE;
const BPS = constants.MachineRegistry.BPS;

export function machinesPath(from: bigint, to: bigint): string {
  return `/v1/machines?from=${from}&to=${to}`;
}

/** Parses /v1/machines' epoch range: at most MACHINE_EPOCH_SPAN epochs. */
export function parseEpochRange(
  from: string | undefined,
  to: string | undefined,
): { ok: true; from: number; to: number } | { ok: false; error: string } {
  if (from === undefined || to === undefined) return { ok: false, error: "from and to are required." };
  if (!/^\d{1,9}$/.test(from) || !/^\d{1,9}$/.test(to))
    return { ok: false, error: "from and to must be whole numbers." };
  const f = Number(from);
  const t = Number(to);
  if (t < f) return { ok: false, error: "to must not be before from." };
  if (t - f + 1 > MACHINE_EPOCH_SPAN)
    return { ok: false, error: `At most ${MACHINE_EPOCH_SPAN} epochs per request.` };
  return { ok: true, from: f, to: t };
}

/**
 * The contract's uptimeBps: heartbeats over every slot of `epoch` from the machine's registration up to
 * `nowSlot`, in basis points (0 before it registered or before the epoch began).
 */
export function epochUptimeBps(p: {
  heartbeats: number;
  epoch: bigint;
  registeredSlot: bigint;
  nowSlot: bigint;
  slotsPerEpoch: bigint;
}): bigint {
  let first = p.epoch * p.slotsPerEpoch;
  if (first < p.registeredSlot) first = p.registeredSlot;
  let last = (p.epoch + 1n) * p.slotsPerEpoch - 1n;
  if (last > p.nowSlot) last = p.nowSlot;
  if (last < first) return 0n;
  const owed = last - first + 1n;
  const beats = BigInt(p.heartbeats) < owed ? BigInt(p.heartbeats) : owed;
  return (beats * BPS) / owed;
}

/** Mean reported latency of an epoch in ms (integer, as the contract), null without reports. */
export function meanLatencyMs(e: Pick<MachineEpochView, "latencyReports" | "latencySumMs"> | undefined) {
  if (!e || e.latencyReports === 0) return null;
  return Number(e.latencySumMs / BigInt(e.latencyReports));
}
