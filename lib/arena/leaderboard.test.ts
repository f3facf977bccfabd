import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { delegatorShare } from "./earnings";
import { nodeLeaderboard, validatorLeaderboard } from "./leaderboard";
import { epochResult, participant, taskView } from "./testing/taskFixture";

const A = "0x00000000000000000000000000000000000000a1" as Address;
const B = "0x00000000000000000000000000000000000000b2" as Address;
const V = "0x00000000000000000000000000000000000000c3" as Address;
const D = "0x00000000000000000000000000000000000000d4" as Address;
const E18 = 10n ** 18n;

/** One settled epoch: nodes A (delegated to by D, ρ paid out 15) and B, validator V scoring both. */
const task = taskView({
  creator: D,
  rewardPool: 1000n * E18,
  start: 100,
  title: "t",
  baseModel: "m",
  dataURI: "d",
  evalSetURI: "e",
  participants: [
    participant(A, {
      role: "node",
      ownStake: 10n,
      delegators: [[D, 5n]],
      nodeIndex: 0,
      submissions: [{ epoch: 1, nodeIndex: 0, uri: "a", contentHash: "0x01", block: 7n }],
    }),
    participant(B, {
      role: "node",
      ownStake: 20n,
      nodeIndex: 1,
      submissions: [{ epoch: 1, nodeIndex: 1, uri: "b", contentHash: "0x02", block: 8n }],
    }),
    participant(V, { role: "validator", ownStake: 30n }),
  ],
  reveals: [
    {
      epoch: 1,
      validator: V,
      nodeIndices: [0n, 1n],
      scores: [1_200_000, 900_000],
      receipt: `0x${"12".repeat(32)}`,
    },
  ],
  nodeResults: [
    { epoch: 1, node: A, meanScore: 1_000_000_000_000_000_000n, weight: 1n, reward: 60n },
    { epoch: 1, node: B, meanScore: 800_000_000_000_000_000n, weight: 1n, reward: 40n },
  ],
  delegatorRewards: [{ epoch: 1, delegatee: A, amount: 15n, perShare: 3n }],
  validatorResults: [{ epoch: 1, validator: V, reward: 50n }],
  epochs: [epochResult(1, { reward: 150n, rewardNodes: 100n, rewardValidators: 50n, paid: 150n, scored: 2 })],
});

describe("leaderboards", () => {
  it("takes a delegatee's delegators' part of one epoch, by address in any case", () => {
    assert.equal(delegatorShare(task, 1, A), 15n);
    assert.equal(delegatorShare(task, 1, A.toUpperCase().replace("0X", "0x") as Address), 15n);
    assert.equal(delegatorShare(task, 2, A), 0n);
    assert.equal(delegatorShare(task, 1, B), 0n);
  });

  it("ranks nodes by what they kept and keeps the best (lowest) loss", () => {
    const rows = nodeLeaderboard([task]);
    assert.deepEqual(
      rows.map((r) => [r.account, r.rewards, r.bestScore]),
      [
        [A, 45n, 1],
        [B, 40n, 0.8],
      ],
    );
  });

  it("measures validators' distance to consensus in metric units", () => {
    const [row] = validatorLeaderboard([task]);
    assert.equal(row?.account, V);
    assert.equal(row?.rewards, 50n);
    assert.equal(row?.scored, 2);
    assert.ok(Math.abs((row?.consensusDistance ?? 0) - 0.15) < 1e-12);
  });
});
