import type { MetricName } from "../arena/metric.ts";
import type { MechanismParams } from "../arena/types.ts";

/** A task's metric (lib/arena/metric.ts): its direction orders submissions. */
export type Metric = MetricName;

/** The mechanism parameters of docs/ARCHITECTURE.md §3.1 that settlement reads, as the contract stores them (β is sortition's). */
export type Mechanism = Omit<MechanismParams, "beta">;

/** A node or validator as the epoch sees it: stake counted for the epoch and its reward share ρ (WAD). */
export type Staker = {
  id: string;
  own: bigint;
  delegated: bigint;
  rewardShare: bigint;
};

/** A validator that revealed: its scores (integers in 1e-6 units) by node id. */
export type ScoringValidator = Staker & { scores: ReadonlyMap<string, number> };

export type EpochInput = {
  metric: Metric;
  mechanism: Mechanism;
  /** R₀: the reward of this epoch (see `epochReward`). */
  reward: bigint;
  /** Nodes with a submission this epoch (unscored ones earn nothing). */
  nodes: readonly Staker[];
  /**
   * Validators that revealed, in reveal order and each one's scores in the order revealed (node index
   * ascending): the validator softmax is streamed in this order, as ArenaSettlement does (to the wei).
   */
  validators: readonly ScoringValidator[];
};

/** One pool's earnings F and how they split (docs/ARCHITECTURE.md §3.6). */
export type Payout<T> = {
  id: string;
  /** F: what the pool earned. */
  earned: T;
  /** What the delegatee keeps. */
  kept: T;
  /** What its delegators share. */
  toDelegators: T;
  /** Reward per delegated wei, scaled by 1e18 (fixed mode: the accumulator increment). */
  perShare: T;
};

/** meanScore: fixed mode in 1e-18 units of the metric (as SubmissionSettled emits it), float mode in metric units. */
export type NodePayout<T> = Payout<T> & { meanScore: T; weight: T };

export type EpochResult<T> = {
  rewardNodes: T;
  rewardValidators: T;
  /** Σ earned: what leaves the pool. */
  paid: T;
  nodes: NodePayout<T>[];
  validators: Payout<T>[];
};
