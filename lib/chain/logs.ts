import type { Address, Client, Log } from "viem";
import { getBlockNumber, getLogs } from "viem/actions";

/**
 * All logs of one contract from `fromBlock` to the latest block, in chain order. Public RPCs cap the block
 * range of eth_getLogs, so ranges longer than `chunk` blocks are read in pages (one request on the local chain).
 * Takes a bare client and tree-shakable actions, so pages do not ship viem's whole public client.
 */
export async function getContractLogs(
  client: Client,
  address: Address,
  fromBlock: bigint,
  chunk = 50_000n,
): Promise<Log[]> {
  // No cache: right after a transaction the cached block number would cut off its logs.
  const latest = await getBlockNumber(client, { cacheTime: 0 });
  const logs: Log[] = [];
  for (let start = fromBlock; start <= latest; start += chunk) {
    const end = start + chunk - 1n < latest ? start + chunk - 1n : latest;
    logs.push(...(await getLogs(client, { address, fromBlock: start, toBlock: end })));
  }
  return logs;
}
