"use client";

import type { ReactNode } from "react";
import type { ExampleResult, LoadedModelInfo, Metric, ScoreResult } from "@/lib/scoring/protocol";
import { ResultsChart } from "./ResultsChart";
import { chartPoints, columnsFor, headline, VALUE_NAMES } from "@/lib/scoring/results";
import { formatInteger, formatNumber } from "@/lib/format";

const SHOWN_ROWS = 500;

/** Totals, a chart and the per-example table; examples stream in while scoring runs. */
export function ScoreReport({
  metric,
  examples,
  result,
  model,
}: {
  metric: Metric;
  examples: ExampleResult[];
  result: ScoreResult | null;
  model: LoadedModelInfo | null;
}) {
  if (examples.length === 0 && !result) return null;
  const columns = columnsFor(metric);
  const points = chartPoints(examples);
  const totals = result?.totals;
  return (
    <section aria-labelledby="results-title" className="space-y-4">
      <h2 id="results-title" className="text-lg font-semibold">
        Results
      </h2>
      {totals && (
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Stat label={VALUE_NAMES[totals.metric]}>
            <span data-testid="score-total" data-value={totals.value}>
              {headline(totals)}
            </span>
          </Stat>
          <Stat label="Examples">{totals.examples}</Stat>
          <Stat label="Tokens">{formatInteger(totals.tokens)}</Stat>
          <Stat label="Speed">
            {formatInteger(Math.round(totals.tokensPerSecond))} tokens/s ({formatNumber(totals.ms / 1000, 1)}{" "}
            s)
          </Stat>
          {totals.distance !== undefined && (
            <Stat label="Distance of the data's embedding">
              <span data-testid="score-distance">{formatNumber(totals.distance, 4)}</span>
            </Stat>
          )}
        </dl>
      )}
      {totals && totals.truncatedExamples > 0 && (
        <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {totals.truncatedExamples === 1 ? "1 example was" : `${totals.truncatedExamples} examples were`}{" "}
          longer than the model&apos;s context ({model?.contextLength ?? "its"} tokens) and{" "}
          {totals.truncatedExamples === 1 ? "was" : "were"} truncated: only the first tokens were scored.
        </p>
      )}
      {points.length > 1 && (
        <ResultsChart points={points} label={VALUE_NAMES[metric]} testId="results-chart" />
      )}
      <div className="max-h-96 overflow-auto rounded border border-zinc-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Per-example results</caption>
          <thead className="sticky top-0 bg-zinc-100">
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col" className="px-2 py-1 font-medium">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {examples.slice(0, SHOWN_ROWS).map((example) => (
              <tr key={example.index} className="border-t border-zinc-100">
                {columns.map((column) => (
                  <td key={column.header} className="px-2 py-1 tabular-nums">
                    {column.cell(example)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {examples.length > SHOWN_ROWS && (
        <p className="text-sm text-zinc-500">
          Showing the first {SHOWN_ROWS} of {examples.length} examples; the totals cover all of them.
        </p>
      )}
    </section>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded border border-zinc-200 bg-white p-3">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold">{children}</dd>
    </div>
  );
}
