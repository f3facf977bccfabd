/** How each metric's results read in the table, the totals and the chart. */
import type { ExampleResult, Metric, ScoreTotals } from "@/lib/scoring/protocol";

export type Column = { header: string; cell: (example: ExampleResult) => string };

const fixed = (digits: number) => (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(digits);
const f4 = fixed(4);

const truncation = (example: ExampleResult): string =>
  example.truncated ? `cut from ${example.truncated.fromTokens} to ${example.truncated.toTokens} tokens` : "";

export function columnsFor(metric: Metric): Column[] {
  const index: Column = { header: "#", cell: (e) => String(e.index + 1) };
  const note: Column = { header: "Note", cell: truncation };
  switch (metric) {
    case "loss":
      return [
        index,
        { header: "Tokens", cell: (e) => (e.metric === "loss" ? String(e.tokens) : "") },
        { header: "Target bytes", cell: (e) => (e.metric === "loss" ? String(e.targetBytes) : "") },
        { header: "BPB", cell: (e) => (e.metric === "loss" ? f4(e.bpb) : "") },
        note,
      ];
    case "embedding":
      return [
        index,
        { header: "Tokens", cell: (e) => (e.metric === "embedding" ? String(e.tokens) : "") },
        { header: "Distance", cell: (e) => (e.metric === "embedding" ? f4(e.distance) : "") },
        {
          header: "Embedding (first 4)",
          cell: (e) =>
            e.metric === "embedding"
              ? e.embedding
                  .slice(0, 4)
                  .map((v) => v.toFixed(3))
                  .join(", ")
              : "",
        },
        note,
      ];
    case "reference_similarity":
      return [
        index,
        { header: "ROUGE-1", cell: (e) => (e.metric === "reference_similarity" ? f4(e.rouge1) : "") },
        { header: "ROUGE-L", cell: (e) => (e.metric === "reference_similarity" ? f4(e.rougeL) : "") },
        { header: "Semantic", cell: (e) => (e.metric === "reference_similarity" ? f4(e.semantic) : "") },
        { header: "Echo", cell: (e) => (e.metric === "reference_similarity" ? f4(e.echo) : "") },
        { header: "Score", cell: (e) => (e.metric === "reference_similarity" ? f4(e.score) : "") },
        note,
      ];
    case "accuracy":
      return [
        index,
        { header: "Label", cell: (e) => (e.metric === "accuracy" ? e.label : "") },
        { header: "Predicted", cell: (e) => (e.metric === "accuracy" ? e.predicted : "") },
        { header: "Correct", cell: (e) => (e.metric === "accuracy" ? (e.correct ? "yes" : "no") : "") },
        note,
      ];
  }
}

/** The per-example number the chart plots (null: nothing to plot). */
export function chartValue(example: ExampleResult): number | null {
  switch (example.metric) {
    case "loss":
      return example.bpb;
    case "embedding":
      return example.distance ?? null;
    case "reference_similarity":
      return example.score;
    case "accuracy":
      return example.correct ? 1 : 0;
  }
}

export const VALUE_NAMES: Record<Metric, string> = {
  loss: "Bits per byte",
  embedding: "Cosine distance",
  reference_similarity: "Reference similarity",
  accuracy: "Accuracy",
};

export function headline(totals: ScoreTotals): string {
  if (totals.metric === "embedding" && totals.distance === undefined) return "—";
  if (totals.metric === "accuracy") return `${(totals.value * 100).toFixed(1)}%`;
  return totals.value.toFixed(4);
}

/** One bar per example, or the mean of consecutive examples when there are more than `bars`. */
export function chartPoints(
  examples: readonly ExampleResult[],
  bars = 120,
): { name: string; value: number }[] {
  const values = examples.flatMap((example) => {
    const value = chartValue(example);
    return value === null ? [] : [{ index: example.index + 1, value }];
  });
  if (values.length <= bars) return values.map((v) => ({ name: String(v.index), value: v.value }));
  const size = Math.ceil(values.length / bars);
  const points: { name: string; value: number }[] = [];
  for (let start = 0; start < values.length; start += size) {
    const group = values.slice(start, start + size);
    const mean = group.reduce((sum, v) => sum + v.value, 0) / group.length;
    points.push({ name: `${group[0]?.index}–${group[group.length - 1]?.index}`, value: mean });
  }
  return points;
}
