/** Pure helpers behind the scorer form: parsing what the user gave, labels, defaults. */
import { parseDataset, type Dataset, type DatasetFormat } from "@/lib/metrics/parsers";
import { METRIC_LABELS as TASK_METRIC_LABELS } from "@/lib/arena/metric";
import type { Metric } from "@/lib/scoring/protocol";
import { toErrorView, type ErrorView } from "./scorer-client";

export type DataFile = { name: string; bytes: Uint8Array };
export type FormatChoice = "auto" | DatasetFormat;

export const FORMAT_LABELS: Record<DatasetFormat, string> = {
  chat: "Chat JSONL",
  text: "Plain text",
  labelled: "Labelled CSV",
  reference: "Reference JSONL",
};

/** In the order the scorer's form lists them; the task metrics' labels are lib/arena/metric.ts'. */
export const METRIC_LABELS = {
  loss: TASK_METRIC_LABELS.loss,
  embedding: "Embedding",
  reference_similarity: TASK_METRIC_LABELS.reference_similarity,
  accuracy: TASK_METRIC_LABELS.accuracy,
} as const satisfies Record<Metric, string>;

export type ParsedInput = { dataset: Dataset } | { error: ErrorView } | null;

/** The file wins over pasted text while one is chosen; nothing given yet is `null`, not an error. */
export function parseInput(file: DataFile | null, text: string, format: FormatChoice): ParsedInput {
  if (!file && text.trim().length === 0) return null;
  try {
    const options = format === "auto" ? {} : { format };
    const dataset = file
      ? parseDataset(file.bytes, { fileName: file.name, ...options })
      : parseDataset(text, options);
    return { dataset };
  } catch (error) {
    return { error: toErrorView(error) };
  }
}

export function defaultMetric(format: DatasetFormat | undefined): Metric {
  if (format === "reference") return "reference_similarity";
  if (format === "labelled") return "accuracy";
  return "loss";
}

export function metricFits(metric: Metric, format: DatasetFormat): boolean {
  if (metric === "reference_similarity") return format === "reference";
  if (metric === "accuracy") return format === "labelled";
  return format !== "reference";
}

/** A vector as a JSON array or numbers separated by commas or spaces; empty means none. */
export function parseVector(text: string): { vector?: number[]; error?: string } {
  const trimmed = text.trim().replace(/^\[|\]$/g, "");
  if (trimmed.length === 0) return {};
  const parts = trimmed.split(/[\s,]+/).filter((part) => part.length > 0);
  const vector: number[] = [];
  for (const [i, part] of parts.entries()) {
    const value = Number(part);
    if (!Number.isFinite(value))
      return { error: `Target vector: item ${i + 1} ("${part}") is not a number.` };
    vector.push(value);
  }
  return { vector };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export const SAMPLES = [
  { file: "chat.jsonl", label: "Chat JSONL" },
  { file: "plain.txt", label: "Plain text" },
  { file: "reviews.csv", label: "Labelled CSV" },
  { file: "reference.jsonl", label: "Reference JSONL" },
] as const;
