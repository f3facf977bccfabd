"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MachineRow } from "@/lib/hooks/useMachines";

const COLORS = ["#0f766e", "#b45309", "#7c3aed", "#be123c", "#0369a1", "#4d7c0f"];

function seriesByEpoch(rows: MachineRow[], value: (p: MachineRow["history"][number]) => number | null) {
  const epochs = rows[0]?.history.map((p) => p.epoch) ?? [];
  return epochs.map((epoch, i) => {
    const point: Record<string, number> = { epoch };
    for (const row of rows) {
      const p = row.history[i];
      const v = p ? value(p) : null;
      if (v !== null) point[`#${row.id}`] = v;
    }
    return point;
  });
}

function Chart({
  title,
  rows,
  data,
  domain,
  unit,
}: {
  title: string;
  rows: MachineRow[];
  data: Record<string, number>[];
  domain: [number, number] | [number, "auto"];
  unit: string;
}) {
  return (
    <figure className="rounded-lg border border-zinc-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" label={{ value: "epoch", position: "insideBottomRight", offset: -2 }} />
          <YAxis domain={domain} unit={unit} width={48} />
          <Tooltip />
          <Legend />
          {rows.map((row, i) => (
            <Line
              key={String(row.id)}
              type="monotone"
              dataKey={`#${row.id}`}
              stroke={COLORS[i % COLORS.length]}
              dot
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Task score, uptime and mean reported latency of every machine over the last epochs (indexed history). */
export function MachineCharts({ rows }: { rows: MachineRow[] }) {
  if (rows.length === 0 || rows.every((r) => r.history.length === 0)) return null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Chart
        title="AI task score per epoch"
        rows={rows}
        data={seriesByEpoch(rows, (p) => p.taskScore)}
        domain={[1, 2]}
        unit=""
      />
      <Chart
        title="Uptime per epoch"
        rows={rows}
        data={seriesByEpoch(rows, (p) => Math.round(p.uptime * 1000) / 10)}
        domain={[0, 100]}
        unit="%"
      />
      <Chart
        title="Mean reported latency per epoch"
        rows={rows}
        data={seriesByEpoch(rows, (p) => p.latencyMs)}
        domain={[0, "auto"]}
        unit="ms"
      />
    </div>
  );
}
