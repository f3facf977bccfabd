import type { Address } from "viem";
import { splitReward } from "./rules";
import { sameAddress as same } from "../address";
import { TARGET_STATUS_VALUE } from "./status";

const FILLED = TARGET_STATUS_VALUE.filled;

/** A filled target as the chain has it now, with its winning model's owner. */
export type ClaimCandidate = {
  targetId: bigint;
  reward: bigint;
  status: number;
  submitter: Address;
  modelOwner: Address;
  auditor: Address;
  confirmed: boolean;
  bond: bigint;
  fillEpoch: bigint;
};

export type ClaimRow = { targetId: bigint; amount: bigint; role: string };

/**
 * What `account` may claim now, per target: as submitter (45% + the bond), as the winning model's owner (45%)
 * and as the auditor that confirmed (10%). Only filled targets whose audit epoch is over (fillEpoch + 2).
 */
export function claimRows(
  candidates: readonly ClaimCandidate[],
  account: Address,
  currentEpoch: bigint,
): ClaimRow[] {
  return candidates.flatMap((c) => {
    if (c.status !== FILLED || currentEpoch < c.fillEpoch + 2n) return [];
    const asSubmitter = same(c.submitter, account);
    const asOwner = same(c.modelOwner, account);
    const asAuditor = c.confirmed && same(c.auditor, account);
    if (!asSubmitter && !asOwner && !asAuditor) return [];
    const split = splitReward(c.reward, c.confirmed);
    const amount =
      (asSubmitter ? split.toSubmitter + c.bond : 0n) +
      (asOwner ? split.toModel : 0n) +
      (asAuditor ? split.toAuditor : 0n);
    const role = [asSubmitter && "submitter", asOwner && "model owner", asAuditor && "auditor"]
      .filter(Boolean)
      .join(" and ");
    return [{ targetId: c.targetId, amount, role }];
  });
}
