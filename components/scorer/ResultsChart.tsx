"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { name: string; value: number };

/** A plain bar chart of one number per item (examples, or models when comparing). */
export function ResultsChart({
  points,
  label,
  testId,
}: {
  points: ChartPoint[];
  label: string;
  testId: string;
}) {
  return (
    <figure data-testid={testId} aria-label={label} className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={48} />
          <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(4) : String(value))} />
          <Bar dataKey="value" name={label} fill="#0f766e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
