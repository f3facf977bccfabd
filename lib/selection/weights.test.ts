import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WAD } from "../units";
import { jobWeightWad, taskScoreOf } from "./taskScore";
import { parseWeights, STRATEGY_PRESETS, weightsToInput } from "./weights";

describe("strategy weights", () => {
  it("every preset is valid and sums to 100", () => {
    for (const preset of Object.values(STRATEGY_PRESETS)) {
      const parsed = parseWeights(weightsToInput(preset));
      assert.ok(parsed.ok);
    }
  });
  it("turns percentages into fractions", () => {
    assert.deepEqual(parseWeights({ stake: "20", uptime: "30", latency: "50" }), {
      ok: true,
      weights: { stake: 0.2, uptime: 0.3, latency: 0.5 },
    });
  });
  it("names the field that is wrong and the total", () => {
    const bad = parseWeights({ stake: "abc", uptime: "-5", latency: "101" });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ["latency", "stake", "uptime"]);
    const sum = parseWeights({ stake: "50", uptime: "30", latency: "30" });
    assert.deepEqual(sum, {
      ok: false,
      errors: { total: "The weights must add up to 100; they add up to 110." },
    });
    assert.equal(parseWeights({ stake: "", uptime: "50", latency: "50" }).ok, false);
    assert.equal(parseWeights({ stake: "0.5", uptime: "50", latency: "49.5" }).ok, false);
  });
});

describe("task score (mirror of MachineRegistry.taskScoreOf)", () => {
  it("is 1 + min(1, Σw·s / 10)", () => {
    assert.equal(taskScoreOf(0n), WAD);
    assert.equal(taskScoreOf(3n * WAD), (13n * WAD) / 10n);
    assert.equal(taskScoreOf(10n * WAD), 2n * WAD);
    assert.equal(taskScoreOf(25n * WAD), 2n * WAD);
  });
  it("accepts job weights 1..10 only", () => {
    assert.equal(jobWeightWad(3), 3n * WAD);
    assert.throws(() => jobWeightWad(0), RangeError);
    assert.throws(() => jobWeightWad(6), RangeError);
    assert.equal(jobWeightWad(5), 5n * WAD);
  });
});
