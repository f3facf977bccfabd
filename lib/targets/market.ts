import type { Address, PublicClient } from "viem";
import { arenaTargetsAbi } from "@/contracts-abi";
import type { TargetModelView, TargetRowView, TargetSubmitterView } from "@/lib/indexer/targets";
import { targetPhase, type TargetPhase } from "@/lib/targets";
import {
  localModelId,
  toEpoch,
  toSubmission,
  toTarget,
  type EpochInfo,
  type SubmissionInfo,
  type TargetReturn,
  type TargetState,
} from "@/lib/targets/reads";

export { localModelId, type EpochInfo, type SubmissionInfo, type TargetState };

/**
 * Named, typed reads of ArenaTargets: what must be exact at this block (the epoch, the seed draw, a target's
 * status and submission before an action). History and aggregates come from the indexer (lib/indexer/targets.ts).
 */

export type TargetInfo = {
  id: bigint;
  reward: bigint;
  epoch: bigint;
  threshold: bigint;
  status: number;
  phase: TargetPhase;
  models: number[];
  submission?: SubmissionInfo;
};

export type ModelInfo = {
  id: number;
  owner: Address;
  active: boolean;
  stake: bigint;
  artifactUri: string;
  /** The shipped model id when the artifact is one of /models/<id>/, the name shown everywhere. */
  name: string;
  localId?: string;
  assigned: number;
  wins: number;
  lossSum: bigint;
  distanceSum: bigint;
  rewards: bigint;
};

/** The market as it is at the latest block: parameters, the clock and the current epoch's seed draw. */
export type MarketLive = {
  address: Address;
  currentEpoch: bigint;
  now: bigint;
  genesis: bigint;
  epochLength: bigint;
  dimension: number;
  bondPerByte: bigint;
  /** The least bond of a submission, whatever its size. */
  minBond: bigint;
  /** Targets one address may fill per epoch. */
  maxFills: number;
  maxDataSize: number;
  /** The latest block, and the block fixed for the current epoch's seed (0 while none). */
  blockNumber: bigint;
  seedBlock: bigint;
  /** Whether the current epoch's targets are out (its seed was drawn). */
  currentEpochOpened: boolean;
};

/** Every target, model and submitter read from the chain (the portfolio's holdings use it). */
export type MarketSnapshot = Omit<MarketLive, "currentEpochOpened"> & {
  targets: TargetInfo[];
  epochs: EpochInfo[];
  models: ModelInfo[];
  submitters: TargetSubmitterView[];
};

/** Seconds until the end of `epoch`. */
export function secondsLeft(
  market: Pick<MarketLive, "genesis" | "epochLength" | "now">,
  epoch: bigint,
): number {
  return Number(market.genesis + (epoch + 1n) * market.epochLength - market.now);
}

export function withPhase(t: TargetState, submission: SubmissionInfo | undefined, currentEpoch: bigint) {
  const phase = targetPhase(t.status, t.epoch, submission?.fillEpoch, currentEpoch);
  return { ...t, phase, ...(submission ? { submission } : {}) } satisfies TargetInfo;
}

/** A target row of the indexer, in the page's terms, its phase at the chain's current epoch. */
export function rowPhase(row: TargetRowView, currentEpoch: bigint): TargetPhase {
  const fillEpoch = row.fillEpoch === null ? undefined : BigInt(row.fillEpoch);
  return targetPhase(row.status, BigInt(row.epoch), fillEpoch, currentEpoch);
}

/** A model of the indexer with the name the pages show. */
export function toModelInfo(m: TargetModelView): ModelInfo {
  const localId = localModelId(m.artifactUri);
  return { ...m, name: localId ?? `model #${m.id}`, ...(localId ? { localId } : {}) };
}

/** The market's parameters, clock and seed draw at the latest block, in two rounds of batched reads. */
export async function readMarketLive(client: PublicClient, address: Address): Promise<MarketLive> {
  const c = { abi: arenaTargetsAbi, address } as const;
  const [currentEpoch, genesis, config, minBond, maxFills, block] = await Promise.all([
    client.readContract({ ...c, functionName: "currentEpoch" }),
    client.readContract({ ...c, functionName: "genesis" }),
    client.readContract({ ...c, functionName: "config" }),
    client.readContract({ ...c, functionName: "minBond" }),
    client.readContract({ ...c, functionName: "maxFillsPerSubmitter" }),
    client.getBlock(),
  ]);
  const [seedBlock, epoch] = await Promise.all([
    client.readContract({ ...c, functionName: "seedBlock", args: [currentEpoch] }),
    client.readContract({ ...c, functionName: "epochs", args: [currentEpoch] }),
  ]);
  return {
    address,
    currentEpoch,
    now: block.timestamp,
    genesis,
    epochLength: config.epochLength,
    dimension: config.dimension,
    bondPerByte: config.bondPerByte,
    minBond,
    maxFills: Number(maxFills),
    maxDataSize: config.maxDataSize,
    blockNumber: block.number,
    seedBlock,
    currentEpochOpened: toEpoch(currentEpoch, epoch).opened,
  };
}

/** Targets and their submissions as the chain has them now, in one multicall. */
export async function readTargets(
  client: PublicClient,
  address: Address,
  ids: readonly bigint[],
  currentEpoch: bigint,
): Promise<TargetInfo[]> {
  if (ids.length === 0) return [];
  const c = { abi: arenaTargetsAbi, address } as const;
  const raw = await client.multicall({
    contracts: ids.flatMap(
      (id) =>
        [
          { ...c, functionName: "targets", args: [id] },
          { ...c, functionName: "submissions", args: [id] },
        ] as const,
    ),
    allowFailure: false,
  });
  return ids.map((id, i) => {
    const target = toTarget(id, raw[2 * i] as TargetReturn<"targets">);
    return withPhase(target, toSubmission(raw[2 * i + 1] as TargetReturn<"submissions">), currentEpoch);
  });
}

/**
 * Targets, epochs, models and submitters from the chain's own views (the portfolio's holdings use it). Every
 * target and epoch by default, which grows with the market's age: pass `targetIds` (e.g. those the indexer's
 * /v1/targets/account/:address names) to read only those targets and the current epoch.
 */
export async function readMarket(
  client: PublicClient,
  address: Address,
  targetIds?: readonly bigint[],
): Promise<MarketSnapshot> {
  const c = { abi: arenaTargetsAbi, address } as const;
  const [live, count, modelCount] = await Promise.all([
    readMarketLive(client, address),
    client.readContract({ ...c, functionName: "targetCount" }),
    client.readContract({ ...c, functionName: "modelCount" }),
  ]);
  const ids = targetIds ?? Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const modelIds = Array.from({ length: Number(modelCount) }, (_, i) => BigInt(i + 1));
  const epochIds = targetIds
    ? [live.currentEpoch]
    : Array.from({ length: Number(live.currentEpoch) + 1 }, (_, i) => BigInt(i));
  const [targets, rawEpochs, rawModels, rawStats] = await Promise.all([
    readTargets(client, address, ids, live.currentEpoch),
    client.multicall({
      contracts: epochIds.map((e) => ({ ...c, functionName: "epochs", args: [e] }) as const),
      allowFailure: false,
    }),
    client.multicall({
      contracts: modelIds.map((id) => ({ ...c, functionName: "getModel", args: [id] }) as const),
      allowFailure: false,
    }),
    client.multicall({
      contracts: modelIds.map((id) => ({ ...c, functionName: "modelStats", args: [id] }) as const),
      allowFailure: false,
    }),
  ]);
  const models = modelIds.map((id, i): ModelInfo => {
    const [m] = rawModels[i]!;
    const [assigned, wins, lossSum, distanceSum, rewards] = rawStats[i]!;
    return toModelInfo({
      id: Number(id),
      owner: m.owner,
      active: m.active,
      stake: m.stake,
      artifactUri: m.artifactUri,
      assigned,
      wins,
      lossSum,
      distanceSum,
      rewards,
    });
  });
  const submitterAddresses = [
    ...new Set(targets.flatMap((t) => (t.submission ? [t.submission.submitter] : []))),
  ];
  const rawSubmitters = await client.multicall({
    contracts: submitterAddresses.map((a) => ({ ...c, functionName: "submitterStats", args: [a] }) as const),
    allowFailure: false,
  });
  const { currentEpochOpened: _opened, ...params } = live;
  void _opened;
  return {
    ...params,
    targets,
    epochs: epochIds.map((epoch, i) => toEpoch(epoch, rawEpochs[i]!)),
    models,
    submitters: submitterAddresses.map((address, i) => {
      const [filled, bytes, rewards] = rawSubmitters[i]!;
      return { address, filled, bytes, rewards };
    }),
  };
}
