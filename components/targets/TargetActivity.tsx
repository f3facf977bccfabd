"use client";

import Link from "next/link";
import type { ReactNode } from "react";
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
      <ActivityList
        title="Latest fills"
        empty="No target was filled yet."
        testId="recent-fills"
        items={history.recentFills}
        render={(f) => (
          <>
            by <span className="font-mono">{shortAddress(f.submitter)}</span> in epoch {f.fillEpoch}: distance{" "}
            {formatMicro(f.distance)}, {formatInteger(f.dataSize)} bytes
            {f.bondForfeited !== null ? " (fraudulent)" : f.confirmed ? " (confirmed)" : ""}
          </>
        )}
      />
      <ActivityList
        title="Latest claims"
        empty="No reward was claimed yet."
        testId="recent-claims"
        items={history.recentClaims}
        render={(c) => (
          <>
            paid {formatTokenAmount(c.submitterReward + c.modelReward + c.auditorFee)} ARENA to{" "}
            <span className="font-mono">{shortAddress(c.submitter)}</span> and the model&apos;s owner
          </>
        )}
      />
    </section>
  );
}

/** One list of target events: each a link to its target, then what happened (`render`). */
function ActivityList<T extends { targetId: bigint }>({
  title,
  empty,
  testId,
  items,
  render,
}: {
  title: string;
  empty: string;
  testId: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
}) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium text-zinc-700">{title}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600">{empty}</p>
      ) : (
        <ul className="text-sm" data-testid={testId}>
          {items.map((item) => (
            <li key={item.targetId} className="py-0.5">
              <Link href={`/targets/${item.targetId}`} className="text-teal-800 underline">
                Target #{item.targetId.toString()}
              </Link>{" "}
              {render(item)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
