import { cosineDistanceMicro } from "./vector";

export type Candidate = { id: number; stake: bigint; position: readonly bigint[] };

/** Model a ranks before b: lower distance / stake (cross-multiplied, exact), ties to the lower id. */
export function ranksBefore(
  a: { distance: bigint; stake: bigint; id: number },
  b: { distance: bigint; stake: bigint; id: number },
): boolean {
  const left = a.distance * b.stake;
  const right = b.distance * a.stake;
  return left !== right ? left < right : a.id < b.id;
}

/**
 * Stake-weighted nearest models for a target, as the contract assigns them: the `k` lowest
 * cosdist(model, target) / stakeShare, best first.
 */
export function assignModels(
  target: readonly bigint[],
  candidates: readonly Candidate[],
  k: number,
): { id: number; distance: bigint }[] {
  const ranked = candidates.map((c) => ({
    id: c.id,
    stake: c.stake,
    distance: cosineDistanceMicro(c.position, target),
  }));
  ranked.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  return ranked.slice(0, k).map(({ id, distance }) => ({ id, distance }));
}

/** The models of a target as the contract packs them (`targets(id).models`): 16 bits each, best first, 0 ends. */
export function unpackModels(packed: bigint): number[] {
  const ids: number[] = [];
  for (let i = 0n; i < 4n; i++) {
    const id = Number((packed >> (16n * i)) & 0xffffn);
    if (id === 0) break;
    ids.push(id);
  }
  return ids;
}
