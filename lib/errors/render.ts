import type { Abi, AbiParameter, AbiParameterToPrimitiveType } from "viem";
import {
  formatDuration,
  formatInteger,
  formatNumber,
  formatTimestamp,
  formatTokenAmount,
  formatWadPercent,
  shortAddress,
} from "../format";
import { wadToNumber } from "../units";
import { PHASE_LABELS, PHASES } from "../arena/phases";
import { roleLabel } from "../arena/roles";

/**
 * What an explanation may know beyond the error's own arguments: when an epoch of the contract that reverted
 * starts (read from the chain by the caller: a task's start and epoch length, or a market's genesis), so that
 * epochs read as dates too.
 */
export type ExplainContext = {
  epochStart?: (epoch: bigint) => bigint | undefined;
  /** Chain time (unix seconds), for the tense of dates. */
  now?: bigint;
};

export type AbiError = Extract<Abi[number], { type: "error" }>;
type ErrorsOf<TAbi extends Abi> = Extract<TAbi[number], { type: "error" }>;
type NamedArgs<E extends AbiError> = {
  [P in E["inputs"][number] as P["name"] extends string ? P["name"] : never]: AbiParameterToPrimitiveType<P>;
};
export type Explainer<E extends AbiError = AbiError> = (args: NamedArgs<E>, ctx: ExplainContext) => string;

/** One explanation per custom error of `TAbi` (minus `TSkip`), its arguments by name and typed from the ABI. */
export type Explainers<TAbi extends Abi, TSkip extends string = never> = {
  [E in ErrorsOf<TAbi> as Exclude<E["name"], TSkip>]: Explainer<E>;
};

/** The decoded arguments of an error, by the names its ABI gives them. */
export function namedArgs(
  inputs: readonly AbiParameter[],
  args: readonly unknown[],
): Record<string, unknown> {
  return Object.fromEntries(inputs.map((p, i) => [p.name || `arg${i}`, args[i]]));
}

const big = (v: unknown): bigint =>
  typeof v === "bigint" ? v : typeof v === "number" && Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;

/** A whole number with thousands separators. */
export const num = (v: unknown): string => formatInteger(big(v));
/** An 18-decimal token amount. */
export const tokens = (v: unknown): string => `${formatTokenAmount(big(v))} ARENA`;
/** An address or a 32-byte hash, shortened. */
export const short = (v: unknown): string => (typeof v === "string" ? shortAddress(v) : "an unknown address");
/** A unix time in seconds. */
export const date = (v: unknown): string =>
  big(v) < 100_000_000_000n ? formatTimestamp(big(v)) : `unix time ${num(v)}`;
/** A span of seconds. */
export const span = (v: unknown): string => formatDuration(Number(big(v)));
/** `n thing(s)`. */
export const count = (v: unknown, thing: string): string => `${num(v)} ${thing}${big(v) === 1n ? "" : "s"}`;
/** A fraction in 18 decimals (1e18 = 100 %). */
export const percentWad = (v: unknown): string => formatWadPercent(big(v), 2);
/** Basis points. */
export const percentBps = (v: unknown): string => `${formatNumber(Number(big(v)) / 100, 0, 2)} %`;
/** A number in 18 decimals as a plain decimal. */
export const wad = (v: unknown): string => formatNumber(wadToNumber(big(v)), 0, 4);

/** "epoch 4", with its start date when the context knows the contract's epoch clock. */
export function epoch(v: unknown, ctx: ExplainContext): string {
  const start = ctx.epochStart?.(big(v));
  if (start === undefined) return `epoch ${num(v)}`;
  const when = ctx.now === undefined ? "from" : start <= ctx.now ? "started" : "starts";
  return `epoch ${num(v)} (${when} ${date(start)})`;
}

/** `uint256.max` and the like mean "no upper limit". */
export const isUnbounded = (v: unknown): boolean => big(v) >= 2n ** 255n;
export const asBigInt = big;

export const role = (v: unknown): string => roleLabel(Number(big(v))) ?? `role ${num(v)}`;
export const phase = (v: unknown): string => {
  const name = PHASES[Number(big(v))];
  return name === undefined ? `phase ${num(v)}` : PHASE_LABELS[name];
};
