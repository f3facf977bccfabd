"use client";

import dynamic from "next/dynamic";
import type { TaskView } from "@/lib/arena/indexer";

const SettlePanel = dynamic(() => import("@/components/tasks/SettlePanel").then((m) => m.SettlePanel), {
  ssr: false,
});

/** Why a delegation change would revert `SettlementPending`, with the settle action that unblocks it. */
export function SettleFirst({ task, epoch, now }: { task: TaskView; epoch: number; now: number }) {
  return (
    <div
      className="mt-2 w-full space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-sm"
      role="note"
    >
      <p className="text-amber-900">
        Your previous change to this delegation took effect in an epoch whose rewards are not settled yet, so
        the contract waits for settlement before it changes again. Settle epoch {epoch} first (anyone may),
        then try again.
      </p>
      <SettlePanel task={task} now={now} />
    </div>
  );
}
