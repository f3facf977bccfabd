import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { personaChallenge } from "./persona";
import { assembleSequence } from "./sequence";
import { createRng } from "./rng";

describe("persona challenges", () => {
  it("are deterministic per seed and differ across seeds", () => {
    const query = "What is the capital of France?";
    assert.deepEqual(personaChallenge(query, 42), personaChallenge(query, 42));
    const challenges = new Set(
      Array.from({ length: 20 }, (_, seed) => personaChallenge(query, seed).challenge),
    );
    assert.ok(challenges.size > 10);
    for (const challenge of challenges) assert.match(challenge.toLowerCase(), /capital of france/);
  });

  it("the PRNG is reproducible", () => {
    const a = createRng(7);
    const b = createRng(7);
    assert.deepEqual([a.next(), a.next(), a.int(10)], [b.next(), b.next(), b.int(10)]);
  });
});

describe("sequence assembly", () => {
  const bytesOf = (ids: readonly number[]): number => ids.length;
  const segments = [
    { ids: [1, 2], target: false, bytes: 2 },
    { ids: [3, 4, 5], target: true, bytes: 3 },
  ];

  it("prepends BOS and marks target tokens", () => {
    const sequence = assembleSequence(0, segments, 100, bytesOf);
    assert.deepEqual(sequence.ids, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(sequence.isTarget, [false, false, false, true, true, true]);
    assert.equal(sequence.targetBytes, 3);
    assert.equal(sequence.truncated, undefined);
  });

  it("truncates to the context and reports it", () => {
    const sequence = assembleSequence(0, segments, 4, bytesOf);
    assert.deepEqual(sequence.ids, [0, 1, 2, 3]);
    assert.equal(sequence.targetBytes, 1);
    assert.deepEqual(sequence.truncated, { fromTokens: 6, toTokens: 4 });
  });

  it("without BOS the first token is context only", () => {
    const sequence = assembleSequence(null, [{ ids: [7, 8], target: true, bytes: 2 }], 10, bytesOf);
    assert.deepEqual(sequence.isTarget, [false, true]);
    assert.equal(sequence.targetBytes, 1);
  });
});
