/**
 * The submission and audit rules of ArenaTargets, bit for bit as the contract applies them: the bond, the share
 * of a claimed reward, the commitment a submitter makes before revealing, and the seed draw's two steps.
 */
import { concat, encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { constants } from "../../contracts-abi/protocol";

/** Share of a target's reward paid for its audit, in basis points (ArenaTargets.AUDIT_FEE_BPS, generated). */
export const AUDIT_FEE_BPS = constants.ArenaTargets.AUDIT_FEE_BPS;
/** The largest loss a submission may claim, in micro bits per byte (ArenaTargets.MAX_LOSS, generated). */
export const MAX_LOSS = constants.ArenaTargets.MAX_LOSS;
/** How far back `blockhash` reaches (ArenaTargets.BLOCKHASH_WINDOW, generated). */
export const BLOCKHASH_WINDOW = constants.ArenaTargets.BLOCKHASH_WINDOW;

/** max(bondPerByte × size, minBond), as TargetMath.bondFor. */
export function bondFor(size: bigint, bondPerByte: bigint, minBond: bigint): bigint {
  const bond = bondPerByte * size;
  return bond < minBond ? minBond : bond;
}

export type RewardSplit = { toAuditor: bigint; toSubmitter: bigint; toModel: bigint; toPool: bigint };

/** The audit fee to the auditor that confirmed (else back to the pool), the rest halved, as TargetMath.splitReward. */
export function splitReward(reward: bigint, confirmed: boolean, feeBps = AUDIT_FEE_BPS): RewardSplit {
  const fee = (reward * feeBps) / 10_000n;
  const rest = reward - fee;
  const toSubmitter = rest / 2n;
  return {
    toAuditor: confirmed ? fee : 0n,
    toSubmitter,
    toModel: rest - toSubmitter,
    toPool: confirmed ? 0n : fee,
  };
}

/** What a fraudulent fill pays its reporters (bond + audit fee) and returns to the pool. */
export function forfeitSplit(reward: bigint, bond: bigint, feeBps = AUDIT_FEE_BPS) {
  const fee = (reward * feeBps) / 10_000n;
  return { toReporters: bond + fee, toPool: reward - fee };
}

export type SubmitArgs = {
  targetId: bigint;
  dataUri: string;
  dataHash: Hex;
  dataSize: number;
  modelId: number;
  loss: bigint;
  embedding: Hex;
  distance: bigint;
};

const SUBMIT_INPUTS = [
  {
    type: "tuple",
    components: [
      { name: "targetId", type: "uint256" },
      { name: "dataUri", type: "string" },
      { name: "dataHash", type: "bytes32" },
      { name: "dataSize", type: "uint32" },
      { name: "modelId", type: "uint16" },
      { name: "loss", type: "uint64" },
      { name: "embedding", type: "bytes" },
      { name: "distance", type: "uint64" },
    ],
  },
  { type: "bytes32" },
] as const;

/**
 * The commitment of a submission: keccak256(submitter ‖ abi.encode(params, salt)), the submitter followed by the
 * arguments of the `submit` call that reveals it. It names the submitter, so nobody else can reveal it.
 */
export function submissionCommitment(submitter: Address, params: SubmitArgs, salt: Hex): Hex {
  return keccak256(concat([submitter, encodeAbiParameters(SUBMIT_INPUTS, [params, salt])]));
}

/** A fresh random salt for a commitment. */
export function randomSalt(): Hex {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `0x${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Where the current epoch's seed draw stands, seen from the latest block (a transaction sent now lands in a
 * later one): `request` (nobody fixed a block yet, or the fixed block's hash is gone by the time a transaction
 * lands), `wait` (the seed block is not produced yet, or is the latest block, whose hash some nodes cannot read
 * in a simulation yet), `open` (its hash can be read now), `opened`.
 */
export type SeedStep = "request" | "wait" | "open" | "opened";

export function seedStep(opened: boolean, seedBlock: bigint, latestBlock: bigint): SeedStep {
  if (opened) return "opened";
  if (seedBlock === 0n) return "request";
  if (latestBlock <= seedBlock) return "wait";
  return latestBlock < seedBlock + BLOCKHASH_WINDOW ? "open" : "request";
}

export type ValidatorRecord = { stake: bigint; joinedEpoch: bigint; exitEpoch: bigint; exists: boolean };

/** Whether a validator audits the fills of `fillEpoch`: joined before it, bonded through fillEpoch + 1. */
export function canAudit(v: ValidatorRecord, fillEpoch: bigint): boolean {
  return v.exists && v.joinedEpoch < fillEpoch && (v.exitEpoch === 0n || v.exitEpoch > fillEpoch + 1n);
}
