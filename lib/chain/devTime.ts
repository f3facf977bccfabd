import { createTestClient, http } from "viem";
import { localChain } from "./chains";

/** Moves the local node's clock forward by `seconds` and mines a block, so time-based phases advance. */
export async function advanceTime(rpcUrl: string, seconds: number): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("Seconds must be a whole number ≥ 0");
  const client = createTestClient({ mode: "hardhat", chain: localChain(rpcUrl), transport: http(rpcUrl) });
  if (seconds > 0) await client.increaseTime({ seconds });
  await client.mine({ blocks: 1 });
}
