import { decodeErrorResult, toFunctionSelector, type Abi, type AbiParameter, type Hex } from "viem";
import { abis, type ContractName } from "../../contracts-abi";
import { ARENA_TARGETS } from "./explanations/arenaTargets";
import { ARENA_TASKS } from "./explanations/arenaTasks";
import { MACHINE_REGISTRY } from "./explanations/machineRegistry";
import { ARENA_TOKEN, FAUCET, LIBRARY, MULTICALL3 } from "./explanations/shared";
import { namedArgs, type AbiError, type ExplainContext, type Explainer } from "./render";

type Table = Record<string, Explainer>;

/**
 * The one registry of explanations: every custom error of every contract in contracts-abi/, by contract, with
 * OpenZeppelin's library errors explained once for all. Static: what a revert says never depends on which page
 * loaded. This module is heavy (all ABIs and sentences), so the app loads it only when an error needs words
 * (`describeError`).
 */
export const EXPLANATIONS: Record<ContractName, Table> = {
  ArenaTasks: ARENA_TASKS as unknown as Table,
  ArenaTargets: ARENA_TARGETS as unknown as Table,
  MachineRegistry: MACHINE_REGISTRY as unknown as Table,
  ArenaToken: ARENA_TOKEN as unknown as Table,
  Faucet: FAUCET as unknown as Table,
  Multicall3: MULTICALL3 as unknown as Table,
};
const SHARED = LIBRARY as unknown as Table;

export function explainerFor(contract: ContractName, name: string): Explainer | undefined {
  return EXPLANATIONS[contract][name] ?? SHARED[name];
}

/** A parameter's type as in a canonical signature: tuples spelled out. */
function canonicalType(p: AbiParameter): string {
  if (!p.type.startsWith("tuple")) return p.type;
  const components = (p as { components?: readonly AbiParameter[] }).components ?? [];
  return `(${components.map(canonicalType).join(",")})${p.type.slice("tuple".length)}`;
}

type Candidate = { contract: ContractName; item: AbiError };

/** Every error of every ABI by its 4-byte selector (the same selector may belong to several contracts). */
const BY_SELECTOR = new Map<string, Candidate[]>();
for (const [contract, abi] of Object.entries(abis) as [ContractName, Abi][]) {
  for (const item of abi) {
    if (item.type !== "error") continue;
    const selector = toFunctionSelector(`${item.name}(${item.inputs.map(canonicalType).join(",")})`);
    const list = BY_SELECTOR.get(selector) ?? [];
    list.push({ contract, item });
    BY_SELECTOR.set(selector, list);
  }
}

/** The contract whose ABI a call used, when it is one of ours (the transactor passes the generated ABI). */
export function contractOfAbi(abi: Abi | undefined): ContractName | undefined {
  if (!abi) return undefined;
  const exact = (Object.entries(abis) as [ContractName, Abi][]).find(([, a]) => a === abi);
  return exact?.[0];
}

export type DecodedRevert = {
  contract: ContractName;
  name: string;
  args: readonly unknown[];
  /** The arguments by their ABI names; undefined when only the selector reached us. */
  named?: Record<string, unknown>;
};

/**
 * Decodes revert data (or a bare 4-byte selector) against the errors of every ABI, preferring the contract that
 * was called when a selector is shared (ArenaTasks' and ArenaTargets' `NoCommitment(uint256,address)`).
 */
export function decodeRevert(data: Hex, calledContract?: ContractName): DecodedRevert | undefined {
  const selector = data.slice(0, 10).toLowerCase();
  const candidates = BY_SELECTOR.get(selector);
  if (!candidates) return undefined;
  const ordered = [...candidates].sort(
    (a, b) => Number(b.contract === calledContract) - Number(a.contract === calledContract),
  );
  for (const { contract, item } of ordered) {
    if (data.length <= 10) {
      return item.inputs.length === 0
        ? { contract, name: item.name, args: [], named: {} }
        : { contract, name: item.name, args: [] };
    }
    try {
      const decoded = decodeErrorResult({ abi: [item], data });
      const args = (decoded.args ?? []) as readonly unknown[];
      return { contract, name: item.name, args, named: namedArgs(item.inputs, args) };
    } catch {
      // Data that does not fit this candidate's inputs: try the next.
    }
  }
  return undefined;
}

/** An error viem already decoded by name (no raw data at hand): its contract, preferring the called one. */
export function decodeNamed(
  name: string,
  args: readonly unknown[],
  calledContract?: ContractName,
): DecodedRevert | undefined {
  const candidates = everyError().filter((c) => c.item.name === name && c.item.inputs.length === args.length);
  const pick = candidates.find((c) => c.contract === calledContract) ?? candidates[0];
  return pick && { contract: pick.contract, name, args, named: namedArgs(pick.item.inputs, args) };
}

/** The sentence for a decoded error, or undefined when its arguments are unknown and it needs them. */
export function explainDecoded(decoded: DecodedRevert, ctx: ExplainContext = {}): string | undefined {
  const explain = explainerFor(decoded.contract, decoded.name);
  if (!explain || !decoded.named) return undefined;
  return explain(decoded.named as never, ctx);
}

/** Every error of every ABI, deduplicated by contract and name: what the registry must explain. */
export function everyError(): Candidate[] {
  return [...BY_SELECTOR.values()].flat();
}
