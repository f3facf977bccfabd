"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type DistancePoint = { name: string; distance: number; winner: boolean };

/** Each model's distance of the data to the target, against the threshold (the winner's decides). */
export default function DistanceChart({ points, threshold }: { points: DistancePoint[]; threshold: number }) {
  const top = Math.max(threshold, ...points.map((p) => p.distance)) * 1.15;
  return (
    <div className="h-56 w-full min-w-0" data-testid="distance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={12} />
          <YAxis domain={[0, Number(top.toFixed(3))]} fontSize={12} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} />
          <ReferenceLine
            y={threshold}
            stroke="#be123c"
            strokeDasharray="4 2"
            label={{ value: `threshold ${threshold.toFixed(4)}`, fontSize: 11, position: "insideTopRight" }}
          />
          <Bar dataKey="distance" isAnimationActive={false}>
            {points.map((p) => (
              <Cell key={p.name} fill={p.winner ? "#0f766e" : "#a1a1aa"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
