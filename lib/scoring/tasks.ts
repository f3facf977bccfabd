/**
 * Metrics that need more than one pass per example: accuracy (one loss per candidate label) and SN1
 * reference similarity (persona challenge → response, generated greedily when the data has none → ROUGE
 * and embeddings).
 */
import { accuracy, predictLabel } from "../metrics/accuracy";
import { bitsPerByte } from "../metrics/bpb";
import { chatSegments, labelledSegments } from "../metrics/chat";
import type { Dataset } from "../metrics/parsers";
import { personaChallenge } from "../metrics/persona";
import { rougeL } from "../metrics/rouge";
import { referenceSimilarity } from "../metrics/similarity";
import { ScorerError } from "./errors";
import type { ExampleResult, ScoreRequest, ScoreTotals } from "./protocol";
import type { Scorer } from "./scorer";

type Emit = (result: ExampleResult) => Promise<void>;
type MetricTotals = Pick<ScoreTotals, "value"> & { [K in keyof ScoreTotals]?: ScoreTotals[K] };

/** Each example's predicted label is the one with the lowest bits per byte as the assistant's answer. */
export async function scoreAccuracy(
  scorer: Scorer,
  request: ScoreRequest,
  dataset: Dataset & { format: "labelled" },
  emit: Emit,
): Promise<MetricTotals> {
  const predictions: string[] = [];
  for (const [index, example] of dataset.examples.entries()) {
    const bpbByLabel: Record<string, number> = {};
    let truncated: ExampleResult["truncated"];
    for (const label of dataset.labels) {
      const sequence = scorer.prepare(labelledSegments(example.text, label), scorer.maxTokens(request));
      truncated ??= sequence.truncated;
      const { nllNats } = await scorer.loss(sequence);
      bpbByLabel[label] =
        sequence.targetBytes > 0 ? bitsPerByte({ nllNats, targetBytes: sequence.targetBytes }) : Infinity;
    }
    const predicted = predictLabel(new Map(Object.entries(bpbByLabel)));
    predictions.push(predicted);
    await emit({
      metric: "accuracy",
      index,
      label: example.label,
      predicted,
      correct: predicted === example.label,
      bpbByLabel,
      ...(truncated ? { truncated } : {}),
    });
  }
  return {
    value: accuracy(
      predictions,
      dataset.examples.map((example) => example.label),
    ),
  };
}

/** Greedy decoding by re-reading the whole sequence each step (works for graphs without a KV cache). */
export async function generateGreedy(
  scorer: Scorer,
  prompt: string,
  maxNewTokens: number,
  signal?: AbortSignal,
): Promise<string> {
  const sequence = scorer.prepare(
    [{ text: prompt, target: false }],
    scorer.info.contextLength - maxNewTokens,
  );
  const ids = [...sequence.ids];
  const generated: number[] = [];
  const vocab = scorer.info.vocabSize;
  for (let step = 0; step < maxNewTokens; step++) {
    await scorer.checkpoint(signal);
    const { logits, length } = await scorer.forward(ids);
    if (!logits)
      throw new ScorerError(
        "unsupported_model",
        `${scorer.info.id} has no language-model head, so it cannot answer.`,
      );
    let best = 0;
    for (let v = 1; v < vocab; v++)
      if ((logits[(length - 1) * vocab + v] as number) > (logits[(length - 1) * vocab + best] as number))
        best = v;
    if (scorer.stopIds.has(best)) break;
    generated.push(best);
    ids.push(best);
    const text = scorer.decode(generated);
    if (text.includes("\n")) return text.slice(0, text.indexOf("\n"));
  }
  return scorer.decode(generated);
}

export async function scoreReferenceSimilarity(
  scorer: Scorer,
  embedder: Scorer,
  request: ScoreRequest,
  dataset: Dataset & { format: "reference" },
  emit: Emit,
  signal?: AbortSignal,
): Promise<MetricTotals> {
  const maxTokens = embedder.maxTokens(request);
  const empty = (await embedder.embed("", maxTokens)).embedding;
  const seed = request.seed ?? 0;
  let sum = 0;
  for (const [index, example] of dataset.examples.entries()) {
    const { challenge } = personaChallenge(example.query, (seed + index) >>> 0);
    const generated = example.response === undefined;
    const prompt =
      chatSegments([{ role: "user", content: challenge }])
        .map((s) => s.text)
        .join("") + "Assistant: ";
    const response =
      example.response ?? (await generateGreedy(scorer, prompt, request.maxNewTokens ?? 64, signal)).trim();
    const reference = await embedder.embed(example.reference, maxTokens);
    const answer = await embedder.embed(response, maxTokens);
    const similarity = referenceSimilarity({
      challenge,
      reference: example.reference,
      response,
      embeddings: { reference: reference.embedding, response: answer.embedding, empty },
    });
    sum += similarity.score;
    const truncated = reference.truncated ?? answer.truncated;
    await emit({
      metric: "reference_similarity",
      index,
      challenge,
      response,
      generated,
      ...similarity,
      rougeL: rougeL(example.reference, response).f,
      ...(truncated ? { truncated } : {}),
    });
  }
  return { value: dataset.examples.length === 0 ? Number.NaN : sum / dataset.examples.length };
}
