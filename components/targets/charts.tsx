"use client";

import dynamic from "next/dynamic";

const loading = () => <div className="h-56 animate-pulse rounded bg-zinc-100" />;

/** Charts load on demand, outside the first-load JS of the pages. */
export const LazyDistanceChart = dynamic(() => import("./DistanceChart"), { ssr: false, loading });
export const LazyEpochCharts = dynamic(() => import("./EpochCharts"), { ssr: false, loading });
