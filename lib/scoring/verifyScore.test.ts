import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { syntheticReceipt } from "../arena/testing/receipts";
import { servePageOrigin } from "../blobs/testing";
import { buildReceipt, encodeReceipt, receiptBlobPath, receiptHash, type RevealOnChain } from "./receipt";
import { SCORER_VERSION, TRANSFORMERS_VERSION } from "./runtime";
import { verifyRevealedScore, type VerifyStep } from "./verifyScore";

const ARENA: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const VALIDATOR: Address = "0x70997970C51812dc3A010C7d01b50e678d17dc79";
const ZERO: Hex = `0x${"0".repeat(64)}`;

/** The reveal every receipt here belongs to: chain, contract, task, epoch and validator. */
const REVEAL = { chainId: 31337, arenaTasks: ARENA, taskId: 2n, epoch: 1, validator: VALIDATOR };

const synthetic = syntheticReceipt({
  ...REVEAL,
  metric: "loss",
  nodeIndices: [0n, 1n],
  scores: [1_200_000, 900_000],
});
const onChain: RevealOnChain = {
  receipt: synthetic.receipt,
  ...REVEAL,
  nodeIndices: [0n, 1n],
  scores: synthetic.scores,
};

const byHand = encodeReceipt(
  buildReceipt({
    ...REVEAL,
    metric: "loss",
    evaluationSet: { uri: "", sha256: ZERO },
    scorer: {
      version: SCORER_VERSION,
      runtime: { transformers: TRANSFORMERS_VERSION, onnxruntime: "none" },
      backend: "cpu",
      dtype: "none",
      threads: 1,
    },
    submissions: [
      { nodeIndex: 0n, model: { uri: "/models/node-0", manifest: ZERO }, examples: [], score: 1_000_000 },
    ],
  }),
);

/** The blob store the page fetches receipts from: a real HTTP server holding these blobs. */
const blobs = new Map<string, Uint8Array>([
  [receiptBlobPath(synthetic.receipt), synthetic.bytes],
  [receiptBlobPath(receiptHash(byHand)), byHand],
]);
/** A receipt hash whose blob holds other bytes (the synthetic receipt's). */
const SWAPPED: Hex = `0x${"cd".repeat(32)}`;
blobs.set(receiptBlobPath(SWAPPED), synthetic.bytes);

const verify = (reveal: RevealOnChain, steps: VerifyStep[] = []) =>
  verifyRevealedScore({ onChain: reveal, nodeIndex: 0n, k: 2, onStep: (s) => steps.push(s) });

describe("verifying a revealed score: the receipt checks before any model runs", () => {
  servePageOrigin((req, res) => {
    const blob = blobs.get(req.url);
    if (!blob) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(blob));
  });

  it("says the receipt is missing when the blob store does not have it", async () => {
    const outcome = await verify({ ...onChain, receipt: `0x${"ef".repeat(32)}` });
    assert.equal(outcome.ok, false);
    assert.match(outcome.summary, /is not in the blob store \(HTTP 404\)/);
  });

  it("refuses a receipt whose bytes are not the ones committed on chain", async () => {
    const outcome = await verify({ ...onChain, receipt: SWAPPED });
    assert.equal(outcome.ok, false);
    assert.equal(
      outcome.summary,
      "Not verified: the receipt served does not match the receipt hash on chain.",
    );
    assert.match(outcome.details[0] ?? "", /not the receipt the validator committed to/);
  });

  it("refuses a receipt that does not hold up against the reveal (another score on chain)", async () => {
    const steps: VerifyStep[] = [];
    const outcome = await verify({ ...onChain, scores: [onChain.scores[0]! + 1, onChain.scores[1]!] }, steps);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.summary, "Not verified: the receipt does not hold up.");
    assert.ok(outcome.details.length > 0);
    assert.deepEqual(steps, []);
  });

  it("accepts a score entered by hand without re-scoring, and says there is nothing to re-score", async () => {
    const receipt = receiptHash(byHand);
    const steps: VerifyStep[] = [];
    const outcome = await verify({ ...onChain, receipt, nodeIndices: [0n], scores: [1_000_000] }, steps);
    assert.equal(outcome.ok, true);
    assert.match(outcome.summary, /entered by hand/);
    assert.deepEqual(steps, []);
  });

  it("says so when the blob store cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const current = globalThis.fetch;
    globalThis.fetch = (input, init) => current(new URL(String(input), origin), init);
    try {
      const outcome = await verify(onChain);
      assert.equal(outcome.ok, false);
      assert.match(outcome.summary, /Could not reach the blob store/);
    } finally {
      globalThis.fetch = current;
    }
  });
});
