/**
 * What the indexer banner says, from the indexer's block, the chain's head and whether the indexer answered.
 * Pure, so the words are unit-tested; components/indexer/IndexerBanner.tsx shows them.
 */
export type IndexerHealth =
  | { kind: "ok" }
  | { kind: "missing"; text: string }
  | { kind: "down"; text: string }
  | { kind: "behind"; blocks: bigint; text: string };

/** A few blocks of lag is the indexer's normal pace (it polls); more than this gets a banner. */
export const BEHIND_BLOCKS = 3n;

export function indexerHealth(input: {
  configured: boolean;
  /** The indexer's latest block, or undefined when it did not answer. */
  indexed: bigint | undefined;
  /** The chain's latest block, or undefined when the chain did not answer (the RPC banner covers that). */
  head: bigint | undefined;
  error?: string;
}): IndexerHealth {
  if (!input.configured)
    return {
      kind: "missing",
      text: "No indexer is configured for this chain: history, totals and leaderboards cannot be shown. Balances and actions are read from the chain and work.",
    };
  if (input.indexed === undefined)
    return {
      kind: "down",
      text: `The indexer does not answer${input.error ? ` (${input.error})` : ""}: history, totals and leaderboards show what was last loaded, or nothing. Balances and actions are read from the chain and keep working.`,
    };
  if (input.head === undefined || input.head - input.indexed <= BEHIND_BLOCKS) return { kind: "ok" };
  const blocks = input.head - input.indexed;
  return {
    kind: "behind",
    blocks,
    text: `The indexer is ${blocks} blocks behind the chain (at block ${input.indexed} of ${input.head}): history, totals and leaderboards are as of block ${input.indexed}. Balances and actions are live.`,
  };
}
