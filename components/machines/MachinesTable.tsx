"use client";

import { formatNumber, formatTokenAmount } from "@/lib/format";
import type { ScoredMachine } from "@/lib/selection/select";
import type { MachineRow } from "@/lib/hooks/useMachines";

const pct = (x: number) => `${formatNumber(x * 100, 1)}%`;
const num = (x: number) => formatNumber(x, 3);

/** Machines with their on-chain numbers and, for active ones, the selection math under the chosen strategy. */
export function MachinesTable({
  rows,
  scored,
}: {
  rows: MachineRow[];
  scored: Map<bigint, ScoredMachine<bigint>> | undefined;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            <th className="px-3 py-2">Machine</th>
            <th className="px-3 py-2 text-right">Stake</th>
            <th className="px-3 py-2 text-right">Uptime</th>
            <th className="px-3 py-2 text-right">Latency</th>
            <th className="px-3 py-2 text-right" title="Normalised stake, uptime and latency (min-max)">
              stake′ / uptime′ / latency′
            </th>
            <th className="px-3 py-2 text-right">Final score</th>
            <th className="px-3 py-2 text-right">Task score</th>
            <th className="px-3 py-2 text-right" title="Reported this epoch (ever)">
              Jobs
            </th>
            <th className="px-3 py-2 text-right">Pick chance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const s = scored?.get(row.id);
            return (
              <tr
                key={String(row.id)}
                data-testid={`machine-row-${row.id}`}
                className="border-t border-zinc-100"
              >
                <td className="px-3 py-2">
                  <div className="font-medium">#{String(row.id)}</div>
                  <div className="font-mono text-xs text-zinc-500">{row.endpoint}</div>
                  <div className="text-xs text-zinc-500">
                    {row.region || "—"} · tier {row.tier}
                    {!row.active && " · inactive"}
                  </div>
                </td>
                <td className="px-3 py-2 text-right">{formatTokenAmount(row.stake, 0)} ARENA</td>
                <td className="px-3 py-2 text-right" data-testid={`uptime-${row.id}`}>
                  {pct(row.uptime)}
                </td>
                <td className="px-3 py-2 text-right">
                  {row.latencyMs === null ? "no reports" : `${row.latencyMs} ms`}
                </td>
                <td className="px-3 py-2 text-right font-mono text-xs">
                  {s
                    ? `${num(s.normalizedStake)} / ${num(s.normalizedUptime)} / ${num(s.normalizedLatency)}`
                    : "—"}
                </td>
                <td className="px-3 py-2 text-right">{s ? num(s.finalScore) : "—"}</td>
                <td className="px-3 py-2 text-right" data-testid={`task-score-${row.id}`}>
                  {row.taskScore === null ? "—" : formatNumber(row.taskScore, 2)}
                </td>
                <td className="px-3 py-2 text-right" data-testid={`jobs-${row.id}`}>
                  {row.jobs === null ? "—" : `${row.jobs} (${row.totalJobs} in all)`}
                </td>
                <td className="px-3 py-2 text-right font-medium" data-testid={`probability-${row.id}`}>
                  {s ? pct(s.probability) : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
