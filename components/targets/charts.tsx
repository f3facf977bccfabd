"use client";

import dynamic from "next/dynamic";

/** While a chart's code loads: its size is kept and the box says what is coming, not an empty grey block. */
const loading = () => (
  <div className="flex h-56 items-center justify-center rounded border border-dashed border-zinc-200 text-sm text-zinc-500">
    Loading the chart…
  </div>
);

/** Charts load on demand, outside the first-load JS of the pages. */
export const LazyDistanceChart = dynamic(() => import("./DistanceChart"), { ssr: false, loading });
export const LazyEpochCharts = dynamic(() => import("./EpochCharts"), { ssr: false, loading });
