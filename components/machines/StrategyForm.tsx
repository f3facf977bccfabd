"use client";

import {
  STRATEGY_PRESETS,
  WEIGHT_KEYS,
  weightsToInput,
  type StrategyName,
  type WeightsCheck,
  type WeightsInput,
} from "@/lib/selection/weights";
import { ErrorLine } from "@/components/ui/ErrorLine";

export type StrategyFormProps = {
  input: WeightsInput;
  check: WeightsCheck;
  onChange: (input: WeightsInput) => void;
  k: string;
  kError: string | undefined;
  onKChange: (k: string) => void;
  seed: string;
  seedError: string | undefined;
  onSeedChange: (seed: string) => void;
};

const LABELS = { stake: "Stake", uptime: "Uptime", latency: "Latency" } as const;

/** Strategy weights (percent, summing to 100) with presets, K and the seed of the random source. */
export function StrategyForm(props: StrategyFormProps) {
  const { input, check, onChange } = props;
  const errors = check.ok ? {} : check.errors;
  return (
    <section aria-labelledby="strategy-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="strategy-title" className="text-lg font-semibold">
        Selection strategy
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {(Object.keys(STRATEGY_PRESETS) as StrategyName[]).map((name) => (
          <button
            key={name}
            type="button"
            className="rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50"
            onClick={() => onChange(weightsToInput(STRATEGY_PRESETS[name]))}
          >
            {name}
          </button>
        ))}
      </div>
      <div className="mt-4 space-y-3">
        {WEIGHT_KEYS.map((key) => {
          const numeric = Number(input[key]);
          const sliderValue = Number.isFinite(numeric) ? Math.min(100, Math.max(0, numeric)) : 0;
          return (
            <div key={key}>
              <div className="flex items-center gap-3">
                <label htmlFor={`weight-${key}`} className="w-20 text-sm">
                  {LABELS[key]}
                </label>
                <input
                  type="range"
                  min={0}
                  max={100}
                  step={1}
                  aria-label={`${LABELS[key]} weight slider`}
                  value={sliderValue}
                  onChange={(e) => onChange({ ...input, [key]: e.target.value })}
                  className="flex-1"
                />
                <input
                  id={`weight-${key}`}
                  type="text"
                  inputMode="numeric"
                  aria-label={`${LABELS[key]} weight (%)`}
                  aria-invalid={Boolean(errors[key])}
                  value={input[key]}
                  onChange={(e) => onChange({ ...input, [key]: e.target.value })}
                  className="w-16 rounded border border-zinc-300 px-2 py-1 text-right text-sm"
                />
                <span className="text-sm text-zinc-500">%</span>
              </div>
              {errors[key] && (
                <p role="alert" className="mt-1 text-sm text-rose-700">
                  {errors[key]}
                </p>
              )}
            </div>
          );
        })}
        <ErrorLine>{errors.total}</ErrorLine>
      </div>
      <div className="mt-4 flex flex-wrap gap-4 text-sm">
        <IntegerField
          label="Top K"
          ariaLabel="Top K"
          width="w-14"
          value={props.k}
          onChange={props.onKChange}
        />
        <IntegerField
          label="Seed"
          ariaLabel="Random seed"
          width="w-24"
          value={props.seed}
          onChange={props.onSeedChange}
        />
      </div>
      <ErrorLine className="mt-1">{props.kError}</ErrorLine>
      <ErrorLine className="mt-1">{props.seedError}</ErrorLine>
    </section>
  );
}

/** A short labelled integer box (typed as text, so a half-typed value stays as typed). */
function IntegerField(props: {
  label: string;
  ariaLabel: string;
  width: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex items-center gap-2">
      {props.label}
      <input
        type="text"
        inputMode="numeric"
        aria-label={props.ariaLabel}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${props.width} rounded border border-zinc-300 px-2 py-1 text-right`}
      />
    </label>
  );
}
