import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ExampleResult, Metric, ScoreTotals } from "./protocol";
import { chartPoints, chartValue, columnsFor, headline } from "./results";

const loss = (index: number, bpb: number): ExampleResult => ({
  metric: "loss",
  index,
  nllNats: 1,
  targetTokens: 10,
  targetBytes: 40,
  bpb,
  tokens: 12,
});

const totals = (metric: Metric, value: number, extra: Partial<ScoreTotals> = {}): ScoreTotals => ({
  metric,
  value,
  examples: 1,
  truncatedExamples: 0,
  tokens: 1,
  ms: 1,
  tokensPerSecond: 1,
  ...extra,
});

describe("result columns", () => {
  it("shows a loss example's tokens, bytes, BPB and its truncation", () => {
    const cols = columnsFor("loss");
    assert.deepEqual(
      cols.map((c) => c.header),
      ["#", "Tokens", "Target bytes", "BPB", "Note"],
    );
    const example: ExampleResult = { ...loss(0, 1.234567), truncated: { fromTokens: 900, toTokens: 512 } };
    assert.deepEqual(
      cols.map((c) => c.cell(example)),
      ["1", "12", "40", "1.2346", "cut from 900 to 512 tokens"],
    );
  });

  it("leaves a cell blank for another metric's example and shows a dash for a missing number", () => {
    const [, tokens, distance] = columnsFor("embedding");
    assert.equal(tokens?.cell(loss(0, 1)), "");
    const noTarget: ExampleResult = {
      metric: "embedding",
      index: 4,
      tokens: 3,
      embedding: [0.1234, 2, 3, 4, 5],
    };
    assert.equal(distance?.cell(noTarget), "—");
    assert.equal(columnsFor("embedding")[3]?.cell(noTarget), "0.123, 2.000, 3.000, 4.000");
  });

  it("says whether an accuracy example was right", () => {
    const cols = columnsFor("accuracy");
    const ex: ExampleResult = {
      metric: "accuracy",
      index: 2,
      label: "pos",
      predicted: "neg",
      correct: false,
      bpbByLabel: {},
    };
    assert.deepEqual(
      cols.map((c) => c.cell(ex)),
      ["3", "pos", "neg", "no", ""],
    );
  });

  it("has a column set for every metric, each starting with the example number", () => {
    for (const m of ["loss", "embedding", "reference_similarity", "accuracy"] as const) {
      assert.equal(columnsFor(m)[0]?.header, "#");
    }
  });
});

describe("chart values", () => {
  it("plots BPB, distance, score, and 1/0 for correct/wrong; nothing for an embedding without target", () => {
    assert.equal(chartValue(loss(0, 0.9)), 0.9);
    assert.equal(chartValue({ metric: "embedding", index: 0, tokens: 1, embedding: [], distance: 0.3 }), 0.3);
    assert.equal(chartValue({ metric: "embedding", index: 0, tokens: 1, embedding: [] }), null);
    const ok: ExampleResult = {
      metric: "accuracy",
      index: 0,
      label: "a",
      predicted: "a",
      correct: true,
      bpbByLabel: {},
    };
    assert.equal(chartValue(ok), 1);
    assert.equal(chartValue({ ...ok, correct: false }), 0);
  });

  it("draws one bar per example up to the limit, numbered from 1", () => {
    const points = chartPoints([loss(0, 1), loss(1, 2), loss(2, 3)], 3);
    assert.deepEqual(points, [
      { name: "1", value: 1 },
      { name: "2", value: 2 },
      { name: "3", value: 3 },
    ]);
  });

  it("averages consecutive examples beyond the limit, and names each group's range", () => {
    const examples = Array.from({ length: 7 }, (_, i) => loss(i, i + 1));
    assert.deepEqual(chartPoints(examples, 3), [
      { name: "1–3", value: 2 },
      { name: "4–6", value: 5 },
      { name: "7–7", value: 7 },
    ]);
  });

  it("skips examples that have nothing to plot", () => {
    const none: ExampleResult = { metric: "embedding", index: 1, tokens: 1, embedding: [] };
    assert.deepEqual(chartPoints([loss(0, 1), none, loss(2, 3)]), [
      { name: "1", value: 1 },
      { name: "3", value: 3 },
    ]);
  });
});

describe("headline", () => {
  it("shows accuracy as a percentage and other metrics to four places", () => {
    assert.equal(headline(totals("accuracy", 0.8125)), "81.3%");
    assert.equal(headline(totals("loss", 1.23456)), "1.2346");
  });

  it("shows a dash for an embedding run without a target vector", () => {
    assert.equal(headline(totals("embedding", 0)), "—");
    assert.equal(headline(totals("embedding", 0.25, { distance: 0.25 })), "0.2500");
  });
});
