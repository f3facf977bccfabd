"use client";

import dynamic from "next/dynamic";
import type { SeriesChartProps } from "./SeriesChart";

/** Charts load after the page, in their own chunk, so Recharts never weighs on first load. */
const SeriesChart = dynamic(() => import("./SeriesChart"), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded bg-zinc-100" aria-label="Loading chart" />,
});

export function LazyChart(props: SeriesChartProps & { title: string; empty?: string }) {
  const { title, empty = "No data yet.", ...chart } = props;
  return (
    <figure className="rounded-lg border border-zinc-200 bg-white p-4" aria-label={title}>
      <figcaption className="mb-2 text-sm font-medium text-zinc-700">{title}</figcaption>
      {chart.data.length === 0 ? (
        <p className="text-sm text-zinc-500">{empty}</p>
      ) : (
        <SeriesChart {...chart} />
      )}
    </figure>
  );
}
