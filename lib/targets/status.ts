/** The contract's TargetStatus enum, in order. */
export const TARGET_STATUS = ["none", "open", "filled", "fraudulent", "claimed", "expired"] as const;
export type ChainStatus = (typeof TARGET_STATUS)[number];

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

/** The filters of /targets: "filled" covers everything that was filled. */
export type TargetFilter = "all" | "open" | "filled" | "claimable" | "expired";

export function matchesFilter(phase: TargetPhase, filter: TargetFilter): boolean {
  if (filter === "all") return true;
  if (filter === "filled") return phase === "in-audit" || phase === "claimable" || phase === "claimed";
  if (filter === "expired") return phase === "expired";
  return phase === filter;
}
