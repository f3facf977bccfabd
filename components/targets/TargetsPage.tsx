"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { formatDuration, formatTokenAmount } from "@/lib/format";
import type { TargetModelView, TargetRowView } from "@/lib/indexer/targets";
import {
  formatMicro,
  matchesFilter,
  PHASE_LABEL,
  PHASE_STYLE,
  type TargetFilter,
  type TargetPhase,
} from "@/lib/targets";
import { formatClockTime } from "@/lib/chain/rpcHealth";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { StaleNote } from "@/components/layout/StaleNote";
import { useRpcHealth } from "@/lib/hooks/useRpcHealth";
import { LazyEpochCharts } from "./charts";
import { rowPhase, secondsLeft, toModelInfo, type MarketLive } from "@/lib/targets/market";
import { SeedDraw } from "./SeedDraw";
import { TargetActivity } from "./TargetActivity";
import { TargetClaims } from "./TargetClaims";
import { TargetLeaderboardTables } from "./TargetLeaderboards";
import { useTargetsHistory } from "@/lib/hooks/useTargetsHistory";
import { useTargetsMarket } from "@/lib/hooks/useTargetsMarket";
import { microToNumber } from "@/lib/units";

const FILTERS: TargetFilter[] = ["all", "open", "filled", "claimable", "expired"];

/**
 * /targets: browse targets by status and epoch, charts per epoch, claims and leaderboards. The list, the charts
 * and the leaderboards are the indexer's history; the clock, the seed draw and the claims' amounts the chain's.
 */
export function TargetsPage() {
  const market = useTargetsMarket();
  const rpc = useRpcHealth();
  const { address } = useArenaChain();
  const [filter, setFilter] = useState<TargetFilter>("all");
  const [epoch, setEpoch] = useState("all");
  const [mine, setMine] = useState(false);
  const history = useTargetsHistory({
    ...(epoch === "all" ? {} : { epoch: Number(epoch) }),
    ...(mine && address ? { submitter: address } : {}),
  });
  const data = market.data;
  const past = history.data;

  const shown = useMemo(() => {
    if (!data || !past) return [];
    return past.targets
      .map((t) => ({ row: t, phase: rowPhase(t, data.currentEpoch) }))
      .filter((t) => matchesFilter(t.phase, filter))
      .filter((t) => !mine || t.row.submitter?.toLowerCase() === address?.toLowerCase());
  }, [data, past, filter, mine, address]);

  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Targets</h1>
        <p className="mt-2 max-w-3xl text-zinc-700">
          Each target is a point in embedding space. Submit data whose embedding, by the lowest-loss assigned
          model, lands within the threshold: the first valid submission fills the target and, after an audit
          epoch, its reward is shared between you and the model&apos;s owner (45% each; 10% pays the auditor).
          Submissions are committed, then revealed in a later block, so nobody can copy yours; one address
          fills at most a few targets per epoch, and a fill is replaced when the next epoch opens.
        </p>
      </header>
      {!data && market.isPending && market.fetchStatus !== "idle" && !rpc.down && (
        <p>Loading the targets market…</p>
      )}
      {!data && (market.error || rpc.down) && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
          Could not read the targets market:{" "}
          {rpc.down ? `the chain at ${rpc.url} cannot be reached` : market.error?.message.split("\n")[0]}. It
          loads by itself when the chain answers again.
        </p>
      )}
      {data && <StaleNote updatedAt={market.dataUpdatedAt} />}
      {data && market.error && !rpc.down && (
        <p role="status" className="rounded bg-amber-50 p-3 text-amber-900">
          Showing the market as read at {formatClockTime(market.dataUpdatedAt)}; refreshing it failed:{" "}
          {market.error.message.split("\n")[0]}
        </p>
      )}
      {!market.isPending && !data && !market.error && !rpc.down && (
        <p className="rounded bg-amber-50 p-3 text-amber-900">
          The targets market is not deployed on this chain.
        </p>
      )}
      {data && (
        <>
          <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Filters">
            {FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
                className="rounded-full border border-zinc-300 px-3 py-1 text-sm capitalize aria-pressed:border-teal-700 aria-pressed:bg-teal-700 aria-pressed:text-white"
              >
                {f}
              </button>
            ))}
            <label className="flex items-center gap-2 text-sm">
              Epoch
              <select
                value={epoch}
                onChange={(e) => setEpoch(e.target.value)}
                className="rounded border border-zinc-300 px-2 py-1"
              >
                <option value="all">all</option>
                {(past?.epochs ?? [])
                  .filter((e) => e.opened)
                  .map((e) => (
                    <option key={e.epoch} value={String(e.epoch)}>
                      {e.epoch}
                    </option>
                  ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
              My submissions
            </label>
            <span className="text-sm text-zinc-500">
              Epoch {data.currentEpoch.toString()} ends in{" "}
              {formatDuration(secondsLeft(data, data.currentEpoch))}
            </span>
          </div>
          <SeedDraw market={data} />
          <HistoryState history={history} />
          {past && (
            <>
              <TargetTable market={data} models={past.models} targets={shown} />
              {past.totalTargets > past.targets.length && (
                <p className="text-sm text-zinc-500" data-testid="targets-truncated">
                  Showing the latest {past.targets.length} of {past.totalTargets} targets; choose an epoch to
                  see its targets.
                </p>
              )}
              <section>
                <h2 className="mb-2 text-lg font-semibold">Fills, threshold and difficulty per epoch</h2>
                <LazyEpochCharts
                  points={past.epochs
                    .filter((e) => e.opened)
                    .reverse()
                    .map((e) => ({
                      epoch: String(e.epoch),
                      targets: e.targets,
                      fills: e.fills,
                      threshold: microToNumber(e.threshold ?? 0),
                      fillRate: e.emaFillRate === null ? null : microToNumber(e.emaFillRate),
                    }))}
                />
              </section>
            </>
          )}
          <TargetClaims market={data} />
          {past && (
            <>
              <TargetActivity history={past} />
              <TargetLeaderboardTables history={past} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The indexer's state beside the history it serves: loading, never read, or kept from before a failure. */
function HistoryState({ history }: { history: ReturnType<typeof useTargetsHistory> }) {
  if (history.error) {
    return (
      <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
        Could not read the targets&apos; history from the indexer: {history.error.message.split("\n")[0]} It
        loads by itself when the indexer answers again.
      </p>
    );
  }
  if (!history.data) return <p>Loading the targets&apos; history…</p>;
  if (history.refreshError) {
    return (
      <p role="status" className="rounded bg-amber-50 p-3 text-amber-900">
        Showing the history as read at {formatClockTime(history.dataUpdatedAt)}; refreshing it failed:{" "}
        {history.refreshError.message.split("\n")[0]}
      </p>
    );
  }
  return null;
}

function TargetTable({
  market,
  models,
  targets,
}: {
  market: MarketLive;
  models: TargetModelView[];
  targets: { row: TargetRowView; phase: TargetPhase }[];
}) {
  const names = new Map(models.map((m) => [m.id, toModelInfo(m).name]));
  const modelName = (id: number) => names.get(id) ?? `#${id}`;
  if (targets.length === 0) return <p className="text-zinc-600">No target matches these filters.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-zinc-500">
          <tr>
            <th className="py-2">Target</th>
            <th>Status</th>
            <th>Epoch</th>
            <th>Reward</th>
            <th>Threshold</th>
            <th>Assigned models</th>
            <th>Time left</th>
          </tr>
        </thead>
        <tbody>
          {targets.map(({ row: t, phase }) => (
            <tr key={t.id} className="border-b border-zinc-100" data-testid="target-row">
              <td className="py-2">
                <Link href={`/targets/${t.id}`} className="font-medium text-teal-800 underline">
                  #{t.id.toString()}
                </Link>
              </td>
              <td>
                <span className={`rounded px-2 py-0.5 text-xs ${PHASE_STYLE[phase]}`}>
                  {PHASE_LABEL[phase]}
                </span>
              </td>
              <td>{t.epoch}</td>
              <td>{formatTokenAmount(t.reward)} ARENA</td>
              <td>{formatMicro(BigInt(t.threshold))}</td>
              <td>{t.models.map(modelName).join(", ")}</td>
              <td>{phase === "open" ? formatDuration(secondsLeft(market, BigInt(t.epoch))) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
