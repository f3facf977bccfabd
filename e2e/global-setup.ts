import { startIndexer } from "../scripts/lib/indexer.ts";
import { startLocalChain } from "../scripts/lib/local-chain.ts";
import { E2E_INDEXER_PORT, E2E_RPC_PORT } from "./ports";

/**
 * Starts the e2e chain with contracts and demo data, and its indexer (PGlite, or Postgres when
 * E2E_DATABASE_URL is set); the returned function stops both after the run. Tests revert the chain to a snapshot
 * when they end, often by more than Ponder's usual finality depth, so the indexer is told to follow reorgs of any
 * depth on this chain (scripts/lib/ponder-finality-hooks.mjs).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[e2e] ${line}`);
  const chain = await startLocalChain({ port: E2E_RPC_PORT, log });
  try {
    const indexer = await startIndexer({
      rpcUrl: chain.rpcUrl,
      port: E2E_INDEXER_PORT,
      databaseUrl: process.env.E2E_DATABASE_URL,
      schema: `e2e_${Date.now()}`,
      finalityBlocks: 1_000_000,
      log,
    });
    return async () => {
      await indexer.stop();
      await chain.stop();
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
