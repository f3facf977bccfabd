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
import { faucetAbi } from "../../contracts-abi";
import { localChain } from "../chain/chains";
import { parseError } from "./parseError";

const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function reverted(errorName: "FaucetCooldown" | "FaucetEmpty", args: readonly bigint[] | readonly unknown[]) {
  const data = encodeErrorResult({ abi: faucetAbi, errorName, args: args as never });
  const cause = new ContractFunctionRevertedError({ abi: faucetAbi, data, functionName: "drip" });
  return new ContractFunctionExecutionError(cause, { abi: faucetAbi, functionName: "drip", args: [] });
}

describe("parseError", () => {
  it("names the custom error with its arguments and explains it", () => {
    const parsed = parseError(reverted("FaucetCooldown", [account, 1_700_000_000n]));
    assert.equal(parsed.kind, "reverted");
    assert.equal(parsed.customError?.name, "FaucetCooldown");
    assert.equal(parsed.customError?.signature, `FaucetCooldown(${account}, 1700000000)`);
    assert.match(parsed.message, /one drip per day; you can drip again at 2023-11-14 22:13 UTC/);
    assert.match(parsed.message, /FaucetCooldown\(0x7099/);
  });

  it("shows unexplained custom errors by name", () => {
    const parsed = parseError(reverted("FaucetEmpty", [5n, 10n]));
    assert.equal(parsed.customError?.signature, "FaucetEmpty(5, 10)");
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
