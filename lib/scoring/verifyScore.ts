import type { Hex } from "viem";
import type { Dataset } from "@/lib/metrics/parsers";
import { fetchVerifiedEvalSet } from "@/lib/scoring/evalSet";
import {
  checkReceipt,
  compareExample,
  cryptoRandomInt,
  enteredByHand,
  exampleValue,
  leafProof,
  parseReceipt,
  pickExamples,
  receiptBlobPath,
  verifyLeaf,
  type RevealOnChain,
} from "@/lib/scoring/receipt";
import type { ScorerClient } from "@/lib/scoring/client";
import { scorerModelId } from "@/lib/scoring/modelUri";
import { embeddingModelFor, modelSourceFor } from "@/lib/scoring/shipped-models";
import { createScorerClient, toErrorView } from "@/lib/scoring/scorer-client";

export type VerifyStep = { text: string };
export type VerifyOutcome = { ok: boolean; summary: string; details: string[] };

/** The dataset with only example `j` (its labels kept, for accuracy). */
function onlyExample(dataset: Dataset, j: number): Dataset {
  switch (dataset.format) {
    case "chat":
      return { format: "chat", examples: dataset.examples.slice(j, j + 1) };
    case "text":
      return { format: "text", examples: dataset.examples.slice(j, j + 1) };
    case "labelled":
      return { format: "labelled", examples: dataset.examples.slice(j, j + 1), labels: dataset.labels };
    case "reference":
      return { format: "reference", examples: dataset.examples.slice(j, j + 1) };
  }
}

const fail = (summary: string, details: string[] = []): VerifyOutcome => ({ ok: false, summary, details });

/**
 * Verifies one revealed score: the receipt's sha256 is the one revealed, it is for this reveal, its roots and
 * the aggregate hold; then `k` examples chosen with crypto randomness are re-scored here with the same model
 * (manifest-checked) and evaluation set (hash-checked), each compared with its leaf (proof checked) within the
 * tolerance of docs/ARCHITECTURE.md §8.
 */
export async function verifyRevealedScore({
  onChain,
  nodeIndex,
  k,
  onStep,
}: {
  onChain: RevealOnChain;
  nodeIndex: bigint;
  k: number;
  onStep: (step: VerifyStep) => void;
}): Promise<VerifyOutcome> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    const response = await fetch(receiptBlobPath(onChain.receipt), { cache: "no-store" });
    if (!response.ok)
      return fail(
        `The receipt ${onChain.receipt} is not in the blob store (HTTP ${response.status}), so this score cannot be verified.`,
      );
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return fail("Could not reach the blob store to fetch the receipt. Check your connection and try again.");
  }
  let problems;
  try {
    problems = checkReceipt(bytes, onChain);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (problems.length > 0)
    return fail(
      problems[0]!.check === "hash"
        ? "Not verified: the receipt served does not match the receipt hash on chain."
        : "Not verified: the receipt does not hold up.",
      problems.map((p) => p.message),
    );
  const doc = parseReceipt(bytes);
  const entry = doc.submissions.find((s) => s.nodeIndex === nodeIndex.toString())!;
  if (enteredByHand(entry))
    return {
      ok: true,
      summary:
        "The receipt matches the chain, but this score was entered by hand: it holds no per-example values to re-score.",
      details: [],
    };
  const chosen = pickExamples(entry.values.length, k, cryptoRandomInt).map((i) => entry.values[i]!);
  onStep({
    text: `Receipt matches the chain (hash, root, aggregate). Re-scoring examples ${chosen.map((v) => v.index).join(", ")} (chosen at random)…`,
  });
  let client: ScorerClient;
  let dataset: Dataset;
  try {
    dataset = await fetchVerifiedEvalSet(doc.evaluationSet.uri, doc.evaluationSet.sha256);
    client = await createScorerClient();
    const modelId = scorerModelId(entry.model.uri);
    const embeddingModel = embeddingModelFor(doc.metric, modelId);
    const options: Parameters<ScorerClient["load"]>[1] & { manifest?: Hex } = {
      device: "auto",
      ...(embeddingModel ? { embeddingModel } : {}),
      manifest: entry.model.manifest,
    };
    onStep({ text: `Loading ${entry.model.uri} (checked against its manifest)…` });
    await client.load(modelSourceFor(modelId), options);
  } catch (error) {
    return fail(`Could not re-score: ${toErrorView(error).message}`);
  }
  const details: string[] = [];
  const differing: string[] = [];
  for (const leaf of chosen) {
    onStep({ text: `Re-scoring example ${leaf.index}…` });
    if (!verifyLeaf(entry.root, leaf, leafProof(entry.values, leaf.index))) {
      differing.push(`Example ${leaf.index}: its leaf is not under the receipt's root.`);
      continue;
    }
    let again;
    try {
      const result = await client.score({
        metric: doc.metric,
        dataset: onlyExample(dataset, leaf.index),
        // Reference similarity seeds each example's persona by its index in the whole set.
        seed: leaf.index,
      });
      again = exampleValue(doc.metric, { ...result.examples[0]!, index: leaf.index });
    } catch (error) {
      return fail(`Could not re-score example ${leaf.index}: ${toErrorView(error).message}`);
    }
    const c = compareExample(doc.metric, leaf, again);
    const line = `Example ${leaf.index}: receipt ${c.expected.toFixed(6)}, here ${c.actual.toFixed(6)} (difference ${c.difference.toFixed(6)})`;
    if (c.agrees) details.push(`${line}: agrees.`);
    else differing.push(`${line}: differs by more than 1% or 0.01.`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (differing.length > 0)
    return fail(
      `Not verified: example ${differing[0]!.match(/^Example (\d+)/)?.[1] ?? "?"} differs (${seconds} s).`,
      [...differing, ...details],
    );
  return { ok: true, summary: `Verified: ${chosen.length} examples agree (${seconds} s).`, details };
}
