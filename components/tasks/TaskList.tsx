"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { PHASE_LABELS, PHASES, type PhaseName } from "@/lib/arena/phases";
import { metricLabel, METRICS } from "@/lib/arena/metric";
import { summarizeTask } from "@/lib/arena/taskSummary";
import { formatDuration, formatTokenAmount } from "@/lib/format";
import { QueryState } from "@/components/ui/Card";
import { useChainTime } from "@/lib/hooks/useChainTime";
import { useTaskList } from "@/lib/hooks/useTaskList";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

const ROLE_FILTERS = ["any", "creator", "node", "validator", "delegator"] as const;

export function TaskList() {
  const index = useTaskList();
  const now = useChainTime();
  const { address } = useArenaChain();
  const [phase, setPhase] = useState<PhaseName | "any">("any");
  const [metric, setMetric] = useState<number | -1>(-1);
  const [role, setRole] = useState<(typeof ROLE_FILTERS)[number]>("any");
  const [search, setSearch] = useState("");

  const rows = useMemo(() => {
    if (!index.data || now.data === undefined) return [];
    const q = search.trim().toLowerCase();
    return [...index.data.tasks.values()]
      .map((t) => summarizeTask(t, now.data, address))
      .filter((t) => phase === "any" || t.phase === phase)
      .filter((t) => metric === -1 || t.metric === metric)
      .filter((t) => role === "any" || t.myRole === role)
      .filter((t) => !q || t.title.toLowerCase().includes(q) || t.id.toString() === q)
      .sort((a, b) => Number(b.id - a.id));
  }, [index.data, now.data, address, phase, metric, role, search]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Title or id"
            className="rounded border border-zinc-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          Phase
          <select
            value={phase}
            onChange={(e) => setPhase(e.target.value as PhaseName | "any")}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            <option value="any">Any</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {PHASE_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Metric
          <select
            value={metric}
            onChange={(e) => setMetric(Number(e.target.value))}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            <option value={-1}>Any</option>
            {METRICS.map((m, i) => (
              <option key={m} value={i}>
                {metricLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          My role
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof ROLE_FILTERS)[number])}
            disabled={!address}
            title={address ? undefined : "Connect a wallet to filter by your role"}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            {ROLE_FILTERS.map((r) => (
              <option key={r} value={r}>
                {r === "any" ? "Any" : r[0]!.toUpperCase() + r.slice(1)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState
        loading={index.isLoading || now.isLoading}
        error={index.error ?? now.error}
        empty={rows.length === 0}
        emptyText="No task matches these filters."
      >
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-zinc-50 text-zinc-600">
              <tr>
                <th className="px-3 py-2">Task</th>
                <th className="px-3 py-2">Phase</th>
                <th className="px-3 py-2">Metric</th>
                <th className="px-3 py-2 text-right">Pool left</th>
                <th className="px-3 py-2 text-right">Stake</th>
                <th className="px-3 py-2 text-right">Nodes</th>
                <th className="px-3 py-2 text-right">Validators</th>
                <th className="px-3 py-2 text-right">Phase ends in</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id.toString()} className="border-t border-zinc-100" data-testid="task-row">
                  <td className="px-3 py-2">
                    <Link href={`/tasks/${t.id}`} className="font-medium text-teal-800 hover:underline">
                      #{t.id.toString()} {t.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{PHASE_LABELS[t.phase]}</td>
                  <td className="px-3 py-2">{metricLabel(t.metric)}</td>
                  <td className="px-3 py-2 text-right">{formatTokenAmount(t.pool, 0)}</td>
                  <td className="px-3 py-2 text-right">{formatTokenAmount(t.totalStake, 0)}</td>
                  <td className="px-3 py-2 text-right">{t.nodes}</td>
                  <td className="px-3 py-2 text-right">{t.validators}</td>
                  <td className="px-3 py-2 text-right">
                    {t.timeline && t.timeline.phaseLeft > 0 ? formatDuration(t.timeline.phaseLeft) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </div>
  );
}
