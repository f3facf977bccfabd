import type { DatasetFormat } from "@/lib/metrics/parsers";
import type { BenchmarkResult } from "@/lib/scoring/protocol";
import { formatInteger, formatNumber } from "@/lib/format";

/** Why the benchmark's bits per byte is not the score: what each one reads. */
const WHY_IT_DIFFERS: Record<Exclude<DatasetFormat, "reference">, string> = {
  chat:
    "It counts every byte of the turns as the model reads them (the user's and the role labels too), " +
    "examples back to back; the score counts only the assistant turns, each example read from its start. " +
    "Either can be the higher: they measure different bytes.",
  labelled:
    "It counts every byte of each row as the model reads it (the question and the role labels too), rows back " +
    "to back; the score counts only the answers, each row read from its start.",
  text:
    "It reads the paragraphs back to back; the score reads each from its own start, so the two are close " +
    "but not equal.",
};

export function BenchmarkLine({
  result,
  format,
  maxTokens,
  contextLength,
}: {
  result: BenchmarkResult;
  /** The data the benchmark read, or null for seeded tokens. */
  format: DatasetFormat | null;
  /** The most tokens of the data the benchmark reads. */
  maxTokens: number;
  contextLength: number | undefined;
}) {
  return (
    <div className="text-sm" data-testid="benchmark-result" data-value={result.tokensPerSecond}>
      <p>
        Benchmark: <strong>{formatInteger(Math.round(result.tokensPerSecond))} tokens/s</strong> on{" "}
        {result.device.toUpperCase()} ({formatInteger(result.tokens)} tokens in{" "}
        {formatNumber(result.ms / 1000, 2)} s
        {result.bpb !== undefined && (
          <>
            , <span data-testid="benchmark-bpb">{formatNumber(result.bpb, 4)}</span> bits per byte
          </>
        )}
        ).
      </p>
      {result.bpb !== undefined && format && format !== "reference" ? (
        <p className="text-zinc-600" data-testid="benchmark-why">
          Not the score above: the benchmark reads the first {formatInteger(maxTokens)} tokens (at most) of
          this data in windows of the model&apos;s context
          {contextLength ? ` (${formatInteger(contextLength)} tokens)` : ""}. {WHY_IT_DIFFERS[format]}
        </p>
      ) : (
        <p className="text-zinc-600">
          Read on seeded random tokens (no data chosen, or data the language model does not read): a speed
          figure only.
        </p>
      )}
    </div>
  );
}
