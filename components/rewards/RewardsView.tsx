"use client";

import { useMemo } from "react";
import type { Address } from "viem";
import { earningsOf, totalsBySource, type EarningSource } from "@/lib/arena/earnings";
import { delegationRelease, type Holdings } from "@/lib/portfolio/lines";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { LazyChart } from "@/components/charts/LazyChart";
import { Card, QueryState } from "@/components/ui/Card";
import { useAccountIndex } from "@/lib/hooks/useAccountIndex";
import { Portfolio } from "@/components/portfolio/Portfolio";
import { useHoldings } from "@/lib/hooks/useHoldings";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { wadToNumber } from "@/lib/units";

const SOURCES: { key: EarningSource; label: string }[] = [
  { key: "node", label: "As training node" },
  { key: "validator", label: "As validator" },
  { key: "delegator", label: "As delegator" },
  { key: "challenger", label: "As challenger" },
];

export function RewardsView() {
  const { address, isConnected } = useArenaChain();
  if (!isConnected || !address) {
    return <p className="text-zinc-600">Connect a wallet to see what you earned and can claim.</p>;
  }
  return <Rewards key={address} account={address} />;
}

function Rewards({ account }: { account: Address }) {
  const index = useAccountIndex(account);
  const holdings = useHoldings(account);
  const derived = useMemo(() => {
    if (!index.data) return undefined;
    const earnings = earningsOf(index.data, account);
    return { earnings, totals: totalsBySource(earnings) };
  }, [index.data, account]);

  const history = useMemo(() => {
    const byEpochTime = new Map<number, Record<string, number>>();
    for (const e of derived?.earnings ?? []) {
      if (e.time === undefined) continue;
      const day = Math.floor(e.time / 86_400);
      const row = byEpochTime.get(day) ?? { day, node: 0, validator: 0, delegator: 0, challenger: 0 };
      row[e.source] = (row[e.source] ?? 0) + wadToNumber(e.amount);
      byEpochTime.set(day, row);
    }
    return [...byEpochTime.values()]
      .sort((a, b) => (a.day ?? 0) - (b.day ?? 0))
      .map((r) => ({ ...r, day: new Date((r.day ?? 0) * 86_400_000).toISOString().slice(0, 10) }));
  }, [derived]);
  const total = Object.values(derived?.totals ?? {}).reduce((a, b) => a + b, 0n);

  return (
    <div className="space-y-6">
      <Portfolio account={account} />
      <QueryState loading={index.isLoading} error={index.error} empty={false} emptyText="">
        <Card title={`Earned in all: ${formatTokenAmount(total)} ARENA`}>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="earnings-by-source">
            {SOURCES.map((s) => (
              <div key={s.key}>
                <dt className="text-zinc-500">{s.label}</dt>
                <dd className="font-medium">{formatTokenAmount(derived?.totals[s.key] ?? 0n)} ARENA</dd>
              </div>
            ))}
          </dl>
        </Card>
      </QueryState>
      {holdings.data && <DelegationRewards holdings={holdings.data} />}
      <LazyChart
        title="Rewards per day by source (ARENA)"
        kind="bar"
        data={history}
        xKey="day"
        series={SOURCES.slice(0, 2).map((s) => ({ key: s.key, label: s.label }))}
        empty="No settled reward yet."
      />
    </div>
  );
}

/** Rewards waiting in each delegation: claimable from a validator, escrowed with a training node's own. */
function DelegationRewards({ holdings }: { holdings: Holdings }) {
  const rows = holdings.tasks.flatMap((t) =>
    t.delegations
      .filter((d) => d.position.nextAmount > 0n || d.pending > 0n)
      .map((d) => ({ task: t.task, delegation: d, release: delegationRelease(holdings, t.task, d) })),
  );
  if (rows.length === 0) return null;
  const escrowed = rows.filter((r) => !r.release.gate.ok).reduce((s, r) => s + r.delegation.pending, 0n);
  return (
    <Card title="Rewards in my delegations">
      <ul className="space-y-1 text-sm">
        {rows.map(({ task, delegation: d, release }) => (
          <li key={`${task.id}-${d.delegatee}`} data-testid="my-delegation">
            Task #{task.id.toString()}: {formatTokenAmount(d.position.nextAmount)} ARENA delegated to{" "}
            <span className="font-mono">{shortAddress(d.delegatee)}</span>
            {d.pending > 0n && (
              <span className={release.gate.ok ? "text-emerald-700" : "text-amber-800"}>
                {" "}
                · {formatTokenAmount(d.pending)} ARENA{" "}
                {release.gate.ok ? "claimable" : `escrowed: ${release.gate.reason}`}
              </span>
            )}
          </li>
        ))}
      </ul>
      {escrowed > 0n && (
        <p className="mt-2 text-sm text-amber-800" data-testid="escrowed-delegation">
          {formatTokenAmount(escrowed)} ARENA of your rewards as a training node&apos;s delegator are escrowed
          with the node&apos;s own until the task has ended and its challenges are resolved.
        </p>
      )}
    </Card>
  );
}
