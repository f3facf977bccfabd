import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { trimForEpoch } from "../indexer/trim.ts";
import { epochInputFromTask, epochParticipants, paidRecords, positionAmountAt } from "./epochInput.ts";
import { epochResult, participant, taskView } from "./testing/taskFixture.ts";

/** Any receipt hash: the epoch input does not read it. */
const RECEIPT = `0x${"ab".repeat(32)}` as const;

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
const V1 = "0x0000000000000000000000000000000000000001" as Address;
const V2 = "0x0000000000000000000000000000000000000002" as Address;
const D = "0x00000000000000000000000000000000000000dd" as Address;

const task = taskView({
  metric: 1,
  config: { mechanism: { gamma: 1n, q: 2n, alphaT: 3n, lambdaV: 4n, alphaV: 5n, beta: 6n } },
  participants: [
    participant(A, { role: "node", nodeIndex: 0, ownStake: 10n, delegators: [[D, 5n]] }),
    participant(B, { role: "node", nodeIndex: 1, ownStake: 20n }),
    participant(V1, {
      role: "validator",
      ownStake: 30n,
      rewardShare: 9n,
      rewardShareChanges: [
        { rewardShare: 7n, fromEpoch: 1 },
        { rewardShare: 9n, fromEpoch: 3 },
      ],
    }),
    participant(V2, { role: "validator", ownStake: 40n }),
  ],
  epochs: [epochResult(2, { reward: 100n, rewardNodes: 60n, rewardValidators: 40n, paid: 99n, scored: 2 })],
  // Reveal order: V2 first.
  reveals: [
    { epoch: 2, validator: V2, nodeIndices: [1n, 0n], scores: [5, 6], receipt: RECEIPT },
    { epoch: 2, validator: V1, nodeIndices: [0n], scores: [7], receipt: RECEIPT },
    { epoch: 1, validator: V1, nodeIndices: [1n], scores: [8], receipt: RECEIPT },
  ],
});

describe("an epoch's settlement input from the indexer's task view", () => {
  it("keeps reveal order, maps node indices, takes ρ in force and R₀ as recorded", () => {
    const stakes = new Map([[A.toLowerCase(), { own: 11n, delegated: 5n }]]);
    const input = epochInputFromTask(task, 2, stakes);
    assert.ok(input);
    assert.equal(input.metric, "accuracy");
    assert.equal(input.reward, 100n);
    assert.deepEqual(input.mechanism, { gamma: 1n, q: 2n, alphaT: 3n, lambdaV: 4n, alphaV: 5n });
    assert.deepEqual(
      input.validators.map((v) => [v.id, [...v.scores]]),
      [
        [
          V2,
          [
            [B, 5],
            [A, 6],
          ],
        ],
        [V1, [[A, 7]]],
      ],
    );
    // ρ in force in epoch 2 is the one from epoch 1, not the latest.
    assert.equal(input.validators[1]?.rewardShare, 7n);
    // Stakes at the epoch when given, else the latest indexed ones.
    const a = input.nodes.find((n) => n.id === A);
    assert.deepEqual([a?.own, a?.delegated], [11n, 5n]);
    assert.equal(input.nodes.find((n) => n.id === B)?.own, 20n);
    assert.deepEqual(epochParticipants(task, 1), { nodes: [B], validators: [V1] });
  });

  it("reads what was recorded as paid, and a position's amount in an epoch", () => {
    assert.equal(paidRecords(task, 2).epoch?.paid, 99n);
    assert.equal(positionAmountAt({ amount: 1n, nextAmount: 2n, nextFrom: 3 }, 2), 1n);
    assert.equal(positionAmountAt({ amount: 1n, nextAmount: 2n, nextFrom: 3 }, 3), 2n);
  });

  it("the epoch view keeps every node, that epoch's raters and its rows only", () => {
    const t = trimForEpoch(task, 1);
    assert.deepEqual([...t.participants.keys()], [A, B, V1]);
    assert.equal(t.reveals.length, 1);
  });
});
