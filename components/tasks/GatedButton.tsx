"use client";

import type { ReactNode } from "react";
import type { Gate } from "@/lib/arena/gate";

/** A button that is disabled, with its reason shown beside it, when its action would revert. */
export function GatedButton({
  gate,
  onClick,
  children,
  primary = false,
  busy = false,
}: {
  gate: Gate;
  onClick: () => void;
  children: ReactNode;
  primary?: boolean;
  busy?: boolean;
}) {
  const style = primary
    ? "rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
    : "rounded-md border border-zinc-300 px-3 py-1 disabled:opacity-50";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={!gate.ok || busy}
        title={gate.ok ? undefined : gate.reason}
        onClick={onClick}
        className={style}
      >
        {children}
      </button>
      {!gate.ok && <span className="text-xs text-zinc-500">{gate.reason}</span>}
    </span>
  );
}
