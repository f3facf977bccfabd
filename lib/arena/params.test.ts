import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther } from "viem";
import { LIMITS, defaultTaskForm, finalEvalCommitment, validateTaskForm } from "./params";
import { sampleSetSha256 } from "./testing/sampleSets";

const SALT = `0x${"11".repeat(32)}` as const;
/** The defaults point at chat.jsonl (public) and plain.txt (held back): the sha256 of those very files. */
const HASHES = { evalSetHash: sampleSetSha256("chat.jsonl"), heldBackHash: sampleSetSha256("plain.txt") };

describe("validateTaskForm", () => {
  it("turns the defaults (plus a title) into the contract's params", () => {
    const result = validateTaskForm({ ...defaultTaskForm(), title: "Fine-tune a chat model" }, SALT, HASHES);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    const { params, creatorStake } = result.task;
    assert.equal(params.rewardPool, parseEther("10000"));
    assert.equal(creatorStake, parseEther("1000"));
    assert.equal(params.metric, 0);
    assert.equal(params.mechanism.gamma, 7n * 10n ** 17n);
    assert.equal(params.epochLength, 86_400);
    assert.equal(
      params.finalEvalCommit,
      finalEvalCommitment("/models/samples/plain.txt", HASHES.heldBackHash, SALT),
    );
  });

  it("sends the sha256 of both evaluation sets: the public one in the params, the held-back one in the commitment", () => {
    const result = validateTaskForm({ ...defaultTaskForm(), title: "t" }, SALT, HASHES);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.task.params.evalSetHash, HASHES.evalSetHash);
    const other = finalEvalCommitment("/models/samples/plain.txt", sampleSetSha256("chat.jsonl"), SALT);
    assert.notEqual(result.task.params.finalEvalCommit, other, "the held-back set's bytes are committed");
  });

  it("refuses to build params while a set's sha256 is unknown (not fetched) or zero", () => {
    const none = validateTaskForm({ ...defaultTaskForm(), title: "t" }, SALT, {});
    assert.equal(none.ok, false);
    if (!none.ok) {
      assert.match(none.errors.evalSetURI ?? "", /not been fetched/);
      assert.match(none.errors.finalEvalSetURI ?? "", /not been fetched/);
    }
    const zero = `0x${"0".repeat(64)}` as const;
    const zeroed = validateTaskForm({ ...defaultTaskForm(), title: "t" }, SALT, {
      ...HASHES,
      evalSetHash: zero,
    });
    assert.equal(zeroed.ok, false);
    if (!zeroed.ok) assert.equal(zeroed.errors.finalEvalSetURI, undefined);
  });

  it("caps the scores per validator and epoch where one settlement step still fits in a transaction (H1)", () => {
    assert.equal(LIMITS.maxAssignments, 256);
    const over = validateTaskForm(
      { ...defaultTaskForm(), title: "t", maxAssignmentsPerEpoch: "257" },
      SALT,
      HASHES,
    );
    assert.equal(over.ok, false);
    if (!over.ok) assert.match(over.errors.maxAssignmentsPerEpoch ?? "", /between 1 and 256/);
    const max = validateTaskForm(
      { ...defaultTaskForm(), title: "t", maxAssignmentsPerEpoch: "256" },
      SALT,
      HASHES,
    );
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
      HASHES,
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
    assert.equal(validateTaskForm({ ...base, commitWindow: "98", revealWindow: "1" }, SALT, HASHES).ok, true);
    const tooLong = validateTaskForm({ ...base, commitWindow: "99", revealWindow: "1" }, SALT, HASHES);
    assert.equal(tooLong.ok, false);
    const noReveal = validateTaskForm({ ...base, commitWindow: "50", revealWindow: "50" }, SALT, HASHES);
    assert.equal(noReveal.ok, false);
    if (!noReveal.ok) assert.match(noReveal.errors.revealWindow ?? "", /between 1 and 49/);
  });

  it("counts text limits in UTF-8 bytes", () => {
    const long = validateTaskForm({ ...defaultTaskForm(), title: "é".repeat(101) }, SALT, HASHES);
    assert.equal(long.ok, false);
    if (!long.ok) assert.match(long.errors.title ?? "", /at most 200 bytes \(now 202\)/);
  });

  it("an invalid epoch length is the only error: the windows that depend on it are not marked", () => {
    for (const epochLength of ["", "30", "abc", "1e30"]) {
      const r = validateTaskForm({ ...defaultTaskForm(), title: "t", epochLength }, SALT, HASHES);
      assert.equal(r.ok, false);
      if (r.ok) continue;
      assert.ok(r.errors.epochLength, `epochLength ${epochLength}`);
      assert.equal(
        r.errors.commitWindow,
        undefined,
        `commit window with epochLength ${JSON.stringify(epochLength)}`,
      );
      assert.equal(
        r.errors.revealWindow,
        undefined,
        `reveal window with epochLength ${JSON.stringify(epochLength)}`,
      );
    }
    const badCommit = validateTaskForm({ ...defaultTaskForm(), title: "t", commitWindow: "x" }, SALT, HASHES);
    assert.equal(badCommit.ok, false);
    if (!badCommit.ok) assert.equal(badCommit.errors.revealWindow, undefined);
  });

  it("numbers in exponent notation are checked against their range, and the limit is said in plain digits", () => {
    const huge = validateTaskForm({ ...defaultTaskForm(), title: "t", rewardPool: "1e30" }, SALT, HASHES);
    assert.equal(huge.ok, false);
    if (!huge.ok) {
      assert.equal(
        huge.errors.rewardPool,
        "Reward pool (ARENA) is too large: it must be at most 309,485,009.82 ARENA.",
      );
    }
    const fine = validateTaskForm(
      {
        ...defaultTaskForm(),
        title: "t",
        rewardPool: "1e4",
        epochLength: "6e2",
        commitWindow: "150",
        revealWindow: "150",
      },
      SALT,
      HASHES,
    );
    assert.equal(fine.ok, true);
    if (fine.ok) {
      assert.equal(fine.task.params.rewardPool, parseEther("10000"));
      assert.equal(fine.task.params.epochLength, 600);
    }
    const lambda = validateTaskForm({ ...defaultTaskForm(), title: "t", lambdaV: "1e13" }, SALT, HASHES);
    assert.equal(lambda.ok, false);
    if (!lambda.ok) assert.match(lambda.errors.lambdaV ?? "", /at most 1,000,000,000,000\.$/);
    const absurd = validateTaskForm({ ...defaultTaskForm(), title: "t", maxNodes: "1e999" }, SALT, HASHES);
    assert.equal(absurd.ok, false);
    if (!absurd.ok) assert.match(absurd.errors.maxNodes ?? "", /too large: it must be between 1 and 1024/);
    const negative = validateTaskForm(
      { ...defaultTaskForm(), title: "t", challengeBond: "-5" },
      SALT,
      HASHES,
    );
    assert.equal(negative.ok, false);
    if (!negative.ok) assert.match(negative.errors.challengeBond ?? "", /cannot be negative/);
    for (const r of [huge, lambda, absurd, negative]) {
      if (!r.ok) for (const e of Object.values(r.errors)) assert.doesNotMatch(e ?? "", /\de[+-]?\d/);
    }
  });
});
