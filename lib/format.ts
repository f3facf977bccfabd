import { formatFixed, PERCENT_DECIMALS, TOKEN_DECIMALS } from "./units.ts";

/**
 * Every number people read goes through `Intl.NumberFormat` here, in one locale ("en-US": grouping by commas,
 * a point for decimals) so that the pages read the same everywhere and the e2e tests can assert on the text.
 * Exact values (token amounts, WAD fractions) are formatted from their exact decimal string, never via a float.
 */
const LOCALE = "en-US";

type Rounding = "trunc" | "halfExpand";
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(minDigits: number, maxDigits: number, rounding: Rounding): Intl.NumberFormat {
  const key = `${minDigits}/${maxDigits}/${rounding}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
      roundingMode: rounding,
    });
    formatters.set(key, f);
  }
  return f;
}

/** An exact decimal string ("1234.5678") through Intl, digits beyond `maxDigits` cut (`trunc`) or rounded. */
function formatDecimalString(
  decimal: string,
  minDigits: number,
  maxDigits: number,
  rounding: Rounding,
): string {
  return numberFormat(minDigits, maxDigits, rounding).format(decimal as Intl.StringNumericLiteral);
}

/** `value / 10^decimals` with thousands separators and at most `digits` decimals, rounded down, exactly. */
export function formatScaled(value: bigint, decimals: number, digits: number): string {
  return formatDecimalString(formatFixed(value, decimals), 0, digits, "trunc");
}

/** A token amount (18 decimals) with thousands separators and at most `digits` decimals, rounded down. */
export function formatTokenAmount(amount: bigint, digits = 2): string {
  return formatScaled(amount, TOKEN_DECIMALS, digits);
}

/**
 * A number with thousands separators and `digits` decimals (exactly, unless `maxDigits` allows more), rounded
 * half away from zero: formatNumber(1234.5, 2) → "1,234.50", formatNumber(1234, 0) → "1,234".
 */
export function formatNumber(x: number, digits = 0, maxDigits = digits): string {
  return numberFormat(digits, Math.max(digits, maxDigits), "halfExpand").format(x);
}

/** A float with `digits` significant digits and thousands separators, never in exponent notation. */
export function formatSignificant(x: number, digits: number): string {
  let f = formatters.get(`sig${digits}`);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumSignificantDigits: digits, maximumSignificantDigits: digits });
    formatters.set(`sig${digits}`, f);
  }
  return f.format(x);
}

/** Above this many percent, a figure is shown as "> 1,000,000 %" rather than a wall of digits. */
const PERCENT_CAP = 1_000_000;

/**
 * A fraction as a percentage with grouped digits and one decimal ("12.3 %", "1,234.5 %", "−4.0 %"); never in
 * exponent notation, never "Infinity" or "NaN" ("—" then).
 */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return "—";
  const pct = fraction * 100;
  if (pct >= PERCENT_CAP) return `> ${formatNumber(PERCENT_CAP)} %`;
  if (pct <= -PERCENT_CAP) return `< −${formatNumber(PERCENT_CAP)} %`;
  const text = formatNumber(Math.abs(pct), digits);
  return `${pct < 0 && text.replace(/[0.,]/g, "") !== "" ? "−" : ""}${text} %`;
}

/**
 * A WAD fraction (1e18 = 100 %, as ρ and γ) as a percentage from its exact value, with at most `digits`
 * decimals rounded half away from zero: 1e17 → "10 %", 125e15 with 1 digit → "12.5 %".
 */
export function formatWadPercent(wad: bigint, digits = 0): string {
  return `${formatDecimalString(formatFixed(wad, PERCENT_DECIMALS), 0, digits, "halfExpand")} %`;
}

/** A count or other integer with thousands separators ("1,234,567"). */
export function formatInteger(n: number | bigint): string {
  return numberFormat(0, 0, "halfExpand").format(n);
}

/** A unix timestamp (seconds) as an ISO-like UTC date and time, stable across locales. */
export function formatTimestamp(seconds: bigint | number): string {
  const date = new Date(Number(seconds) * 1000);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A duration in seconds as "2d 3h", "4h 5m", "6m 7s" or "8s". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec}s`;
  return `${sec}s`;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
