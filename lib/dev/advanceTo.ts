import { createTestClient, http } from "viem";
import { localChain } from "../chain/chains";

/** Moves the local node's clock to `timestamp` (seconds) with the next block, and mines it. */
export async function advanceTo(rpcUrl: string, timestamp: bigint): Promise<void> {
  const client = createTestClient({ mode: "hardhat", chain: localChain(rpcUrl), transport: http(rpcUrl) });
  await client.setNextBlockTimestamp({ timestamp });
  await client.mine({ blocks: 1 });
}
