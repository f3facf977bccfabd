import { ponder } from "ponder:registry";
import {
  target,
  targetClaim,
  targetEpoch,
  targetFill,
  targetModel,
  targetPoolFunding,
  targetReport,
  targetSubmitter,
  targetValidator,
} from "ponder:schema";
import { TARGET_STATUS_VALUE } from "../../lib/targets/status";

/**
 * ArenaTargets → tables (schema/targets.ts). The leaderboard aggregates follow the contract's modelStats and
 * submitterStats: a fill adds to them, a fraud takes its fill back out, a claim adds the rewards paid.
 */

/** The contract's TargetStatus enum (generated; lib/targets/status.ts). */
const STATUS = TARGET_STATUS_VALUE;

type Db = Parameters<Parameters<typeof ponder.on<"ArenaTargets:Submitted">>[1]>[0]["context"]["db"];

async function ensureEpoch(db: Db, epoch: number) {
  await db.insert(targetEpoch).values({ epoch, opened: false, targets: 0, fills: 0 }).onConflictDoNothing();
}

ponder.on("ArenaTargets:ModelRegistered", async ({ event, context }) => {
  const { modelId, owner, artifactHash, artifactUri, stake } = event.args;
  await context.db.insert(targetModel).values({
    id: Number(modelId),
    owner,
    artifactHash,
    artifactUri,
    stake,
    active: true,
    registeredBlock: event.block.number,
    assigned: 0,
    wins: 0,
    lossSum: 0n,
    distanceSum: 0n,
    rewards: 0n,
  });
});

ponder.on("ArenaTargets:ModelRetired", async ({ event, context }) => {
  await context.db
    .update(targetModel, { id: Number(event.args.modelId) })
    .set({ active: false, stake: 0n, retiredBlock: event.block.number });
});

ponder.on("ArenaTargets:PoolFunded", async ({ event, context }) => {
  const { from, amount, pool } = event.args;
  await context.db
    .insert(targetPoolFunding)
    .values({ id: event.id, from, amount, pool, block: event.block.number });
});

ponder.on("ArenaTargets:SeedRequested", async ({ event, context }) => {
  const epoch = Number(event.args.epoch);
  await ensureEpoch(context.db, epoch);
  await context.db
    .update(targetEpoch, { epoch })
    .set({ seedBlock: event.args.seedBlock, seedRequester: event.args.requester });
});

ponder.on("ArenaTargets:EpochOpened", async ({ event, context }) => {
  const { seed, threshold, targets, emaFillRate } = event.args;
  const epoch = Number(event.args.epoch);
  await ensureEpoch(context.db, epoch);
  await context.db.update(targetEpoch, { epoch }).set({
    seed,
    opened: true,
    threshold: Number(threshold),
    targets: Number(targets),
    emaFillRate: Number(emaFillRate),
    openedBlock: event.block.number,
    openedAt: Number(event.block.timestamp),
  });
});

async function countAssignment(db: Db, models: readonly number[]) {
  for (const id of models) {
    await db.update(targetModel, { id }).set((m) => ({ assigned: m.assigned + 1 }));
  }
}

ponder.on("ArenaTargets:TargetOpened", async ({ event, context }) => {
  const { targetId, epoch, reward, threshold } = event.args;
  const models = [...event.args.models];
  await context.db.insert(target).values({
    id: targetId,
    epoch: Number(epoch),
    reward,
    threshold: Number(threshold),
    models,
    status: STATUS.open,
    openedBlock: event.block.number,
  });
  await countAssignment(context.db, models);
});

ponder.on("ArenaTargets:TargetAssigned", async ({ event, context }) => {
  const models = [...event.args.models];
  await context.db.update(target, { id: event.args.targetId }).set({ models });
  await countAssignment(context.db, models);
});

ponder.on("ArenaTargets:Submitted", async ({ event, context }) => {
  const { targetId, submitter, modelId, dataHash, dataUri, dataSize, loss, distance, bond } = event.args;
  const t = await context.db.update(target, { id: targetId }).set({ status: STATUS.filled });
  await context.db.insert(targetFill).values({
    targetId,
    submitter,
    modelId: Number(modelId),
    fillEpoch: t.epoch,
    dataHash,
    dataUri,
    dataSize: Number(dataSize),
    loss,
    distance,
    bond,
    block: event.block.number,
    timestamp: Number(event.block.timestamp),
    confirmed: false,
    reportStake: 0n,
    reports: 0,
    status: STATUS.filled,
  });
  await context.db.update(targetEpoch, { epoch: t.epoch }).set((e) => ({ fills: e.fills + 1 }));
  await context.db.update(targetModel, { id: Number(modelId) }).set((m) => ({
    wins: m.wins + 1,
    lossSum: m.lossSum + loss,
    distanceSum: m.distanceSum + distance,
  }));
  await context.db
    .insert(targetSubmitter)
    .values({ address: submitter, filled: 1, bytes: dataSize, rewards: 0n })
    .onConflictDoUpdate((s) => ({ filled: s.filled + 1, bytes: s.bytes + dataSize }));
});

ponder.on("ArenaTargets:TargetExpired", async ({ event, context }) => {
  await context.db
    .update(target, { id: event.args.targetId })
    .set({ status: STATUS.expired, rewardReturned: event.args.rewardReturned });
});

ponder.on("ArenaTargets:AuditConfirmed", async ({ event, context }) => {
  await context.db
    .update(targetFill, { targetId: event.args.targetId })
    .set({ confirmed: true, auditor: event.args.auditor });
});

ponder.on("ArenaTargets:Reported", async ({ event, context }) => {
  const { targetId, validator, stake, reportStake } = event.args;
  await context.db
    .insert(targetReport)
    .values({ targetId, validator, stake, reportStake, block: event.block.number });
  await context.db.update(targetFill, { targetId }).set((f) => ({ reportStake, reports: f.reports + 1 }));
});

ponder.on("ArenaTargets:SubmissionFraudulent", async ({ event, context }) => {
  const { targetId, bondForfeited, rewardReturned } = event.args;
  await context.db.update(target, { id: targetId }).set({ status: STATUS.fraudulent, rewardReturned });
  const fill = await context.db
    .update(targetFill, { targetId })
    .set({ bondForfeited, status: STATUS.fraudulent });
  await context.db.update(targetModel, { id: fill.modelId }).set((m) => ({
    wins: m.wins - 1,
    lossSum: m.lossSum - fill.loss,
    distanceSum: m.distanceSum - fill.distance,
  }));
  await context.db
    .update(targetSubmitter, { address: fill.submitter })
    .set((s) => ({ filled: s.filled - 1, bytes: s.bytes - BigInt(fill.dataSize) }));
});

ponder.on("ArenaTargets:Claimed", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(target, { id: a.targetId }).set({ status: STATUS.claimed });
  await context.db.insert(targetClaim).values({
    targetId: a.targetId,
    submitter: a.submitter,
    modelOwner: a.modelOwner,
    auditor: a.auditor,
    submitterReward: a.submitterReward,
    modelReward: a.modelReward,
    bondReturned: a.bondReturned,
    auditorFee: a.auditorFee,
    block: event.block.number,
    timestamp: Number(event.block.timestamp),
  });
  const fill = await context.db.update(targetFill, { targetId: a.targetId }).set({ status: STATUS.claimed });
  await context.db
    .update(targetModel, { id: fill.modelId })
    .set((m) => ({ rewards: m.rewards + a.modelReward }));
  await context.db
    .update(targetSubmitter, { address: a.submitter })
    .set((s) => ({ rewards: s.rewards + a.submitterReward }));
});

ponder.on("ArenaTargets:ValidatorJoined", async ({ event, context }) => {
  const { validator, stake, eligibleFromEpoch } = event.args;
  const row = {
    stake,
    eligibleFromEpoch: Number(eligibleFromEpoch),
    exitEpoch: null,
    withdrawn: false,
    joinedBlock: event.block.number,
  };
  await context.db
    .insert(targetValidator)
    .values({ address: validator, ...row })
    .onConflictDoUpdate(row);
});

ponder.on("ArenaTargets:ValidatorExiting", async ({ event, context }) => {
  await context.db
    .update(targetValidator, { address: event.args.validator })
    .set({ exitEpoch: Number(event.args.exitEpoch) });
});

ponder.on("ArenaTargets:ValidatorWithdrawn", async ({ event, context }) => {
  await context.db.update(targetValidator, { address: event.args.validator }).set({ withdrawn: true });
});
