import type { Address, Hex } from "viem";
import { noTaskRecords } from "../../indexer/trim";
import type { ChallengeView, EpochResultView, ParticipantView, TaskConfigView, TaskView } from "../indexer";

/**
 * Typed fixtures of the indexer's views for unit tests: each builder fills every field with an empty or zero
 * value and takes overrides, so a test states only what it is about. Maps can be given as entry lists.
 */

type Entries<K, V> = Map<K, V> | readonly (readonly [K, V])[];
const toMap = <K, V>(entries: Entries<K, V> | undefined): Map<K, V> =>
  entries instanceof Map ? new Map(entries) : new Map(entries ?? []);

export const config = (overrides: Partial<TaskConfigView> = {}): TaskConfigView => ({
  epochLength: 3600,
  commitWindow: 900,
  revealWindow: 900,
  submissionEpochs: 2,
  finalEpochs: 1,
  challengeEpochs: 1,
  unbondingEpochs: 1,
  validatorsPerSubmission: 3,
  maxAssignmentsPerEpoch: 16,
  maxNodes: 64,
  metric: 0,
  minNodeStake: 0n,
  minValidatorStake: 0n,
  challengeBond: 0n,
  mechanism: { gamma: 0n, q: 0n, alphaT: 0n, lambdaV: 0n, alphaV: 0n, beta: 0n },
  ...overrides,
});

export type ParticipantOverrides = Partial<Omit<ParticipantView, "account" | "delegators">> & {
  delegators?: Entries<Address, bigint>;
};

/** A participant; `delegated` defaults to the sum of its delegators' amounts. */
export function participant(account: Address, overrides: ParticipantOverrides = {}): ParticipantView {
  const delegators = toMap(overrides.delegators);
  const sum = [...delegators.values()].reduce((s, v) => s + v, 0n);
  return {
    role: "node",
    ownStake: 0n,
    rewardShare: 0n,
    submissions: [],
    ...overrides,
    account,
    delegators,
    delegated: overrides.delegated ?? sum,
  };
}

export const epochResult = (epoch: number, overrides: Partial<EpochResultView> = {}): EpochResultView => ({
  epoch,
  reward: 0n,
  rewardNodes: 0n,
  rewardValidators: 0n,
  paid: 0n,
  scored: 0,
  ...overrides,
});

export const challenge = (
  id: bigint,
  overrides: Partial<Omit<ChallengeView, "id">> & Pick<ChallengeView, "node" | "challenger">,
): ChallengeView => ({
  taskId: 1n,
  bond: 0n,
  answerDeadline: 0,
  voteDeadline: 0,
  votes: [],
  ...overrides,
  id,
});

export type TaskOverrides = Partial<
  Omit<TaskView, "participants" | "epochs" | "challenges" | "seeds" | "config">
> & {
  /** A full config, or the fields that differ from `config()`'s defaults. */
  config?: Partial<TaskConfigView>;
  participants?: readonly ParticipantView[];
  /** Settled epochs: results, or just their numbers (all-zero results). */
  epochs?: readonly (EpochResultView | number)[];
  challenges?: readonly ChallengeView[];
  seeds?: Entries<number, { seedBlock?: bigint; seed?: `0x${string}` }>;
};

const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

/** A task view (id 1 unless given) with a default config; participants, epochs and challenges as lists. */
export function taskView(overrides: TaskOverrides = {}): TaskView {
  const { participants = [], epochs = [], challenges = [], seeds, config: cfg, ...rest } = overrides;
  return {
    id: 1n,
    creator: ZERO,
    metric: 0,
    rewardPool: 0n,
    start: 0,
    title: "",
    description: "",
    baseModel: "",
    dataURI: "",
    evalSetURI: "",
    evalSetHash: ZERO_HASH,
    heldBackEvalSetHash: null,
    cancelled: false,
    ...noTaskRecords(),
    ...rest,
    config: config(cfg),
    participants: new Map(participants.map((p) => [p.account, p])),
    epochs: new Map(epochs.map((e) => (typeof e === "number" ? epochResult(e) : e)).map((e) => [e.epoch, e])),
    challenges: new Map(challenges.map((c) => [c.id, c])),
    seeds: toMap(seeds),
  };
}
