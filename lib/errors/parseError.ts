import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  UserRejectedRequestError,
  type Hex,
} from "viem";

export type ParsedError = {
  /** What kind of failure: decides the wording and whether retrying makes sense. */
  kind: "rejected" | "reverted" | "wrong-network" | "rpc-unreachable" | "insufficient-funds" | "unknown";
  /** One sentence for the user. */
  message: string;
  /** The contract's custom error, e.g. `FaucetCooldown(0xabc…, 1700000000)`, when the chain said why. */
  customError?: { name: string; args: readonly unknown[]; signature: string; contract?: string };
  /** The raw revert data (or only its 4-byte selector) when the chain returned some: `describeError` decodes it. */
  revertData?: Hex;
};

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** `Name(arg, …)`, the error as the contract raised it (for people who want the technical detail). */
export function errorSignature(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map(formatArg).join(", ")})`;
}

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && typeof e === "object" && out.length < 20; e = (e as { cause?: unknown }).cause) {
    out.push(e);
  }
  return out;
}

function isUserRejection(error: unknown): boolean {
  return causes(error).some(
    (e) => e instanceof UserRejectedRequestError || (e as { code?: unknown }).code === 4001,
  );
}

const REVERT_DATA = /^0x[0-9a-fA-F]{8}(?:[0-9a-fA-F]{64})*$/;
const IN_MESSAGE = /(?:^|[^0-9a-zA-Z])(0x[0-9a-fA-F]{8}(?:[0-9a-fA-F]{64})*)(?![0-9a-zA-Z])/;

/** Revert data found on one error object: viem's `raw`/`signature`, an RPC error's `data`, or its message. */
function revertDataOf(e: unknown): Hex | undefined {
  const o = e as { raw?: unknown; signature?: unknown; data?: unknown; message?: unknown; details?: unknown };
  for (const v of [o.raw, o.signature, o.data, (o.data as { data?: unknown } | undefined)?.data]) {
    if (typeof v === "string" && REVERT_DATA.test(v)) return v as Hex;
  }
  for (const text of [o.details, o.message]) {
    if (typeof text === "string" && /revert|signature/i.test(text)) {
      const match = IN_MESSAGE.exec(text);
      if (match) return match[1] as Hex;
    }
  }
  return undefined;
}

/**
 * The revert anywhere in the cause chain: decoded by viem when the call's ABI had the error, and the fullest raw
 * data seen (a wrapper's message may carry only the selector, its cause the arguments too).
 */
function findRevert(error: unknown) {
  let data: Hex | undefined;
  let reverted: ContractFunctionRevertedError | undefined;
  for (const e of causes(error)) {
    if (!reverted && e instanceof ContractFunctionRevertedError) reverted = e;
    const found = revertDataOf(e);
    if (found && (!data || found.length > data.length)) data = found;
  }
  return { reverted, data };
}

/**
 * Turns anything a wallet, viem or the chain throws into one readable sentence, synchronously and without the
 * registry of explanations: a custom error shows here by name (or selector). `describeError` adds the words.
 */
export function parseError(error: unknown): ParsedError {
  if (isUserRejection(error)) {
    return { kind: "rejected", message: "You rejected the request in your wallet. Nothing was sent." };
  }
  const { reverted, data } = findRevert(error);
  const decoded = reverted?.data;
  if (decoded?.errorName && decoded.errorName !== "Error" && decoded.errorName !== "Panic") {
    const args = decoded.args ?? [];
    const signature = errorSignature(decoded.errorName, args);
    return {
      kind: "reverted",
      message: `The contract refused: ${signature}`,
      customError: { name: decoded.errorName, args, signature },
      revertData: data,
    };
  }
  if (reverted && (reverted.reason || !data)) {
    return { kind: "reverted", message: `The contract refused: ${reverted.reason ?? reverted.shortMessage}` };
  }
  if (data) {
    return {
      kind: "reverted",
      message: `The contract refused (error ${data.slice(0, 10)}).`,
      revertData: data,
    };
  }
  if (error instanceof BaseError) {
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
