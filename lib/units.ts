import type { Hex } from "viem";

/**
 * The units the contracts count in, and the parsing of what people type into them. Every conversion between
 * a typed or displayed decimal and the contract's integer is exact (bigint and decimal strings, never a float):
 * `parseDecimal(formatFixed(x, d), d)` gives back `x` for every integer `x`, and `formatFixed(parseDecimal(s, d), d)`
 * gives back `s` in canonical form (no leading zeros, no trailing fractional zeros). Floats appear only in
 * `toDisplayNumber` and its aliases, for charts and figures that are read, never sent.
 *
 * - token amounts: 18 decimals (wei);
 * - WAD fractions (ρ, γ, q, α, λ, β): 18 decimals, 1e18 = 1 = 100 %, so a percentage has 16 decimals;
 * - micro units (targets' loss, distance, threshold and fill rate; vector components): 6 decimals.
 * Scores of a task's metric are not here: see the metric module.
 */

/** 1 in WAD fixed point (18 decimals): the scale of every fraction the contracts store. */
export const WAD = 10n ** 18n;
export const TOKEN_DECIMALS = 18;
export const WAD_DECIMALS = 18;
/** 1 % = 1e16 in WAD. */
export const PERCENT_DECIMALS = 16;
export const MICRO_DECIMALS = 6;

/** The result of parsing a typed value: the value, or the sentence a form shows under the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ParseFailure; error: string };
export type ParseFailure = "empty" | "negative" | "format" | "decimals" | "range";

const fail = (reason: ParseFailure, error: string): Parsed<never> => ({ ok: false, reason, error });

/** `value / 10^decimals` written exactly in plain digits: "1.5", "-0.000001", "1000" (no exponent, no grouping). */
export function formatFixed(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** The largest exponent written out in full; beyond it a number is too large for any field anyway. */
const MAX_EXPONENT = 100;

/**
 * "1e30", "2.5E3", "5e-1" written out in plain digits ("1000…0", "2500", "0.5"), so that a number typed in
 * exponent notation is checked against its range like any other; other strings unchanged. Undefined when the
 * exponent is beyond MAX_EXPONENT (the number is too large for every field).
 */
export function expandExponent(raw: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(raw);
  if (!m) return raw;
  const [, whole = "", frac = "", expText = "0"] = m;
  const exp = Number(expText);
  if (exp > MAX_EXPONENT) return undefined;
  const digits = whole + frac;
  const point = whole.length + exp;
  const out =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const [w = "0", f = ""] = out.split(".");
  const wholeTrimmed = w.replace(/^0+(?=\d)/, "");
  const fracTrimmed = f.replace(/0+$/, "");
  return fracTrimmed ? `${wholeTrimmed}.${fracTrimmed}` : wholeTrimmed;
}

/**
 * A non-negative decimal typed by a person ("100", "2.5", " 0.75 ", "1e3") as an integer in units of
 * 10^-decimals, exactly. Refuses (with the sentence to show, starting with `label`) an empty field, a negative
 * number, anything that is not plain digits with at most one point, and more decimals than the unit has
 * (never rounds a typed value). Bounds are the caller's: they differ per field.
 */
export function parseDecimal(text: string, decimals: number, label = "The value"): Parsed<bigint> {
  const typed = text.trim();
  if (typed === "") return fail("empty", `${label} is required.`);
  if (/^-\s*\d/.test(typed)) return fail("negative", `${label} cannot be negative.`);
  const raw = expandExponent(typed);
  if (raw === undefined) return fail("range", `${label} is too large.`);
  if (!/^\d+(\.\d+)?$/.test(raw))
    return fail("format", `${label} must be a number ≥ 0, written like 100 or 2.5.`);
  const [whole = "0", frac = ""] = raw.split(".");
  if (frac.length > decimals)
    return fail("decimals", `${label} has more than ${decimals} decimal${decimals === 1 ? "" : "s"}.`);
  return { ok: true, value: BigInt(whole + frac.padEnd(decimals, "0")) };
}

/** A whole number typed by a person, between `min` and `max` (inclusive). */
export function parseInteger(
  text: string,
  { label = "The value", min = 0n, max }: { label?: string; min?: bigint; max?: bigint } = {},
): Parsed<bigint> {
  const range = `between ${min} and ${max ?? Number.MAX_SAFE_INTEGER}`;
  const typed = text.trim();
  if (typed === "") return fail("empty", `${label} is required.`);
  if (/^-\s*\d/.test(typed)) return fail("negative", `${label} cannot be negative.`);
  const raw = expandExponent(typed);
  if (raw === undefined) return fail("range", `${label} is too large: it must be ${range}.`);
  if (!/^\d+$/.test(raw)) return fail("format", `${label} must be a whole number.`);
  const n = BigInt(raw);
  if (n < min || (max !== undefined && n > max)) return fail("range", `${label} must be ${range}.`);
  return { ok: true, value: n };
}

/** A token amount (18 decimals) exactly, in plain digits: 1.5e18 → "1.5". */
export const formatTokens = (wei: bigint): string => formatFixed(wei, TOKEN_DECIMALS);
/** A typed token amount in wei (see `parseDecimal`). */
export const parseTokens = (text: string, label?: string): Parsed<bigint> =>
  parseDecimal(text, TOKEN_DECIMALS, label);

/** A WAD fraction exactly, in plain digits: 5e17 → "0.5". */
export const formatWad = (wad: bigint): string => formatFixed(wad, WAD_DECIMALS);
/** A typed fraction ("0.5") in WAD (see `parseDecimal`). */
export const parseWad = (text: string, label?: string): Parsed<bigint> =>
  parseDecimal(text, WAD_DECIMALS, label);

/** A WAD fraction as a percentage number, exactly, without the sign: 1e17 → "10", 123e14 → "1.23". */
export const wadToPercent = (wad: bigint): string => formatFixed(wad, PERCENT_DECIMALS);

/**
 * A typed percentage ("10", "12.5") as a WAD fraction, exactly (at most 16 decimals, the WAD's resolution),
 * and at most `max` (100 % by default, as for a reward share ρ).
 */
export function percentToWad(text: string, { label = "The percentage", max = WAD } = {}): Parsed<bigint> {
  const parsed = parseDecimal(text, PERCENT_DECIMALS, label);
  if (!parsed.ok) return parsed;
  if (parsed.value > max) return fail("range", `${label} must be between 0 and ${wadToPercent(max)} %.`);
  return parsed;
}

/**
 * `value / 10^decimals` as the nearest float, for display and charts only (exact up to the float's 15–17
 * significant digits, whatever the size of `value`; `Number(value) / 1e18` rounds twice).
 */
export const toDisplayNumber = (value: bigint, decimals: number): number =>
  Number(formatFixed(value, decimals));
/** A token amount or WAD fraction as a float, for display only. */
export const wadToNumber = (wad: bigint): number => toDisplayNumber(wad, WAD_DECIMALS);
/** Micro units as a float, for display only (a number argument is an integer count of micro units). */
export const microToNumber = (micro: bigint | number): number =>
  typeof micro === "number" ? micro / 1e6 : toDisplayNumber(micro, MICRO_DECIMALS);
/** A float (a measured loss, distance or vector component) in micro units, rounded to the nearest. */
export function numberToMicro(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`numberToMicro: ${x} is not finite`);
  return BigInt(Math.round(x * 1e6));
}

/** 0x and 64 hex digits (either case): a bytes32, a hash, a salt. */
export const isBytes32 = (value: string): value is Hex => /^0x[0-9a-fA-F]{64}$/.test(value);
