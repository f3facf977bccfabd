import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import { runEpoch } from "./epochRunner.ts";
import {
  PHASE,
  ROLE_NODE,
  ROLE_VALIDATOR,
  addr,
  createTask,
  deployArena,
  epochTimes,
  goTo,
  stakedTask,
  taskParams,
  warpTo,
} from "./helpers.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const MIN = parseEther("10");
const BOND = parseEther("5");

/** Epochs: 0 empty, 1 scored (submission), 2 final validation, 3 challenge, 4+ ended. */
async function scoredEpoch() {
  const d = await deployArena(conn);
  const nodes = d.wallets.slice(1, 3);
  const validators = d.wallets.slice(4, 7);
  const taskId = await stakedTask(d, nodes, validators, MIN, {
    submissionEpochs: 2,
    finalEpochs: 1,
    challengeEpochs: 1,
    validatorsPerSubmission: 64,
  });
  const t = await epochTimes(d.arena, taskId, 1n);
  await goTo(conn, d.arena, taskId, 1n, "start");
  await d.arena.write.settle([taskId, 0n, 10n]);
  await viem.assertions.revertWithCustomErrorWithArgs(
    d.arena.write.settle([taskId, 1n, 10n]),
    d.arena,
    "EpochNotOver",
    [1n, t.end],
  );
  const run = await runEpoch(
    conn,
    d,
    taskId,
    1n,
    { nodes, validators },
    (j, i) => 1_000_000 + Number(i) * 10_000 + j,
    100n,
    "s",
  );
  return { d, taskId, nodes, validators, run };
}

describe("Arena rules: settlement and claims", () => {
  it("settles each scoring epoch once, in order, after it ends", async () => {
    const { d, taskId } = await networkHelpers.loadFixture(scoredEpoch);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.settle([taskId, 1n, 10n]),
      d.arena,
      "EpochAlreadySettled",
      [1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.settle([taskId, 0n, 10n]),
      d.arena,
      "EpochAlreadySettled",
      [0n],
    );
    await goTo(conn, d.arena, taskId, 4n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.settle([taskId, 3n, 10n]),
      d.arena,
      "NotScoringEpoch",
      [3n, 3n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.settle([taskId, 2n, 0n]),
      d.arena,
      "InvalidParameter",
      ["maxSteps", 0n, 1n, 2n ** 256n - 1n],
    );
    const other = await createTask(d);
    await goTo(conn, d.arena, other, 2n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.settle([other, 1n, 10n]),
      d.arena,
      "EpochOutOfOrder",
      [1n, 0n],
    );
    await viem.assertions.emitWithArgs(d.arena.write.settle([other, 0n, 10n]), d.arena, "EpochSettled", [
      other,
      0n,
      0n,
      0n,
      0n,
      0n,
      0n,
    ]);
  });

  it("pays each claim once, minus the protocol fee, and records participation for creator eligibility", async () => {
    const { d, validators, run, taskId } = await networkHelpers.loadFixture(scoredEpoch);
    const v = validators[0]!;
    const credited = run.credited.get(addr(v))!;
    assert.ok(credited > 0n);
    const treasury = d.wallets[19]!;
    await d.arena.write.setProtocolFee([250n, addr(treasury)]);
    const fee = (credited * 250n) / 10_000n;
    await viem.assertions.emitWithArgs(
      d.arena.write.claim([[]], { account: v.account }),
      d.arena,
      "Claimed",
      [addr(v), credited - fee, fee],
    );
    assert.equal(await d.token.read.balanceOf([addr(treasury)]), parseEther("1000000") + fee);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.claim([[]], { account: v.account }),
      d.arena,
      "NothingToClaim",
      [addr(v)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.claim([[77n]], { account: v.account }),
      d.arena,
      "TaskNotFound",
      [77n],
    );
    assert.equal(await d.arena.read.hasParticipated([addr(v)]), true);
    await viem.assertions.emit(
      d.arena.write.createTask([taskParams(), 0n], { account: v.account }),
      d.arena,
      "TaskCreated",
    );
    const node = run.expected.nodes[0]!;
    assert.ok(
      (await d.arena.read.nodeEscrowOf([taskId, node.id as `0x${string}`])) > 0n,
      "node rewards wait for the challenge phase",
    );
  });

  it("runs challenges: bond, per-challenge answer and vote windows, concurrent challenges, resolution", async () => {
    const { d, taskId, nodes, validators } = await networkHelpers.loadFixture(scoredEpoch);
    const [challenger, second] = [d.wallets[12]!, d.wallets[13]!];
    const [n1, n2] = [nodes[0]!, nodes[1]!];
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.openChallenge([taskId, addr(n1), BOND], { account: challenger.account }),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.FinalValidation],
    );
    // A validator leaves before the challenge epoch: it will have no voting stake.
    const leaver = validators[2]!;
    await goTo(conn, d.arena, taskId, 2n, "start");
    await d.arena.write.requestUnstake([taskId, MIN], { account: leaver.account });
    await goTo(conn, d.arena, taskId, 3n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.openChallenge([taskId, addr(validators[0]!), BOND], { account: challenger.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(validators[0]!), ROLE_NODE],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.openChallenge([taskId, addr(n1), BOND - 1n], { account: challenger.account }),
      d.arena,
      "BondTooLow",
      [BOND - 1n, BOND],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.openChallenge([taskId, addr(n1), BOND], { account: n1.account }),
      d.arena,
      "SelfChallenge",
      [taskId, addr(n1), addr(n1)],
    );
    const [, config] = await d.arena.read.getTask([taskId]);
    const L = BigInt(config.epochLength);
    await d.arena.write.openChallenge([taskId, addr(n1), BOND], { account: challenger.account });
    const opened = BigInt(await networkHelpers.time.latest());
    await d.arena.write.openChallenge([taskId, addr(n2), BOND], { account: challenger.account });
    // Several challenges of one node may be open at once.
    await d.arena.write.openChallenge([taskId, addr(n1), BOND], { account: second.account });
    const c1 = await d.arena.read.getChallenge([1n]);
    assert.equal(BigInt(c1.answerDeadline), opened + L);
    assert.equal(BigInt(c1.voteDeadline), opened + 2n * L);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.answerChallenge([9n, "x"]),
      d.arena,
      "ChallengeNotFound",
      [9n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.answerChallenge([1n, "ipfs://log"], { account: n2.account }),
      d.arena,
      "NotChallengedNode",
      [1n, addr(n2)],
    );
    await d.arena.write.answerChallenge([1n, "ipfs://log"], { account: n1.account });
    await d.arena.write.answerChallenge([3n, "ipfs://log"], { account: n1.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.answerChallenge([1n, "ipfs://log"], { account: n1.account }),
      d.arena,
      "AlreadyAnswered",
      [1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.voteChallenge([2n, true], { account: validators[0]!.account }),
      d.arena,
      "ChallengeNotAnswered",
      [2n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.voteChallenge([1n, true], { account: n2.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(n2), ROLE_VALIDATOR],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.voteChallenge([1n, true], { account: leaver.account }),
      d.arena,
      "NoVotingStake",
      [1n, addr(leaver)],
    );
    // Of the two remaining validators (all validator stake at the challenge epoch), one rejects: the node keeps
    // its rewards.
    await d.arena.write.voteChallenge([1n, false], { account: validators[0]!.account });
    await d.arena.write.voteChallenge([1n, true], { account: validators[1]!.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.voteChallenge([1n, false], { account: validators[0]!.account }),
      d.arena,
      "AlreadyVoted",
      [1n, addr(validators[0]!)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.resolveChallenge([1n]),
      d.arena,
      "EpochsNotSettled",
      [2n, 3n],
    );
    await d.arena.write.settle([taskId, 2n, 100n]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.resolveChallenge([1n]),
      d.arena,
      "ChallengeStillOpen",
      [1n, opened + 2n * L],
    );
    // Unanswered, the challenge goes to the validators once its answer window has passed; not answering decides
    // nothing by itself.
    await warpTo(conn, BigInt(opened + L));
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.answerChallenge([2n, "ipfs://late"], { account: n2.account }),
      d.arena,
      "ChallengeWindowClosed",
      [2n, BigInt((await d.arena.read.getChallenge([2n])).answerDeadline)],
    );
    for (const v of validators.slice(0, 2))
      await d.arena.write.voteChallenge([2n, true], { account: v.account });
    await warpTo(conn, BigInt((await d.arena.read.getChallenge([2n])).voteDeadline));
    const escrow2 = await d.arena.read.nodeEscrowOf([taskId, addr(n2)]);
    const before = await d.token.read.balanceOf([addr(challenger)]);
    await viem.assertions.emitWithArgs(d.arena.write.resolveChallenge([2n]), d.arena, "ChallengeSettled", [
      2n,
      true,
      escrow2,
    ]);
    // The bond comes back at once (no fee); the escrow is credited.
    assert.equal((await d.token.read.balanceOf([addr(challenger)])) - before, BOND);
    assert.equal(await d.arena.read.claimableOf([addr(challenger)]), escrow2);

    await goTo(conn, d.arena, taskId, 4n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.reclaimPool([taskId], { account: n1.account }),
      d.arena,
      "NotTaskCreator",
      [taskId, addr(n1)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.releaseNodeRewards([taskId, addr(n1)]),
      d.arena,
      "ChallengesOpen",
      [taskId, addr(n1), 2n],
    );
    await warpTo(conn, opened + 2n * L);
    await viem.assertions.revertWithCustomError(
      d.arena.write.voteChallenge([1n, true], { account: validators[0]!.account }),
      d.arena,
      "ChallengeWindowClosed",
    );
    await viem.assertions.emitWithArgs(d.arena.write.resolveChallenge([1n]), d.arena, "ChallengeSettled", [
      1n,
      false,
      BOND,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.resolveChallenge([1n]),
      d.arena,
      "ChallengeResolved",
      [1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.voteChallenge([1n, true], { account: validators[1]!.account }),
      d.arena,
      "ChallengeResolved",
      [1n],
    );
    await warpTo(conn, BigInt((await d.arena.read.getChallenge([3n])).voteDeadline));
    await d.arena.write.resolveChallenge([3n]);
    await d.arena.write.releaseNodeRewards([taskId, addr(n1)]);
    assert.equal((await d.arena.read.claimableOf([addr(n1)])) > 2n * BOND, true, "escrow plus both bonds");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.releaseNodeRewards([taskId, addr(n1)]),
      d.arena,
      "NothingToClaim",
      [addr(n1)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.releaseNodeRewards([taskId, addr(n2)]),
      d.arena,
      "NothingToClaim",
      [addr(n2)],
    );

    await d.arena.write.reclaimPool([taskId]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.reclaimPool([taskId]),
      d.arena,
      "PoolAlreadyReclaimed",
      [taskId],
    );
    await d.arena.write.withdrawCreatorStake([taskId]);
    await viem.assertions.revertWithCustomError(
      d.arena.write.withdrawCreatorStake([taskId]),
      d.arena,
      "NothingToWithdraw",
    );
  });

  it("keeps the creator stake until the task has ended", async () => {
    const { d, taskId } = await networkHelpers.loadFixture(scoredEpoch);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.withdrawCreatorStake([taskId]),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.FinalValidation],
    );
  });
});
