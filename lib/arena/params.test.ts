import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther } from "viem";
import { LIMITS, defaultTaskForm, finalEvalCommitment, validateTaskForm } from "./params";

const SALT = `0x${"11".repeat(32)}` as const;

describe("validateTaskForm", () => {
  it("turns the defaults (plus a title) into the contract's params", () => {
    const result = validateTaskForm({ ...defaultTaskForm(), title: "Fine-tune a chat model" }, SALT);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    const { params, creatorStake } = result.task;
    assert.equal(params.rewardPool, parseEther("10000"));
    assert.equal(creatorStake, parseEther("1000"));
    assert.equal(params.metric, 0);
    assert.equal(params.mechanism.gamma, 7n * 10n ** 17n);
    assert.equal(params.epochLength, 86_400);
    assert.equal(params.finalEvalCommit, finalEvalCommitment("/models/samples/plain.txt", SALT));
  });

  it("caps the scores per validator and epoch where one settlement step still fits in a transaction (H1)", () => {
    assert.equal(LIMITS.maxAssignments, 256);
    const over = validateTaskForm({ ...defaultTaskForm(), title: "t", maxAssignmentsPerEpoch: "257" }, SALT);
    assert.equal(over.ok, false);
    if (!over.ok) assert.match(over.errors.maxAssignmentsPerEpoch ?? "", /between 1 and 256/);
    const max = validateTaskForm({ ...defaultTaskForm(), title: "t", maxAssignmentsPerEpoch: "256" }, SALT);
    assert.equal(max.ok, true);
  });

  it("names every field that the contract would refuse, with its range", () => {
    const result = validateTaskForm(
      {
        ...defaultTaskForm(),
        title: "",
        epochLength: "30",
        commitWindow: "x",
        rewardPool: "0",
        gamma: "1.5",
        q: "1",
        beta: "0",
        validatorsPerSubmission: "65",
      },
      SALT,
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.errors.title ?? "", /required/);
    assert.match(result.errors.epochLength ?? "", /between 60 and 2592000/);
    assert.match(result.errors.commitWindow ?? "", /whole number/);
    assert.match(result.errors.rewardPool ?? "", /more than 0/);
    assert.match(result.errors.gamma ?? "", /between 0 and 1/);
    assert.match(result.errors.q ?? "", /strictly between 0 and 1/);
    assert.match(result.errors.beta ?? "", /more than 0/);
    assert.match(result.errors.validatorsPerSubmission ?? "", /between 1 and 64/);
  });

  it("bounds the windows by the epoch length like the contract", () => {
    const base = { ...defaultTaskForm(), title: "t", epochLength: "100" };
    assert.equal(validateTaskForm({ ...base, commitWindow: "98", revealWindow: "1" }, SALT).ok, true);
    const tooLong = validateTaskForm({ ...base, commitWindow: "99", revealWindow: "1" }, SALT);
    assert.equal(tooLong.ok, false);
    const noReveal = validateTaskForm({ ...base, commitWindow: "50", revealWindow: "50" }, SALT);
    assert.equal(noReveal.ok, false);
    if (!noReveal.ok) assert.match(noReveal.errors.revealWindow ?? "", /between 1 and 49/);
  });

  it("counts text limits in UTF-8 bytes", () => {
    const long = validateTaskForm({ ...defaultTaskForm(), title: "é".repeat(101) }, SALT);
    assert.equal(long.ok, false);
    if (!long.ok) assert.match(long.errors.title ?? "", /at most 200 bytes \(now 202\)/);
  });
});
