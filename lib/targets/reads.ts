import type { Address, ContractFunctionReturnType, Hex } from "viem";
import type { arenaTargetsAbi } from "../../contracts-abi";
import { shippedFolderIdOf } from "../scoring/modelUri";
import { unpackModels } from "./assignment";

/**
 * ArenaTargets' multi-value views decoded by name, once: what `targets(id)`, `submissions(id)` and `epochs(e)`
 * return as tuples becomes an object here, so no page indexes a tuple by position.
 */

export type TargetReturn<F extends "targets" | "submissions" | "epochs"> = ContractFunctionReturnType<
  typeof arenaTargetsAbi,
  "view",
  F
>;

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

export type TargetState = {
  id: bigint;
  reward: bigint;
  epoch: bigint;
  threshold: bigint;
  /** The contract's TargetStatus (status.ts TARGET_STATUS). */
  status: number;
  models: number[];
};

export type EpochInfo = { epoch: bigint; threshold: bigint; targets: number; fills: number; opened: boolean };

const ZERO = "0x0000000000000000000000000000000000000000";

/** `submissions(id)`; undefined while nobody filled the target. */
export function toSubmission(raw: TargetReturn<"submissions">): SubmissionInfo | undefined {
  const [
    submitter,
    modelId,
    fillEpoch,
    dataSize,
    bond,
    loss,
    distance,
    dataHash,
    auditor,
    confirmed,
    reportStake,
  ] = raw;
  if (submitter === ZERO) return undefined;
  return {
    submitter,
    modelId,
    fillEpoch: BigInt(fillEpoch),
    dataSize,
    bond,
    loss,
    distance,
    dataHash,
    auditor,
    confirmed,
    reportStake,
  };
}

export function toTarget(id: bigint, raw: TargetReturn<"targets">): TargetState {
  const [reward, epoch, threshold, status, packedModels] = raw;
  return {
    id,
    reward,
    epoch: BigInt(epoch),
    threshold: BigInt(threshold),
    status,
    models: unpackModels(packedModels),
  };
}

export function toEpoch(epoch: bigint, raw: TargetReturn<"epochs">): EpochInfo {
  const [, , , threshold, targets, fills, opened] = raw;
  return { epoch, threshold: BigInt(threshold), targets, fills, opened };
}

/** `/models/<id>/onnx/model.onnx` → `<id>`: the models the browser scorer can run from the app itself. */
export function localModelId(artifactUri: string): string | undefined {
  return shippedFolderIdOf(artifactUri);
}
