import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { settleEpochFixed } from "./fixed.ts";
import { projectNode, projectValidator } from "./projection.ts";
import { WAD } from "./wadMath.ts";

const tokens = (n: number) => BigInt(n) * WAD;
const mechanism = {
  gamma: WAD / 2n,
  q: (WAD * 8n) / 10n,
  alphaT: WAD / 2n,
  lambdaV: 2n * WAD,
  alphaV: WAD / 2n,
};
const v = (id: string, stake: number, scores: [string, number][] = []) => ({
  id,
  own: tokens(stake),
  delegated: 0n,
  rewardShare: 0n,
  scores: new Map(scores),
});
const epoch = {
  metric: "loss" as const,
  mechanism,
  reward: tokens(100),
  nodes: [
    { id: "a", own: tokens(100), delegated: 0n, rewardShare: 0n },
    { id: "b", own: tokens(100), delegated: 0n, rewardShare: 0n },
  ],
};
const revealed = [
  v("v1", 100, [
    ["a", 1_000_000],
    ["b", 2_000_000],
  ]),
  v("v2", 100, [
    ["a", 1_100_000],
    ["b", 2_100_000],
  ]),
];

describe("preflight: node", () => {
  it("ranks a better model first and pays it what settlement would", () => {
    const p = projectNode({
      epoch,
      revealed,
      staked: [],
      me: { id: "me", stake: tokens(100), score: 500_000 },
    });
    assert.ok(p.ok);
    assert.equal(p.rank, 1);
    assert.equal(p.of, 3);
    assert.equal(p.assumption, "revealed");
    // The same epoch settled with "me" scored 0.5 by both validators pays exactly the projection.
    const settled = settleEpochFixed({
      ...epoch,
      nodes: [...epoch.nodes, { id: "me", own: tokens(100), delegated: 0n, rewardShare: 0n }],
      validators: revealed.map((r) => ({ ...r, scores: new Map([...r.scores, ["me", 500_000]]) })),
    });
    assert.equal(p.earned, settled.nodes.find((n) => n.id === "me")?.earned);
  });

  it("ranks a worse model last, a tie shares, and more stake earns more", () => {
    const worse = projectNode({
      epoch,
      revealed,
      staked: [],
      me: { id: "me", stake: tokens(100), score: 3_000_000 },
    });
    const small = projectNode({
      epoch,
      revealed,
      staked: [],
      me: { id: "me", stake: tokens(10), score: 500_000 },
    });
    const big = projectNode({
      epoch,
      revealed,
      staked: [],
      me: { id: "me", stake: tokens(1000), score: 500_000 },
    });
    assert.ok(worse.ok && small.ok && big.ok);
    assert.equal(worse.rank, 3);
    assert.ok(big.earned > small.earned);
  });

  it("says what it assumes when nobody has revealed", () => {
    const p = projectNode({
      epoch,
      revealed: [],
      staked: [v("v1", 50)],
      me: { id: "me", stake: tokens(10), score: 1 },
    });
    assert.ok(p.ok);
    assert.equal(p.assumption, "no-reveals");
    assert.equal(p.rank, 1);
    assert.equal(p.of, 1);
    assert.match(p.assumes, /No scores are revealed yet/);
    const none = projectNode({
      epoch,
      revealed: [],
      staked: [],
      me: { id: "me", stake: tokens(10), score: 1 },
    });
    assert.equal(none.ok, false);
    assert.equal(
      projectNode({ epoch, revealed, staked: [], me: { id: "me", stake: 0n, score: 1 } }).ok,
      false,
    );
  });
});

describe("preflight: validator", () => {
  const base = {
    mechanism: { ...mechanism, beta: WAD },
    reward: tokens(100),
    nodeStake: tokens(200),
    submissions: 4,
    validatorsPerSubmission: 1,
    maxAssignments: 16,
    validators: [v("v1", 100)],
  };
  it("expects k·w/Σw of the submissions and a share of R_v", () => {
    const p = projectValidator({ ...base, me: { id: "me", stake: tokens(100) } });
    assert.ok(p.ok);
    // β = 1, equal stakes, k = 1: each submission with probability 1/2, 2 of 4 expected.
    assert.ok(p.probability > WAD / 2n - 10n && p.probability <= WAD / 2n);
    assert.ok(p.expectedAssignments > 2n * WAD - 100n && p.expectedAssignments <= 2n * WAD);
    assert.ok(p.expectedReward > 0n && p.expectedReward < p.rewardValidators);
    const more = projectValidator({ ...base, me: { id: "me", stake: tokens(300) } });
    assert.ok(
      more.ok && more.expectedAssignments > p.expectedAssignments && more.expectedReward > p.expectedReward,
    );
  });
  it("caps at the assignment limit and refuses without submissions", () => {
    const capped = projectValidator({
      ...base,
      validatorsPerSubmission: 3,
      maxAssignments: 2,
      me: { id: "me", stake: tokens(1000) },
    });
    assert.ok(capped.ok);
    assert.equal(capped.expectedAssignments, 2n * WAD);
    assert.equal(projectValidator({ ...base, submissions: 0, me: { id: "me", stake: tokens(1) } }).ok, false);
  });
});
