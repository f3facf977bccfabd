import type { Abi } from "viem";
import { errorSignature, parseError, type ParsedError } from "./parseError";
import type { ExplainContext } from "./render";

/** The call that failed, as far as it is known: decides which contract a shared selector belongs to. */
export type FailedCall = { abi?: Abi; functionName?: string; args?: readonly unknown[] };

/** What the decoded revert is, for a caller that reads more context from the chain (an epoch clock). */
export type RevertInfo = { contract: string; name: string; named: Record<string, unknown> };

/**
 * `parseError`, then, for a contract's revert, its plain-language explanation from the one static registry
 * (lib/errors/registry.ts), loaded on first use so that the shared bundle stays small. Bare selectors and raw
 * revert data are decoded against every ABI. `context` may read what the explanation needs beyond the error's
 * arguments (when an epoch starts); it never makes the description fail.
 */
export async function describeError(
  error: unknown,
  call: FailedCall = {},
  context?: (revert: RevertInfo) => Promise<ExplainContext>,
): Promise<ParsedError> {
  const parsed = parseError(error);
  if (parsed.kind !== "reverted" || (!parsed.revertData && !parsed.customError)) return parsed;
  let registry: typeof import("./registry");
  try {
    registry = await import("./registry");
  } catch {
    return parsed;
  }
  const called = registry.contractOfAbi(call.abi);
  const decoded = parsed.revertData
    ? registry.decodeRevert(parsed.revertData, called)
    : registry.decodeNamed(parsed.customError!.name, parsed.customError!.args, called);
  if (!decoded) return parsed;
  let ctx: ExplainContext = {};
  if (context && decoded.named) {
    try {
      ctx = await context({ contract: decoded.contract, name: decoded.name, named: decoded.named });
    } catch {
      ctx = {};
    }
  }
  const signature = decoded.named ? errorSignature(decoded.name, decoded.args) : `${decoded.name}(…)`;
  const explanation = registry.explainDecoded(decoded, ctx);
  return {
    ...parsed,
    message: explanation ?? `The contract refused: ${signature}`,
    customError: { name: decoded.name, args: decoded.args, signature, contract: decoded.contract },
  };
}
