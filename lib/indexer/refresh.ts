import type { QueryClient } from "@tanstack/react-query";
import { appConfig } from "@/lib/config";
import { waitForIndexedBlock } from "@/lib/indexer/client";

/** Query keys of indexer reads start with this; every other cached read comes from the chain. */
export const INDEXER_KEY = "indexer";

async function headBlock(chainId: number): Promise<bigint | undefined> {
  try {
    const res = await fetch(appConfig.rpcUrls[chainId]!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    });
    return BigInt(((await res.json()) as { result: string }).result);
  } catch {
    return undefined;
  }
}

/**
 * After a write (or a dev-panel time jump) mined in `block`: chain reads refresh at once, indexer reads as soon as
 * the indexer has that block (not before, so a page never shows history without the change it just made). If the
 * indexer does not get there within 10 s they refresh anyway and the indexer banner says it is behind.
 */
export async function refreshAfterBlock(
  queryClient: QueryClient,
  chainId: number,
  block?: bigint,
): Promise<void> {
  await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== INDEXER_KEY });
  const target = block ?? (await headBlock(chainId));
  if (target !== undefined) await waitForIndexedBlock(appConfig.indexerUrls[chainId], target);
  await queryClient.invalidateQueries({ queryKey: [INDEXER_KEY, chainId] });
}
