import { formatTimestamp, formatTokenAmount, shortAddress } from "../format";

type Explainer = (args: readonly unknown[]) => string;

const big = (v: unknown): bigint => (typeof v === "bigint" ? v : typeof v === "number" ? BigInt(v) : 0n);
const num = (v: unknown): string => big(v).toString();
const addr = (v: unknown): string => (typeof v === "string" ? shortAddress(v) : "?");
const tokens = (v: unknown): string => `${formatTokenAmount(big(v))} ARENA`;
const at = (v: unknown): string => formatTimestamp(big(v));
/** Token amounts are 18-decimal wei; counts, epochs and times are shown as they are. */
const value = (name: string, v: unknown): string =>
  /stake|amount|bond|pool/i.test(name) ? tokens(v) : num(v);

/**
 * Plain-language explanations of ArenaTasks' custom errors (contracts/arena/IArena.sol), for people: epochs by
 * number, unix seconds as dates, token amounts in ARENA, addresses shortened. The signature is shown beside them.
 */
export const ARENA_EXPLAINERS: Record<string, Explainer> = {
  InvalidParameter: ([name, v, min, max]) =>
    name === "stake"
      ? `Own plus delegated stake of one address is capped at ${tokens(max)}; this would make it ${tokens(v)}.`
      : `${String(name)} must be between ${value(String(name), min)} and ${value(String(name), max)} (got ${value(String(name), v)}).`,
  WrongPhase: ([taskId]) => `Task #${num(taskId)} is not in the phase this action needs.`,
  NotInWindow: ([epoch, opensAt, closesAt]) =>
    `This is only possible in epoch ${num(epoch)} between ${at(opensAt)} and ${at(closesAt)}.`,
  StakeNotActive: ([epoch, stake, min]) =>
    `Your stake counting in epoch ${num(epoch)} is ${tokens(stake)}; at least ${tokens(min)} is needed (new stake counts from the next epoch).`,
  DuplicateModelHash: ([, usedBy]) =>
    `A model with this content hash was already submitted by ${addr(usedBy)}.`,
  ModelNotCommitted: ([taskId, node]) =>
    `${addr(node)} has not committed to this exact model (URI and hash) in this epoch of task #${num(taskId)}: commit first, then submit in a later block.`,
  ModelCommitTooRecent: ([committedAt, current]) =>
    `The model was committed in block ${num(committedAt)}; the submission must come in a later block (this is block ${num(current)}). Wait for the next block and submit again.`,
  SeedNotDrawn: ([taskId, epoch]) =>
    `Epoch ${num(epoch)} of task #${num(taskId)} has no readable seed yet: draw the seed first, then wait two blocks.`,
  SeedBlockNotReached: ([seedBlock, current]) =>
    `The seed will be the hash of block ${num(seedBlock)}, which does not exist yet (this is block ${num(current)}). Wait a block and try again.`,
  SelfChallenge: ([, node, challenger]) =>
    `${addr(challenger)} cannot challenge ${addr(node)}: a node cannot challenge itself, nor can its delegators.`,
  ChallengeWindowClosed: ([id, closedAt]) => `The window of challenge #${num(id)} closed at ${at(closedAt)}.`,
  ChallengeNotAnswered: ([id]) =>
    `Challenge #${num(id)} has not been answered yet: validators vote once the node answers or its answer window has passed.`,
  ChallengeStillOpen: ([id, resolvableAt]) =>
    `Challenge #${num(id)} can be resolved from ${at(resolvableAt)}, when its vote window is over.`,
  SettlementPending: ([taskId, next]) =>
    `Your previous delegation change in task #${num(taskId)} took effect in an epoch that is not settled yet. Settle epoch ${num(next)} (anyone may), then try again.`,
  ModuleTokenMismatch: ([module, token]) =>
    `Deployment error: module ${addr(module)} was built for another token than ${addr(token)}.`,
  BondTooLow: ([bond, min]) => `The bond is ${tokens(bond)}; this task asks at least ${tokens(min)}.`,
  NotChallengedNode: ([id]) => `Only the challenged node may answer challenge #${num(id)}.`,
  AlreadyAnswered: ([id]) => `Challenge #${num(id)} is already answered.`,
  AlreadyVoted: ([id]) => `You already voted on challenge #${num(id)}.`,
  NoVotingStake: ([id]) => `You had no validator stake counting when challenge #${num(id)} opened.`,
  ChallengeResolved: ([id]) => `Challenge #${num(id)} is already resolved.`,
  ChallengesOpen: ([, node, open]) => `${addr(node)} still has ${num(open)} open challenge(s).`,
  EpochsNotSettled: ([settled, scoring]) =>
    `Only ${num(settled)} of ${num(scoring)} scoring epochs are settled; settle the rest first.`,
  EpochNotOver: ([epoch, endsAt]) => `Epoch ${num(epoch)} ends at ${at(endsAt)}; it can be settled after.`,
  EpochOutOfOrder: ([epoch, next]) =>
    `Epochs settle in order: epoch ${num(next)} comes before ${num(epoch)}.`,
  NothingToClaim: () => "There is nothing to claim yet.",
  NotAssigned: ([epoch, node]) => `Submission #${num(node)} is not assigned to you in epoch ${num(epoch)}.`,
  RevealMismatch: () => "These scores and salt do not match your commitment.",
  NoCommitment: ([epoch]) => `You did not commit scores in epoch ${num(epoch)}.`,
  BelowMinStake: ([amount, min]) => `${tokens(amount)} is below the minimum stake of ${tokens(min)}.`,
  InsufficientStake: ([requested, available]) =>
    `You asked for ${tokens(requested)}; only ${tokens(available)} is there.`,
  UnbondingNotOver: ([release, current]) =>
    `Unbonding ends in epoch ${num(release)} (this is epoch ${num(current)}).`,
  RewardShareChangeTooSoon: ([next]) => `ρ may change once per 30 days; next from ${at(next)}.`,
  CreatorNotEligible: ([, min]) =>
    big(min) > 0n
      ? `To create a task, lock at least ${tokens(min)} or take part in a task first.`
      : "Creating by stake is disabled here: take part in a task first, or ask for the expert role.",
};
