"use client";

import { parseTokens } from "@/lib/units";

/** Parses a token amount typed by a person; returns an error sentence instead of throwing. */
export type ParsedAmount = { ok: true; value: bigint } | { ok: false; error: string };

export function parseAmount(
  value: string,
  { max, min = 0n }: { max?: bigint; min?: bigint } = {},
): ParsedAmount {
  const parsed = parseTokens(value);
  if (!parsed.ok) {
    if (parsed.reason === "empty") return { ok: false, error: "Enter an amount." };
    if (parsed.reason === "decimals") return { ok: false, error: "An amount has at most 18 decimals." };
    if (parsed.reason === "range") return { ok: false, error: "The amount is more than you have." };
    return { ok: false, error: "Enter a number like 100 or 2.5." };
  }
  const wei = parsed.value;
  if (wei <= 0n) return { ok: false, error: "The amount must be more than 0." };
  if (wei < min) return { ok: false, error: "The amount is below the minimum." };
  if (max !== undefined && wei > max) return { ok: false, error: "The amount is more than you have." };
  return { ok: true, value: wei };
}

export function AmountInput({
  label,
  value,
  onChange,
  error,
  suffix = "ARENA",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  suffix?: string;
}) {
  const id = `amount-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          className="w-40 rounded border border-zinc-300 px-2 py-1 aria-[invalid=true]:border-rose-500"
        />
        <span className="text-zinc-500">{suffix}</span>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
