import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sha256 } from "viem";
import { bitsPerByte, sumLosses } from "../metrics/bpb.ts";
import type { ExampleResult, LossExample } from "./protocol.ts";
import {
  aggregate,
  buildReceipt,
  checkReceipt,
  compareExample,
  encodeReceipt,
  exampleValue,
  leafProof,
  parseReceipt,
  pickExamples,
  cryptoRandomInt,
  receiptHash,
  revealedScore,
  valuesRoot,
  verifyLeaf,
  type ReceiptInput,
} from "./receipt.ts";

const loss = (index: number, nllNats: number, targetBytes: number): LossExample => ({
  metric: "loss",
  index,
  nllNats,
  targetBytes,
  targetTokens: Math.ceil(targetBytes / 4),
  bpb: bitsPerByte({ nllNats, targetBytes }),
  tokens: 10,
});

const examplesA = [loss(0, 31.25, 40), loss(1, 12.5, 17), loss(2, 80.125, 101), loss(3, 5.5, 9)];
const examplesB = [loss(0, 22.5, 40), loss(1, 10.75, 17), loss(2, 60.0625, 101), loss(3, 4.25, 9)];

const input: ReceiptInput = {
  chainId: 31337,
  arenaTasks: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  taskId: 3n,
  epoch: 2,
  validator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  metric: "loss",
  evaluationSet: { uri: "/models/samples/chat.jsonl", sha256: `0x${"11".repeat(32)}` },
  scorer: {
    version: "0.1.0",
    runtime: { transformers: "4.3.1", onnxruntime: "1.30.0" },
    backend: "cpu",
    dtype: "fp32",
    threads: 1,
  },
  submissions: [
    { nodeIndex: 4n, model: { uri: "/models/b", manifest: `0x${"bb".repeat(32)}` }, examples: examplesB },
    { nodeIndex: 0n, model: { uri: "/models/a", manifest: `0x${"aa".repeat(32)}` }, examples: examplesA },
  ],
};

const doc = buildReceipt(input);
const bytes = encodeReceipt(doc);
const onChain = {
  receipt: receiptHash(bytes),
  chainId: 31337,
  arenaTasks: input.arenaTasks,
  taskId: 3n,
  epoch: 2,
  validator: input.validator,
  nodeIndices: [0n, 4n],
  scores: doc.submissions.map((s) => s.score),
};

describe("a scoring receipt", () => {
  it("scores each submission by the scorer's own pooled rule, in 1e-6 units", () => {
    const pooled = bitsPerByte(sumLosses(examplesA));
    assert.deepEqual(
      doc.submissions.map((s) => s.nodeIndex),
      ["0", "4"],
    );
    assert.equal(doc.submissions[0]!.score, Math.round(pooled * 1e6));
    assert.ok(Math.abs(aggregate("loss", doc.submissions[0]!.values) - pooled) < 1e-12);
    // Pooled, not the mean of per-example BPB.
    const mean = examplesA.reduce((s, e) => s + e.bpb, 0) / examplesA.length;
    assert.notEqual(doc.submissions[0]!.score, Math.round(mean * 1e6));
  });

  it("encodes canonically: key order does not change the bytes, and the hash is sha256 of them", () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const shuffled = reverseKeys(doc) as typeof doc;
    assert.notEqual(JSON.stringify(shuffled), JSON.stringify(doc));
    assert.deepEqual(encodeReceipt(shuffled), bytes);
    assert.equal(receiptHash(bytes), sha256(bytes));
    assert.doesNotMatch(new TextDecoder().decode(bytes), /\s"|":\s/);
    assert.deepEqual(parseReceipt(bytes), doc);
  });

  it("holds against its reveal", () => {
    assert.deepEqual(checkReceipt(bytes, onChain), []);
  });

  it("is refused when its bytes are not the receipt on chain", () => {
    const tampered = JSON.parse(new TextDecoder().decode(bytes)) as typeof doc;
    tampered.submissions[0]!.values[1]!.value = "1";
    const problems = checkReceipt(encodeReceipt(tampered), onChain);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.check, "hash");
    assert.match(problems[0]!.message, /not the receipt the validator committed to/);
  });

  it("names a changed leaf (root) and a score that its values do not give", () => {
    const tampered = JSON.parse(new TextDecoder().decode(bytes)) as typeof doc;
    tampered.submissions[1]!.values[2]!.value = "70000000000";
    const tamperedBytes = encodeReceipt(tampered);
    const problems = checkReceipt(tamperedBytes, { ...onChain, receipt: receiptHash(tamperedBytes) });
    assert.deepEqual(
      problems.map((p) => p.check),
      ["root", "score"],
    );
    assert.match(problems[0]!.message, /Submission #4: the per-example values give the Merkle root/);
    // The same document revealed with another score than its values aggregate to.
    const other = checkReceipt(bytes, { ...onChain, scores: [onChain.scores[0]! + 1, onChain.scores[1]!] });
    assert.deepEqual(
      other.map((p) => p.check),
      ["score"],
    );
    assert.deepEqual(
      checkReceipt(bytes, { ...onChain, epoch: 3 }).map((p) => p.check),
      ["context"],
    );
  });

  it("proves one leaf against its root", () => {
    const values = doc.submissions[0]!.values;
    const proof = leafProof(values, 2);
    assert.ok(verifyLeaf(doc.submissions[0]!.root, values[2]!, proof));
    assert.ok(!verifyLeaf(doc.submissions[0]!.root, { ...values[2]!, value: "1" }, proof));
    assert.ok(!verifyLeaf(doc.submissions[1]!.root, values[2]!, proof));
    assert.throws(() => leafProof(values, 9), /not in the receipt/);
  });

  it("binds the root to example indices, not only to values", () => {
    const values = doc.submissions[0]!.values;
    const swapped = values.map((v, i) => ({ ...v, index: values.length - 1 - i }));
    assert.notEqual(valuesRoot(swapped), valuesRoot(values));
  });
});

describe("re-scored examples against their leaves (docs/ARCHITECTURE.md §8 tolerance)", () => {
  const leaf = exampleValue("loss", loss(0, 31.25, 40));
  it("agree within 1% relative or 0.01 absolute BPB, with the same bytes", () => {
    assert.ok(compareExample("loss", leaf, exampleValue("loss", loss(0, 31.3, 40))).agrees);
    const far = compareExample("loss", leaf, exampleValue("loss", loss(0, 34, 40)));
    assert.equal(far.agrees, false);
    assert.ok(Math.abs(far.difference - bitsPerByte({ nllNats: 2.75, targetBytes: 40 })) < 1e-9);
    assert.equal(compareExample("loss", leaf, exampleValue("loss", loss(0, 31.25, 41))).agrees, false);
  });
  it("must match exactly for accuracy", () => {
    const right: ExampleResult = {
      metric: "accuracy",
      index: 1,
      label: "a",
      predicted: "a",
      correct: true,
      bpbByLabel: {},
    };
    const wrong: ExampleResult = { ...right, predicted: "b", correct: false };
    assert.ok(
      compareExample("accuracy", exampleValue("accuracy", right), exampleValue("accuracy", right)).agrees,
    );
    assert.equal(
      compareExample("accuracy", exampleValue("accuracy", right), exampleValue("accuracy", wrong)).agrees,
      false,
    );
    assert.equal(
      revealedScore("accuracy", [exampleValue("accuracy", right), exampleValue("accuracy", wrong)]),
      500_000,
    );
  });
});

describe("choosing examples to re-score", () => {
  it("picks k distinct indices, ascending, from the random source", () => {
    let calls = 0;
    const picked = pickExamples(10, 3, (max) => (calls++ === 0 ? max - 1 : 0));
    assert.equal(new Set(picked).size, 3);
    assert.deepEqual(
      picked,
      [...picked].sort((a, b) => a - b),
    );
    assert.ok(picked.includes(9));
    assert.deepEqual(
      pickExamples(2, 3, () => 0),
      [0, 1],
    );
    for (let i = 0; i < 50; i++) {
      const x = cryptoRandomInt(7);
      assert.ok(Number.isInteger(x) && x >= 0 && x < 7);
    }
  });
  it("refuses to build a receipt value from an unusable number", () => {
    assert.throws(() => exampleValue("loss", loss(0, Number.NaN, 3)), /finite/);
    assert.throws(() => revealedScore("loss", []), /no examples/);
  });
});

describe("a score entered by hand", () => {
  it("is in the receipt without values, and only its score is checked", () => {
    const manual = buildReceipt({
      ...input,
      submissions: [
        {
          nodeIndex: 1n,
          model: { uri: "/models/a", manifest: input.evaluationSet.sha256 },
          examples: [],
          score: 1_250_000,
        },
      ],
    });
    const b = encodeReceipt(manual);
    const reveal = { ...onChain, receipt: receiptHash(b), nodeIndices: [1n], scores: [1_250_000] };
    assert.equal(manual.submissions[0]!.examples, 0);
    assert.deepEqual(checkReceipt(b, reveal), []);
    assert.deepEqual(
      checkReceipt(b, { ...reveal, scores: [1_250_001] }).map((p) => p.check),
      ["score"],
    );
  });
});
