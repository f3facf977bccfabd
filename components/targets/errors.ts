import { registerCustomErrorExplainers } from "@/lib/errors/customErrors";
import { formatTokenAmount } from "@/lib/format";
import { formatDistance, TARGET_STATUS } from "@/lib/targets";

const big = (v: unknown): bigint => (typeof v === "bigint" ? v : typeof v === "number" ? BigInt(v) : 0n);
const status = (v: unknown): string => TARGET_STATUS[Number(big(v))] ?? "unknown";

/** Plain-language explanations of ArenaTargets' custom errors (their names and arguments are shown too). */
registerCustomErrorExplainers({
  TargetNotOpen: ([id, s]) => `Target #${big(id)} is ${status(s)}, no longer open for submissions.`,
  TargetEpochOver: ([id, epoch, now]) =>
    `Target #${big(id)} belonged to epoch ${big(epoch)}; it is epoch ${big(now)} now, so it has expired.`,
  TargetEpochNotOver: ([id, epoch]) => `Target #${big(id)} stays open until epoch ${big(epoch)} ends.`,
  OutsideThreshold: ([distance, threshold]) =>
    `Your data lands at distance ${formatDistance(big(distance))}, outside the threshold ${formatDistance(big(threshold))}.`,
  DistanceMismatch: ([claimed, computed]) =>
    `The contract computed distance ${formatDistance(big(computed))} from the embedding, not the ${formatDistance(big(claimed))} sent.`,
  ModelNotAssigned: ([id, model]) => `Model #${big(model)} is not assigned to target #${big(id)}.`,
  DataSizeOutOfRange: ([size, max]) =>
    `The data is ${big(size)} bytes; targets accept between 1 and ${big(max)} bytes.`,
  EmptyDataUri: () => "The data has no URI: upload it first.",
  UnknownTarget: ([id]) => `There is no target #${big(id)}.`,
  TargetNotFilled: ([id, s]) => `Target #${big(id)} is ${status(s)}, not filled.`,
  NotAuditEpoch: ([id, audit, now]) =>
    `Target #${big(id)} is audited in epoch ${big(audit)}; it is epoch ${big(now)} now.`,
  NotAuditor: ([id, , auditor]) =>
    `Only the drawn auditor (${String(auditor)}) may confirm target #${big(id)}; any validator of the fill may report it.`,
  NotEligibleValidator: ([account, epoch]) =>
    `${String(account)} is not a validator eligible to audit in epoch ${big(epoch)}.`,
  AlreadyReported: ([id]) => `Target #${big(id)} already has your report (or an open report).`,
  AuditAlreadyConfirmed: ([id]) => `The audit of target #${big(id)} is already confirmed.`,
  ClaimTooEarly: ([id, from]) =>
    `Target #${big(id)} can be claimed from epoch ${big(from)}, after its audit epoch.`,
  EpochNotOpen: ([epoch]) => `Epoch ${big(epoch)} has not been opened yet: open it first.`,
  StakeTooLow: ([stake, min]) =>
    `A stake of ${formatTokenAmount(big(stake))} ARENA is below the minimum ${formatTokenAmount(big(min))}.`,
  NoActiveModels: () => "No model is registered and active, so targets cannot be assigned.",
  SeedNotRequested: ([epoch]) =>
    `Epoch ${big(epoch)}'s seed block is not fixed yet: take step 1 (fix the seed block) first.`,
  SeedAlreadyRequested: ([epoch, block]) =>
    `Epoch ${big(epoch)}'s seed block is already fixed (#${big(block)}); read it with step 2 once it exists.`,
  SeedNotReady: ([epoch, block]) =>
    `Epoch ${big(epoch)}'s seed block #${big(block)} is not produced yet; wait for the next block, then try again.`,
  SeedExpired: ([epoch, block]) =>
    `Seed block #${big(block)} of epoch ${big(epoch)} went unread for 256 blocks and its hash is gone: fix a new one (step 1).`,
  NoCommitment: ([id]) =>
    `No commitment of yours from an earlier block matches this submission to target #${big(id)}: commit first.`,
  CommitTooRecent: ([id, block]) =>
    `Your commitment to target #${big(id)} is from block #${big(block)}; reveal it in a later block.`,
  AlreadyCommitted: () => "This exact commitment was already made; use a new salt.",
  FillCapReached: ([, epoch, max]) =>
    `You already filled ${big(max)} targets in epoch ${big(epoch)}, the most one address may fill per epoch.`,
  LossOutOfRange: ([loss, max]) =>
    `A loss of ${Number(big(loss)) / 1e6} bits/byte is above the largest accepted, ${Number(big(max)) / 1e6}.`,
  NoAuditorYet: ([id, epoch]) =>
    `Target #${big(id)}'s auditor is drawn with epoch ${big(epoch)}'s seed, which is not drawn yet.`,
  NotOwner: ([caller]) => `${String(caller)} is not the targets market's owner.`,
});
