import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatMeanScore,
  isMetricName,
  lowerIsBetter,
  meanToMetric,
  METRIC_INDEX,
  metricLabel,
  metricName,
  metricToScore,
  METRICS,
  scoreToMetric,
} from "./metric";

describe("metric", () => {
  it("names the on-chain values in the enum's order", () => {
    assert.deepEqual(METRICS, ["loss", "accuracy", "reference_similarity"]);
    assert.deepEqual(METRIC_INDEX, { loss: 0, accuracy: 1, reference_similarity: 2 });
    assert.equal(metricName(2), "reference_similarity");
    assert.equal(metricName(3), undefined);
    assert.ok(isMetricName("accuracy"));
    assert.ok(!isMetricName("embedding"));
  });

  it("labels a metric by name or value, and an unknown value as ?", () => {
    assert.equal(metricLabel("loss"), "Loss (bits per byte)");
    assert.equal(metricLabel(1), "Accuracy");
    assert.equal(metricLabel(7), "?");
  });

  it("ranks loss lower-first and the others higher-first, by name or value", () => {
    assert.equal(lowerIsBetter("loss"), true);
    assert.equal(lowerIsBetter(0), true);
    assert.equal(lowerIsBetter("accuracy"), false);
    assert.equal(lowerIsBetter(2), false);
  });

  it("converts revealed scores (1e-6) and settled means (1e-18) to metric units", () => {
    assert.equal(scoreToMetric(1_234_567), 1.234567);
    assert.equal(metricToScore(1.2345674), 1_234_567);
    assert.equal(meanToMetric(1_500_000_000_000_000_000n), 1.5);
    assert.equal(formatMeanScore(1_234_567_000_000_000_000n), "1.2346");
    assert.equal(formatMeanScore(2n * 10n ** 18n, 2), "2.00");
  });
});
