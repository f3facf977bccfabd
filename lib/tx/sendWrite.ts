import type { QueryClient } from "@tanstack/react-query";
import type { Abi, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { arenaTokenAbi } from "@/contracts-abi";
import { explorerTxUrl } from "@/lib/chain/chains";
import { describeError } from "@/lib/errors/describe";
import type { ParsedError } from "@/lib/errors/parseError";
import { refreshAfterBlock } from "@/lib/indexer/refresh";
import { readErrorContext } from "./errorContext";

/** Errors a call can bubble up from the token it moves, so they decode by name whatever contract was called. */
const SHARED_ERRORS = arenaTokenAbi.filter((item) => item.type === "error");

export type SendOptions = {
  config: Config;
  queryClient: QueryClient;
  chain: Chain;
  chainId: number;
  account: Address;
  abi: Abi;
  address: Address;
  functionName: string;
  args: readonly unknown[];
  value?: bigint;
  /** Called once the wallet signed and sent: the transaction is being mined. */
  onSent: (hash: Hash, explorerUrl: string | undefined) => void;
  /** Called once it is mined successfully, before the cached reads refresh. */
  onConfirmed: () => void;
};

export type SendResult = { ok: true; receipt: TransactionReceipt } | { ok: false; error: ParsedError };

/**
 * The transactor's pipeline, loaded on the first write (not with every page): simulate, sign and send, wait for
 * the receipt, refresh the chain reads and, once the indexer has its block, the history; or the failure explained from the error registry, with the epoch clock
 * of the contract read from the chain. A write mined but reverted is replayed on the block before to say why.
 */
export async function sendWrite(o: SendOptions): Promise<SendResult> {
  // simulateContract hands back an ABI of the one function; the write keeps every error so reverts decode.
  const abi = [...o.abi, ...SHARED_ERRORS] as Abi;
  const call = { abi: o.abi, functionName: o.functionName, args: o.args, address: o.address };
  const explain = (error: unknown) =>
    describeError(error, call, (revert) => readErrorContext(o.config, o.chainId, call, revert));
  const simulate = (blockNumber?: bigint) =>
    simulateContract(o.config, {
      abi,
      address: o.address,
      functionName: o.functionName,
      args: o.args,
      value: o.value,
      account: o.account,
      chainId: o.chainId,
      blockNumber,
    } as Parameters<typeof simulateContract>[1]);
  try {
    const { request: prepared } = await simulate();
    const hash = await writeContract(o.config, { ...prepared, abi } as Parameters<typeof writeContract>[1]);
    o.onSent(hash, explorerTxUrl(o.chain, hash));
    const receipt = await waitForTransactionReceipt(o.config, { hash, chainId: o.chainId });
    if (receipt.status !== "success") {
      // Replayed on the block before: the likeliest reason (the block's earlier transactions aside).
      const why = await simulate(receipt.blockNumber - 1n).then(
        () => undefined,
        (error: unknown) => explain(error),
      );
      const reason = why?.kind === "reverted" ? `: ${why.message}` : ".";
      return {
        ok: false,
        error: {
          kind: "reverted",
          message: `The transaction was mined but reverted${reason}`,
          customError: why?.customError,
        },
      };
    }
    o.onConfirmed();
    await refreshAfterBlock(o.queryClient, o.chainId, receipt.blockNumber);
    return { ok: true, receipt };
  } catch (error) {
    return { ok: false, error: await explain(error) };
  }
}
