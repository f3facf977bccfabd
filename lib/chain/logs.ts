import type { Address, Log, PublicClient } from "viem";

/**
 * All logs of one contract from `fromBlock` to the latest block, in chain order. Public RPCs cap the block
 * range of eth_getLogs, so ranges longer than `chunk` blocks are read in pages (one request on the local chain).
 */
export async function getContractLogs(
  client: Pick<PublicClient, "getLogs" | "getBlockNumber">,
  address: Address,
  fromBlock: bigint,
  chunk = 50_000n,
): Promise<Log[]> {
  // No cache: right after a transaction the cached block number would cut off its logs.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  const logs: Log[] = [];
  for (let start = fromBlock; start <= latest; start += chunk) {
    const end = start + chunk - 1n < latest ? start + chunk - 1n : latest;
    logs.push(...(await client.getLogs({ address, fromBlock: start, toBlock: end })));
  }
  return logs;
}
