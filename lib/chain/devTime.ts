import { createTestClient, http } from "viem";
import { localChain } from "./chains";

function testClient(rpcUrl: string) {
  return createTestClient({ mode: "hardhat", chain: localChain(rpcUrl), transport: http(rpcUrl) });
}

/** Moves the local node's clock forward by `seconds` and mines a block, so time-based phases advance. */
export async function advanceTime(rpcUrl: string, seconds: number): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("Seconds must be a whole number ≥ 0");
  const client = testClient(rpcUrl);
  if (seconds > 0) await client.increaseTime({ seconds });
  await client.mine({ blocks: 1 });
}

/**
 * Mines `blocks` empty blocks on the local node, e.g. past an epoch's seed block: one at a time, because Hardhat's
 * `hardhat_mine` of several blocks returns blocks with a zero parent hash, on which the indexer stalls.
 */
export async function mineBlocks(rpcUrl: string, blocks: number): Promise<void> {
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error("Blocks must be a whole number ≥ 1");
  const client = testClient(rpcUrl);
  for (let i = 0; i < blocks; i++) await client.mine({ blocks: 1 });
}

/** Moves the local node's clock to `timestamp` (seconds) with the next block, and mines it. */
export async function advanceTo(rpcUrl: string, timestamp: bigint): Promise<void> {
  const client = testClient(rpcUrl);
  await client.setNextBlockTimestamp({ timestamp });
  await client.mine({ blocks: 1 });
}
