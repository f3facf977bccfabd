import { enums } from "../../contracts-abi/protocol";

/**
 * The contract's TargetStatus enum (contracts/targets/IArenaTargets.sol, generated into contracts-abi/protocol.ts),
 * in order and lower-cased: `TARGET_STATUS[status]` names an on-chain value.
 */
export type ChainStatus = Lowercase<(typeof enums.TargetStatus)[number]>;
export const TARGET_STATUS: readonly ChainStatus[] = enums.TargetStatus.map(
  (s) => s.toLowerCase() as ChainStatus,
);
/** On-chain values by name (`TARGET_STATUS_VALUE.filled` is TargetStatus.Filled). */
export const TARGET_STATUS_VALUE = Object.fromEntries(TARGET_STATUS.map((s, i) => [s, i])) as Record<
  ChainStatus,
  number
>;

/** What a user sees: the chain status refined by time. */
export type TargetPhase = "open" | "expired" | "in-audit" | "claimable" | "claimed" | "fraudulent";

export function targetPhase(
  status: number,
  targetEpoch: bigint,
  fillEpoch: bigint | undefined,
  currentEpoch: bigint,
): TargetPhase {
  const chain = TARGET_STATUS[status] ?? "none";
  if (chain === "open") return targetEpoch < currentEpoch ? "expired" : "open";
  if (chain === "filled")
    return fillEpoch !== undefined && currentEpoch >= fillEpoch + 2n ? "claimable" : "in-audit";
  if (chain === "claimed" || chain === "fraudulent" || chain === "expired") return chain;
  return "expired";
}

/** How /targets names each phase. */
export const PHASE_LABEL: Record<TargetPhase, string> = {
  open: "Open",
  expired: "Expired",
  "in-audit": "Filled, in audit",
  claimable: "Filled, claimable",
  claimed: "Claimed",
  fraudulent: "Fraudulent",
};

/** Each phase's badge colours (Tailwind classes). */
export const PHASE_STYLE: Record<TargetPhase, string> = {
  open: "bg-teal-50 text-teal-800",
  expired: "bg-zinc-100 text-zinc-600",
  "in-audit": "bg-amber-50 text-amber-900",
  claimable: "bg-sky-50 text-sky-900",
  claimed: "bg-zinc-100 text-zinc-700",
  fraudulent: "bg-rose-50 text-rose-800",
};

/** The filters of /targets: "filled" covers everything that was filled. */
export type TargetFilter = "all" | "open" | "filled" | "claimable" | "expired";

export function matchesFilter(phase: TargetPhase, filter: TargetFilter): boolean {
  if (filter === "all") return true;
  if (filter === "filled") return phase === "in-audit" || phase === "claimable" || phase === "claimed";
  if (filter === "expired") return phase === "expired";
  return phase === filter;
}
