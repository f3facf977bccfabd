import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { fullMulDiv, powWad } from "../rewards/wadMath.ts";

/**
 * Validator assignment of docs/ARCHITECTURE.md §3.3, as the Sortition library computes it: validator j scores
 * submission i in an epoch iff keccak256(abi.encode(σ, i, j)) < 2^256·min(1, k·w_j/Σw), with w_j = s_j^β.
 */

const MAX_UINT = (1n << 256n) - 1n;

/** w = s^β for a stake in wei (read as WAD); 0 for no stake. */
export function sortitionWeight(stake: bigint, beta: bigint): bigint {
  return stake === 0n ? 0n : powWad(stake, beta);
}

/** The bound a draw must stay under; MAX_UINT means always assigned. */
export function assignmentLimit(k: bigint, weight: bigint, sumWeight: bigint): bigint {
  if (sumWeight === 0n || weight === 0n) return 0n;
  if (k * weight >= sumWeight) return MAX_UINT;
  return fullMulDiv(MAX_UINT, k * weight, sumWeight);
}

export function draw(seed: Hex, nodeIndex: bigint, validator: Address): bigint {
  return BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [seed, nodeIndex, validator],
      ),
    ),
  );
}

export function isAssigned(seed: Hex, nodeIndex: bigint, validator: Address, limit: bigint): boolean {
  if (limit === MAX_UINT) return true;
  return draw(seed, nodeIndex, validator) < limit;
}

export type AssignmentQuery = {
  seed: Hex;
  validator: Address;
  /** The validator's own + delegated stake counted in the epoch. */
  stake: bigint;
  /** Σw of the epoch (EpochState.sumWeight). */
  sumWeight: bigint;
  beta: bigint;
  validatorsPerSubmission: bigint;
  maxAssignments: number;
  /** Node indices with a submission this epoch, ascending. */
  submissions: readonly bigint[];
};

/** Which submissions a validator must score (ascending, capped), as `ArenaTasks.assignmentsOf` returns. */
export function assignmentsOf(q: AssignmentQuery): bigint[] {
  const limit = assignmentLimit(q.validatorsPerSubmission, sortitionWeight(q.stake, q.beta), q.sumWeight);
  const out: bigint[] = [];
  for (const i of q.submissions) {
    if (out.length >= q.maxAssignments) break;
    if (isAssigned(q.seed, i, q.validator, limit)) out.push(i);
  }
  return out;
}

/**
 * The commitment a validator sends in `commitScores`; `receipt` is the sha256 of its scoring receipt document
 * (lib/scoring/receipt.ts), so a reveal binds the scores to what was scored.
 */
export function scoreCommitment(
  taskId: bigint,
  epoch: bigint,
  validator: Address,
  nodeIndices: readonly bigint[],
  scores: readonly number[],
  receipt: Hex,
  salt: Hex,
): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "uint256" },
        { type: "uint256" },
        { type: "address" },
        { type: "uint256[]" },
        { type: "uint32[]" },
        { type: "bytes32" },
        { type: "bytes32" },
      ],
      [taskId, epoch, validator, nodeIndices, scores, receipt, salt],
    ),
  );
}

/** σ_e as ArenaTasks records it: keccak256(abi.encode(blockhash(seedBlock), taskId, epoch)). */
export function epochSeed(seedBlockHash: Hex, taskId: bigint, epoch: bigint): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint256" }, { type: "uint256" }],
      [seedBlockHash, taskId, epoch],
    ),
  );
}

/** What `commitModel` binds a node to before it submits: keccak256(abi.encode(taskId, node, uri, contentHash)). */
export function modelCommitment(taskId: bigint, node: Address, uri: string, contentHash: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "string" }, { type: "bytes32" }],
      [taskId, node, uri, contentHash],
    ),
  );
}
