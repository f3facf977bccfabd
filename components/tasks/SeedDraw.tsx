"use client";

import type { useEpochSeed } from "@/lib/hooks/useEpochSeed";

/** Step 1 of validating an epoch: draw its seed (anyone may), shown with its progress until assignments exist. */
export function SeedDraw({ epoch, seed }: { epoch: number; seed: ReturnType<typeof useEpochSeed> }) {
  const { step, progress, busy, local } = seed;
  return (
    <div
      className="space-y-1 rounded border border-zinc-200 p-2"
      data-testid="seed-step"
      data-step={step.step}
    >
      <p className="font-medium">1. Draw this epoch&apos;s seed</p>
      {step.step === "too-early" && (
        <p className="text-zinc-500">The seed is drawn once submissions close, so nobody can aim at it.</p>
      )}
      {step.step === "closed" && (
        <p className="text-zinc-500">
          The commit window closed before anyone drew this epoch&apos;s seed: no scores can be committed for
          it.
        </p>
      )}
      {step.step === "draw" && (
        <>
          <p className="text-zinc-600">
            {step.expired
              ? "256 blocks passed before the fixed block was read, so its hash is gone: draw again to fix a new block."
              : `Epoch ${epoch}'s assignments come from the hash of a block fixed now and mined after. Anyone may draw it.`}
          </p>
          <button
            type="button"
            onClick={seed.draw}
            disabled={busy}
            className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
          >
            Draw this epoch&apos;s seed
          </button>
        </>
      )}
      {step.step === "waiting" && (
        <>
          <p className="text-zinc-600">
            The seed will be the hash of block {step.seedBlock.toString()}; it is readable once block{" "}
            {step.until.toString()} exists (the chain is at {step.latest.toString()}).
          </p>
          {!busy && (
            <button
              type="button"
              onClick={seed.resume}
              className="rounded-md border border-zinc-300 px-3 py-1"
            >
              {local ? "Mine the missing blocks (local chain)" : "Wait for the seed block"}
            </button>
          )}
        </>
      )}
      {step.step === "ready" && <p className="text-emerald-700">Seed drawn: assignments are fixed.</p>}
      {progress && (
        <p role="status" className="text-zinc-700">
          {progress}
        </p>
      )}
    </div>
  );
}
