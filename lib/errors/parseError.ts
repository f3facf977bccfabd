import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  UserRejectedRequestError,
} from "viem";
import { explainCustomError } from "./customErrors";

export type ParsedError = {
  /** What kind of failure: decides the wording and whether retrying makes sense. */
  kind: "rejected" | "reverted" | "wrong-network" | "rpc-unreachable" | "insufficient-funds" | "unknown";
  /** One sentence for the user. */
  message: string;
  /** The contract's custom error, e.g. `FaucetCooldown(0xabc…, 1700000000)`, when the chain said why. */
  customError?: { name: string; args: readonly unknown[]; signature: string };
};

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function isUserRejection(error: unknown): boolean {
  if (error instanceof BaseError) {
    return (
      error.walk((e) => e instanceof UserRejectedRequestError || (e as { code?: unknown }).code === 4001) !==
      null
    );
  }
  return (error as { code?: unknown } | null)?.code === 4001;
}

/**
 * Turns anything a wallet, viem or the chain throws into one readable sentence, keeping the contract's custom
 * error name and arguments when there is one.
 */
export function parseError(error: unknown): ParsedError {
  if (isUserRejection(error)) {
    return { kind: "rejected", message: "You rejected the request in your wallet. Nothing was sent." };
  }
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const data = reverted.data;
      if (data?.errorName && data.errorName !== "Error" && data.errorName !== "Panic") {
        const args = data.args ?? [];
        const signature = `${data.errorName}(${args.map(formatArg).join(", ")})`;
        const explanation = explainCustomError(data.errorName, args);
        return {
          kind: "reverted",
          message: explanation ? `${explanation} (${signature})` : `The contract refused: ${signature}`,
          customError: { name: data.errorName, args, signature },
        };
      }
      const reason = reverted.reason ?? reverted.shortMessage;
      return { kind: "reverted", message: `The contract refused: ${reason}` };
    }
    if (error.walk((e) => e instanceof ChainMismatchError)) {
      return {
        kind: "wrong-network",
        message: "Your wallet is on another network than Arena. Switch networks and try again.",
      };
    }
    if (error.walk((e) => e instanceof InsufficientFundsError)) {
      return { kind: "insufficient-funds", message: "Your account does not have enough ETH to pay for gas." };
    }
    const http = error.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) {
      return {
        kind: "rpc-unreachable",
        message: `Cannot reach the chain at ${http.url}. Check your connection (locally: is \`npm run dev\` running?).`,
      };
    }
    return { kind: "unknown", message: error.shortMessage || error.message };
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return {
      kind: "rpc-unreachable",
      message: "Cannot reach the chain. Check your connection and try again.",
    };
  }
  return { kind: "unknown", message: error instanceof Error ? error.message : String(error) };
}
