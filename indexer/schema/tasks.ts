import { index, onchainTable, primaryKey } from "ponder";

/**
 * Tables of ArenaTasks, one row per thing the pages show, kept current by src/tasks.ts from the contract's
 * events (docs/ARCHITECTURE.md §10 lists them). Amounts are token wei; epochs are the contract's epoch numbers.
 */

export const task = onchainTable("task", (t) => ({
  id: t.bigint().primaryKey(),
  creator: t.hex().notNull(),
  metric: t.integer().notNull(),
  rewardPool: t.bigint().notNull(),
  start: t.integer().notNull(),
  title: t.text().notNull(),
  description: t.text().notNull(),
  baseModel: t.text().notNull(),
  dataURI: t.text().notNull(),
  evalSetURI: t.text().notNull(),
  /** sha256 of the public evaluation set's bytes (TaskDescribed). */
  evalSetHash: t.hex().notNull(),
  finalEvalURI: t.text(),
  /** sha256 of the held-back set's bytes, once revealed (FinalEvalRevealed). */
  heldBackEvalSetHash: t.hex(),
  /** The TaskConfig struct as the event gave it, in lib/indexer/codec.ts's JSON (bigints kept exact). */
  config: t.text(),
  contextLength: t.integer(),
  maxParams: t.bigint(),
  cancelled: t.boolean().notNull(),
  createdBlock: t.bigint().notNull(),
}));

/** One row per (task, account) that ever staked or was delegated to. */
export const participant = onchainTable(
  "participant",
  (t) => ({
    taskId: t.bigint().notNull(),
    account: t.hex().notNull(),
    role: t.integer().notNull(),
    ownStake: t.bigint().notNull(),
    delegated: t.bigint().notNull(),
    rewardShare: t.bigint().notNull(),
    nodeIndex: t.integer(),
    modelCommitEpoch: t.integer(),
    modelCommitment: t.hex(),
    modelCommitBlock: t.bigint(),
    forfeitedNode: t.bigint(),
    forfeitedDelegators: t.bigint(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.taskId, t.account] }), byAccount: index().on(t.account) }),
);

/** Stake checkpoints: every stake, unstake request and withdrawal, with the epoch it applies from. */
export const stakeChange = onchainTable(
  "stake_change",
  (t) => ({
    id: t.text().primaryKey(),
    taskId: t.bigint().notNull(),
    account: t.hex().notNull(),
    kind: t.text().$type<"stake" | "unstake" | "withdraw">().notNull(),
    amount: t.bigint().notNull(),
    /** Own stake after the change (withdrawals leave it unchanged). */
    total: t.bigint().notNull(),
    /** Staked: the epoch it counts from; unstake: the epoch it is released. */
    epoch: t.integer(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byTaskAccount: index().on(t.taskId, t.account) }),
);

/** Current delegated amount per (task, delegatee, delegator). */
export const delegation = onchainTable(
  "delegation",
  (t) => ({
    taskId: t.bigint().notNull(),
    delegatee: t.hex().notNull(),
    delegator: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The epoch the last delegated amount counts from. */
    fromEpoch: t.integer().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.taskId, t.delegatee, t.delegator] }),
    byDelegator: index().on(t.delegator),
  }),
);

/** ρ history: each reward share a delegatee set, and the epoch from which it applies. */
export const rewardShareChange = onchainTable(
  "reward_share_change",
  (t) => ({
    id: t.text().primaryKey(),
    taskId: t.bigint().notNull(),
    delegatee: t.hex().notNull(),
    rewardShare: t.bigint().notNull(),
    fromEpoch: t.integer().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byDelegatee: index().on(t.taskId, t.delegatee) }),
);

/** Every model submission; a later one in the same epoch supersedes the node's earlier one (both stay). */
export const submission = onchainTable(
  "submission",
  (t) => ({
    id: t.text().primaryKey(),
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    node: t.hex().notNull(),
    nodeIndex: t.integer().notNull(),
    uri: t.text().notNull(),
    contentHash: t.hex().notNull(),
    block: t.bigint().notNull(),
    /** Taken over by an earlier commitment to the same hash (ModelSubmissionRevoked). */
    revoked: t.boolean().notNull(),
  }),
  (t) => ({ byTaskNode: index().on(t.taskId, t.node), byNode: index().on(t.node) }),
);

export const scoreCommit = onchainTable(
  "score_commit",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    validator: t.hex().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.taskId, t.epoch, t.validator] }) }),
);

export const scoreReveal = onchainTable(
  "score_reveal",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    validator: t.hex().notNull(),
    nodeIndices: t.integer().array().notNull(),
    scores: t.integer().array().notNull(),
    /** sha256 of the scoring receipt document (blob store name sha256:<hex>), lib/scoring/receipt.ts */
    receipt: t.hex().notNull(),
    /** Block and log index: settlement streams the validator softmax in reveal order. */
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.taskId, t.epoch, t.validator] }),
    byValidator: index().on(t.validator),
  }),
);

export const nodeResult = onchainTable(
  "node_result",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    node: t.hex().notNull(),
    meanScore: t.bigint().notNull(),
    weight: t.bigint().notNull(),
    reward: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.taskId, t.epoch, t.node] }), byNode: index().on(t.node) }),
);

export const validatorResult = onchainTable(
  "validator_result",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    validator: t.hex().notNull(),
    reward: t.bigint().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.taskId, t.epoch, t.validator] }),
    byValidator: index().on(t.validator),
  }),
);

export const delegatorReward = onchainTable(
  "delegator_reward",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    delegatee: t.hex().notNull(),
    amount: t.bigint().notNull(),
    perShare: t.bigint().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.taskId, t.epoch, t.delegatee] }),
    byDelegatee: index().on(t.delegatee),
  }),
);

export const harvest = onchainTable(
  "harvest",
  (t) => ({
    id: t.text().primaryKey(),
    taskId: t.bigint().notNull(),
    delegatee: t.hex().notNull(),
    delegator: t.hex().notNull(),
    amount: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byTask: index().on(t.taskId), byDelegator: index().on(t.delegator) }),
);

export const epochResult = onchainTable(
  "epoch_result",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    reward: t.bigint().notNull(),
    rewardNodes: t.bigint().notNull(),
    rewardValidators: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    scored: t.integer().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.taskId, t.epoch] }) }),
);

export const epochSeed = onchainTable(
  "epoch_seed",
  (t) => ({
    taskId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    seedBlock: t.bigint(),
    seed: t.hex(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.taskId, t.epoch] }) }),
);

export const challenge = onchainTable(
  "challenge",
  (t) => ({
    id: t.bigint().primaryKey(),
    taskId: t.bigint().notNull(),
    node: t.hex().notNull(),
    challenger: t.hex().notNull(),
    bond: t.bigint().notNull(),
    answerDeadline: t.integer().notNull(),
    voteDeadline: t.integer().notNull(),
    proofURI: t.text(),
    upheld: t.boolean(),
    transferred: t.bigint(),
  }),
  (t) => ({ byTask: index().on(t.taskId), byChallenger: index().on(t.challenger) }),
);

export const challengeVote = onchainTable(
  "challenge_vote",
  (t) => ({
    challengeId: t.bigint().notNull(),
    validator: t.hex().notNull(),
    uphold: t.boolean().notNull(),
    weight: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.challengeId, t.validator] }) }),
);

export const claim = onchainTable(
  "claim",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (t) => ({ byAccount: index().on(t.account) }),
);
