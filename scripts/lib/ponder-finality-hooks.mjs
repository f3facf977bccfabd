// Module hooks for the local indexer (registered by ponder-finality.mjs): Ponder 0.17 treats a block as final
// 30 blocks below the head on any chain it does not know, and a reorg deeper than that as unrecoverable. The
// e2e suite reverts the local chain to a snapshot after each test, often by more than 30 blocks, so for chain
// 31337 only, ARENA_INDEXER_FINALITY_BLOCKS raises that depth. Other chains keep Ponder's own numbers.
const TARGET = "/ponder/dist/esm/utils/finality.js";
const NEEDLE = "finalityBlockCount = 30;";

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.endsWith(TARGET)) return result;
  const source = String(result.source);
  if (!source.includes(NEEDLE))
    throw new Error(
      `ponder-finality-hooks: ${TARGET} changed (no "${NEEDLE}"); update the hook for this Ponder.`,
    );
  const depth = Number(process.env.ARENA_INDEXER_FINALITY_BLOCKS);
  if (!Number.isInteger(depth) || depth <= 0) return result;
  return {
    ...result,
    source: source.replace(NEEDLE, `finalityBlockCount = chain?.id === 31337 ? ${depth} : 30;`),
  };
}
