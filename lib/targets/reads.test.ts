import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { localModelId, toEpoch, toSubmission, toTarget } from "./reads";

const SUBMITTER = "0x00000000000000000000000000000000000000aa" as Address;
const AUDITOR = "0x00000000000000000000000000000000000000bb" as Address;
const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const HASH = `0x${"ab".repeat(32)}` as Hex;

describe("lib/targets reads", () => {
  it("names every field of a submission, and has none for an unfilled target", () => {
    const raw = [SUBMITTER, 3, 7, 10_900, 109n, 423_677n, 625n, HASH, AUDITOR, true, 5n] as const;
    assert.deepEqual(toSubmission(raw), {
      submitter: SUBMITTER,
      modelId: 3,
      fillEpoch: 7n,
      dataSize: 10_900,
      bond: 109n,
      loss: 423_677n,
      distance: 625n,
      dataHash: HASH,
      auditor: AUDITOR,
      confirmed: true,
      reportStake: 5n,
    });
    assert.equal(toSubmission([ZERO, 0, 0, 0, 0n, 0n, 0n, HASH, ZERO, false, 0n]), undefined);
  });

  it("names a target's fields and unpacks its models", () => {
    // Models 3 and 2 packed 16 bits each, lowest first.
    assert.deepEqual(toTarget(4n, [100n, 2, 250_000, 1, 3n | (2n << 16n)]), {
      id: 4n,
      reward: 100n,
      epoch: 2n,
      threshold: 250_000n,
      status: 1,
      models: [3, 2],
    });
  });

  it("names an epoch's counts and threshold", () => {
    assert.deepEqual(toEpoch(5n, [HASH, ZERO, 10, 294_264, 8, 1, true]), {
      epoch: 5n,
      threshold: 294_264n,
      targets: 8,
      fills: 1,
      opened: true,
    });
  });

  it("finds the shipped model of an artifact", () => {
    assert.equal(localModelId("/models/arena-lm-base/onnx/model.onnx"), "arena-lm-base");
    assert.equal(localModelId("ipfs://abc"), undefined);
  });
});
