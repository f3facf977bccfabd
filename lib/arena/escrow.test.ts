import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { delegationRewardsRelease, nodeRewardsRelease, settlementPendingFor } from "./escrow";
import type { ChallengeView, ParticipantView } from "./indexer";
import { challenge, participant, taskView } from "./testing/taskFixture";

const NODE = "0x00000000000000000000000000000000000000a1" as Address;
const VAL = "0x00000000000000000000000000000000000000c3" as Address;
const config = { epochLength: 100, submissionEpochs: 2, finalEpochs: 1, challengeEpochs: 1 };

function task({
  settled = [],
  challenges = [],
  node = {},
}: {
  settled?: number[];
  challenges?: ChallengeView[];
  node?: Partial<ParticipantView>;
} = {}) {
  return taskView({
    creator: VAL,
    rewardPool: 1n,
    config,
    participants: [
      participant(NODE, { role: "node", ownStake: 1n, ...node }),
      participant(VAL, { role: "validator", ownStake: 1n }),
    ],
    epochs: settled,
    challenges,
  });
}

const opened = challenge(4n, { node: NODE, challenger: VAL, bond: 1n, answerDeadline: 1, voteDeadline: 2 });

describe("escrowed node rewards", () => {
  it("stay escrowed during the task, while epochs are unsettled and while a challenge is open", () => {
    const during = nodeRewardsRelease(task(), NODE, 250);
    assert.ok(!during.ok && /until the task's challenges are resolved/.test(during.reason));
    const unsettled = nodeRewardsRelease(task({ settled: [0] }), NODE, 400);
    assert.ok(!unsettled.ok && /1 of 3 settled/.test(unsettled.reason));
    const challenged = nodeRewardsRelease(task({ settled: [0, 1, 2], challenges: [opened] }), NODE, 400);
    assert.ok(!challenged.ok && /challenge #4 is resolved/.test(challenged.reason));
    const resolved = { ...opened, settled: { upheld: false, transferred: 1n } };
    assert.equal(
      nodeRewardsRelease(task({ settled: [0, 1, 2], challenges: [resolved] }), NODE, 400).ok,
      true,
    );
  });

  it("an ended task whose epochs were settled after the index was read is released (the chain's count wins)", () => {
    // The index saw only epoch 0 settled; the contract says all 3 are: claim([id]) pays, so it is not escrowed.
    const stale = task({ settled: [0] });
    assert.ok(!nodeRewardsRelease(stale, NODE, 400).ok);
    assert.equal(nodeRewardsRelease(stale, NODE, 400, 3).ok, true);
    assert.equal(delegationRewardsRelease(stale, NODE, 400, 3).ok, true);
    assert.ok(!nodeRewardsRelease(stale, NODE, 400, 2).ok);
  });

  it("a validator's delegators are paid as before; a forfeited node's get nothing", () => {
    assert.equal(delegationRewardsRelease(task(), VAL, 10).ok, true);
    const forfeited = task({ node: { forfeited: { nodeAmount: 1n, delegatorsAmount: 1n } } });
    const g = delegationRewardsRelease(forfeited, NODE, 400);
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
