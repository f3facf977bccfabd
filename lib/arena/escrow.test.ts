import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { delegationRewardsRelease, nodeRewardsRelease, settlementPendingFor } from "./escrow";
import { indexEvents, type ArenaEvent, type TaskConfigView } from "./indexer";

const NODE = "0x00000000000000000000000000000000000000a1" as Address;
const VAL = "0x00000000000000000000000000000000000000c3" as Address;
let n = 0;
const ev = (eventName: string, args: Record<string, unknown>): ArenaEvent => ({
  eventName,
  args,
  blockNumber: BigInt(++n),
  logIndex: 0,
  transactionHash: "0x00" as Hex,
});
const config = {
  epochLength: 100,
  submissionEpochs: 2,
  finalEpochs: 1,
  challengeEpochs: 1,
} as TaskConfigView;
const settle = (e: number) =>
  ev("EpochSettled", {
    taskId: 1n,
    epoch: BigInt(e),
    reward: 0n,
    rewardNodes: 0n,
    rewardValidators: 0n,
    paid: 0n,
    scored: 0n,
  });

function task(extra: ArenaEvent[]) {
  return indexEvents([
    ev("TaskCreated", { taskId: 1n, creator: VAL, metric: 0, rewardPool: 1n, start: 0n }),
    ev("TaskConfigured", { taskId: 1n, config, contextLength: 1, maxParams: 1n }),
    ev("Staked", { taskId: 1n, account: NODE, role: 1, amount: 1n, total: 1n, fromEpoch: 1n }),
    ev("Staked", { taskId: 1n, account: VAL, role: 2, amount: 1n, total: 1n, fromEpoch: 1n }),
    ...extra,
  ]).tasks.get(1n)!;
}

describe("escrowed node rewards", () => {
  it("stay escrowed during the task, while epochs are unsettled and while a challenge is open", () => {
    const during = nodeRewardsRelease(task([]), NODE, 250);
    assert.ok(!during.ok && /until the task's challenges are resolved/.test(during.reason));
    const unsettled = nodeRewardsRelease(task([settle(0)]), NODE, 400);
    assert.ok(!unsettled.ok && /1 of 3 settled/.test(unsettled.reason));
    const opened = ev("ChallengeOpened", {
      challengeId: 4n,
      taskId: 1n,
      node: NODE,
      challenger: VAL,
      bond: 1n,
      answerDeadline: 1n,
      voteDeadline: 2n,
    });
    const challenged = nodeRewardsRelease(task([settle(0), settle(1), settle(2), opened]), NODE, 400);
    assert.ok(!challenged.ok && /challenge #4 is resolved/.test(challenged.reason));
    const resolved = ev("ChallengeSettled", { challengeId: 4n, upheld: false, transferred: 1n });
    assert.equal(
      nodeRewardsRelease(task([settle(0), settle(1), settle(2), opened, resolved]), NODE, 400).ok,
      true,
    );
  });

  it("an ended task whose epochs were settled after the index was read is released (the chain's count wins)", () => {
    // The index saw only epoch 0 settled; the contract says all 3 are: claim([id]) pays, so it is not escrowed.
    const stale = task([settle(0)]);
    assert.ok(!nodeRewardsRelease(stale, NODE, 400).ok);
    assert.equal(nodeRewardsRelease(stale, NODE, 400, 3).ok, true);
    assert.equal(delegationRewardsRelease(stale, NODE, 400, 3).ok, true);
    assert.ok(!nodeRewardsRelease(stale, NODE, 400, 2).ok);
  });

  it("a validator's delegators are paid as before; a forfeited node's get nothing", () => {
    assert.equal(delegationRewardsRelease(task([]), VAL, 10).ok, true);
    const forfeited = ev("NodeRewardsForfeited", {
      taskId: 1n,
      node: NODE,
      nodeAmount: 1n,
      delegatorsAmount: 1n,
    });
    const g = delegationRewardsRelease(task([forfeited]), NODE, 400);
    assert.ok(!g.ok && /upheld challenge/.test(g.reason));
  });
});

describe("settlementPendingFor", () => {
  const pos = { amount: 0n, nextAmount: 5n, nextFrom: 2 };
  it("asks to settle the epoch before the one the previous change took effect in", () => {
    assert.equal(settlementPendingFor(pos, 2, 1, 3), 1);
    assert.equal(settlementPendingFor(pos, 2, 2, 3), undefined);
    assert.equal(settlementPendingFor(pos, 1, 0, 3), undefined); // not in effect yet: just adds to it
    assert.equal(settlementPendingFor({ ...pos, amount: 5n }, 2, 0, 3), undefined);
    assert.equal(settlementPendingFor(pos, 5, 1, 1), undefined); // every scoring epoch settled
  });
});
