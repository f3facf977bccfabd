import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { longestCommonSubsequence, rouge1, rougeL, rougeTokens } from "./rouge";

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe("rouge", () => {
  it("tokenises like rouge-score: lowercase, alphanumeric runs", () => {
    assert.deepEqual(rougeTokens("Hello, World! It's 3pm."), ["hello", "world", "it", "s", "3pm"]);
    close(rouge1("Hello, World!", "hello world").f, 1);
  });

  it("ROUGE-1: one substituted word in six", () => {
    // ref: the cat sat on the mat / cand: the cat lay on the mat → overlap the,the,cat,on,mat = 5 of 6 each way
    const score = rouge1("the cat sat on the mat", "the cat lay on the mat");
    close(score.precision, 5 / 6);
    close(score.recall, 5 / 6);
    close(score.f, 5 / 6);
  });

  it("ROUGE-1 clips repeated words and handles unequal lengths", () => {
    // overlap 2 (only two "the" in the reference): P = 2/3, R = 2/2, F = 2·(2/3)/(5/3) = 4/5
    close(rouge1("the the", "the the the").f, 4 / 5);
    // ref a b c d, cand a c e: overlap 2, P = 2/3, R = 1/2, F = (2/3)/(7/6) = 4/7
    close(rouge1("a b c d", "a c e").f, 4 / 7);
  });

  it("ROUGE-L uses order while ROUGE-1 does not", () => {
    // Same bag of words, but the longest common subsequence is "the sat on the" (4 of 6)
    close(rouge1("the cat sat on the mat", "the mat sat on the cat").f, 1);
    assert.equal(
      longestCommonSubsequence("the cat sat on the mat".split(" "), "the mat sat on the cat".split(" ")),
      4,
    );
    close(rougeL("the cat sat on the mat", "the mat sat on the cat").f, 2 / 3);
    close(rougeL("a b c d", "a c e").f, 4 / 7);
  });

  it("is zero when either side is empty or nothing overlaps", () => {
    assert.equal(rouge1("", "cat").f, 0);
    assert.equal(rouge1("cat", "").f, 0);
    assert.equal(rougeL("cat dog", "fish").f, 0);
  });
});
