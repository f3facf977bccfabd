import type { Address, Hex } from "viem";

/**
 * Builds what the pages show from the protocol's events (every state change emits one, docs/ARCHITECTURE.md §3):
 * tasks, participants, submissions, settlements, delegations, challenges and claims. Pure: it takes decoded
 * logs in chain order and returns plain data; live balances (claimable, stake at an epoch) are read separately.
 */

export type ArenaEvent = {
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
};

export type TaskConfigView = {
  epochLength: number;
  commitWindow: number;
  revealWindow: number;
  submissionEpochs: number;
  finalEpochs: number;
  challengeEpochs: number;
  unbondingEpochs: number;
  validatorsPerSubmission: number;
  maxAssignmentsPerEpoch: number;
  maxNodes: number;
  metric: number;
  minNodeStake: bigint;
  minValidatorStake: bigint;
  challengeBond: bigint;
  mechanism: { gamma: bigint; q: bigint; alphaT: bigint; lambdaV: bigint; alphaV: bigint; beta: bigint };
};

export type Submission = { epoch: number; nodeIndex: number; uri: string; contentHash: Hex; block: bigint };

export type ParticipantView = {
  account: Address;
  role: "node" | "validator";
  ownStake: bigint;
  delegated: bigint;
  delegators: Map<Address, bigint>;
  rewardShare: bigint;
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
export type Reveal = {
  epoch: number;
  validator: Address;
  nodeIndices: readonly bigint[];
  scores: readonly number[];
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
  finalEvalURI?: string;
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

const ROLE_NAMES = { 1: "node", 2: "validator" } as const;

function participant(task: TaskView, account: Address, role?: number): ParticipantView {
  let p = task.participants.get(account);
  if (!p) {
    p = {
      account,
      role: role === 2 ? "validator" : "node",
      ownStake: 0n,
      delegated: 0n,
      delegators: new Map(),
      rewardShare: 0n,
      submissions: [],
    };
    task.participants.set(account, p);
  } else if (role === 1 || role === 2) {
    p.role = ROLE_NAMES[role];
  }
  return p;
}

export function emptyIndex(): ArenaIndex {
  return { tasks: new Map(), claims: [], challengeTask: new Map() };
}

/** Folds events (in chain order) into the index. */
export function indexEvents(events: readonly ArenaEvent[], index: ArenaIndex = emptyIndex()): ArenaIndex {
  for (const e of events) applyEvent(index, e);
  return index;
}

function applyEvent(index: ArenaIndex, e: ArenaEvent): void {
  const a = e.args;
  const taskOf = (id: unknown) => index.tasks.get(id as bigint);
  switch (e.eventName) {
    case "TaskCreated":
      index.tasks.set(a.taskId as bigint, {
        id: a.taskId as bigint,
        creator: a.creator as Address,
        metric: Number(a.metric),
        rewardPool: a.rewardPool as bigint,
        start: Number(a.start),
        title: "",
        description: "",
        baseModel: "",
        dataURI: "",
        evalSetURI: "",
        cancelled: false,
        participants: new Map(),
        epochs: new Map(),
        nodeResults: [],
        validatorResults: [],
        reveals: [],
        commits: [],
        delegatorRewards: [],
        harvests: [],
        challenges: new Map(),
        seeds: new Map(),
      });
      return;
    case "TaskDescribed": {
      const t = taskOf(a.taskId);
      if (!t) return;
      t.title = a.title as string;
      t.description = a.description as string;
      t.baseModel = a.baseModel as string;
      t.dataURI = a.dataURI as string;
      t.evalSetURI = a.evalSetURI as string;
      return;
    }
    case "TaskConfigured": {
      const t = taskOf(a.taskId);
      if (!t) return;
      t.config = a.config as TaskConfigView;
      t.contextLength = Number(a.contextLength);
      t.maxParams = a.maxParams as bigint;
      return;
    }
    case "TaskCancelled": {
      const t = taskOf(a.taskId);
      if (t) t.cancelled = true;
      return;
    }
    case "FinalEvalRevealed": {
      const t = taskOf(a.taskId);
      if (t) t.finalEvalURI = a.evalSetURI as string;
      return;
    }
    case "Staked": {
      const t = taskOf(a.taskId);
      if (!t) return;
      participant(t, a.account as Address, Number(a.role)).ownStake = a.total as bigint;
      return;
    }
    case "UnstakeRequested": {
      const t = taskOf(a.taskId);
      if (!t) return;
      participant(t, a.account as Address).ownStake = a.remaining as bigint;
      return;
    }
    case "Delegated":
    case "Undelegated": {
      const t = taskOf(a.taskId);
      if (!t) return;
      const p = participant(t, a.delegatee as Address);
      const sign = e.eventName === "Delegated" ? 1n : -1n;
      const delegator = a.delegator as Address;
      const next = (p.delegators.get(delegator) ?? 0n) + sign * (a.amount as bigint);
      if (next > 0n) p.delegators.set(delegator, next);
      else p.delegators.delete(delegator);
      p.delegated += sign * (a.amount as bigint);
      return;
    }
    case "RewardShareSet": {
      const t = taskOf(a.taskId);
      if (t) participant(t, a.delegatee as Address).rewardShare = a.rewardShare as bigint;
      return;
    }
    case "ModelCommitted": {
      const t = taskOf(a.taskId);
      if (!t) return;
      participant(t, a.node as Address, 1).modelCommit = {
        epoch: Number(a.epoch),
        commitment: a.commitment as Hex,
        block: e.blockNumber,
      };
      return;
    }
    case "SeedBlockFixed":
    case "EpochOpened": {
      const t = taskOf(a.taskId);
      if (!t) return;
      const epoch = Number(a.epoch);
      const entry = t.seeds.get(epoch) ?? {};
      if (e.eventName === "SeedBlockFixed") entry.seedBlock = a.seedBlock as bigint;
      else entry.seed = a.seed as Hex;
      t.seeds.set(epoch, entry);
      return;
    }
    case "NodeRewardsForfeited": {
      const t = taskOf(a.taskId);
      if (!t) return;
      participant(t, a.node as Address, 1).forfeited = {
        nodeAmount: a.nodeAmount as bigint,
        delegatorsAmount: a.delegatorsAmount as bigint,
      };
      return;
    }
    case "ModelSubmitted": {
      const t = taskOf(a.taskId);
      if (!t) return;
      const p = participant(t, a.node as Address, 1);
      p.modelCommit = undefined;
      p.nodeIndex = Number(a.nodeIndex);
      p.submissions.push({
        epoch: Number(a.epoch),
        nodeIndex: Number(a.nodeIndex),
        uri: a.uri as string,
        contentHash: a.contentHash as Hex,
        block: e.blockNumber,
      });
      return;
    }
    case "ScoresCommitted":
      taskOf(a.taskId)?.commits.push({ epoch: Number(a.epoch), validator: a.validator as Address });
      return;
    case "ScoresRevealed":
      taskOf(a.taskId)?.reveals.push({
        epoch: Number(a.epoch),
        validator: a.validator as Address,
        nodeIndices: a.nodeIndices as readonly bigint[],
        scores: (a.scores as readonly (number | bigint)[]).map(Number),
      });
      return;
    case "SubmissionSettled":
      taskOf(a.taskId)?.nodeResults.push({
        epoch: Number(a.epoch),
        node: a.node as Address,
        meanScore: a.meanScore as bigint,
        weight: a.weight as bigint,
        reward: a.reward as bigint,
      });
      return;
    case "ValidatorRewarded":
      taskOf(a.taskId)?.validatorResults.push({
        epoch: Number(a.epoch),
        validator: a.validator as Address,
        reward: a.reward as bigint,
      });
      return;
    case "DelegatorsRewarded":
      taskOf(a.taskId)?.delegatorRewards.push({
        epoch: Number(a.epoch),
        delegatee: a.delegatee as Address,
        amount: a.amount as bigint,
        perShare: a.perShare as bigint,
      });
      return;
    case "DelegationRewardsHarvested":
      taskOf(a.taskId)?.harvests.push({
        delegatee: a.delegatee as Address,
        delegator: a.delegator as Address,
        amount: a.amount as bigint,
        block: e.blockNumber,
      });
      return;
    case "EpochSettled":
      taskOf(a.taskId)?.epochs.set(Number(a.epoch), {
        epoch: Number(a.epoch),
        reward: a.reward as bigint,
        rewardNodes: a.rewardNodes as bigint,
        rewardValidators: a.rewardValidators as bigint,
        paid: a.paid as bigint,
        scored: Number(a.scored),
      });
      return;
    case "ChallengeOpened": {
      const t = taskOf(a.taskId);
      if (!t) return;
      const id = a.challengeId as bigint;
      index.challengeTask.set(id, t.id);
      t.challenges.set(id, {
        id,
        taskId: t.id,
        node: a.node as Address,
        challenger: a.challenger as Address,
        bond: a.bond as bigint,
        answerDeadline: Number(a.answerDeadline),
        voteDeadline: Number(a.voteDeadline),
        votes: [],
      });
      return;
    }
    case "ChallengeAnswered":
    case "ChallengeVoted":
    case "ChallengeSettled": {
      const id = a.challengeId as bigint;
      const c = taskOf(index.challengeTask.get(id))?.challenges.get(id);
      if (!c) return;
      if (e.eventName === "ChallengeAnswered") c.proofURI = a.proofURI as string;
      else if (e.eventName === "ChallengeVoted")
        c.votes.push({
          validator: a.validator as Address,
          uphold: a.uphold as boolean,
          weight: a.weight as bigint,
        });
      else c.settled = { upheld: a.upheld as boolean, transferred: a.transferred as bigint };
      return;
    }
    case "Claimed":
      index.claims.push({
        account: a.account as Address,
        amount: a.amount as bigint,
        fee: a.fee as bigint,
        block: e.blockNumber,
      });
      return;
    default:
      return;
  }
}
