import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

export type EligibleValidator = { address: Address; stake: bigint };

/**
 * The auditor of a filled target: draw = keccak256(auditEpochSeed, targetId) mod the total stake of the
 * validators that can audit it, walked over them in the contract's slot order (as ArenaTargets.auditorOf).
 * Pass only the validators for which `canAudit` holds, in slot order (free slots left out).
 */
export function pickAuditor(
  auditEpochSeed: Hex,
  targetId: bigint,
  eligible: readonly EligibleValidator[],
): Address | undefined {
  const total = eligible.reduce((sum, v) => sum + v.stake, 0n);
  if (total === 0n) return undefined;
  let draw =
    BigInt(
      keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [auditEpochSeed, targetId])),
    ) % total;
  for (const v of eligible) {
    if (draw < v.stake) return v.address;
    draw -= v.stake;
  }
  return undefined;
}
