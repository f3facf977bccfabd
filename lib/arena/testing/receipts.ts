import type { Address, Hex } from "viem";
import type { ExampleResult } from "../../scoring/protocol";
import {
  buildReceipt,
  encodeReceipt,
  receiptHash,
  type ReceiptDocument,
  type ReceiptMetric,
} from "../../scoring/receipt";
import { ORT_NODE_VERSION, SCORER_VERSION, TRANSFORMERS_VERSION } from "../../scoring/runtime";
import { scoreToMetric } from "../metric";

/**
 * Receipts for scores that were not computed by a model (benchmarks, e2e set-up; the demo seed scores for real): real receipt
 * documents (lib/scoring/receipt.ts) whose per-example values are made up around the wanted score, so their hash,
 * roots and aggregates check out. The score to reveal is the receipt's own (`scores`), which is the wanted
 * score for loss and similarity and the nearest multiple of 1/20 for accuracy.
 */
export type SyntheticReceipt = { doc: ReceiptDocument; bytes: Uint8Array; receipt: Hex; scores: number[] };

export type SyntheticReceiptInput = {
  chainId: number;
  arenaTasks: Address;
  taskId: bigint;
  epoch: bigint | number;
  validator: Address;
  metric: ReceiptMetric;
  nodeIndices: readonly bigint[];
  /** Wanted scores, 1e-6 units. */
  scores: readonly number[];
  evaluationSet?: { uri: string; sha256: Hex };
  /** Model URIs by node index (default `/models/node-<i>`). */
  modelUri?: (nodeIndex: bigint) => string;
  examples?: number;
};

const ZERO: Hex = `0x${"0".repeat(64)}`;

function madeUpExamples(metric: ReceiptMetric, score: number, n: number): ExampleResult[] {
  const target = scoreToMetric(score);
  if (metric === "accuracy") {
    const correct = Math.round(target * 20);
    return Array.from({ length: 20 }, (_, index) => ({
      metric: "accuracy",
      index,
      label: "yes",
      predicted: index < correct ? "yes" : "no",
      correct: index < correct,
      bpbByLabel: {},
    }));
  }
  if (metric === "reference_similarity") {
    // Symmetric offsets around the target: the mean is the target.
    return Array.from({ length: n }, (_, index) => {
      const offset =
        n % 2 === 1 && index === n - 1 ? 0 : (index % 2 === 0 ? 1 : -1) * 0.01 * (1 + (index >> 1));
      const s = Math.max(0, target + offset);
      return {
        metric: "reference_similarity",
        index,
        challenge: "",
        response: "",
        generated: false,
        rouge1: s,
        rougeL: s,
        semantic: s,
        echo: 0,
        score: s,
      };
    });
  }
  // Loss: every example at the target BPB with its own byte count, so the pooled BPB is the target.
  return Array.from({ length: n }, (_, index) => {
    const targetBytes = 200 + 37 * index;
    const nllNats = target * Math.LN2 * targetBytes;
    return {
      metric: "loss",
      index,
      nllNats,
      targetBytes,
      targetTokens: Math.ceil(targetBytes / 4),
      bpb: target,
      tokens: Math.ceil(targetBytes / 4) + 1,
    };
  });
}

export function syntheticReceipt(input: SyntheticReceiptInput): SyntheticReceipt {
  const doc = buildReceipt({
    chainId: input.chainId,
    arenaTasks: input.arenaTasks,
    taskId: input.taskId,
    epoch: Number(input.epoch),
    validator: input.validator,
    metric: input.metric,
    evaluationSet: input.evaluationSet ?? { uri: "", sha256: ZERO },
    scorer: {
      version: SCORER_VERSION,
      runtime: { transformers: TRANSFORMERS_VERSION, onnxruntime: ORT_NODE_VERSION },
      backend: "cpu",
      dtype: "synthetic",
      threads: 1,
    },
    submissions: input.nodeIndices.map((nodeIndex, i) => ({
      nodeIndex,
      model: { uri: input.modelUri?.(nodeIndex) ?? `/models/node-${nodeIndex}`, manifest: ZERO },
      examples: madeUpExamples(input.metric, input.scores[i]!, input.examples ?? 6),
    })),
  });
  const bytes = encodeReceipt(doc);
  const byNode = new Map(doc.submissions.map((s) => [s.nodeIndex, s.score]));
  return {
    doc,
    bytes,
    receipt: receiptHash(bytes),
    scores: input.nodeIndices.map((i) => byNode.get(i.toString())!),
  };
}
