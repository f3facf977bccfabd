import type { arenaTasksAbi } from "../../../contracts-abi/ArenaTasks";
import { REWARD_SHARE_COOLDOWN_TEXT } from "../../arena/delegatees";
import {
  asBigInt,
  count,
  date,
  epoch,
  isUnbounded,
  num,
  percentBps,
  percentWad,
  phase,
  role,
  short,
  span,
  tokens,
  wad,
  type Explainers,
} from "../render";
import type { SharedErrorName } from "./shared";

const TOKEN_PARAMS = new Set(["rewardPool", "minNodeStake", "minValidatorStake", "challengeBond", "stake"]);
const TIME_PARAMS = new Set(["epochLength", "commitWindow", "revealWindow"]);
const TEXT_PARAMS = new Set(["title", "description", "baseModel", "dataURI", "evalSetURI"]);
const HASH_PARAMS = new Set(["evalSetHash", "finalEvalCommit", "commitment", "contentHash"]);
const FRACTION_PARAMS = new Set(["gamma", "q", "alphaT", "alphaV", "beta", "lambdaV"]);

/** A task parameter's value in the unit people set it in. */
function paramValue(name: string, v: bigint): string {
  if (TOKEN_PARAMS.has(name)) return tokens(v);
  if (TIME_PARAMS.has(name)) return span(v);
  if (FRACTION_PARAMS.has(name)) return wad(v);
  return num(v);
}

function invalidParameter(name: string, value: bigint, min: bigint, max: bigint): string {
  if (name === "stake")
    return `Own plus delegated stake of one address is capped at ${tokens(max)} per task; this would make it ${tokens(value)}.`;
  if (HASH_PARAMS.has(name)) return `The ${name} must be set (it is empty or zero).`;
  if (name === "role") return "Choose a role: node or validator.";
  if (name === "maxSteps") return "Settle at least one step at a time.";
  if (TEXT_PARAMS.has(name)) {
    const limit = isUnbounded(max) ? `at least ${num(min)}` : `${num(min)} to ${num(max)}`;
    return `The ${name} must be ${limit} bytes long; it is ${num(value)}.`;
  }
  const range = isUnbounded(max)
    ? `at least ${paramValue(name, min)}`
    : `between ${paramValue(name, min)} and ${paramValue(name, max)}`;
  return `${name} must be ${range}; it is ${paramValue(name, value)}.`;
}

/**
 * ArenaTasks' errors, its modules' included (contracts/arena/IArena.sol), in words: epochs as epochs and, when the
 * task is known, their dates; amounts in ARENA; addresses and hashes short.
 */
export const ARENA_TASKS: Explainers<typeof arenaTasksAbi, SharedErrorName> = {
  InvalidParameter: ({ name, value, min, max }) => invalidParameter(name, value, min, max),
  CreatorNotEligible: ({ minCreatorStake }) =>
    minCreatorStake > 0n
      ? `To create a task, lock a creator stake of at least ${tokens(minCreatorStake)}, or take part in a task first.`
      : "Creating by stake is disabled here: take part in a task first, or ask for the expert role.",
  CreatorStakeTooLow: ({ amount, minCreatorStake }) =>
    `A creator stake of ${tokens(amount)} is below the minimum ${tokens(minCreatorStake)} (or leave it at 0 if you may create without one).`,
  TaskNotFound: ({ taskId }) => `There is no task #${num(taskId)}.`,
  NotTaskCreator: ({ taskId, caller }) =>
    `Only the creator of task #${num(taskId)} may do this, not ${short(caller)}.`,
  TaskHasStakers: ({ taskId, stakerCount }) =>
    `Task #${num(taskId)} cannot be cancelled: ${count(stakerCount, "participant")} already staked.`,
  WrongPhase: ({ taskId, phase: p }) =>
    `Task #${num(taskId)} is in its ${phase(p)} phase, in which this action is not possible.`,
  RoleConflict: ({ taskId, account, existing }) =>
    `${short(account)} is already a ${role(existing)} of task #${num(taskId)}; one address takes one role per task.`,
  WrongRole: ({ taskId, account, required }) =>
    `Only a ${role(required)} of task #${num(taskId)} may do this; ${short(account)} is not one.`,
  ZeroAmount: () => "Enter an amount greater than 0.",
  BelowMinStake: ({ amount, minStake }) =>
    `${tokens(amount)} is below this task's minimum stake of ${tokens(minStake)}.`,
  InsufficientStake: ({ requested, available }) =>
    `You asked for ${tokens(requested)}, but only ${tokens(available)} is staked there.`,
  TooManyNodes: ({ taskId, maxNodes }) =>
    `Task #${num(taskId)} already has its maximum of ${count(maxNodes, "node")}.`,
  UnbondingNotOver: ({ releaseEpoch, currentEpoch }, ctx) =>
    `Your unstaked tokens are still unbonding: they can be withdrawn from ${epoch(releaseEpoch, ctx)}; this is epoch ${num(currentEpoch)}${releaseEpoch > currentEpoch ? `, ${count(releaseEpoch - currentEpoch, "epoch")} to go` : ""}.`,
  NothingToWithdraw: () => "There is nothing to withdraw here: nothing is unbonding or released.",
  SelfDelegation: () => "You cannot delegate to yourself.",
  TooManyDelegations: ({ taskId, max }) =>
    `You already delegate to ${count(max, "participant")} in task #${num(taskId)}, the most allowed; undelegate from one first.`,
  RewardShareTooHigh: ({ rewardShare }) =>
    `A reward share of ${percentWad(rewardShare)} is above 100 %: choose between 0 % and 100 %.`,
  RewardShareChangeTooSoon: ({ nextAllowedAt }) =>
    `Your reward share (ρ) may change once every ${REWARD_SHARE_COOLDOWN_TEXT}; the next change is possible from ${date(nextAllowedAt)}.`,
  NotInWindow: ({ epoch: e, opensAt, closesAt }, ctx) =>
    `This is only possible in ${epoch(e, ctx)} between ${date(opensAt)} and ${date(closesAt)}.`,
  StakeNotActive: ({ epoch: e, stake, minStake }, ctx) =>
    `Your stake counting in ${epoch(e, ctx)} is ${tokens(stake)}; at least ${tokens(minStake)} is needed. New stake counts from the next epoch.`,
  DuplicateModelHash: ({ contentHash, usedBy }) =>
    `A model with content hash ${short(contentHash)} was already submitted by ${short(usedBy)}.`,
  FinalEvalNotRevealed: ({ taskId }) =>
    `The creator of task #${num(taskId)} has not revealed the held-back evaluation set yet.`,
  FinalEvalMismatch: ({ expected, actual }) =>
    `This held-back set (URI, sha256 of its bytes and salt) hashes to ${short(actual)}, not to ${short(expected)} committed when the task was created: check the URI and the salt, and that the file is the one you committed to.`,
  NoCommitment: ({ epoch: e, validator }, ctx) =>
    `${short(validator)} did not commit scores in ${epoch(e, ctx)}, so there is nothing to reveal.`,
  AlreadyRevealed: ({ epoch: e, validator }, ctx) =>
    `${short(validator)} already revealed its scores for ${epoch(e, ctx)}.`,
  RevealMismatch: ({ committed, revealed }) =>
    `These scores, receipt and salt hash to ${short(revealed)}, which is not your commitment ${short(committed)}: reveal exactly the scores, receipt and salt you committed (import the commit backup of this epoch).`,
  LengthMismatch: ({ ids, scores }) =>
    `${count(ids, "submission")} but ${count(scores, "score")}: give one score per submission.`,
  EmptyReveal: () => "A reveal needs at least one score.",
  MissingReceipt: () =>
    "A reveal needs its scoring receipt (the sha256 of the receipt document uploaded at commit): score your assigned submissions in the browser, or import the commit backup that holds the receipt.",
  TooManyAssignments: ({ count: n, max }) =>
    `${count(n, "score")} is more than the ${num(max)} a validator may give in one epoch.`,
  SubmissionsNotAscending: ({ index }) =>
    `Submissions must be listed by node index, ascending; entry ${num(index)} is out of order.`,
  NoSubmission: ({ epoch: e, nodeIndex }, ctx) =>
    `Node #${num(nodeIndex)} has no submission to score in ${epoch(e, ctx)}.`,
  NotAssigned: ({ epoch: e, nodeIndex, validator }, ctx) =>
    `Submission #${num(nodeIndex)} is not assigned to ${short(validator)} in ${epoch(e, ctx)}.`,
  EpochNotOver: ({ epoch: e, endsAt }) =>
    `Epoch ${num(e)} ends at ${date(endsAt)}; it can be settled after that.`,
  EpochOutOfOrder: ({ epoch: e, nextToSettle }) =>
    `Epochs settle in order: epoch ${num(nextToSettle)} comes before epoch ${num(e)}.`,
  EpochAlreadySettled: ({ epoch: e }) => `Epoch ${num(e)} is already settled.`,
  NotScoringEpoch: ({ epoch: e, scoringEpochs }) =>
    `Epoch ${num(e)} is not a scoring epoch: this task scores epochs 0 to ${num(asBigInt(scoringEpochs) - 1n)}.`,
  EpochsNotSettled: ({ settled, scoringEpochs }) =>
    `Only ${num(settled)} of ${count(scoringEpochs, "scoring epoch")} are settled; settle the rest first (anyone may).`,
  NothingToClaim: ({ account }) =>
    `There is nothing to claim for ${short(account)} right now: no reward is claimable yet (it may already have been claimed, or still be escrowed).`,
  ChallengeNotFound: ({ challengeId }) => `There is no challenge #${num(challengeId)}.`,
  SelfChallenge: ({ node, challenger }) =>
    `${short(challenger)} cannot challenge ${short(node)}: a node cannot challenge itself, nor can its delegators.`,
  ChallengeWindowClosed: ({ challengeId, closedAt }) =>
    `The window of challenge #${num(challengeId)} closed at ${date(closedAt)}.`,
  ChallengeNotAnswered: ({ challengeId }) =>
    `Challenge #${num(challengeId)} has not been answered yet: validators vote once the node answers or its answer window has passed.`,
  ChallengeStillOpen: ({ challengeId, resolvableAt }) =>
    `Challenge #${num(challengeId)} can be resolved from ${date(resolvableAt)}, when its vote window is over.`,
  SettlementPending: ({ taskId, nextToSettle }) =>
    `Your previous delegation change in task #${num(taskId)} took effect in an epoch that is not settled yet. Settle epoch ${num(nextToSettle)} (anyone may), then try again.`,
  SeedNotDrawn: ({ taskId, epoch: e }, ctx) =>
    `${capital(epoch(e, ctx))} of task #${num(taskId)} has no readable seed yet: draw the seed first, then wait two blocks.`,
  SeedBlockNotReached: ({ seedBlock, currentBlock }) =>
    `The seed will be the hash of block ${num(seedBlock)}, which does not exist yet (this is block ${num(currentBlock)}). Wait a block and try again.`,
  ModelNotCommitted: ({ taskId, node }) =>
    `${short(node)} has not committed to this exact model (URI and hash) in this epoch of task #${num(taskId)}: commit first, then submit in a later block.`,
  ModelCommitTooRecent: ({ committedAtBlock, currentBlock }) =>
    `The model was committed in block ${num(committedAtBlock)}; the submission must come in a later block (this is block ${num(currentBlock)}). Wait for the next block and submit again.`,
  ModuleTokenMismatch: ({ module, token }) =>
    `Deployment error: module ${short(module)} was built for another token than ${short(token)}.`,
  BondTooLow: ({ bond, minBond }) =>
    `The bond is ${tokens(bond)}; this task asks at least ${tokens(minBond)}.`,
  NotChallengedNode: ({ challengeId, caller }) =>
    `Only the challenged node may answer challenge #${num(challengeId)}, not ${short(caller)}.`,
  AlreadyAnswered: ({ challengeId }) => `Challenge #${num(challengeId)} is already answered.`,
  AlreadyVoted: ({ challengeId, validator }) =>
    `${short(validator)} already voted on challenge #${num(challengeId)}.`,
  NoVotingStake: ({ challengeId, validator }) =>
    `${short(validator)} had no validator stake counting when challenge #${num(challengeId)} opened, so it cannot vote.`,
  ChallengeResolved: ({ challengeId }) => `Challenge #${num(challengeId)} is already resolved.`,
  ChallengesOpen: ({ taskId, node, open }) =>
    `${short(node)} still has ${count(open, "open challenge")} in task #${num(taskId)}; they must be resolved first.`,
  PoolAlreadyReclaimed: ({ taskId }) => `The unused pool of task #${num(taskId)} was already reclaimed.`,
  FeeTooHigh: ({ feeBps, maxFeeBps }) =>
    `A fee of ${percentBps(feeBps)} is above the maximum ${percentBps(maxFeeBps)}.`,
  ZeroAddress: () => "An address is missing (the zero address was given).",
  OnlyDelegateCall: () => "This module is called through ArenaTasks only, never directly.",
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
