import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak256, toHex, type Address } from "viem";
import { assignmentLimit, assignmentsOf, isAssigned, scoreCommitment, sortitionWeight } from "./index.ts";

const WAD = 10n ** 18n;
const MAX = (1n << 256n) - 1n;

describe("sortition", () => {
  it("weights stake with diminishing returns (β < 1)", () => {
    const w100 = sortitionWeight(100n * WAD, WAD / 2n);
    const w400 = sortitionWeight(400n * WAD, WAD / 2n);
    assert.ok(Math.abs(Number(w400) / Number(w100) - 2) < 1e-12, "4x stake, 2x weight at β = 0.5");
    assert.equal(sortitionWeight(0n, WAD / 2n), 0n);
  });

  it("assigns about k validators per submission", () => {
    const seed = keccak256(toHex("epoch seed"));
    const m = 200;
    const k = 5n;
    const validators = Array.from(
      { length: m },
      (_, j) => `0x${(0x1000 + j).toString(16).padStart(40, "0")}` as Address,
    );
    const w = sortitionWeight(50n * WAD, WAD / 2n);
    const limit = assignmentLimit(k, w, w * BigInt(m));
    let total = 0;
    const n = 200;
    for (let i = 0n; i < BigInt(n); i++)
      total += validators.filter((v) => isAssigned(seed, i, v, limit)).length;
    const mean = total / n;
    assert.ok(mean > 4 && mean < 6, `mean validators per submission ${mean}`);
  });

  it("always assigns a validator whose k·w reaches Σw, never one without weight, and caps the list", () => {
    assert.equal(assignmentLimit(3n, 10n, 30n), MAX);
    assert.equal(assignmentLimit(3n, 0n, 30n), 0n);
    const seed = keccak256(toHex("s"));
    const list = assignmentsOf({
      seed,
      validator: "0x0000000000000000000000000000000000000001",
      stake: 10n * WAD,
      sumWeight: sortitionWeight(10n * WAD, WAD),
      beta: WAD,
      validatorsPerSubmission: 1n,
      maxAssignments: 3,
      submissions: [0n, 1n, 2n, 3n, 4n],
    });
    assert.deepEqual(list, [0n, 1n, 2n]);
  });

  it("binds a commitment to task, epoch, validator, submissions, scores, receipt and salt", () => {
    const salt = keccak256(toHex("salt"));
    const receipt = keccak256(toHex("receipt"));
    const v: Address = "0x0000000000000000000000000000000000000002";
    const a = scoreCommitment(1n, 2n, v, [0n, 3n], [1_000_000, 2_000_000], receipt, salt);
    assert.notEqual(a, scoreCommitment(1n, 2n, v, [0n, 3n], [1_000_000, 2_000_001], receipt, salt));
    assert.notEqual(a, scoreCommitment(1n, 3n, v, [0n, 3n], [1_000_000, 2_000_000], receipt, salt));
    assert.notEqual(
      a,
      scoreCommitment(
        1n,
        2n,
        "0x0000000000000000000000000000000000000003",
        [0n, 3n],
        [1_000_000, 2_000_000],
        receipt,
        salt,
      ),
    );
    assert.notEqual(
      a,
      scoreCommitment(1n, 2n, v, [0n, 3n], [1_000_000, 2_000_000], keccak256(toHex("other receipt")), salt),
    );
  });
});
