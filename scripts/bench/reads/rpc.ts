import { toHex, type Address, type Hex } from "viem";

/**
 * Raw JSON-RPC to the local Hardhat node, in batches: the history builder sends thousands of transactions
 * from unlocked or impersonated accounts (`eth_sendTransaction`, the node signs) with automining off, then mines
 * them one block at a time.
 */

type RpcError = { code: number; message: string; data?: unknown };
type RpcReply = { id: number; result?: unknown; error?: RpcError };
export type Call = { method: string; params?: readonly unknown[] };
export type Tx = { from: Address; to: Address; data: Hex; gas: bigint; label: string };
type Receipt = { status: Hex; blockNumber: Hex; gasUsed: Hex } | null;

const BATCH = 200;

export class Rpc {
  constructor(readonly url: string) {}

  /** Every call's result in order; the first error (if any) is thrown with the call that caused it. */
  async batch<T = unknown>(calls: readonly Call[]): Promise<T[]> {
    const results: T[] = [];
    for (let i = 0; i < calls.length; i += BATCH) {
      const chunk = calls.slice(i, i + BATCH);
      const res = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(
          chunk.map((c, j) => ({ jsonrpc: "2.0", id: j, method: c.method, params: c.params ?? [] })),
        ),
      });
      if (!res.ok) throw new Error(`${this.url} answered HTTP ${res.status}`);
      const replies = ((await res.json()) as RpcReply[]).sort((a, b) => a.id - b.id);
      for (const [j, reply] of replies.entries()) {
        if (reply.error)
          throw new Error(
            `${chunk[j]!.method} failed: ${reply.error.message} ${JSON.stringify(reply.error.data ?? "")}`,
          );
        results.push(reply.result as T);
      }
    }
    return results;
  }

  async call<T = unknown>(method: string, ...params: unknown[]): Promise<T> {
    const [result] = await this.batch<T>([{ method, params }]);
    return result as T;
  }

  blockNumber = async () => Number(BigInt(await this.call<Hex>("eth_blockNumber")));
  latestTimestamp = async () =>
    Number(BigInt((await this.call<{ timestamp: Hex }>("eth_getBlockByNumber", "latest", false)).timestamp));

  /** Mines one block (never several in one call: Ponder stalls on `hardhat_mine N`'s zero parent hashes). */
  mine = () => this.call("evm_mine");

  /** Mines one block at `timestamp` (or one second later than the last block if that is already past). */
  async mineAt(timestamp: number): Promise<void> {
    const latest = await this.latestTimestamp();
    if (timestamp > latest) await this.call("evm_setNextBlockTimestamp", toHex(timestamp));
    await this.mine();
  }

  /**
   * Sends every transaction to the mempool, mines blocks (one at a time) until all are included, and throws
   * if any reverted. Returns the receipts' gas used.
   */
  async sendAll(txs: readonly Tx[]): Promise<bigint[]> {
    if (txs.length === 0) return [];
    const hashes = await this.batch<Hex>(
      txs.map((t) => ({
        method: "eth_sendTransaction",
        params: [{ from: t.from, to: t.to, data: t.data, gas: toHex(t.gas) }],
      })),
    );
    // Blocks fill up to the gas limit: mine one at a time until every transaction has a receipt.
    const receipts: Receipt[] = hashes.map(() => null);
    for (let blocks = 0; ; blocks++) {
      await this.mine();
      const waiting = receipts.flatMap((r, i) => (r === null ? [i] : []));
      const found = await this.batch<Receipt>(
        waiting.map((i) => ({ method: "eth_getTransactionReceipt", params: [hashes[i]] })),
      );
      waiting.forEach((i, j) => (receipts[i] = found[j]!));
      if (receipts.every((r) => r !== null)) break;
      if (blocks > 2000)
        throw new Error(`${receipts.filter((r) => r === null).length} transactions never mined`);
    }
    const failed = receipts.flatMap((r, i) => (r!.status === "0x1" ? [] : [txs[i]!]));
    if (failed.length > 0) {
      const reason = await this.revertReason(failed[0]!);
      throw new Error(
        `${failed.length} of ${txs.length} transactions reverted (first: ${failed[0]!.label} from ${failed[0]!.from}: ${reason})`,
      );
    }
    return receipts.map((r) => BigInt(r!.gasUsed));
  }

  private async revertReason(tx: Tx): Promise<string> {
    try {
      await this.call("eth_call", { from: tx.from, to: tx.to, data: tx.data, gas: toHex(tx.gas) }, "latest");
      return "out of gas? (it succeeds as a call now)";
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 400) : String(error);
    }
  }
}
