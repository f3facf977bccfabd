"use client";

import Link from "next/link";
import { formatInteger, formatTokenAmount, shortAddress } from "@/lib/format";
import type { TargetsOverview } from "@/lib/indexer/targets";
import { formatMicro } from "@/lib/targets";

/** The latest fills and claims of the market, newest first (from the indexer). */
export function TargetActivity({ history }: { history: TargetsOverview }) {
  return (
    <section aria-labelledby="target-activity" className="grid gap-6 lg:grid-cols-2">
      <h2 id="target-activity" className="text-lg font-semibold lg:col-span-2">
        Recent activity
      </h2>
      <div>
        <h3 className="mb-1 text-sm font-medium text-zinc-700">Latest fills</h3>
        {history.recentFills.length === 0 ? (
          <p className="text-sm text-zinc-600">No target was filled yet.</p>
        ) : (
          <ul className="text-sm" data-testid="recent-fills">
            {history.recentFills.map((f) => (
              <li key={f.targetId} className="py-0.5">
                <Link href={`/targets/${f.targetId}`} className="text-teal-800 underline">
                  Target #{f.targetId.toString()}
                </Link>{" "}
                by <span className="font-mono">{shortAddress(f.submitter)}</span> in epoch {f.fillEpoch}:
                distance {formatMicro(f.distance)}, {formatInteger(f.dataSize)} bytes
                {f.bondForfeited !== null ? " (fraudulent)" : f.confirmed ? " (confirmed)" : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium text-zinc-700">Latest claims</h3>
        {history.recentClaims.length === 0 ? (
          <p className="text-sm text-zinc-600">No reward was claimed yet.</p>
        ) : (
          <ul className="text-sm" data-testid="recent-claims">
            {history.recentClaims.map((c) => (
              <li key={c.targetId} className="py-0.5">
                <Link href={`/targets/${c.targetId}`} className="text-teal-800 underline">
                  Target #{c.targetId.toString()}
                </Link>{" "}
                paid {formatTokenAmount(c.submitterReward + c.modelReward + c.auditorFee)} ARENA to{" "}
                <span className="font-mono">{shortAddress(c.submitter)}</span> and the model&apos;s owner
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
