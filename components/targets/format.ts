import type { TargetPhase } from "@/lib/targets";

export const PHASE_LABEL: Record<TargetPhase, string> = {
  open: "Open",
  expired: "Expired",
  "in-audit": "Filled, in audit",
  claimable: "Filled, claimable",
  claimed: "Claimed",
  fraudulent: "Fraudulent",
};

export const PHASE_STYLE: Record<TargetPhase, string> = {
  open: "bg-teal-50 text-teal-800",
  expired: "bg-zinc-100 text-zinc-600",
  "in-audit": "bg-amber-50 text-amber-900",
  claimable: "bg-sky-50 text-sky-900",
  claimed: "bg-zinc-100 text-zinc-700",
  fraudulent: "bg-rose-50 text-rose-800",
};

/** Micro units → a 4-decimal number. */
export const micro = (v: bigint): string => (Number(v) / 1e6).toFixed(4);
