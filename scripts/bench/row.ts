/** One row of the scorer benchmark (scripts/bench-scorer.ts), whichever runtime measured it. */
import type { BenchmarkResult, LoadedModelInfo } from "../../lib/scoring/protocol";

export type BenchRow = {
  runtime: string;
  model: string;
  loadMs: number;
  warmupMs: number;
  tokens: number;
  ms: number;
  tokensPerSecond: number;
  bpb: number | null;
  /** Peak resident memory of the measuring process during this model's run, and its rise over the start. */
  peakRssMb: number;
  rssIncreaseMb: number;
};

export type BenchRuntime = {
  name: string;
  run: (modelId: string, text: string, sequenceLength: number) => Promise<BenchRow>;
  close?: () => Promise<void>;
};

/** Bytes as MiB, to one decimal. */
export const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The row of one model's run: the scorer's load and benchmark figures and the RSS sampled around them (bytes). */
export function benchRow(
  runtime: string,
  model: string,
  run: { info: Pick<LoadedModelInfo, "loadMs" | "warmupMs">; result: BenchmarkResult },
  rss: { peak: number; start: number },
): BenchRow {
  return {
    runtime,
    model,
    loadMs: run.info.loadMs,
    warmupMs: run.info.warmupMs,
    tokens: run.result.tokens,
    ms: run.result.ms,
    tokensPerSecond: run.result.tokensPerSecond,
    bpb: run.result.bpb ?? null,
    peakRssMb: mb(rss.peak),
    rssIncreaseMb: mb(rss.peak - rss.start),
  };
}
