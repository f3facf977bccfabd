/**
 * Scoring receipts (docs/ARCHITECTURE.md §3.4): what a validator scored and how, committed with its scores.
 * The document names the chain, task, epoch and validator, the evaluation set (URI and sha256), the scorer
 * (code version, runtime, backend, dtype, threads) and, per scored submission, the model (URI and manifest hash),
 * the revealed score and the per-example values with their Merkle root. Its canonical bytes (JSON, keys sorted,
 * no whitespace, integers and strings only) are stored in the blob store under their sha256, and that sha256 is
 * the `receipt` of `commitScores`/`revealScores`. Anyone can fetch it, check it against the chain, and re-score
 * a few examples to compare with their leaves.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { sha256, type Address, type Hex } from "viem";
import { sameAddress as same } from "../address";
import { isMetricName, type MetricName } from "../arena/metric";
import { bitsPerByte, sumLosses } from "../metrics/bpb";
import { toScoreUnits } from "../rewards/convert";
import type { ExampleResult, ScorerDevice } from "./protocol";
import { isBytes32 } from "../units";

export const RECEIPT_VERSION = 1;

export type ReceiptMetric = MetricName;

/**
 * The one encoding of a per-example value. `value` is a fixed-point integer in 1e-9 units: the example's NLL in
 * nats (loss), 1 or 0 for a correct or wrong prediction (accuracy, scale 1), or its similarity (reference
 * similarity); `weight` is its target bytes (loss) or 1. The leaf is OpenZeppelin's StandardMerkleTree leaf of
 * (index, value, weight): keccak256(keccak256(abi.encode(uint256, uint256, uint256))).
 */
export const VALUE_SCALE = 1_000_000_000;
export const LEAF_ENCODING = ["uint256", "uint256", "uint256"] as const;
export const LEAF_DESCRIPTION =
  "OpenZeppelin StandardMerkleTree of (uint256 exampleIndex, uint256 value, uint256 weight); value: loss = NLL in 1e-9 nats, accuracy = 1 if correct else 0, reference_similarity = score in 1e-9; weight: loss = target UTF-8 bytes, else 1";

/** One example's value as the receipt stores it (`value` as a decimal string: it may exceed 2^53). */
export type ExampleValue = { index: number; value: string; weight: number };

export type ScorerInfo = {
  /** The version of the Arena code that scored (package.json). */
  version: string;
  runtime: { transformers: string; onnxruntime: string };
  backend: ScorerDevice;
  dtype: string;
  threads: number;
};

export type ScoredSubmission = {
  nodeIndex: string;
  model: { uri: string; manifest: Hex };
  /**
   * The score as revealed: the metric's aggregate of `values` in 1e-6 units (uint32). A score the validator
   * entered by hand has no values (`examples` 0, root zero): the receipt says so, and there is nothing to re-check.
   */
  score: number;
  examples: number;
  root: Hex;
  values: ExampleValue[];
};

export type ReceiptDocument = {
  version: number;
  chainId: number;
  arenaTasks: Address;
  taskId: string;
  epoch: number;
  validator: Address;
  metric: ReceiptMetric;
  evaluationSet: { uri: string; sha256: Hex };
  scorer: ScorerInfo;
  leaf: string;
  submissions: ScoredSubmission[];
};

const fixed = (x: number): string => {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`a receipt value must be finite and ≥ 0, got ${x}`);
  return BigInt(Math.round(x * VALUE_SCALE)).toString();
};

/** An example's result as a receipt value. */
export function exampleValue(metric: ReceiptMetric, result: ExampleResult): ExampleValue {
  if (result.metric !== metric)
    throw new RangeError(`example ${result.index} was scored as ${result.metric}, not ${metric}`);
  switch (result.metric) {
    case "loss":
      return { index: result.index, value: fixed(result.nllNats), weight: result.targetBytes };
    case "accuracy":
      return { index: result.index, value: result.correct ? "1" : "0", weight: 1 };
    case "reference_similarity":
      return { index: result.index, value: fixed(result.score), weight: 1 };
    default:
      throw new RangeError(`example ${(result as ExampleResult).index} has no receipt value`);
  }
}

/** The example's value in the metric's unit: BPB (loss), 0/1 (accuracy), similarity. */
export function valueInMetricUnits(metric: ReceiptMetric, v: Pick<ExampleValue, "value" | "weight">): number {
  if (metric === "accuracy") return Number(v.value);
  const x = Number(BigInt(v.value)) / VALUE_SCALE;
  return metric === "loss" ? bitsPerByte({ nllNats: x, targetBytes: v.weight }) : x;
}

/**
 * The metric's aggregate of the values, by the rule the scorer computes its totals with (lib/scoring/scorer.ts,
 * tasks.ts): pooled BPB = Σ NLL / ln 2 / Σ bytes for loss, the mean otherwise.
 */
export function aggregate(metric: ReceiptMetric, values: readonly ExampleValue[]): number {
  if (values.length === 0) return Number.NaN;
  if (metric === "loss")
    return bitsPerByte(
      sumLosses(
        values.map((v) => ({
          nllNats: Number(BigInt(v.value)) / VALUE_SCALE,
          targetTokens: 0,
          targetBytes: v.weight,
        })),
      ),
    );
  const sum = values.reduce((total, v) => total + valueInMetricUnits(metric, v), 0);
  return sum / values.length;
}

/** The score a validator reveals for these values (1e-6 units); a receipt's scores are exactly these. */
export function revealedScore(metric: ReceiptMetric, values: readonly ExampleValue[]): number {
  const x = aggregate(metric, values);
  if (!Number.isFinite(x)) throw new RangeError("no examples were scored, so there is no score to reveal");
  return toScoreUnits(x);
}

type Leaf = [bigint, bigint, bigint];
const leafOf = (v: ExampleValue): Leaf => [BigInt(v.index), BigInt(v.value), BigInt(v.weight)];

function tree(values: readonly ExampleValue[]): StandardMerkleTree<Leaf> {
  if (values.length === 0) throw new RangeError("a Merkle root needs at least one example");
  return StandardMerkleTree.of(values.map(leafOf), [...LEAF_ENCODING]);
}

export function valuesRoot(values: readonly ExampleValue[]): Hex {
  return tree(values).root as Hex;
}

/** The Merkle proof of the example with index `exampleIndex` among `values`. */
export function leafProof(values: readonly ExampleValue[], exampleIndex: number): Hex[] {
  const at = values.findIndex((v) => v.index === exampleIndex);
  if (at < 0) throw new RangeError(`example ${exampleIndex} is not in the receipt`);
  return tree(values).getProof(at) as Hex[];
}

export function verifyLeaf(root: Hex, value: ExampleValue, proof: readonly Hex[]): boolean {
  return StandardMerkleTree.verify(root, [...LEAF_ENCODING], leafOf(value), [...proof]);
}

export type SubmissionInput = {
  nodeIndex: bigint;
  model: { uri: string; manifest: Hex };
  /** The scorer's per-example results; empty for a score entered by hand (then `score` is used). */
  examples: readonly ExampleResult[];
  score?: number;
};

export const NO_ROOT: Hex = `0x${"0".repeat(64)}`;

/** Whether a receipt entry is a score entered by hand (no per-example values). */
export const enteredByHand = (s: Pick<ScoredSubmission, "examples" | "values">): boolean =>
  s.examples === 0 && s.values.length === 0;

export type ReceiptInput = Omit<ReceiptDocument, "version" | "leaf" | "submissions" | "taskId"> & {
  taskId: bigint;
  submissions: readonly SubmissionInput[];
};

/** Builds the receipt of a validator's scores; each submission's score is `revealedScore` of its values. */
export function buildReceipt(input: ReceiptInput): ReceiptDocument {
  return {
    version: RECEIPT_VERSION,
    chainId: input.chainId,
    arenaTasks: input.arenaTasks,
    taskId: input.taskId.toString(),
    epoch: input.epoch,
    validator: input.validator,
    metric: input.metric,
    evaluationSet: input.evaluationSet,
    scorer: input.scorer,
    leaf: LEAF_DESCRIPTION,
    submissions: [...input.submissions]
      .sort((a, b) => (a.nodeIndex < b.nodeIndex ? -1 : a.nodeIndex > b.nodeIndex ? 1 : 0))
      .map((s) => {
        const values = s.examples.map((e) => exampleValue(input.metric, e)).sort((a, b) => a.index - b.index);
        if (values.length === 0) {
          if (s.score === undefined || !Number.isSafeInteger(s.score))
            throw new RangeError(`submission #${s.nodeIndex} has neither examples nor a score`);
          return {
            nodeIndex: s.nodeIndex.toString(),
            model: s.model,
            score: s.score,
            examples: 0,
            root: NO_ROOT,
            values,
          };
        }
        return {
          nodeIndex: s.nodeIndex.toString(),
          model: s.model,
          score: revealedScore(input.metric, values),
          examples: values.length,
          root: valuesRoot(values),
          values,
        };
      }),
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
      .join(",")}}`;
  if (typeof value === "number" && !Number.isSafeInteger(value))
    throw new RangeError(`a receipt holds only integers, got ${value}`);
  return JSON.stringify(value);
}

/** The canonical bytes: UTF-8 JSON with keys sorted at every level and no whitespace. */
export function encodeReceipt(doc: ReceiptDocument): Uint8Array {
  return new TextEncoder().encode(canonical(doc as unknown as Json));
}

/** sha256 of the bytes: the `receipt` committed on chain and the blob-store name `sha256:<hex>`. */
export function receiptHash(bytes: Uint8Array): Hex {
  return sha256(bytes);
}

export const receiptBlobPath = (receipt: Hex): string => `/api/blobs/${receipt.slice(2).toLowerCase()}`;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Reads receipt bytes; throws a sentence a person can act on when they are not a receipt. */
export function parseReceipt(bytes: Uint8Array): ReceiptDocument {
  let doc: Partial<ReceiptDocument>;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes)) as Partial<ReceiptDocument>;
  } catch {
    throw new Error("This file is not a scoring receipt (not JSON).");
  }
  const ok =
    doc.version === RECEIPT_VERSION &&
    typeof doc.chainId === "number" &&
    typeof doc.arenaTasks === "string" &&
    ADDRESS.test(doc.arenaTasks) &&
    typeof doc.taskId === "string" &&
    typeof doc.epoch === "number" &&
    typeof doc.validator === "string" &&
    ADDRESS.test(doc.validator) &&
    typeof doc.metric === "string" &&
    isMetricName(doc.metric) &&
    typeof doc.evaluationSet?.uri === "string" &&
    typeof doc.scorer?.backend === "string" &&
    Array.isArray(doc.submissions) &&
    doc.submissions.every(
      (s) =>
        typeof s.nodeIndex === "string" &&
        /^\d+$/.test(s.nodeIndex) &&
        Number.isInteger(s.score) &&
        typeof s.root === "string" &&
        isBytes32(s.root) &&
        typeof s.model?.uri === "string" &&
        Array.isArray(s.values) &&
        s.values.every(
          (v) =>
            Number.isInteger(v.index) &&
            typeof v.value === "string" &&
            /^\d+$/.test(v.value) &&
            Number.isInteger(v.weight),
        ),
    );
  if (!ok)
    throw new Error(
      `This is not a version ${RECEIPT_VERSION} scoring receipt (fields are missing or malformed).`,
    );
  return doc as ReceiptDocument;
}

export type RevealOnChain = {
  receipt: Hex;
  chainId: number;
  arenaTasks: Address;
  taskId: bigint;
  epoch: number;
  validator: Address;
  nodeIndices: readonly bigint[];
  scores: readonly number[];
};

/** One failed check of a receipt, in words. */
export type ReceiptProblem = { check: "hash" | "context" | "root" | "score" | "count"; message: string };

/**
 * Checks receipt bytes against a reveal on chain: the sha256 is the revealed receipt, the document is for this
 * chain, contract, task, epoch and validator and lists the revealed submissions, each root is its values' root,
 * and each revealed score is the metric's aggregate of its values. Returns the problems (none: it holds).
 */
export function checkReceipt(bytes: Uint8Array, onChain: RevealOnChain): ReceiptProblem[] {
  const actual = receiptHash(bytes);
  if (actual.toLowerCase() !== onChain.receipt.toLowerCase())
    return [
      {
        check: "hash",
        message: `This receipt's sha256 is ${actual}, not ${onChain.receipt} revealed on chain: it is not the receipt the validator committed to.`,
      },
    ];
  const doc = parseReceipt(bytes);
  const problems: ReceiptProblem[] = [];
  if (
    doc.chainId !== onChain.chainId ||
    !same(doc.arenaTasks, onChain.arenaTasks) ||
    doc.taskId !== onChain.taskId.toString() ||
    doc.epoch !== onChain.epoch ||
    !same(doc.validator, onChain.validator)
  )
    problems.push({
      check: "context",
      message: `The receipt is for chain ${doc.chainId}, task #${doc.taskId}, epoch ${doc.epoch}, validator ${doc.validator}: not this reveal.`,
    });
  for (const [i, nodeIndex] of onChain.nodeIndices.entries()) {
    const s = doc.submissions.find((x) => x.nodeIndex === nodeIndex.toString());
    if (!s) {
      problems.push({ check: "count", message: `The receipt has no entry for submission #${nodeIndex}.` });
      continue;
    }
    if (enteredByHand(s)) {
      if (s.score !== onChain.scores[i])
        problems.push({
          check: "score",
          message: `Submission #${nodeIndex}: the receipt says ${s.score / 1e6}, the chain ${(onChain.scores[i] ?? Number.NaN) / 1e6}.`,
        });
      continue;
    }
    if (s.values.length !== s.examples || s.values.length === 0) {
      problems.push({
        check: "count",
        message: `Submission #${nodeIndex}: the receipt lists ${s.values.length} values for ${s.examples} examples.`,
      });
      continue;
    }
    const root = valuesRoot(s.values);
    if (root !== s.root)
      problems.push({
        check: "root",
        message: `Submission #${nodeIndex}: the per-example values give the Merkle root ${root}, not ${s.root} in the receipt.`,
      });
    const recomputed = revealedScore(doc.metric, s.values);
    const revealed = onChain.scores[i];
    if (recomputed !== s.score || recomputed !== revealed)
      problems.push({
        check: "score",
        message: `Submission #${nodeIndex}: the values aggregate to ${recomputed / 1e6}, the receipt says ${s.score / 1e6} and the chain ${(revealed ?? Number.NaN) / 1e6}.`,
      });
  }
  return problems;
}

/**
 * docs/ARCHITECTURE.md §8's tolerance for re-scored examples: 1% relative or 0.01 absolute (BPB for loss, similarity), exact for
 * accuracy's 0/1 and for a loss example's byte count.
 */
export function compareExample(
  metric: ReceiptMetric,
  leaf: ExampleValue,
  again: ExampleValue,
): { agrees: boolean; expected: number; actual: number; difference: number } {
  const expected = valueInMetricUnits(metric, leaf);
  const actual = valueInMetricUnits(metric, again);
  const difference = Math.abs(actual - expected);
  const within =
    metric === "accuracy" ? difference === 0 : difference <= 0.01 || difference <= 0.01 * Math.abs(expected);
  return { agrees: within && leaf.weight === again.weight, expected, actual, difference };
}

/** `k` distinct example indices of `n`, drawn with `randomInt(max)` (crypto in the app), ascending. */
export function pickExamples(n: number, k: number, randomInt: (max: number) => number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const picked: number[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + randomInt(n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    picked.push(pool[i]!);
  }
  return picked.sort((a, b) => a - b);
}

/** A uniform integer in [0, max) from the Web Crypto API (rejection sampling, no modulo bias). */
export function cryptoRandomInt(max: number): number {
  if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError("max must be in 1..2^32");
  const limit = Math.floor(2 ** 32 / max) * max;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0]! < limit) return word[0]! % max;
  }
}
