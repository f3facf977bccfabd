"use client";

import { useMemo, useState } from "react";
import { embeddingModelFor, modelSourceFor } from "@/lib/scoring/shipped-models";
import type { DatasetFormat } from "@/lib/metrics/parsers";
import { benchmarkText } from "@/lib/scoring/benchmarkText";
import type { ScoreRequest } from "@/lib/scoring/protocol";
import { BenchmarkLine } from "./BenchmarkLine";
import { DataInput, type DataFormValue } from "./DataInput";
import { ErrorAlert } from "./ErrorAlert";
import {
  defaultMetric,
  FORMAT_LABELS,
  METRIC_LABELS,
  metricFits,
  parseInput,
  parseVector,
} from "@/lib/scoring/inputs";
import { HUB, ModelPicker, type ModelFormValue } from "./ModelPicker";
import { RunProgress } from "./RunProgress";
import { ScoreReport } from "./ScoreReport";
import { useScorer, type ModelChoice } from "@/lib/hooks/useScorer";
import { ErrorLine } from "@/components/ui/ErrorLine";

const BENCHMARK_TOKENS = 10_000;
const button =
  "rounded px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 border";

/** The /scorer page: pick a model and data, score locally, see per-example results, benchmark. */
export function ScorerWorkbench() {
  const { state, score, benchmark, cancel } = useScorer();
  const [model, setModel] = useState<ModelFormValue>({
    selected: "arena-lm-base",
    hubId: "",
    device: "auto",
  });
  const [data, setData] = useState<DataFormValue>({
    file: null,
    text: "",
    format: "auto",
    metric: "loss",
    vector: "",
  });
  const [benchmarked, setBenchmarked] = useState<DatasetFormat | null>(null);
  const parsed = useMemo(
    () => parseInput(data.file, data.text, data.format),
    [data.file, data.text, data.format],
  );
  const vector = useMemo(() => parseVector(data.vector), [data.vector]);
  const dataset = parsed && "dataset" in parsed ? parsed.dataset : null;
  const busy = state.status !== "idle";
  const modelId = model.selected === HUB ? model.hubId : model.selected;
  const misfit = dataset && !metricFits(data.metric, dataset.format);

  /** New data switch the metric to one that fits them (a CSV to accuracy, reference JSONL to similarity). */
  const updateData = (update: Partial<DataFormValue>) =>
    setData((current) => {
      const next = { ...current, ...update };
      if ("metric" in update) return next;
      const reparsed = parseInput(next.file, next.text, next.format);
      if (reparsed && "dataset" in reparsed && !metricFits(next.metric, reparsed.dataset.format))
        next.metric = defaultMetric(reparsed.dataset.format);
      return next;
    });

  const choice = (): ModelChoice => {
    const embeddingModel = embeddingModelFor(data.metric, modelId);
    return {
      model: modelSourceFor(modelId),
      device: model.device,
      ...(embeddingModel ? { embeddingModel } : {}),
    };
  };

  const onScore = () => {
    if (!dataset) return;
    const request: ScoreRequest = {
      metric: data.metric,
      dataset,
      ...(vector.vector && (data.metric === "loss" || data.metric === "embedding")
        ? { targetVector: vector.vector }
        : {}),
    };
    void score(choice(), request);
  };

  const onBenchmark = () => {
    // The examples as the model reads them, not the file's bytes (JSON syntax would be most of what it reads).
    const text = dataset ? benchmarkText(dataset) : undefined;
    setBenchmarked(text?.trim() ? dataset!.format : null);
    void benchmark(choice(), BENCHMARK_TOKENS, text?.trim() ? text : undefined);
  };

  const canRun = !busy && modelId.length > 0;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 rounded-lg border border-zinc-200 bg-white p-5 lg:grid-cols-2">
        <ModelPicker
          value={model}
          onChange={setModel}
          report={state.device}
          loaded={state.model}
          disabled={busy}
        />
        <DataInput value={data} onChange={updateData} disabled={busy} />
      </div>
      <div className="space-y-2">
        {parsed && "error" in parsed && (
          <ErrorAlert title="This data cannot be scored" error={parsed.error} />
        )}
        {dataset && (
          <p className="text-sm text-zinc-600" data-testid="data-summary">
            {FORMAT_LABELS[dataset.format]}: {dataset.examples.length}{" "}
            {dataset.examples.length === 1 ? "example" : "examples"}
          </p>
        )}
        {misfit && (
          <p role="alert" className="text-sm text-rose-700">
            {METRIC_LABELS[data.metric]} does not apply to {FORMAT_LABELS[dataset.format]} data.
          </p>
        )}
        <ErrorLine>{vector.error}</ErrorLine>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={`${button} border-teal-700 bg-teal-700 text-white`}
          disabled={!canRun || !dataset || Boolean(misfit) || Boolean(vector.error)}
          onClick={onScore}
        >
          Score
        </button>
        <button
          type="button"
          className={`${button} border-zinc-300 bg-white`}
          disabled={!canRun}
          onClick={onBenchmark}
        >
          Benchmark
        </button>
        <button
          type="button"
          className={`${button} border-zinc-300 bg-white`}
          disabled={!busy}
          onClick={cancel}
        >
          Cancel
        </button>
      </div>
      <RunProgress
        status={state.status}
        phase={state.phase}
        loadFraction={state.loadFraction}
        progress={state.progress}
      />
      {state.error && <ErrorAlert title="Scoring stopped" error={state.error} />}
      {state.notice && (
        <p role="status" className="text-sm text-zinc-700">
          {state.notice}
        </p>
      )}
      {state.benchmark && (
        <BenchmarkLine
          result={state.benchmark}
          format={benchmarked}
          maxTokens={BENCHMARK_TOKENS}
          contextLength={state.model?.contextLength}
        />
      )}
      <ScoreReport
        metric={state.result?.totals.metric ?? data.metric}
        examples={state.examples}
        result={state.result}
        model={state.model}
      />
    </div>
  );
}
