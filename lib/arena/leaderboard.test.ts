import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { indexEvents, type ArenaEvent } from "./indexer";
import { nodeLeaderboard, validatorLeaderboard } from "./leaderboard";

const A = "0x00000000000000000000000000000000000000a1" as Address;
const B = "0x00000000000000000000000000000000000000b2" as Address;
const V = "0x00000000000000000000000000000000000000c3" as Address;
const D = "0x00000000000000000000000000000000000000d4" as Address;
const E18 = 10n ** 18n;

let n = 0;
const ev = (eventName: string, args: Record<string, unknown>): ArenaEvent => ({
  eventName,
  args,
  blockNumber: BigInt(++n),
  logIndex: 0,
  transactionHash: "0x00" as Hex,
});

const events: ArenaEvent[] = [
  ev("TaskCreated", { taskId: 1n, creator: D, metric: 0, rewardPool: 1000n * E18, start: 100n }),
  ev("TaskDescribed", {
    taskId: 1n,
    title: "t",
    description: "",
    baseModel: "m",
    dataURI: "d",
    evalSetURI: "e",
  }),
  ev("Staked", { taskId: 1n, account: A, role: 1, amount: 10n, total: 10n, fromEpoch: 1n }),
  ev("Staked", { taskId: 1n, account: B, role: 1, amount: 20n, total: 20n, fromEpoch: 1n }),
  ev("Staked", { taskId: 1n, account: V, role: 2, amount: 30n, total: 30n, fromEpoch: 1n }),
  ev("Delegated", { taskId: 1n, delegatee: A, delegator: D, amount: 5n, fromEpoch: 1n }),
  ev("ModelSubmitted", { taskId: 1n, epoch: 1n, node: A, nodeIndex: 0n, uri: "a", contentHash: "0x01" }),
  ev("ModelSubmitted", { taskId: 1n, epoch: 1n, node: B, nodeIndex: 1n, uri: "b", contentHash: "0x02" }),
  ev("ScoresRevealed", {
    taskId: 1n,
    epoch: 1n,
    validator: V,
    nodeIndices: [0n, 1n],
    scores: [1_200_000, 900_000],
  }),
  ev("SubmissionSettled", {
    taskId: 1n,
    epoch: 1n,
    node: A,
    meanScore: 1_000_000_000_000_000_000n,
    weight: 1n,
    reward: 60n,
  }),
  ev("SubmissionSettled", {
    taskId: 1n,
    epoch: 1n,
    node: B,
    meanScore: 800_000_000_000_000_000n,
    weight: 1n,
    reward: 40n,
  }),
  ev("DelegatorsRewarded", { taskId: 1n, epoch: 1n, delegatee: A, amount: 15n, perShare: 3n }),
  ev("ValidatorRewarded", { taskId: 1n, epoch: 1n, validator: V, reward: 50n }),
  ev("EpochSettled", {
    taskId: 1n,
    epoch: 1n,
    reward: 150n,
    rewardNodes: 100n,
    rewardValidators: 50n,
    paid: 150n,
    scored: 2n,
  }),
];

describe("indexer and leaderboards", () => {
  const index = indexEvents(events);
  const task = index.tasks.get(1n)!;

  it("rebuilds participants, delegations and submissions from events", () => {
    assert.equal(task.title, "t");
    assert.equal(task.participants.get(A)?.role, "node");
    assert.equal(task.participants.get(V)?.role, "validator");
    assert.equal(task.participants.get(A)?.delegated, 5n);
    assert.equal(task.participants.get(A)?.delegators.get(D), 5n);
    assert.equal(task.participants.get(B)?.submissions[0]?.uri, "b");
    assert.equal(task.epochs.get(1)?.paid, 150n);
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
