/** What the Node side of the browser benchmark asks the page, and what it gets back. */
import type {
  BenchmarkResult,
  BrowserDevice,
  DeviceReport,
  LoadedModelInfo,
} from "../../lib/scoring/protocol";

export type BrowserBenchRequest = {
  modelId: string;
  device: BrowserDevice;
  tokens: number;
  sequenceLength: number;
};

export type BrowserBenchResult = {
  report: DeviceReport;
  info: LoadedModelInfo;
  /** Load request round trip seen by the page (worker start + fetch + session + warm-up). */
  loadWallMs: number;
  result: BenchmarkResult;
};

/** A fresh worker in a fresh browser context: the first model (wasm compile included), then a second one. */
export type ColdStartRequest = { first: string; second: string; device: BrowserDevice };
export type ColdStartResult = { coldMs: number; secondModelMs: number; threads: number };
