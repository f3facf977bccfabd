"use client";

import { formatInteger, formatTokenAmount, shortAddress } from "@/lib/format";
import { meanMicro, type TargetsOverview } from "@/lib/indexer/targets";
import { toModelInfo } from "@/lib/targets/market";
import { useTargetsHistory } from "@/lib/hooks/useTargetsHistory";

/** The leaderboards on their own (the /leaderboard page): read from the indexer with the fewest targets. */
export function TargetLeaderboards() {
  const history = useTargetsHistory({ limit: 1 });
  if (history.error) {
    return (
      <p role="alert" className="text-rose-800">
        Could not read the targets leaderboards from the indexer: {history.error.message.split("\n")[0]}
      </p>
    );
  }
  if (!history.data) return <p className="text-zinc-500">Loading the targets leaderboards…</p>;
  return <TargetLeaderboardTables history={history.data} />;
}

/** Models (targets won, win rate, mean loss and distance, rewards) and submitters (fills, rewards, bytes). */
export function TargetLeaderboardTables({ history }: { history: TargetsOverview }) {
  const models = history.models
    .map(toModelInfo)
    .sort((a, b) => b.wins - a.wins || Number(b.rewards - a.rewards));
  const submitters = [...history.submitters].sort(
    (a, b) => b.filled - a.filled || Number(b.rewards - a.rewards),
  );
  const th = "py-2 pr-4 font-normal";
  return (
    <section aria-labelledby="target-leaderboards" className="grid gap-6 lg:grid-cols-2">
      <h2 id="target-leaderboards" className="text-lg font-semibold lg:col-span-2">
        Targets leaderboards
      </h2>
      <table className="text-left text-sm" aria-label="Models">
        <thead className="border-b border-zinc-200 text-zinc-500">
          <tr>
            <th className={th}>Model</th>
            <th className={th}>Won</th>
            <th className={th}>Win rate</th>
            <th className={th}>Mean loss</th>
            <th className={th}>Mean distance</th>
            <th className={th}>Rewards</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} className="border-b border-zinc-100">
              <td className="py-2 pr-4">
                {m.name}
                {!m.active && <span className="ml-1 text-xs text-zinc-500">(retired)</span>}
              </td>
              <td className="pr-4">{m.wins}</td>
              <td className="pr-4">
                {m.assigned === 0 ? "—" : `${Math.round((100 * m.wins) / m.assigned)}%`}
              </td>
              <td className="pr-4">{meanMicro(m.lossSum, m.wins)}</td>
              <td className="pr-4">{meanMicro(m.distanceSum, m.wins)}</td>
              <td className="pr-4">{formatTokenAmount(m.rewards)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="text-left text-sm" aria-label="Submitters">
        <thead className="border-b border-zinc-200 text-zinc-500">
          <tr>
            <th className={th}>Submitter</th>
            <th className={th}>Targets filled</th>
            <th className={th}>Rewards</th>
            <th className={th}>Bytes</th>
          </tr>
        </thead>
        <tbody>
          {submitters.length === 0 && (
            <tr>
              <td colSpan={4} className="py-2 text-zinc-600">
                No submissions yet.
              </td>
            </tr>
          )}
          {submitters.map((s) => (
            <tr key={s.address} className="border-b border-zinc-100" data-testid="submitter-row">
              <td className="py-2 pr-4 font-mono" title={s.address}>
                {shortAddress(s.address)}
              </td>
              <td className="pr-4">{s.filled}</td>
              <td className="pr-4">{formatTokenAmount(s.rewards)}</td>
              <td className="pr-4">{formatInteger(s.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
