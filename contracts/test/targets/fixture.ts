/** Shared setup of the ArenaTargets contract tests (not a test file: it only exports helpers). */
import { keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import {
  bondFor,
  cosineDistanceMicro,
  generateTarget,
  pack,
  targetSeed,
  unpack,
} from "../../../lib/targets/index.ts";

export const DIM = 96;
export const EPOCH = 86_400n;

export const CONFIG = {
  epochLength: EPOCH,
  dimension: DIM,
  targetsPerEpoch: 4,
  modelsPerTarget: 2,
  maxActiveModels: 4,
  maxValidators: 8,
  rewardPerTarget: parseEther("100"),
  bondPerByte: parseEther("0.01"),
  maxDataSize: 10_000,
  minModelStake: parseEther("1000"),
  minValidatorStake: parseEther("500"),
  initialThreshold: 300_000,
  minThreshold: 20_000,
  maxThreshold: 1_000_000,
  targetFillRate: 500_000,
  emaAlpha: 300_000,
} as const;

/** A deterministic pseudo-random int32 vector around `base` (micro units). */
export function vectorFrom(label: string, base = 400_000, spread = 300_000): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < DIM; i++) {
    const h = BigInt(keccak256(toHex(`${label}:${i}`)));
    out.push(BigInt(base) + (h % BigInt(2 * spread + 1)) - BigInt(spread));
  }
  return out;
}

export const CENTER = vectorFrom("center");
export const SPREAD = 50_000n;

/** Reads a target's embedding off chain from its epoch seed, as lib/targets does. */
export function expectedTarget(epochSeed: Hex, targetId: bigint): bigint[] {
  return generateTarget(targetSeed(epochSeed, targetId), CENTER, SPREAD);
}

/** An embedding at a chosen blend between the target and a far vector, with its exact distance. */
export function embeddingNear(
  target: readonly bigint[],
  farWeight: bigint,
): { packed: Hex; distance: bigint } {
  const far = vectorFrom("far", -400_000);
  const v = target.map((t, i) => (t * (100n - farWeight) + far[i]! * farWeight) / 100n);
  return { packed: pack(v), distance: cosineDistanceMicro(v, target) };
}

export function submitParams(
  targetId: bigint,
  modelId: number,
  embedding: { packed: Hex; distance: bigint },
  dataSize = 1000,
) {
  return {
    targetId,
    dataUri: `sha256:${"ab".repeat(32)}`,
    dataHash: `0x${"ab".repeat(32)}` as Hex,
    dataSize,
    modelId,
    loss: 1_250_000n,
    embedding: embedding.packed,
    distance: embedding.distance,
  };
}

/** The contract's defaults: a quarter of the reward as the least bond, two fills per address and epoch. */
export const MIN_BOND = CONFIG.rewardPerTarget / 4n;
export const MAX_FILLS = 2;
export const bondOf = (size: number) => bondFor(BigInt(size), CONFIG.bondPerByte, MIN_BOND);

export const packedCenter = (): Hex => pack(CENTER);
export const unpackVector = (hex: Hex): bigint[] => unpack(hex, DIM);
export type Accounts = { deployer: Address; others: Address[] };
