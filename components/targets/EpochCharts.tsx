"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type EpochPoint = {
  epoch: string;
  targets: number;
  fills: number;
  threshold: number;
  /** The fill-rate EMA that set the threshold, null before the first adjustment. */
  fillRate: number | null;
};

/** Targets opened and filled per epoch (bars), the distance threshold and the fill-rate EMA (lines, right axis). */
export default function EpochCharts({ points }: { points: EpochPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height={240} className="min-w-0">
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="epoch" fontSize={12} />
        <YAxis yAxisId="count" allowDecimals={false} fontSize={12} />
        <YAxis yAxisId="threshold" orientation="right" fontSize={12} />
        <Tooltip />
        <Legend />
        <Bar yAxisId="count" dataKey="targets" name="targets" fill="#d4d4d8" isAnimationActive={false} />
        <Bar yAxisId="count" dataKey="fills" name="fills" fill="#0f766e" isAnimationActive={false} />
        <Line
          yAxisId="threshold"
          dataKey="threshold"
          name="threshold"
          stroke="#be123c"
          isAnimationActive={false}
        />
        <Line
          yAxisId="threshold"
          dataKey="fillRate"
          name="fill rate (EMA)"
          stroke="#7c3aed"
          strokeDasharray="4 2"
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
