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
    `Only the drawn auditor (${String(auditor)}) may open the audit of target #${big(id)}.`,
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
});
