import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther, zeroAddress, zeroHash } from "viem";
import {
  ROLE_NODE,
  ROLE_VALIDATOR,
  WAD,
  addr,
  createTask,
  deployArena,
  goTo,
  taskParams,
  PHASE,
} from "./helpers.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const MIN = parseEther("10");

async function openTask() {
  const d = await deployArena(conn);
  const taskId = await createTask(d);
  return { d, taskId, w: d.wallets };
}

describe("Arena rules: task creation", () => {
  it("range-checks every parameter with an error naming it", async () => {
    const { d } = await networkHelpers.loadFixture(openTask);
    const cases: [string, Record<string, unknown>, Record<string, bigint>][] = [
      ["title", { title: "" }, {}],
      ["baseModel", { baseModel: "" }, {}],
      ["dataURI", { dataURI: "" }, {}],
      ["evalSetURI", { evalSetURI: "" }, {}],
      ["evalSetHash", { evalSetHash: zeroHash }, {}],
      ["finalEvalCommit", { finalEvalCommit: zeroHash }, {}],
      ["contextLength", { contextLength: 0 }, {}],
      ["maxParams", { maxParams: 0n }, {}],
      ["rewardPool", { rewardPool: 0n }, {}],
      ["epochLength", { epochLength: 59 }, {}],
      ["commitWindow", { commitWindow: 3599 }, {}],
      ["revealWindow", { revealWindow: 3000 }, {}],
      ["submissionEpochs", { submissionEpochs: 0 }, {}],
      ["finalEpochs", { finalEpochs: 0 }, {}],
      ["challengeEpochs", { challengeEpochs: 101 }, {}],
      ["unbondingEpochs", { unbondingEpochs: 0 }, {}],
      ["minNodeStake", { minNodeStake: 0n }, {}],
      ["minValidatorStake", { minValidatorStake: 0n }, {}],
      ["challengeBond", { challengeBond: 0n }, {}],
      ["validatorsPerSubmission", { validatorsPerSubmission: 65 }, {}],
      ["maxAssignmentsPerEpoch", { maxAssignmentsPerEpoch: 0 }, {}],
      ["maxNodes", { maxNodes: 1025 }, {}],
      ["gamma", {}, { gamma: WAD + 1n }],
      ["q", {}, { q: WAD }],
      ["alphaT", {}, { alphaT: WAD + 1n }],
      ["lambdaV", {}, { lambdaV: 10n ** 30n + 1n }],
      ["alphaV", {}, { alphaV: WAD + 1n }],
      ["beta", {}, { beta: 0n }],
    ];
    for (const [name, overrides, mechanism] of cases) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        d.arena.write.createTask([taskParams(overrides, mechanism), parseEther("100")]),
        d.arena,
        "InvalidParameter",
        [
          name,
          (v: bigint) => typeof v === "bigint",
          (v: bigint) => typeof v === "bigint",
          (v: bigint) => typeof v === "bigint",
        ],
      );
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.createTask([taskParams({ epochLength: 59 }), parseEther("100")]),
      d.arena,
      "InvalidParameter",
      ["epochLength", 59n, 60n, 2_592_000n],
    );
    // H1: more scores per validator than one settlement step can process under the transaction gas cap.
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.createTask([taskParams({ maxAssignmentsPerEpoch: 257 }), parseEther("100")]),
      d.arena,
      "InvalidParameter",
      ["maxAssignmentsPerEpoch", 257n, 1n, 256n],
    );
  });

  it("lets a creator qualify by stake, by EXPERT_ROLE or by past participation only", async () => {
    const { d, w } = await networkHelpers.loadFixture(openTask);
    const outsider = w[12]!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.createTask([taskParams(), 0n], { account: outsider.account }),
      d.arena,
      "CreatorNotEligible",
      [addr(outsider), parseEther("100")],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.createTask([taskParams(), parseEther("50")], { account: outsider.account }),
      d.arena,
      "CreatorStakeTooLow",
      [parseEther("50"), parseEther("100")],
    );
    await d.arena.write.grantRole([await d.arena.read.EXPERT_ROLE(), addr(outsider)]);
    await viem.assertions.emit(
      d.arena.write.createTask([taskParams(), 0n], { account: outsider.account }),
      d.arena,
      "TaskCreated",
    );
  });

  it("cancels only an untouched task, by its creator, once", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.cancelTask([99n]),
      d.arena,
      "TaskNotFound",
      [99n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.cancelTask([taskId], { account: w[3]!.account }),
      d.arena,
      "NotTaskCreator",
      [taskId, addr(w[3]!)],
    );
    const second = await createTask(d);
    await d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: w[1]!.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.cancelTask([taskId]),
      d.arena,
      "TaskHasStakers",
      [taskId, 1n],
    );
    const before = await d.token.read.balanceOf([addr(w[0]!)]);
    await d.arena.write.cancelTask([second]);
    assert.equal(
      (await d.token.read.balanceOf([addr(w[0]!)])) - before,
      parseEther("3100"),
      "pool and creator stake refunded",
    );
    const [state] = await d.arena.read.getTask([second]);
    assert.equal(state.cancelled, true);
    assert.equal(state.pool, 0n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.cancelTask([second]),
      d.arena,
      "WrongPhase",
      [second, PHASE.Cancelled],
    );
  });
});

describe("Arena rules: stake, unbonding, delegation", () => {
  it("keeps one role per address and task, with a minimum stake per role", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    const node = w[1]!;
    await viem.assertions.revertWithCustomError(
      d.arena.write.stake([taskId, ROLE_NODE, 0n], { account: node.account }),
      d.arena,
      "ZeroAmount",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([taskId, 0, MIN], { account: node.account }),
      d.arena,
      "InvalidParameter",
      ["role", 0n, 1n, 2n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([taskId, ROLE_NODE, MIN / 2n], { account: node.account }),
      d.arena,
      "BelowMinStake",
      [MIN / 2n, MIN],
    );
    await d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: node.account });
    await d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: node.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([taskId, ROLE_VALIDATOR, MIN], { account: node.account }),
      d.arena,
      "RoleConflict",
      [taskId, addr(node), ROLE_NODE],
    );
    const [own] = await d.arena.read.stakeAt([taskId, addr(node), 0n]);
    assert.equal(own, 0n, "stake added in epoch 0 does not count in epoch 0");
    const [next] = await d.arena.read.stakeAt([taskId, addr(node), 1n]);
    assert.equal(next, 2n * MIN);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([9n, ROLE_NODE, MIN]),
      d.arena,
      "TaskNotFound",
      [9n],
    );
  });

  it("caps the number of nodes per task", async () => {
    const { d, w } = await networkHelpers.loadFixture(openTask);
    const small = await createTask(d, { maxNodes: 1 });
    await d.arena.write.stake([small, ROLE_NODE, MIN], { account: w[1]!.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([small, ROLE_NODE, MIN], { account: w[2]!.account }),
      d.arena,
      "TooManyNodes",
      [small, 1n],
    );
  });

  it("unbonds before withdrawal and keeps what remains above the minimum", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    const v = w[4]!;
    await d.arena.write.stake([taskId, ROLE_VALIDATOR, 3n * MIN], { account: v.account });
    await viem.assertions.revertWithCustomError(
      d.arena.write.requestUnstake([taskId, 0n], { account: v.account }),
      d.arena,
      "ZeroAmount",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.requestUnstake([taskId, 4n * MIN], { account: v.account }),
      d.arena,
      "InsufficientStake",
      [4n * MIN, 3n * MIN],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.requestUnstake([taskId, 3n * MIN - 1n], { account: v.account }),
      d.arena,
      "BelowMinStake",
      [1n, MIN],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.withdraw([taskId], { account: v.account }),
      d.arena,
      "NothingToWithdraw",
    );
    await d.arena.write.requestUnstake([taskId, MIN], { account: v.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.withdraw([taskId], { account: v.account }),
      d.arena,
      "UnbondingNotOver",
      [2n, 0n],
    );
    await goTo(conn, d.arena, taskId, 1n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.withdraw([taskId], { account: v.account }),
      d.arena,
      "UnbondingNotOver",
      [2n, 1n],
    );
    await goTo(conn, d.arena, taskId, 2n, "start");
    const before = await d.token.read.balanceOf([addr(v)]);
    await d.arena.write.withdraw([taskId], { account: v.account });
    assert.equal((await d.token.read.balanceOf([addr(v)])) - before, MIN);
    const [own] = await d.arena.read.stakeAt([taskId, addr(v), 2n]);
    assert.equal(own, 2n * MIN);
    assert.equal((await d.arena.read.unbondingOf([taskId, addr(v)])).amount, 0n);
  });

  it("closes staking after the scoring phases", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    await goTo(conn, d.arena, taskId, 4n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: w[1]!.account }),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.Challenge],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.delegate([taskId, addr(w[1]!), MIN], { account: w[2]!.account }),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.Challenge],
    );
  });

  it("delegates only to a participant, never to oneself, to at most 8 per task", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    const delegator = w[15]!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.delegate([taskId, addr(w[1]!), MIN], { account: delegator.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(w[1]!), ROLE_NODE],
    );
    for (let i = 1; i <= 9; i++)
      await d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: w[i]!.account });
    await viem.assertions.revertWithCustomError(
      d.arena.write.delegate([taskId, addr(w[1]!), MIN], { account: w[1]!.account }),
      d.arena,
      "SelfDelegation",
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.delegate([taskId, addr(w[1]!), 0n], { account: delegator.account }),
      d.arena,
      "ZeroAmount",
    );
    for (let i = 1; i <= 8; i++)
      await d.arena.write.delegate([taskId, addr(w[i]!), MIN], { account: delegator.account });
    await d.arena.write.delegate([taskId, addr(w[1]!), MIN], { account: delegator.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.delegate([taskId, addr(w[9]!), MIN], { account: delegator.account }),
      d.arena,
      "TooManyDelegations",
      [taskId, 8n],
    );
    const [, delegated] = await d.arena.read.stakeAt([taskId, addr(w[1]!), 1n]);
    assert.equal(delegated, 2n * MIN);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.undelegate([taskId, addr(w[2]!), 2n * MIN], { account: delegator.account }),
      d.arena,
      "InsufficientStake",
      [2n * MIN, MIN],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.undelegate([taskId, addr(w[2]!), 0n], { account: delegator.account }),
      d.arena,
      "ZeroAmount",
    );
    await d.arena.write.undelegate([taskId, addr(w[2]!), MIN], { account: delegator.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.withdrawDelegation([taskId, addr(w[2]!)], { account: delegator.account }),
      d.arena,
      "UnbondingNotOver",
      [2n, 0n],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.withdrawDelegation([taskId, addr(w[3]!)], { account: delegator.account }),
      d.arena,
      "NothingToWithdraw",
    );
    await goTo(conn, d.arena, taskId, 2n, "start");
    const before = await d.token.read.balanceOf([addr(delegator)]);
    await d.arena.write.withdrawDelegation([taskId, addr(w[2]!)], { account: delegator.account });
    assert.equal((await d.token.read.balanceOf([addr(delegator)])) - before, MIN);
  });

  it("changes the reward share from the next epoch, at most once per 30 days, within [0, 1]", async () => {
    const { d, taskId, w } = await networkHelpers.loadFixture(openTask);
    const node = w[1]!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.setRewardShare([taskId, WAD / 2n], { account: node.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(node), ROLE_NODE],
    );
    await d.arena.write.stake([taskId, ROLE_NODE, MIN], { account: node.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.setRewardShare([taskId, WAD + 1n], { account: node.account }),
      d.arena,
      "RewardShareTooHigh",
      [WAD + 1n],
    );
    await d.arena.write.setRewardShare([taskId, WAD / 2n], { account: node.account });
    assert.equal(await d.arena.read.rewardShareAt([taskId, addr(node), 0n]), 0n);
    assert.equal(await d.arena.read.rewardShareAt([taskId, addr(node), 1n]), WAD / 2n);
    const setAt = BigInt(await networkHelpers.time.latest());
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.setRewardShare([taskId, WAD / 4n], { account: node.account }),
      d.arena,
      "RewardShareChangeTooSoon",
      [setAt + 30n * 86_400n],
    );
  });

  it("lets only the admin set fees, at most 10%, with a treasury", async () => {
    const { d, w } = await networkHelpers.loadFixture(openTask);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.setProtocolFee([1001n, addr(w[1]!)]),
      d.arena,
      "FeeTooHigh",
      [1001n, 1000n],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.setProtocolFee([100n, zeroAddress]),
      d.arena,
      "ZeroAddress",
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.setProtocolFee([100n, addr(w[1]!)], { account: w[1]!.account }),
      d.arena,
      "AccessControlUnauthorizedAccount",
    );
    await viem.assertions.emitWithArgs(
      d.arena.write.setProtocolFee([100n, addr(w[1]!)]),
      d.arena,
      "ProtocolFeeSet",
      [100n, addr(w[1]!)],
    );
  });

  it("refuses direct calls into the modules and a zero address at deployment", async () => {
    const { d } = await networkHelpers.loadFixture(openTask);
    const settlement = await viem.getContractAt("ArenaSettlement", await d.arena.read.settlementModule());
    await viem.assertions.revertWithCustomError(
      settlement.write.settle([1n, 0n, 1n]),
      settlement,
      "OnlyDelegateCall",
    );
    const lifecycle = await viem.getContractAt("ArenaLifecycle", await d.arena.read.lifecycleModule());
    await viem.assertions.revertWithCustomError(
      lifecycle.write.reclaimPool([1n]),
      lifecycle,
      "OnlyDelegateCall",
    );
    const delegation = await viem.getContractAt("ArenaDelegation", await d.arena.read.delegationModule());
    await viem.assertions.revertWithCustomError(
      delegation.write.withdrawDelegation([1n, zeroAddress]),
      delegation,
      "OnlyDelegateCall",
    );
    await viem.assertions.revertWithCustomError(
      viem.deployContract("ArenaSettlement", [zeroAddress]),
      settlement,
      "ZeroAddress",
    );
  });
});
