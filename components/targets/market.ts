import type { Address, Hex, PublicClient } from "viem";
import { arenaTargetsAbi } from "@/contracts-abi";
import { targetPhase, unpackModels, type TargetPhase } from "@/lib/targets";

export type SubmissionInfo = {
  submitter: Address;
  modelId: number;
  fillEpoch: bigint;
  dataSize: number;
  bond: bigint;
  /** Micro bits per byte. */
  loss: bigint;
  /** Micro cosine distance. */
  distance: bigint;
  dataHash: Hex;
  auditor: Address;
  confirmed: boolean;
  reportStake: bigint;
};

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

export type EpochInfo = { epoch: bigint; threshold: bigint; targets: number; fills: number; opened: boolean };

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

export type SubmitterInfo = { address: Address; filled: number; bytes: bigint; rewards: bigint };

export type MarketSnapshot = {
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
  targets: TargetInfo[];
  epochs: EpochInfo[];
  models: ModelInfo[];
  submitters: SubmitterInfo[];
};

const ZERO = "0x0000000000000000000000000000000000000000";

/** `/models/<id>/onnx/model.onnx` → `<id>`: the models the browser scorer can run from the app itself. */
export function localModelId(artifactUri: string): string | undefined {
  return /^\/models\/([\w.-]+)\//.exec(artifactUri)?.[1];
}

/** Whether the current epoch's targets are out (its seed was drawn). */
export function currentEpochOpened(market: MarketSnapshot): boolean {
  return market.epochs.find((e) => e.epoch === market.currentEpoch)?.opened ?? false;
}

/** Seconds until the end of `epoch`. */
export function secondsLeft(market: MarketSnapshot, epoch: bigint): number {
  return Number(market.genesis + (epoch + 1n) * market.epochLength - market.now);
}

/** Everything the targets pages show, read in a few multicalls (the market is small on every chain we serve). */
export async function readMarket(client: PublicClient, address: Address): Promise<MarketSnapshot> {
  const c = { abi: arenaTargetsAbi, address } as const;
  const [count, currentEpoch, genesis, config, modelCount, minBond, maxFills, block] = await Promise.all([
    client.readContract({ ...c, functionName: "targetCount" }),
    client.readContract({ ...c, functionName: "currentEpoch" }),
    client.readContract({ ...c, functionName: "genesis" }),
    client.readContract({ ...c, functionName: "config" }),
    client.readContract({ ...c, functionName: "modelCount" }),
    client.readContract({ ...c, functionName: "minBond" }),
    client.readContract({ ...c, functionName: "maxFillsPerSubmitter" }),
    client.getBlock(),
  ]);
  const seedBlock = await client.readContract({ ...c, functionName: "seedBlock", args: [currentEpoch] });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const modelIds = Array.from({ length: Number(modelCount) }, (_, i) => BigInt(i + 1));
  const epochIds = Array.from({ length: Number(currentEpoch) + 1 }, (_, i) => BigInt(i));
  const [rawTargets, rawSubmissions, rawEpochs, rawModelsInfo, rawStats] = await Promise.all([
    client.multicall({
      contracts: ids.map((id) => ({ ...c, functionName: "targets", args: [id] }) as const),
      allowFailure: false,
    }),
    client.multicall({
      contracts: ids.map((id) => ({ ...c, functionName: "submissions", args: [id] }) as const),
      allowFailure: false,
    }),
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

  const targets = ids.map((id, i): TargetInfo => {
    const [reward, epoch, threshold, status, packedModels] = rawTargets[i]!;
    const s = rawSubmissions[i]!;
    const submission: SubmissionInfo | undefined =
      s[0] === ZERO
        ? undefined
        : {
            submitter: s[0],
            modelId: s[1],
            fillEpoch: BigInt(s[2]),
            dataSize: s[3],
            bond: s[4],
            loss: s[5],
            distance: s[6],
            dataHash: s[7],
            auditor: s[8],
            confirmed: s[9],
            reportStake: s[10],
          };
    return {
      id,
      reward,
      epoch: BigInt(epoch),
      threshold: BigInt(threshold),
      status,
      phase: targetPhase(status, BigInt(epoch), submission?.fillEpoch, currentEpoch),
      models: unpackModels(packedModels),
      ...(submission ? { submission } : {}),
    };
  });

  const models = modelIds.map((id, i): ModelInfo => {
    const [m] = rawModelsInfo[i]!;
    const [assigned, wins, lossSum, distanceSum, rewards] = rawStats[i]!;
    const localId = localModelId(m.artifactUri);
    return {
      id: Number(id),
      owner: m.owner,
      active: m.active,
      stake: m.stake,
      artifactUri: m.artifactUri,
      name: localId ?? `model #${id}`,
      ...(localId ? { localId } : {}),
      assigned,
      wins,
      lossSum,
      distanceSum,
      rewards,
    };
  });

  const submitterAddresses = [
    ...new Set(targets.flatMap((t) => (t.submission ? [t.submission.submitter] : []))),
  ];
  const rawSubmitters = await client.multicall({
    contracts: submitterAddresses.map((a) => ({ ...c, functionName: "submitterStats", args: [a] }) as const),
    allowFailure: false,
  });

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
    targets,
    epochs: epochIds.map((epoch, i) => {
      const [, , , threshold, count, fills, opened] = rawEpochs[i]!;
      return { epoch, threshold: BigInt(threshold), targets: count, fills, opened };
    }),
    models,
    submitters: submitterAddresses.map((address, i) => {
      const [filled, bytes, rewards] = rawSubmitters[i]!;
      return { address, filled, bytes, rewards };
    }),
  };
}
