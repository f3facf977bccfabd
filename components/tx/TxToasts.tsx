"use client";

import type { TxEntry, TxStage } from "@/lib/tx/transactor";

const STAGE_TEXT: Record<TxStage, string> = {
  "awaiting-signature": "Waiting for your signature…",
  pending: "Pending: waiting to be mined…",
  confirmed: "Confirmed",
  failed: "Failed",
};

const STAGE_STYLE: Record<TxStage, string> = {
  "awaiting-signature": "border-amber-400",
  pending: "border-sky-400",
  confirmed: "border-emerald-500",
  failed: "border-rose-500",
};

export function TxToasts({ entries, onDismiss }: { entries: TxEntry[]; onDismiss: (id: number) => void }) {
  if (entries.length === 0) return null;
  return (
    // Top right, under the header: the button that sent the transaction and the form above it (score inputs,
    // amounts) are lower on the screen. Clicks pass through the gaps between toasts.
    <div className="pointer-events-none fixed inset-x-3 top-3 z-50 flex flex-col gap-2 sm:inset-x-auto sm:top-20 sm:right-4 sm:w-80 [&>*]:pointer-events-auto">
      {entries.map((entry) => (
        <div
          key={entry.id}
          role={entry.stage === "failed" ? "alert" : "status"}
          data-testid="tx-toast"
          data-stage={entry.stage}
          className={`rounded-lg border-l-4 bg-white p-3 text-sm shadow-lg dark:bg-zinc-900 ${STAGE_STYLE[entry.stage]}`}
        >
          <div className="flex items-start justify-between gap-2">
            <p className="font-medium">{entry.label}</p>
            <button
              type="button"
              aria-label="Dismiss"
              className="text-zinc-500 hover:text-zinc-800"
              onClick={() => onDismiss(entry.id)}
            >
              ×
            </button>
          </div>
          <p>{STAGE_TEXT[entry.stage]}</p>
          {entry.hash && (
            <p className="truncate font-mono text-xs text-zinc-500">
              {entry.explorerUrl ? (
                <a href={entry.explorerUrl} target="_blank" rel="noreferrer" className="underline">
                  {entry.hash}
                </a>
              ) : (
                entry.hash
              )}
            </p>
          )}
          {entry.error && (
            <p className="mt-1 break-words text-rose-700 dark:text-rose-400">{entry.error.message}</p>
          )}
          {entry.error?.customError && (
            <details className="mt-1 text-xs text-zinc-500">
              <summary className="cursor-pointer">Contract error {entry.error.customError.name}</summary>
              <code className="break-all">{entry.error.customError.signature}</code>
            </details>
          )}
        </div>
      ))}
    </div>
  );
}
