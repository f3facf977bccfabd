import type { Address, Hex } from "viem";
import type { TaskConfig } from "./types";

/**
 * The history views the pages show, as the indexer's API returns them (indexer/src/api/views.ts builds them
 * from its tables, `/v1/*` sends them in lib/indexer/codec.ts's JSON): tasks, participants, submissions,
 * settlements, delegations, challenges and claims. Amounts are the latest values the events gave (a stake or a
 * delegation counting from the next epoch included); balances that must be exact at this block (claimable,
 * stake at an epoch, escrow) are read from the contracts instead.
 */

/** The contract's TaskConfig, as the TaskConfigured event gave it. */
export type TaskConfigView = TaskConfig;

export type Submission = { epoch: number; nodeIndex: number; uri: string; contentHash: Hex; block: bigint };

export type ParticipantView = {
  account: Address;
  role: "node" | "validator";
  ownStake: bigint;
  delegated: bigint;
  delegators: Map<Address, bigint>;
  /** The latest ρ set, which applies from `rewardShareChanges`' last `fromEpoch` (lib/arena/pending.ts). */
  rewardShare: bigint;
  /** Every ρ set, oldest first, with the epoch it applies from: the current one is not always the latest. */
  rewardShareChanges?: { rewardShare: bigint; fromEpoch: number }[];
  /** Stakes that count only from a later epoch, and unstakes released at one (oldest first). */
  stakeChanges?: { kind: "stake" | "unstake"; amount: bigint; epoch: number }[];
  submissions: Submission[];
  /** The latest model commitment (`commitModel`), until the submission it announces. */
  modelCommit?: { epoch: number; commitment: Hex; block: bigint };
  nodeIndex?: number;
  /** A node whose rewards (and its delegators') an upheld challenge took. */
  forfeited?: { nodeAmount: bigint; delegatorsAmount: bigint };
};

export type EpochResultView = {
  epoch: number;
  reward: bigint;
  rewardNodes: bigint;
  rewardValidators: bigint;
  paid: bigint;
  scored: number;
};

export type NodeResult = { epoch: number; node: Address; meanScore: bigint; weight: bigint; reward: bigint };
export type ValidatorResult = { epoch: number; validator: Address; reward: bigint };
/** Reveals are listed in the order they were made (settlement streams the validator softmax in that order). */
export type Reveal = {
  epoch: number;
  validator: Address;
  nodeIndices: readonly bigint[];
  scores: readonly number[];
  /** sha256 of the validator's scoring receipt (lib/scoring/receipt.ts), fetched from /api/blobs/<hex>. */
  receipt: Hex;
};
export type DelegatorReward = { epoch: number; delegatee: Address; amount: bigint; perShare: bigint };

export type ChallengeView = {
  id: bigint;
  taskId: bigint;
  node: Address;
  challenger: Address;
  bond: bigint;
  /** Unix seconds: the node answers before `answerDeadline`, validators vote on an answer before `voteDeadline`. */
  answerDeadline: number;
  voteDeadline: number;
  proofURI?: string;
  votes: { validator: Address; uphold: boolean; weight: bigint }[];
  settled?: { upheld: boolean; transferred: bigint };
};

/** A task's totals over all its participants, sent with views that leave some participants out. */
export type TaskTotals = { totalStake: bigint; nodes: number; validators: number; participants: number };

export type TaskView = {
  id: bigint;
  creator: Address;
  metric: number;
  rewardPool: bigint;
  start: number;
  title: string;
  description: string;
  baseModel: string;
  dataURI: string;
  evalSetURI: string;
  /** sha256 of the public evaluation set's bytes, stored at creation: scorers check the fetched set against it. */
  evalSetHash: Hex;
  finalEvalURI?: string;
  /** sha256 of the held-back set's bytes, revealed with its URI (null until then). */
  heldBackEvalSetHash: Hex | null;
  config?: TaskConfigView;
  contextLength?: number;
  maxParams?: bigint;
  cancelled: boolean;
  participants: Map<Address, ParticipantView>;
  epochs: Map<number, EpochResultView>;
  nodeResults: NodeResult[];
  validatorResults: ValidatorResult[];
  reveals: Reveal[];
  commits: { epoch: number; validator: Address }[];
  delegatorRewards: DelegatorReward[];
  harvests: { delegatee: Address; delegator: Address; amount: bigint; block: bigint }[];
  challenges: Map<bigint, ChallengeView>;
  /** Per epoch: the block whose hash becomes its seed (`drawSeed`), and the seed once recorded. */
  seeds: Map<number, { seedBlock?: bigint; seed?: Hex }>;
  /** Set when `participants` is a part of them (lib/indexer/trim.ts): the totals over all of them. */
  totals?: TaskTotals;
};

export type ArenaIndex = {
  tasks: Map<bigint, TaskView>;
  claims: { account: Address; amount: bigint; fee: bigint; block: bigint }[];
  challengeTask: Map<bigint, bigint>;
};
