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
export type ColdStartResult = {
  coldMs: number;
  secondModelMs: number;
  threads: number;
  /** Worker start and the device check (WebGPU adapter request included). */
  checkMs: number;
  /** Milliseconds from the load request to each phase the worker reported (first model, then second). */
  phases: { phase: string; ms: number }[];
  secondPhases: { phase: string; ms: number }[];
  /** The worker's own load and warm-up times (ModelInfo) of both models. */
  first: { loadMs: number; warmupMs: number };
  second: { loadMs: number; warmupMs: number };
};

/** Parts of a cold start measured on their own in a fresh browser context (a cold HTTP cache). */
export type ColdBreakdown = {
  wasmBytes: number;
  /** Fetching onnxruntime's wasm (from 127.0.0.1: no network in it). */
  wasmFetchMs: number;
  /** WebAssembly.compile of those bytes on the page's main thread. */
  wasmCompileMs: number;
  /** Fetching the first model's files. */
  modelFetchMs: number;
  modelBytes: number;
};
