import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bitsPerByte, sumLosses, targetNll, tokenNll, utf8ByteLength } from "./bpb";
import { accuracy, predictLabel } from "./accuracy";

describe("bits per byte", () => {
  it("a uniform two-way guess costs one bit", () => {
    assert.ok(Math.abs(tokenNll([0, 0], 0, 2, 1) - Math.LN2) < 1e-15);
    // logits [ln 3, 0]: p(0) = 3/4, p(1) = 1/4
    assert.ok(Math.abs(tokenNll([Math.log(3), 0], 0, 2, 1) - Math.log(4)) < 1e-12);
    assert.throws(() => tokenNll([0, 0], 0, 2, 2), RangeError);
  });

  it("scores only target tokens, each from the previous row of logits", () => {
    const logits = [Math.log(3), 0, 0, 0, 5, 5]; // rows for positions 0, 1, 2
    const ids = [0, 1, 0];
    const all = targetNll(logits, 2, ids, [false, true, true]);
    assert.equal(all.targetTokens, 2);
    assert.ok(Math.abs(all.nllNats - (Math.log(4) + Math.LN2)) < 1e-12);
    const last = targetNll(logits, 2, ids, [false, false, true]);
    assert.ok(Math.abs(last.nllNats - Math.LN2) < 1e-12);
    assert.ok(Math.abs(bitsPerByte({ nllNats: 2 * Math.LN2, targetBytes: 2 }) - 1) < 1e-15);
  });

  it("pools totals by bytes and counts UTF-8 bytes", () => {
    assert.equal(utf8ByteLength("héllo"), 6);
    assert.equal(utf8ByteLength("€"), 3);
    const total = sumLosses([
      { nllNats: Math.LN2, targetTokens: 1, targetBytes: 1 },
      { nllNats: 0, targetTokens: 3, targetBytes: 3 },
    ]);
    assert.deepEqual(total, { nllNats: Math.LN2, targetTokens: 4, targetBytes: 4 });
    assert.ok(Math.abs(bitsPerByte(total) - 0.25) < 1e-15);
    assert.ok(Number.isNaN(bitsPerByte({ nllNats: 1, targetBytes: 0 })));
  });
});

describe("accuracy", () => {
  it("predicts the lowest-loss label and counts matches", () => {
    assert.equal(
      predictLabel(
        new Map([
          ["positive", 0.7],
          ["negative", 0.2],
        ]),
      ),
      "negative",
    );
    assert.equal(
      predictLabel(
        new Map([
          ["a", 1],
          ["b", 1],
        ]),
      ),
      "a",
    );
    assert.equal(accuracy(["a", "b", "a", "a"], ["a", "b", "b", "a"]), 0.75);
    assert.ok(Number.isNaN(accuracy([], [])));
  });
});
