import type { Address, Hex } from "viem";
import { microToNumber } from "../units";
import { formatNumber } from "../format";

/**
 * The targets market's history as the indexer serves it (indexer/src/api/targets.ts), one definition for both
 * ends. Distances, losses and thresholds are micro units; `status` is the contract's TargetStatus enum.
 * What must be exact at this block (the current epoch, a target's live status for an action) is read from the
 * chain instead.
 */

export type TargetModelView = {
  id: number;
  owner: Address;
  artifactUri: string;
  stake: bigint;
  active: boolean;
  assigned: number;
  wins: number;
  lossSum: bigint;
  distanceSum: bigint;
  rewards: bigint;
};

export type TargetEpochView = {
  epoch: number;
  opened: boolean;
  seedBlock: bigint | null;
  threshold: number | null;
  targets: number;
  fills: number;
  /** The fill-rate EMA that set the threshold (micro units): the difficulty. */
  emaFillRate: number | null;
  openedAt: number | null;
};

export type TargetSubmitterView = { address: Address; filled: number; bytes: bigint; rewards: bigint };

/** A target in a list: enough for its row, its phase and the "my submissions" filter. */
export type TargetRowView = {
  id: bigint;
  epoch: number;
  reward: bigint;
  threshold: number;
  models: number[];
  status: number;
  submitter: Address | null;
  fillEpoch: number | null;
};

export type TargetFillView = {
  targetId: bigint;
  submitter: Address;
  modelId: number;
  fillEpoch: number;
  dataHash: Hex;
  dataUri: string;
  dataSize: number;
  loss: bigint;
  distance: bigint;
  bond: bigint;
  block: bigint;
  timestamp: number;
  auditor: Address | null;
  confirmed: boolean;
  reportStake: bigint;
  reports: number;
  bondForfeited: bigint | null;
};

export type TargetReportView = { validator: Address; stake: bigint; reportStake: bigint; block: bigint };

export type TargetClaimView = {
  targetId: bigint;
  submitter: Address;
  modelOwner: Address;
  auditor: Address;
  submitterReward: bigint;
  modelReward: bigint;
  bondReturned: bigint;
  auditorFee: bigint;
  block: bigint;
  timestamp: number;
};

/** GET /v1/targets[?epoch=&submitter=&limit=]: the list page. */
export type TargetsOverview = {
  /** The newest targets first, at most `limit`. */
  targets: TargetRowView[];
  /** Targets matching the filters in all (the list may show fewer). */
  totalTargets: number;
  /** The newest epochs first, at most EPOCH_LIMIT. */
  epochs: TargetEpochView[];
  models: TargetModelView[];
  /** The top submitters by targets filled. */
  submitters: TargetSubmitterView[];
  /** The latest fills and claims, newest first. */
  recentFills: TargetFillView[];
  recentClaims: TargetClaimView[];
};

/** GET /v1/targets/:id: one target with its fill, reports and claim. */
export type TargetHistory = {
  target: TargetRowView;
  fill: TargetFillView | null;
  reports: TargetReportView[];
  claim: TargetClaimView | null;
  models: TargetModelView[];
};

/** GET /v1/targets/account/:address: fills that may pay this address, and what it claimed. */
export type TargetAccountView = {
  /** Filled, unclaimed targets where it is the submitter, the model's owner or the confirmed auditor. */
  pending: { target: TargetRowView; fill: TargetFillView; modelOwner: Address }[];
  claims: TargetClaimView[];
};

export const TARGETS_PAGE_LIMIT = 50;
export const TARGETS_MAX_LIMIT = 500;
export const EPOCH_LIMIT = 60;
export const LEADERBOARD_LIMIT = 50;
export const RECENT_LIMIT = 10;

/** The query string of /v1/targets for the page's filters. */
export function targetsPath(filters: { epoch?: number; submitter?: Address; limit?: number } = {}): string {
  const q = new URLSearchParams();
  if (filters.epoch !== undefined) q.set("epoch", String(filters.epoch));
  if (filters.submitter) q.set("submitter", filters.submitter.toLowerCase());
  if (filters.limit !== undefined) q.set("limit", String(filters.limit));
  const s = q.toString();
  return s ? `/v1/targets?${s}` : "/v1/targets";
}

export type TargetsQuery = { epoch?: number; submitter?: Hex; limit: number };

/** Parses /v1/targets' query; an error names the bad parameter. */
export function parseTargetsQuery(
  params: Record<string, string | undefined>,
): { ok: true; query: TargetsQuery } | { ok: false; error: string } {
  const query: TargetsQuery = { limit: TARGETS_PAGE_LIMIT };
  if (params.epoch !== undefined) {
    if (!/^\d{1,9}$/.test(params.epoch)) return { ok: false, error: "epoch must be a whole number." };
    query.epoch = Number(params.epoch);
  }
  if (params.submitter !== undefined) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(params.submitter))
      return { ok: false, error: "submitter must be an address." };
    query.submitter = params.submitter.toLowerCase() as Hex;
  }
  if (params.limit !== undefined) {
    const n = Number(params.limit);
    if (!/^\d{1,4}$/.test(params.limit) || n < 1 || n > TARGETS_MAX_LIMIT)
      return { ok: false, error: `limit must be a whole number from 1 to ${TARGETS_MAX_LIMIT}.` };
    query.limit = n;
  }
  return { ok: true, query };
}

/** Mean of a micro-unit sum over `n` items, as a 4-decimal number ("—" when none). */
export function meanMicro(sum: bigint, n: number): string {
  return n === 0 ? "—" : formatNumber(microToNumber(sum) / n, 4);
}
