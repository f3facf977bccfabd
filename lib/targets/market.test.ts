import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import type { TargetModelView, TargetRowView } from "../indexer/targets";
import {
  rowPhase,
  secondsLeft,
  toModelInfo,
  withPhase,
  type SubmissionInfo,
  type TargetState,
} from "./market";

const OWNER: Address = "0x1111111111111111111111111111111111111111";
// TARGET_STATUS: none, open, filled, fraudulent, claimed, expired.
const OPEN = 1;
const FILLED = 2;
const CLAIMED = 4;

const target = (status: number, epoch = 5n): TargetState => ({
  id: 7n,
  reward: 10n ** 18n,
  epoch,
  threshold: 1_000n,
  status,
  models: [0, 1],
});

const submission = (fillEpoch: bigint): SubmissionInfo => ({
  submitter: OWNER,
  modelId: 1,
  fillEpoch,
  dataSize: 64,
  bond: 100n,
  loss: 900_000n,
  distance: 0n,
  dataHash: `0x${"ab".repeat(32)}`,
  auditor: OWNER,
  confirmed: false,
  reportStake: 0n,
});

const row = (status: number, epoch: number, fillEpoch: number | null): TargetRowView => ({
  id: 3n,
  epoch,
  reward: 1n,
  threshold: 1,
  models: [0],
  status,
  submitter: null,
  fillEpoch,
});

describe("target market clock", () => {
  it("counts the seconds to the end of an epoch from the market's genesis", () => {
    const market = { genesis: 1_000n, epochLength: 3_600n, now: 1_000n + 3_600n + 600n };
    assert.equal(secondsLeft(market, 1n), 3_000); // epoch 1 ends at genesis + 2 h
    assert.equal(secondsLeft(market, 0n), -600); // epoch 0 ended ten minutes ago
    assert.equal(secondsLeft({ ...market, now: 1_000n }, 0n), 3_600);
  });
});

describe("target phases", () => {
  it("is open in its epoch and expired once the epoch has passed unfilled", () => {
    assert.equal(withPhase(target(OPEN, 5n), undefined, 5n).phase, "open");
    assert.equal(withPhase(target(OPEN, 5n), undefined, 6n).phase, "expired");
  });

  it("is in audit for two epochs after its fill, then claimable, and keeps its submission", () => {
    const s = submission(5n);
    const audited = withPhase(target(FILLED), s, 6n);
    assert.equal(audited.phase, "in-audit");
    assert.equal(audited.submission, s);
    assert.equal(withPhase(target(FILLED), s, 7n).phase, "claimable");
    assert.equal(withPhase(target(CLAIMED), s, 7n).phase, "claimed");
  });

  it("has no submission key when there is none", () => {
    assert.equal("submission" in withPhase(target(OPEN), undefined, 5n), false);
  });

  it("reads the indexer's rows the same way as chain reads", () => {
    assert.equal(rowPhase(row(OPEN, 5, null), 5n), "open");
    assert.equal(rowPhase(row(OPEN, 5, null), 6n), "expired");
    assert.equal(rowPhase(row(FILLED, 5, 5), 6n), "in-audit");
    assert.equal(rowPhase(row(FILLED, 5, 5), 7n), "claimable");
    for (const [status, epoch, fill, now] of [
      [OPEN, 5, null, 5n],
      [FILLED, 4, 4, 7n],
      [CLAIMED, 3, 3, 9n],
    ] as const) {
      const sub = fill === null ? undefined : submission(BigInt(fill));
      assert.equal(
        rowPhase(row(status, epoch, fill), now),
        withPhase(target(status, BigInt(epoch)), sub, now).phase,
      );
    }
  });
});

describe("target models", () => {
  const model = (artifactUri: string): TargetModelView => ({
    id: 4,
    owner: OWNER,
    artifactUri,
    stake: 1n,
    active: true,
    assigned: 0,
    wins: 0,
    lossSum: 0n,
    distanceSum: 0n,
    rewards: 0n,
  });

  it("names a shipped model by its folder under /models/", () => {
    const info = toModelInfo(model("/models/tiny-gpt2/model.onnx"));
    assert.equal(info.name, "tiny-gpt2");
    assert.equal(info.localId, "tiny-gpt2");
    assert.equal(info.id, 4);
  });

  it("names any other model by its id, without a local id", () => {
    const info = toModelInfo(model("https://example.org/m.onnx"));
    assert.equal(info.name, "model #4");
    assert.equal("localId" in info, false);
  });
});
