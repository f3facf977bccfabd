"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type SeriesChartProps = {
  kind: "line" | "bar";
  data: Record<string, number | string>[];
  xKey: string;
  series: { key: string; label: string }[];
  height?: number;
  yLabel?: string;
};

const COLORS = ["#0f766e", "#b45309", "#4338ca", "#be123c", "#15803d", "#7c3aed", "#0369a1", "#a16207"];

/** One chart component for every "numbers people compare" view; loaded lazily (see LazyChart). */
export default function SeriesChart({ kind, data, xKey, series, height = 260, yLabel }: SeriesChartProps) {
  const Chart = kind === "line" ? LineChart : BarChart;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <Chart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
        <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
        <YAxis
          tick={{ fontSize: 12 }}
          label={yLabel ? { value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 } : undefined}
        />
        <Tooltip />
        <Legend />
        {series.map((s, i) =>
          kind === "line" ? (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={COLORS[i % COLORS.length]}
              dot
              isAnimationActive={false}
              connectNulls
            />
          ) : (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={COLORS[i % COLORS.length]}
              isAnimationActive={false}
            />
          ),
        )}
      </Chart>
    </ResponsiveContainer>
  );
}
