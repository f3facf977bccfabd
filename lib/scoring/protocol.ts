/**
 * The scorer worker's message protocol. Every request carries an `id`; every event answering it carries
 * the same `id`. A request ends with exactly one terminal event (`device`, `loaded`, `scored`,
 * `benchmarked`, `unloaded` or `error`); `progress`, `phase` and `example` may come before it.
 */
import type { Hex } from "viem";
import type { MetricName } from "../arena/metric";
import type { Dataset } from "../metrics/parsers";
import type { ScorerErrorData } from "./errors";

export type BrowserDevice = "webgpu" | "wasm";
export type ScorerDevice = BrowserDevice | "cpu";
export type DeviceChoice = "auto" | BrowserDevice;

/** ONNX weights a hub model is loaded with (transformers.js `dtype`). */
export type HubDtype = "fp32" | "fp16" | "q8" | "int8" | "uint8" | "q4" | "q4f16" | "bnb4";

/**
 * A shipped model under public/models/, a model folder URL (http(s) or a path on this site, with an
 * arena-manifest.json; `id` is the folder URL), or a model hub id (needs a network connection), pinned to a
 * commit and dtype when a task or submission names it (lib/scoring/modelUri.ts).
 */
export type ModelSource = (
  | { kind: "local"; id: string }
  | { kind: "url"; id: string }
  | { kind: "hub"; id: string; revision?: string; dtype?: HubDtype }
) & {
  /**
   * The model's content hash (ScorerClient.load's `manifest` option): only files verified against the manifest
   * with this sha256 are loaded (lib/scoring/manifest.ts); anything that differs fails with model_mismatch.
   */
  manifest?: Hex;
};

export type DeviceReport = {
  webgpu: boolean;
  /**
   * What "auto" starts from: wasm when there is no WebGPU or only a software adapter (SwiftShader, a fallback
   * adapter: far slower than WASM); webgpu on a hardware adapter, where a short measured probe at load time
   * still picks the faster of the two for the model.
   */
  preferred: BrowserDevice;
  adapter?: { vendor: string; architecture: string; software: boolean };
  /** Why WebGPU is unavailable or not preferred, when it is. */
  reason?: string;
  /** WASM threads onnxruntime uses: more than one only where the page is cross-origin isolated. */
  threads: number;
};

export type LoadProgress = {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
  progress?: number;
};

export type LoadedModelInfo = {
  id: string;
  source: ModelSource["kind"];
  device: ScorerDevice;
  vocabSize: number;
  hiddenSize: number | null;
  contextLength: number;
  hasLmHead: boolean;
  hasHiddenStates: boolean;
  loadMs: number;
  warmupMs: number;
  /** Set when "auto" measured both devices on this model: tokens/s of each. */
  probe?: { webgpu: number; wasm: number };
};

/** The protocol's metrics (lib/arena/metric.ts) and the scorer-only embedding distance. */
export type Metric = MetricName | "embedding";

export type ScoreRequest = {
  metric: Metric;
  dataset: Dataset;
  /** Cap on tokens per example (default and maximum: the model's context length). */
  maxTokens?: number;
  /** A vector to measure cosine distance to (loss and embedding metrics), e.g. a target's embedding. */
  targetVector?: number[];
  /** Seed of the persona templates (reference similarity). */
  seed?: number;
  /** Longest generated response when a reference example has none (reference similarity). */
  maxNewTokens?: number;
};

export type Truncation = { fromTokens: number; toTokens: number };

export type LossExample = {
  metric: "loss";
  index: number;
  nllNats: number;
  targetTokens: number;
  targetBytes: number;
  bpb: number;
  tokens: number;
  truncated?: Truncation;
};

export type EmbeddingExample = {
  metric: "embedding";
  index: number;
  tokens: number;
  embedding: number[];
  distance?: number;
  truncated?: Truncation;
};

export type ReferenceExampleResult = {
  metric: "reference_similarity";
  index: number;
  challenge: string;
  response: string;
  generated: boolean;
  rouge1: number;
  rougeL: number;
  semantic: number;
  echo: number;
  score: number;
  truncated?: Truncation;
};

export type AccuracyExample = {
  metric: "accuracy";
  index: number;
  label: string;
  predicted: string;
  correct: boolean;
  bpbByLabel: Record<string, number>;
  truncated?: Truncation;
};

export type ExampleResult = LossExample | EmbeddingExample | ReferenceExampleResult | AccuracyExample;

export type ScoreTotals = {
  metric: Metric;
  /** The headline number: BPB (lower is better), accuracy or mean reference similarity (higher is better). */
  value: number;
  examples: number;
  truncatedExamples: number;
  /** Loss: pooled over all examples. */
  nllNats?: number;
  targetBytes?: number;
  targetTokens?: number;
  /** Mean of the examples' mean-pooled embeddings (loss and embedding metrics). */
  embedding?: number[];
  distance?: number;
  tokens: number;
  ms: number;
  tokensPerSecond: number;
};

export type ScoreResult = { totals: ScoreTotals; examples: ExampleResult[] };

export type BenchmarkResult = {
  device: ScorerDevice;
  tokens: number;
  ms: number;
  tokensPerSecond: number;
  bpb?: number;
};

export type ScorerRequest =
  | { type: "check"; id: number }
  | { type: "load"; id: number; model: ModelSource; device: DeviceChoice; embeddingModel?: ModelSource }
  | { type: "score"; id: number; request: ScoreRequest }
  /** Throughput on `text` (its first `tokens` tokens), or on `tokens` seeded random ids without text. */
  | { type: "benchmark"; id: number; tokens: number; sequenceLength?: number; text?: string }
  | { type: "cancel"; id: number; target: number }
  | { type: "unload"; id: number };

export type ScorerPhase = "checking-files" | "downloading" | "loading" | "warming-up" | "scoring";

export type ScorerEvent =
  | { type: "device"; id: number; report: DeviceReport }
  | { type: "progress"; id: number; progress: LoadProgress }
  | { type: "phase"; id: number; phase: ScorerPhase }
  | { type: "loaded"; id: number; info: LoadedModelInfo; embeddingInfo?: LoadedModelInfo }
  | { type: "example"; id: number; result: ExampleResult; done: number; total: number }
  | { type: "scored"; id: number; result: ScoreResult }
  | { type: "benchmarked"; id: number; result: BenchmarkResult }
  | { type: "unloaded"; id: number }
  | { type: "error"; id: number; error: ScorerErrorData };
