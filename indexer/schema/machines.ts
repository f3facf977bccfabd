import { index, onchainTable, primaryKey } from "ponder";

/**
 * Tables of MachineRegistry, kept current by src/machines.ts. Weights and task scores have 18 decimals; epochs
 * and slots are the registry's. Live values that move with time alone (the running epoch's uptime) stay on the
 * contract.
 */

export const machine = onchainTable(
  "machine",
  (t) => ({
    id: t.bigint().primaryKey(),
    operator: t.hex().notNull(),
    endpoint: t.text().notNull(),
    region: t.text().notNull(),
    tier: t.integer().notNull(),
    stake: t.bigint().notNull(),
    active: t.boolean().notNull(),
    registeredSlot: t.bigint().notNull(),
    lastHeartbeatSlot: t.bigint().notNull(),
    registeredBlock: t.bigint().notNull(),
    /** Jobs ever reported, and how many succeeded. */
    jobs: t.integer().notNull(),
    successfulJobs: t.integer().notNull(),
  }),
  (t) => ({ byOperator: index().on(t.operator) }),
);

/** Stake added, unstake requested, stake withdrawn. */
export const machineStakeChange = onchainTable(
  "machine_stake_change",
  (t) => ({
    id: t.text().primaryKey(),
    machineId: t.bigint().notNull(),
    kind: t.text().$type<"add" | "unstake" | "withdraw">().notNull(),
    amount: t.bigint().notNull(),
    /** Active stake after the change (unchanged by a withdrawal). */
    stake: t.bigint().notNull(),
    unlockAt: t.bigint(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byMachine: index().on(t.machineId) }),
);

/** Per machine and epoch: heartbeats, latency reports and jobs, as the contract's EpochStats. */
export const machineEpoch = onchainTable(
  "machine_epoch",
  (t) => ({
    machineId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    heartbeats: t.integer().notNull(),
    lastSlot: t.bigint(),
    latencyReports: t.integer().notNull(),
    latencySumMs: t.bigint().notNull(),
    jobs: t.integer().notNull(),
    successfulJobs: t.integer().notNull(),
    claimedJobs: t.integer().notNull(),
    successWeight: t.bigint().notNull(),
    /** The task score after the epoch's last reported job (1e18 when none was). */
    taskScore: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.machineId, t.epoch] }), byEpoch: index().on(t.epoch) }),
);

export const machineLatencyReport = onchainTable(
  "machine_latency_report",
  (t) => ({
    id: t.text().primaryKey(),
    machineId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    latencyMs: t.integer().notNull(),
    reporter: t.hex().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byMachineEpoch: index().on(t.machineId, t.epoch) }),
);

/** One row per (machine, job id): claimed by its operator and/or reported by a reporter. */
export const machineJob = onchainTable(
  "machine_job",
  (t) => ({
    machineId: t.bigint().notNull(),
    jobId: t.hex().notNull(),
    epoch: t.integer().notNull(),
    weight: t.bigint().notNull(),
    claimed: t.boolean().notNull(),
    reported: t.boolean().notNull(),
    success: t.boolean(),
    latencyMs: t.integer(),
    reporter: t.hex(),
    /** The machine's task score in the epoch right after this report. */
    taskScore: t.bigint(),
    /** Block of the last event about this job. */
    block: t.bigint().notNull(),
    timestamp: t.integer().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.machineId, t.jobId] }),
    byMachineBlock: index().on(t.machineId, t.block),
    byBlock: index().on(t.block),
  }),
);
