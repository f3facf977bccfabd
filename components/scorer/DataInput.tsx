"use client";

import { useState, type DragEvent } from "react";
import type { DatasetFormat } from "@/lib/metrics/parsers";
import type { Metric } from "@/lib/scoring/protocol";
import {
  FORMAT_LABELS,
  formatBytes,
  METRIC_LABELS,
  SAMPLES,
  type DataFile,
  type FormatChoice,
} from "@/lib/scoring/inputs";

export type DataFormValue = {
  file: DataFile | null;
  text: string;
  format: FormatChoice;
  metric: Metric;
  vector: string;
};

const field = "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5";

async function readFile(file: File): Promise<DataFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function DataInput({
  value,
  onChange,
  disabled,
}: {
  value: DataFormValue;
  onChange: (update: Partial<DataFormValue>) => void;
  disabled: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onChange({ file: await readFile(file) });
  };
  const loadSample = async (name: string) => {
    setSampleError(null);
    const response = await fetch(`/models/samples/${name}`).catch(() => null);
    if (!response?.ok) {
      setSampleError(`Could not load the sample ${name}.`);
      return;
    }
    onChange({ file: null, text: await response.text(), format: "auto" });
  };

  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="text-lg font-semibold">Data</legend>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded border-2 border-dashed p-3 text-sm ${dragging ? "border-teal-500 bg-teal-50" : "border-zinc-300"}`}
      >
        <label className="block">
          <span className="text-zinc-600">Drop a file here or choose one</span>
          <input
            type="file"
            className="mt-1 block text-sm"
            accept=".jsonl,.json,.txt,.csv,text/plain,text/csv,application/jsonl"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) onChange({ file: await readFile(file) });
            }}
          />
        </label>
        {value.file && (
          <p className="mt-2 flex items-center gap-2">
            <span data-testid="data-file">
              Using {value.file.name} ({formatBytes(value.file.bytes.length)})
            </span>
            <button
              type="button"
              className="text-teal-700 underline"
              onClick={() => onChange({ file: null })}
            >
              Remove file
            </button>
          </p>
        )}
      </div>
      <label className="block text-sm">
        <span className="text-zinc-600">
          Or paste text{value.file ? " (the file is used while one is chosen)" : ""}
        </span>
        <textarea
          className={`${field} h-36 font-mono text-xs`}
          value={value.text}
          onChange={(e) => onChange({ text: e.target.value })}
          placeholder='{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]}'
        />
      </label>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-600">Samples:</span>
        {SAMPLES.map((sample) => (
          <button
            key={sample.file}
            type="button"
            className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100"
            onClick={() => void loadSample(sample.file)}
          >
            {sample.label}
          </button>
        ))}
        {sampleError && <span className="text-rose-700">{sampleError}</span>}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="text-zinc-600">Format</span>
          <select
            className={field}
            value={value.format}
            onChange={(e) => onChange({ format: e.target.value as FormatChoice })}
          >
            <option value="auto">Detect automatically</option>
            {(Object.keys(FORMAT_LABELS) as DatasetFormat[]).map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="text-zinc-600">Metric</span>
          <select
            className={field}
            value={value.metric}
            onChange={(e) => onChange({ metric: e.target.value as Metric })}
          >
            {(Object.keys(METRIC_LABELS) as Metric[]).map((metric) => (
              <option key={metric} value={metric}>
                {METRIC_LABELS[metric]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(value.metric === "loss" || value.metric === "embedding") && (
        <label className="block text-sm">
          <span className="text-zinc-600">Target vector (optional, for cosine distance)</span>
          <input
            className={`${field} font-mono text-xs`}
            value={value.vector}
            onChange={(e) => onChange({ vector: e.target.value })}
            placeholder="[0.12, -0.5, …] with the model's hidden size"
          />
        </label>
      )}
    </fieldset>
  );
}
