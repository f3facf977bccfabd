import { ponder } from "ponder:registry";
import { machine, machineEpoch, machineJob, machineLatencyReport, machineStakeChange } from "ponder:schema";
import { BASE_TASK_SCORE } from "../../lib/indexer/machines";

/**
 * MachineRegistry → tables (schema/machines.ts). machine_epoch mirrors the contract's EpochStats per (machine,
 * epoch); a machine's registration slot is its first heartbeat's (registerMachine emits both).
 */

type Db = Parameters<Parameters<typeof ponder.on<"MachineRegistry:Heartbeat">>[1]>[0]["context"]["db"];

async function ensureEpoch(db: Db, machineId: bigint, epoch: number) {
  await db
    .insert(machineEpoch)
    .values({
      machineId,
      epoch,
      heartbeats: 0,
      latencyReports: 0,
      latencySumMs: 0n,
      jobs: 0,
      successfulJobs: 0,
      claimedJobs: 0,
      successWeight: 0n,
      taskScore: BASE_TASK_SCORE,
    })
    .onConflictDoNothing();
}

ponder.on("MachineRegistry:MachineRegistered", async ({ event, context }) => {
  const { machineId, operator, endpoint, region, tier, stake } = event.args;
  await context.db.insert(machine).values({
    id: machineId,
    operator,
    endpoint,
    region,
    tier: Number(tier),
    stake,
    active: true,
    registeredSlot: 0n,
    lastHeartbeatSlot: 0n,
    registeredBlock: event.block.number,
    jobs: 0,
    successfulJobs: 0,
  });
});

ponder.on("MachineRegistry:MachineUpdated", async ({ event, context }) => {
  const { machineId, endpoint, region, tier } = event.args;
  await context.db.update(machine, { id: machineId }).set({ endpoint, region, tier: Number(tier) });
});

ponder.on("MachineRegistry:MachineActivated", async ({ event, context }) => {
  await context.db.update(machine, { id: event.args.machineId }).set({ active: true });
});

ponder.on("MachineRegistry:MachineDeactivated", async ({ event, context }) => {
  await context.db.update(machine, { id: event.args.machineId }).set({ active: false });
});

ponder.on("MachineRegistry:StakeAdded", async ({ event, context }) => {
  const { machineId, amount, stake } = event.args;
  await context.db.update(machine, { id: machineId }).set({ stake });
  await context.db
    .insert(machineStakeChange)
    .values({ id: event.id, machineId, kind: "add", amount, stake, block: event.block.number });
});

ponder.on("MachineRegistry:UnstakeRequested", async ({ event, context }) => {
  const { machineId, amount, stake, unlockAt } = event.args;
  await context.db.update(machine, { id: machineId }).set({ stake });
  await context.db
    .insert(machineStakeChange)
    .values({ id: event.id, machineId, kind: "unstake", amount, stake, unlockAt, block: event.block.number });
});

ponder.on("MachineRegistry:StakeWithdrawn", async ({ event, context }) => {
  const { machineId, amount } = event.args;
  const m = await context.db.find(machine, { id: machineId });
  await context.db.insert(machineStakeChange).values({
    id: event.id,
    machineId,
    kind: "withdraw",
    amount,
    stake: m?.stake ?? 0n,
    block: event.block.number,
  });
});

ponder.on("MachineRegistry:Heartbeat", async ({ event, context }) => {
  const { machineId, slot, heartbeats } = event.args;
  const epoch = Number(event.args.epoch);
  const m = await context.db.find(machine, { id: machineId });
  await context.db
    .update(machine, { id: machineId })
    .set(
      m && m.registeredBlock === event.block.number && m.registeredSlot === 0n
        ? { registeredSlot: slot, lastHeartbeatSlot: slot }
        : { lastHeartbeatSlot: slot },
    );
  await ensureEpoch(context.db, machineId, epoch);
  await context.db
    .update(machineEpoch, { machineId, epoch })
    .set({ heartbeats: Number(heartbeats), lastSlot: slot });
});

ponder.on("MachineRegistry:LatencyReported", async ({ event, context }) => {
  const { machineId, latencyMs, reporter } = event.args;
  const epoch = Number(event.args.epoch);
  await context.db.insert(machineLatencyReport).values({
    id: event.id,
    machineId,
    epoch,
    latencyMs: Number(latencyMs),
    reporter,
    block: event.block.number,
  });
  await ensureEpoch(context.db, machineId, epoch);
  await context.db.update(machineEpoch, { machineId, epoch }).set((s) => ({
    latencyReports: s.latencyReports + 1,
    latencySumMs: s.latencySumMs + latencyMs,
  }));
});

ponder.on("MachineRegistry:JobClaimed", async ({ event, context }) => {
  const { machineId, jobId, weight } = event.args;
  const epoch = Number(event.args.epoch);
  const at = { block: event.block.number, timestamp: Number(event.block.timestamp) };
  await context.db
    .insert(machineJob)
    .values({ machineId, jobId, epoch, weight, claimed: true, reported: false, ...at })
    .onConflictDoUpdate({ claimed: true, ...at });
  await ensureEpoch(context.db, machineId, epoch);
  await context.db
    .update(machineEpoch, { machineId, epoch })
    .set((s) => ({ claimedJobs: s.claimedJobs + 1 }));
});

ponder.on("MachineRegistry:JobReported", async ({ event, context }) => {
  const { machineId, jobId, weight, success, latencyMs, reporter, taskScore } = event.args;
  const epoch = Number(event.args.epoch);
  const report = {
    epoch,
    weight,
    reported: true,
    success,
    latencyMs: Number(latencyMs),
    reporter,
    taskScore,
    block: event.block.number,
    timestamp: Number(event.block.timestamp),
  };
  await context.db
    .insert(machineJob)
    .values({ machineId, jobId, claimed: false, ...report })
    .onConflictDoUpdate(report);
  await context.db.update(machine, { id: machineId }).set((m) => ({
    jobs: m.jobs + 1,
    successfulJobs: m.successfulJobs + (success ? 1 : 0),
  }));
  await ensureEpoch(context.db, machineId, epoch);
  await context.db.update(machineEpoch, { machineId, epoch }).set((s) => ({
    jobs: s.jobs + 1,
    successfulJobs: s.successfulJobs + (success ? 1 : 0),
    successWeight: s.successWeight + (success ? weight : 0n),
    taskScore,
  }));
});
