import { index, onchainTable, primaryKey } from "ponder";

/**
 * Tables of ArenaTargets, kept current by src/targets.ts from the contract's events. Distances, losses and
 * thresholds are micro units (1e-6), amounts token wei, epochs the contract's epoch numbers. Statuses are the
 * contract's TargetStatus enum (lib/targets/status.ts TARGET_STATUS).
 */

/** One row per registered model, with the aggregates of its leaderboard line. */
export const targetModel = onchainTable("target_model", (t) => ({
  id: t.integer().primaryKey(),
  owner: t.hex().notNull(),
  artifactHash: t.hex().notNull(),
  artifactUri: t.text().notNull(),
  stake: t.bigint().notNull(),
  active: t.boolean().notNull(),
  registeredBlock: t.bigint().notNull(),
  retiredBlock: t.bigint(),
  assigned: t.integer().notNull(),
  wins: t.integer().notNull(),
  lossSum: t.bigint().notNull(),
  distanceSum: t.bigint().notNull(),
  rewards: t.bigint().notNull(),
}));

/** One row per epoch that had a seed requested or was opened; the threshold and EMA are its difficulty. */
export const targetEpoch = onchainTable("target_epoch", (t) => ({
  epoch: t.integer().primaryKey(),
  seedBlock: t.bigint(),
  seedRequester: t.hex(),
  seed: t.hex(),
  opened: t.boolean().notNull(),
  threshold: t.integer(),
  targets: t.integer().notNull(),
  fills: t.integer().notNull(),
  /** Fill-rate EMA after this epoch opened (micro units): what moved the threshold. */
  emaFillRate: t.integer(),
  openedBlock: t.bigint(),
  openedAt: t.integer(),
}));

export const target = onchainTable(
  "target",
  (t) => ({
    id: t.bigint().primaryKey(),
    epoch: t.integer().notNull(),
    reward: t.bigint().notNull(),
    threshold: t.integer().notNull(),
    models: t.integer().array().notNull(),
    status: t.integer().notNull(),
    openedBlock: t.bigint().notNull(),
    /** Reward returned to the pool by an expiry or a fraud. */
    rewardReturned: t.bigint(),
  }),
  (t) => ({ byEpoch: index().on(t.epoch), byStatus: index().on(t.status) }),
);

/** The fill of a target (the Submitted event) with its audit state. */
export const targetFill = onchainTable(
  "target_fill",
  (t) => ({
    targetId: t.bigint().primaryKey(),
    submitter: t.hex().notNull(),
    modelId: t.integer().notNull(),
    fillEpoch: t.integer().notNull(),
    dataHash: t.hex().notNull(),
    dataUri: t.text().notNull(),
    dataSize: t.integer().notNull(),
    loss: t.bigint().notNull(),
    distance: t.bigint().notNull(),
    bond: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.integer().notNull(),
    auditor: t.hex(),
    confirmed: t.boolean().notNull(),
    reportStake: t.bigint().notNull(),
    reports: t.integer().notNull(),
    bondForfeited: t.bigint(),
    /** The target's status, kept here too so that "unclaimed fills of X" is one index range. */
    status: t.integer().notNull(),
  }),
  (t) => ({
    bySubmitter: index().on(t.submitter, t.status, t.targetId),
    byAuditor: index().on(t.auditor, t.status),
    byModel: index().on(t.modelId, t.status),
    byEpoch: index().on(t.fillEpoch),
    byBlock: index().on(t.block),
  }),
);

/** Each validator's fraud report on a fill. */
export const targetReport = onchainTable(
  "target_report",
  (t) => ({
    targetId: t.bigint().notNull(),
    validator: t.hex().notNull(),
    stake: t.bigint().notNull(),
    /** Report stake after this one. */
    reportStake: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.targetId, t.validator] }), byValidator: index().on(t.validator) }),
);

export const targetClaim = onchainTable(
  "target_claim",
  (t) => ({
    targetId: t.bigint().primaryKey(),
    submitter: t.hex().notNull(),
    modelOwner: t.hex().notNull(),
    auditor: t.hex().notNull(),
    submitterReward: t.bigint().notNull(),
    modelReward: t.bigint().notNull(),
    bondReturned: t.bigint().notNull(),
    auditorFee: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.integer().notNull(),
  }),
  (t) => ({
    bySubmitter: index().on(t.submitter),
    byModelOwner: index().on(t.modelOwner),
    byAuditor: index().on(t.auditor),
    byBlock: index().on(t.block),
  }),
);

/** One row per address that ever filled a target: the submitters' leaderboard. */
export const targetSubmitter = onchainTable(
  "target_submitter",
  (t) => ({
    address: t.hex().primaryKey(),
    filled: t.integer().notNull(),
    bytes: t.bigint().notNull(),
    rewards: t.bigint().notNull(),
  }),
  (t) => ({ byFilled: index().on(t.filled) }),
);

export const targetValidator = onchainTable("target_validator", (t) => ({
  address: t.hex().primaryKey(),
  stake: t.bigint().notNull(),
  eligibleFromEpoch: t.integer().notNull(),
  exitEpoch: t.integer(),
  withdrawn: t.boolean().notNull(),
  joinedBlock: t.bigint().notNull(),
}));

export const targetPoolFunding = onchainTable(
  "target_pool_funding",
  (t) => ({
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The pool after the funding. */
    pool: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byBlock: index().on(t.block) }),
);
