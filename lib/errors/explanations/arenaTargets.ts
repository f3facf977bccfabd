import type { arenaTargetsAbi } from "../../../contracts-abi/ArenaTargets";
import { formatMicro } from "../../targets/submission";
import { BLOCKHASH_WINDOW } from "../../targets/rules";
import { TARGET_STATUS } from "../../targets/status";
import { asBigInt, count, epoch, num, short, tokens, type Explainers } from "../render";
import type { SharedErrorName } from "./shared";
import { microToNumber } from "../../units";
import { formatNumber } from "../../format";

const status = (v: unknown): string => TARGET_STATUS[Number(asBigInt(v))] ?? "in an unknown state";
const bpb = (v: bigint): string => `${formatNumber(microToNumber(v), 4)} bits/byte`;

/** ArenaTargets' errors (contracts/targets/IArenaTargets.sol and TargetMath), in words. */
export const ARENA_TARGETS: Explainers<typeof arenaTargetsAbi, SharedErrorName> = {
  ZeroParameter: ({ name }) => `The targets market's ${name} must not be zero.`,
  ParameterOutOfRange: ({ name, value }) =>
    `${name} = ${num(value)} is outside the range the market accepts.`,
  StakeTooLow: ({ stake, minimum }) => `A stake of ${tokens(stake)} is below the minimum ${tokens(minimum)}.`,
  DuplicateModel: ({ artifactHash, modelId }) =>
    `A model with artifact hash ${short(artifactHash)} is already registered as model #${num(modelId)}.`,
  EmptyArtifactUri: () => "The model has no artifact URI: upload it first.",
  TooManyActiveModels: ({ max }) => `The market already has its maximum of ${count(max, "active model")}.`,
  UnknownModel: ({ modelId }) => `There is no model #${num(modelId)}.`,
  NotModelOwner: ({ modelId, caller }) =>
    `Only the owner of model #${num(modelId)} may do this, not ${short(caller)}.`,
  ModelNotActive: ({ modelId }) => `Model #${num(modelId)} is not active.`,
  NoActiveModels: () => "No model is registered and active, so targets cannot be assigned.",
  EpochAlreadyOpen: ({ epoch: e }, ctx) => `${cap(epoch(e, ctx))} is already open.`,
  EpochNotOpen: ({ epoch: e }, ctx) => `${cap(epoch(e, ctx))} has not been opened yet: open it first.`,
  UnknownTarget: ({ targetId }) => `There is no target #${num(targetId)}.`,
  TargetNotOpen: ({ targetId, status: s }) =>
    `Target #${num(targetId)} is ${status(s)}, no longer open for submissions.`,
  TargetEpochOver: ({ targetId, targetEpoch, currentEpoch }) =>
    `Target #${num(targetId)} belonged to epoch ${num(targetEpoch)}; it is epoch ${num(currentEpoch)} now, so it has expired.`,
  TargetEpochNotOver: ({ targetId, targetEpoch }, ctx) =>
    `Target #${num(targetId)} stays open until epoch ${num(targetEpoch)} ends (then ${epoch(targetEpoch + 1n, ctx)}).`,
  EmptyDataUri: () => "The data has no URI: upload it first.",
  DataSizeOutOfRange: ({ size, maxDataSize }) =>
    `The data is ${num(size)} bytes; targets accept between 1 and ${num(maxDataSize)} bytes.`,
  ModelNotAssigned: ({ targetId, modelId }) =>
    `Model #${num(modelId)} is not assigned to target #${num(targetId)}.`,
  DistanceMismatch: ({ claimed, computed }) =>
    `The contract computed distance ${formatMicro(computed)} from the embedding, not the ${formatMicro(claimed)} sent.`,
  OutsideThreshold: ({ distance, threshold }) =>
    `Your data lands at distance ${formatMicro(distance)}, outside the threshold ${formatMicro(threshold)}.`,
  TargetNotFilled: ({ targetId, status: s }) => `Target #${num(targetId)} is ${status(s)}, not filled.`,
  NotAuditEpoch: ({ targetId, auditEpoch, currentEpoch }, ctx) =>
    `Target #${num(targetId)} is audited in ${epoch(auditEpoch, ctx)}; it is epoch ${num(currentEpoch)} now.`,
  NotAuditor: ({ targetId, caller, auditor }) =>
    `Only the drawn auditor (${short(auditor)}) may confirm target #${num(targetId)}, not ${short(caller)}; any validator of the fill may report it.`,
  NotEligibleValidator: ({ account, epoch: e }, ctx) =>
    `${short(account)} is not a validator eligible to audit in ${epoch(e, ctx)}.`,
  AlreadyReported: ({ targetId, validator }) =>
    `Target #${num(targetId)} already has a report from ${short(validator)} (or an open report).`,
  AuditAlreadyConfirmed: ({ targetId }) => `The audit of target #${num(targetId)} is already confirmed.`,
  ClaimTooEarly: ({ targetId, claimableFromEpoch }, ctx) =>
    `Target #${num(targetId)} can be claimed from ${epoch(claimableFromEpoch, ctx)}, after its audit epoch.`,
  AlreadyValidator: ({ account }) => `${short(account)} is already a targets validator.`,
  NotValidator: ({ account }) => `${short(account)} is not a targets validator.`,
  TooManyValidators: ({ max }) => `The market already has its maximum of ${count(max, "validator")}.`,
  AlreadyExiting: ({ account, exitEpoch }, ctx) =>
    `${short(account)} is already leaving: it audits until ${epoch(exitEpoch, ctx)} ends.`,
  StillBonded: ({ account, withdrawableFromEpoch }, ctx) =>
    `The stake of ${short(account)} is still bonded for its last audits: it can be withdrawn from ${epoch(withdrawableFromEpoch, ctx)}.`,
  NotExiting: ({ account }) =>
    `${short(account)} has not started leaving: exit first, then withdraw after the bond.`,
  SeedNotRequested: ({ epoch: e }) =>
    `Epoch ${num(e)}'s seed block is not fixed yet: take step 1 (fix the seed block) first.`,
  SeedAlreadyRequested: ({ epoch: e, seedBlock }) =>
    `Epoch ${num(e)}'s seed block is already fixed (block ${num(seedBlock)}); read it with step 2 once it exists.`,
  SeedNotReady: ({ epoch: e, seedBlock }) =>
    `Epoch ${num(e)}'s seed block ${num(seedBlock)} is not produced yet; wait for the next block, then try again.`,
  SeedExpired: ({ epoch: e, seedBlock }) =>
    `Seed block ${num(seedBlock)} of epoch ${num(e)} went unread for ${num(BLOCKHASH_WINDOW)} blocks and its hash is gone: fix a new one (step 1).`,
  SeedDrawPending: ({ epoch: e, seedBlock }) =>
    `Epoch ${num(e)}'s seed (block ${num(seedBlock)}) is fixed but not read yet; nothing it decides may change until then. Open the epoch first.`,
  NoCommitment: ({ targetId, submitter }) =>
    `No commitment of ${short(submitter)} from an earlier block matches this submission to target #${num(targetId)}: commit first.`,
  CommitTooRecent: ({ targetId, commitBlock }) =>
    `Your commitment to target #${num(targetId)} is from block ${num(commitBlock)}; reveal it in a later block.`,
  AlreadyCommitted: ({ commitment }) => `Commitment ${short(commitment)} was already made; use a new salt.`,
  FillCapReached: ({ submitter, epoch: e, maxFills }) =>
    `${short(submitter)} already filled ${count(maxFills, "target")} in epoch ${num(e)}, the most one address may fill per epoch.`,
  LossOutOfRange: ({ loss, maxLoss }) =>
    `A loss of ${bpb(loss)} is above the largest accepted, ${bpb(maxLoss)}.`,
  NoAuditorYet: ({ targetId, auditEpoch }) =>
    `Target #${num(targetId)}'s auditor is drawn with epoch ${num(auditEpoch)}'s seed, which is not drawn yet.`,
  NotOwner: ({ caller }) => `${short(caller)} is not the targets market's owner.`,
  WrongDimension: ({ got, expected }) =>
    `The vector has ${num(got)} dimensions; the market expects ${num(expected)}.`,
  ZeroVector: () => "The embedding is all zeros, so it has no direction to compare.",
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
