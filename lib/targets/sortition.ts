import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

export type EligibleValidator = { address: Address; stake: bigint };

/**
 * The auditor of a filled target: draw = keccak256(auditEpochSeed, targetId) mod total eligible stake, walked
 * over the eligible validators in the contract's list order (as ArenaTargets.auditorOf).
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
