import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  HttpRequestError,
  UserRejectedRequestError,
} from "viem";
import { arenaTasksAbi, faucetAbi } from "../../contracts-abi";
import { localChain } from "../chain/chains";
import { describeError } from "./describe";
import { parseError } from "./parseError";

const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function reverted(errorName: "FaucetCooldown" | "FaucetEmpty", args: readonly bigint[] | readonly unknown[]) {
  const data = encodeErrorResult({ abi: faucetAbi, errorName, args: args as never });
  const cause = new ContractFunctionRevertedError({ abi: faucetAbi, data, functionName: "drip" });
  return new ContractFunctionExecutionError(cause, { abi: faucetAbi, functionName: "drip", args: [] });
}

describe("parseError", () => {
  it("names the custom error with its arguments at once, and describeError explains it", async () => {
    const error = reverted("FaucetCooldown", [account, 1_700_000_000n]);
    const parsed = parseError(error);
    assert.equal(parsed.kind, "reverted");
    assert.equal(parsed.customError?.name, "FaucetCooldown");
    assert.equal(parsed.customError?.signature, `FaucetCooldown(${account}, 1700000000)`);
    assert.match(parsed.message, /FaucetCooldown\(0x7099/);
    const described = await describeError(error, { abi: faucetAbi });
    assert.equal(
      described.message,
      "The faucet gives each address one drip per day; you can drip again at 2023-11-14 22:13 UTC.",
    );
    assert.equal(described.customError?.signature, `FaucetCooldown(${account}, 1700000000)`);
    assert.equal(described.customError?.contract, "Faucet");
  });

  it("decodes a bare selector anywhere in the cause chain: a claim's ABI without its errors", async () => {
    // viem's simulateContract hands writeContract an ABI of the one function: its errors no longer decode.
    const minimized = arenaTasksAbi.filter((i) => i.type === "function" && i.name === "claim");
    const data = encodeErrorResult({ abi: arenaTasksAbi, errorName: "NothingToClaim", args: [account] });
    const cause = new ContractFunctionRevertedError({ abi: minimized, data, functionName: "claim" });
    const error = new ContractFunctionExecutionError(cause, {
      abi: minimized,
      functionName: "claim",
      args: [[]],
    });
    assert.match(error.message, /reverted with the following signature:\n0x64ab3466/);
    assert.equal(parseError(error).message, "The contract refused (error 0x64ab3466).");
    const described = await describeError(error, { abi: arenaTasksAbi });
    assert.equal(described.customError?.name, "NothingToClaim");
    assert.match(described.message, /^There is nothing to claim for 0x7099…79C8 right now/);
  });

  it("finds revert data on an RPC error's data, and a bare selector in a message", async () => {
    const rpc = new BaseError("Execution reverted", {
      cause: Object.assign(new Error("execution reverted"), { data: "0x64ab3466" }),
    });
    assert.equal((await describeError(rpc)).customError?.name, "NothingToClaim");
    const text = new Error(
      'The contract function "claim" reverted with the following signature:\n0x64ab3466',
    );
    assert.equal((await describeError(text)).customError?.name, "NothingToClaim");
    // Neither a transaction hash nor an address is mistaken for revert data.
    const hash = new Error(`reverted in transaction 0x${"ab".repeat(32)} from ${account}`);
    assert.equal(parseError(hash).kind, "unknown");
  });

  it("shows custom errors the registry cannot decode by name", async () => {
    const parsed = await describeError(new Error("execution reverted: 0xdeadbeef"));
    assert.equal(parsed.kind, "reverted");
    assert.equal(parsed.message, "The contract refused (error 0xdeadbeef).");
  });

  it("recognises a rejection anywhere in the cause chain, and a raw EIP-1193 4001", () => {
    const wrapped = new BaseError("Request failed", { cause: new UserRejectedRequestError(new Error("no")) });
    assert.equal(parseError(wrapped).kind, "rejected");
    assert.match(parseError(wrapped).message, /You rejected the request/);
    assert.equal(parseError({ code: 4001, message: "User denied" }).kind, "rejected");
  });

  it("explains an unreachable RPC and a wrong chain", () => {
    const http = new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" });
    const parsed = parseError(http);
    assert.equal(parsed.kind, "rpc-unreachable");
    assert.match(parsed.message, /Cannot reach the chain at http:\/\/127\.0\.0\.1:8545/);
    const mismatch = new ChainMismatchError({ chain: localChain(), currentChainId: 1 });
    assert.equal(parseError(mismatch).kind, "wrong-network");
  });

  it("falls back to the message of anything else", () => {
    assert.deepEqual(parseError(new Error("boom")), { kind: "unknown", message: "boom" });
    assert.deepEqual(parseError("plain"), { kind: "unknown", message: "plain" });
  });
});
