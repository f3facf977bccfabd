"use client";

import { formatClockTime } from "@/lib/chain/rpcHealth";
import { useRpcHealth } from "@/lib/hooks/useRpcHealth";

/**
 * "Last updated 12:03:04 — the chain at http://… cannot be reached": beside data kept from before an outage.
 * Renders nothing while the chain answers. `updatedAt` is when the data was read, if the caller knows it.
 */
export function StaleNote({ updatedAt }: { updatedAt?: number }) {
  const { down, lastOkAt, url } = useRpcHealth();
  if (!down) return null;
  const at = updatedAt ?? lastOkAt;
  return (
    <p
      role="status"
      data-testid="stale-note"
      className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900"
    >
      {at ? `Last updated ${formatClockTime(at)}` : "Not updated yet"} — the chain at {url} cannot be reached.
      This refreshes by itself when it answers again.
    </p>
  );
}
