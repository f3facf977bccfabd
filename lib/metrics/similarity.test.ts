import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { referenceSimilarity } from "./similarity";
import { cosineDistance, cosineSimilarity, meanPool } from "./vectors";

describe("vectors", () => {
  it("cosine similarity and distance", () => {
    assert.equal(cosineSimilarity([1, 0], [0, 1]), 0);
    assert.ok(Math.abs(cosineSimilarity([1, 0], [1, 1]) - Math.SQRT1_2) < 1e-15);
    assert.ok(Math.abs(cosineDistance([1, 2, 3], [2, 4, 6])) < 1e-15);
    assert.equal(cosineDistance([1, 0], [-1, 0]), 2);
    assert.equal(cosineSimilarity([0, 0], [1, 1]), 0);
    assert.throws(() => cosineSimilarity([1], [1, 2]), RangeError);
  });

  it("mean-pools rows, skipping masked ones", () => {
    const hidden = [1, 2, 3, 4, 100, 100]; // 3 tokens × 2 dims
    assert.deepEqual([...meanPool(hidden, 3, 2)], [104 / 3, 106 / 3]);
    assert.deepEqual([...meanPool(hidden, 3, 2, [1, 1, 0])], [2, 3]);
  });
});

describe("reference similarity (SN1)", () => {
  it("matches a hand-worked example", () => {
    // ROUGE-1 F(ref, resp): "the cat sat" vs "the cat ran" → 2/3.
    // semantic: cos(ref, resp) = 1/√2, cos(ref, "") = 0 → 1/√2.
    // echo: challenge (tell me about the dog) vs resp share "the": P = 1/3, R = 1/5, F = 1/4.
    const result = referenceSimilarity({
      challenge: "Tell me about the dog",
      reference: "the cat sat",
      response: "The cat ran",
      embeddings: { reference: [1, 0], response: [1, 1], empty: [0, 1] },
    });
    assert.ok(Math.abs(result.rouge1 - 2 / 3) < 1e-12);
    assert.ok(Math.abs(result.semantic - Math.SQRT1_2) < 1e-12);
    assert.ok(Math.abs(result.echo - 1 / 4) < 1e-12);
    assert.ok(Math.abs(result.score - (0.5 * (2 / 3) + 0.5 * Math.SQRT1_2) * (1 - 0.5 / 4)) < 1e-12);
  });

  it("gives no semantic credit below the empty-string baseline", () => {
    const result = referenceSimilarity({
      challenge: "q",
      reference: "x",
      response: "y",
      embeddings: { reference: [1, 0], response: [1, 1], empty: [1, 0.1] },
    });
    assert.equal(result.semantic, 0);
    assert.equal(result.score, 0);
  });

  it("halves the score of a response that only echoes the challenge", () => {
    const text = "what is the capital of france";
    const result = referenceSimilarity({
      challenge: text,
      reference: text,
      response: text,
      embeddings: { reference: [1, 0], response: [1, 0], empty: [0, 1] },
    });
    assert.equal(result.score, 0.5);
  });
});
