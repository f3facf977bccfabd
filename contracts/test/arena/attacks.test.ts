/**
 * Attack tests: each finding of the security review (SECURITY.md) as the exploit an attacker would run. On the
 * reviewed code (bec893b) every one of these tests failed because the attack worked; now each attack fails.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther, zeroHash, type Address } from "viem";
import {
  EVAL_SET_HASH,
  FINAL_EVAL_HASH,
  FINAL_EVAL_SALT,
  FINAL_EVAL_URI,
  PHASE,
  ROLE_VALIDATOR,
  WAD,
  addr,
  commit,
  createTask,
  deployArena,
  drawSeed,
  goTo,
  modelHash,
  reveal,
  salt,
  scoreAssigned,
  settleThrough,
  stakedTask,
  submitAndDraw,
  taskParams,
  type Deployed,
  type Wallet,
} from "./helpers.ts";
import { modelCommitment, sortitionWeight } from "../../../lib/sortition/index.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const MIN = parseEther("10");

/** True where the contract has the function (the tests also run against the reviewed code, which lacks some). */
function has(d: Deployed, name: string): boolean {
  return d.arena.abi.some((f) => f.type === "function" && f.name === name);
}

async function errorName(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    const m = /reverted with custom error '(\w+)\(/.exec(String(e));
    return m?.[1] ?? "reverted";
  }
}

/** Scores `epoch` with every listed validator scoring every assigned submission; does not settle. */
async function scoreEpoch(d: Deployed, taskId: bigint, epoch: bigint, nodes: Wallet[], validators: Wallet[]) {
  await submitAndDraw(conn, d.arena, taskId, epoch, nodes, (n) => [
    "ipfs://m",
    modelHash(`${taskId}:${epoch}:${addr(n)}`),
  ]);
  await scoreAssigned(conn, d.arena, taskId, epoch, validators, (j, i) => 1_000_000 + Number(i) * 1000 + j);
}

const settleUpTo = (d: Deployed, taskId: bigint, lastEpoch: bigint) =>
  settleThrough(d.arena, taskId, lastEpoch);

/** A task with every validator assigned every submission (k = 64): nodes[0..] and validators[0..] staked in epoch 0. */
async function task(
  d: Deployed,
  nodes: Wallet[],
  validators: Wallet[],
  overrides: Record<string, unknown> = {},
) {
  return stakedTask(d, nodes, validators, MIN, { validatorsPerSubmission: 64, ...overrides });
}

async function balance(d: Deployed, a: Address): Promise<bigint> {
  return d.token.read.balanceOf([a]);
}

describe("attack C1: delegation paid for an epoch in which it was not counted", () => {
  it("attack: delegate, touch the position before settle, and claim a 1-wei sock puppet's per-share", async () => {
    const d = await deployArena(conn);
    const [node, validator, puppet, attacker, honest, other] = d.wallets.slice(1, 7) as Wallet[];
    const taskId = await task(d, [node!], [validator!, other!]);
    // The validator (the attacker's) gives its delegators everything and has a 1-wei sock-puppet delegation.
    await d.arena.write.setRewardShare([taskId, WAD], { account: validator!.account });
    await d.arena.write.delegate([taskId, addr(validator!), 1n], { account: puppet!.account });
    // Honest delegators' rewards sit in the same contract.
    await d.arena.write.setRewardShare([taskId, WAD / 2n], { account: other!.account });
    await d.arena.write.delegate([taskId, addr(other!), parseEther("100")], { account: honest!.account });
    // Epoch 1 is scored with the puppet's 1 wei; the attacker delegates in epoch 1 (counts from epoch 2).
    await goTo(conn, d.arena, taskId, 1n, "start");
    await d.arena.write.delegate([taskId, addr(validator!), parseEther("1000")], {
      account: attacker!.account,
    });
    await scoreEpoch(d, taskId, 1n, [node!], [validator!, other!]);
    await settleUpTo(d, taskId, 0n);
    // The touch before settle(1): on the reviewed code it rolled the position and priced it at epoch 1's per-share.
    const touch = await errorName(
      d.arena.write.delegate([taskId, addr(validator!), 1n], { account: attacker!.account }),
    );
    assert.ok(touch === undefined || touch === "SettlementPending", `touch: ${touch}`);
    await settleUpTo(d, taskId, 1n);
    const [, , pending] = await d.arena.read.delegationOf([taskId, addr(validator!), addr(attacker!)]);
    assert.equal(pending, 0n, "the attacker was not counted in epoch 1, so it earns nothing for it");
    // The honest delegator can still claim and leave.
    await scoreEpoch(d, taskId, 2n, [node!], [validator!, other!]);
    await settleUpTo(d, taskId, 2n);
    await d.arena.write.claim([[taskId]], { account: honest!.account });
    await d.arena.write.undelegate([taskId, addr(other!), parseEther("100")], { account: honest!.account });
  });

  it("a position earns for exactly the epochs it was counted in, whatever the order of calls", async () => {
    const d = await deployArena(conn);
    const [node, validator, early, late] = d.wallets.slice(1, 5) as Wallet[];
    const taskId = await task(d, [node!], [validator!]);
    await d.arena.write.setRewardShare([taskId, WAD / 2n], { account: validator!.account });
    await d.arena.write.delegate([taskId, addr(validator!), parseEther("50")], { account: early!.account });
    await scoreEpoch(d, taskId, 1n, [node!], [validator!]);
    // In epoch 2 the late delegator joins (counts from epoch 3).
    await d.arena.write.delegate([taskId, addr(validator!), parseEther("50")], { account: late!.account });
    await scoreEpoch(d, taskId, 2n, [node!], [validator!]);
    // Epoch 3, before settle(2): a change now would fold the late position into epoch 2, where it did not count.
    await settleUpTo(d, taskId, 1n);
    const before = await errorName(
      d.arena.write.undelegate([taskId, addr(validator!), parseEther("10")], { account: late!.account }),
    );
    assert.ok(before === undefined || before === "SettlementPending", `undelegate before settle: ${before}`);
    await settleUpTo(d, taskId, 2n);
    if (before !== undefined)
      await d.arena.write.undelegate([taskId, addr(validator!), parseEther("10")], {
        account: late!.account,
      });
    const acc = (e: bigint) => d.arena.read.accPerShareAt([taskId, addr(validator!), e]);
    const [ps1, ps12] = [await acc(1n), await acc(2n)];
    assert.ok(ps1 > 0n && ps12 > ps1);
    const [, , earlyPending] = await d.arena.read.delegationOf([taskId, addr(validator!), addr(early!)]);
    const [, , latePending] = await d.arena.read.delegationOf([taskId, addr(validator!), addr(late!)]);
    assert.equal(earlyPending, (parseEther("50") * ps12) / WAD, "early: 50 in epochs 1 and 2");
    assert.equal(latePending, 0n, "late: not counted in epochs 1 and 2");
    // Epoch 3 (final validation) counts the late delegator's 50 (its 10 leave from epoch 4).
    await scoreEpoch(d, taskId, 3n, [], [validator!]);
    await settleUpTo(d, taskId, 3n);
    const ps3 = (await acc(3n)) - ps12;
    const [, , late3] = await d.arena.read.delegationOf([taskId, addr(validator!), addr(late!)]);
    assert.equal(late3, (parseEther("50") * ps3) / WAD, "late: 50 in epoch 3 only");
  });
});

describe("attack C2: a challenge opened in the phase's last block takes the escrow unanswered", () => {
  it("attack: challenge at the last second of the Challenge phase; the node still gets its full answer window", async () => {
    const d = await deployArena(conn);
    const [n1, n2, v1, v2, challenger] = d.wallets.slice(1, 6) as Wallet[];
    const taskId = await task(d, [n1!, n2!], [v1!, v2!], { submissionEpochs: 2 });
    await scoreEpoch(d, taskId, 1n, [n1!, n2!], [v1!, v2!]);
    await goTo(conn, d.arena, taskId, 3n, "start");
    await settleUpTo(d, taskId, 2n);
    const escrow = await d.arena.read.nodeEscrowOf([taskId, addr(n1!)]);
    assert.ok(escrow > 0n);
    const [, , , end] = await d.arena.read.epochTimes([taskId, 3n]);
    await networkHelpers.time.setNextBlockTimestamp(end - 1n);
    await d.arena.write.openChallenge([taskId, addr(n1!), parseEther("5")], { account: challenger!.account });
    await networkHelpers.time.increase(1);
    const [, phase] = await d.arena.read.currentEpoch([taskId]);
    assert.equal(phase, PHASE.Ended, "the phase is over right after the challenge");
    // The node answers in its own window, validators reject, the node keeps its escrow and takes the bond.
    assert.equal(
      await errorName(d.arena.write.answerChallenge([1n, "ipfs://log"], { account: n1!.account })),
      undefined,
    );
    for (const v of [v1!, v2!]) await d.arena.write.voteChallenge([1n, false], { account: v.account });
    const early = await errorName(d.arena.write.resolveChallenge([1n]));
    assert.equal(early, "ChallengeStillOpen", "nothing is decided before the vote window ends");
    await networkHelpers.time.increaseTo((await d.arena.read.getChallenge([1n])).voteDeadline);
    await d.arena.write.resolveChallenge([1n]);
    assert.equal((await d.arena.read.getChallenge([1n])).upheld, false);
    const before = await balance(d, addr(n1!));
    await d.arena.write.claim([[taskId]], { account: n1!.account });
    assert.equal((await balance(d, addr(n1!))) - before, escrow + parseEther("5"));
  });
});

describe("attack H3: a node shields itself with its own challenge", () => {
  it("attack: self-challenge early, answer, and every real challenger is refused", async () => {
    const d = await deployArena(conn);
    const [n1, v1, real] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [n1!], [v1!], { submissionEpochs: 2 });
    await scoreEpoch(d, taskId, 1n, [n1!], [v1!]);
    await goTo(conn, d.arena, taskId, 3n, "start");
    const self = await errorName(
      d.arena.write.openChallenge([taskId, addr(n1!), parseEther("5")], { account: n1!.account }),
    );
    assert.equal(self, "SelfChallenge", "a node cannot challenge itself");
    // Its sock puppet can open one, and the real challenger's still opens beside it.
    const puppet = d.wallets[8]!;
    await d.arena.write.openChallenge([taskId, addr(n1!), parseEther("5")], { account: puppet.account });
    assert.equal(
      await errorName(
        d.arena.write.openChallenge([taskId, addr(n1!), parseEther("5")], { account: real!.account }),
      ),
      undefined,
      "the real challenger is not refused",
    );
  });

  it("a node's own delegator cannot challenge it either", async () => {
    const d = await deployArena(conn);
    const [n1, v1, delegator] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [n1!], [v1!], { submissionEpochs: 2 });
    await d.arena.write.delegate([taskId, addr(n1!), parseEther("5")], { account: delegator!.account });
    await scoreEpoch(d, taskId, 1n, [n1!], [v1!]);
    await goTo(conn, d.arena, taskId, 3n, "start");
    assert.equal(
      await errorName(
        d.arena.write.openChallenge([taskId, addr(n1!), parseEther("5")], { account: delegator!.account }),
      ),
      "SelfChallenge",
    );
  });
});

describe("attack H4: a node's rewards leave escrow through its delegators", () => {
  it("attack: rho = 1 and a sock-puppet delegation make the node's pool claimable during the task", async () => {
    const d = await deployArena(conn);
    const [n1, v1, puppet] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [n1!], [v1!]);
    await d.arena.write.setRewardShare([taskId, WAD], { account: n1!.account });
    await d.arena.write.delegate([taskId, addr(n1!), parseEther("1000")], { account: puppet!.account });
    await scoreEpoch(d, taskId, 1n, [n1!], [v1!]);
    await goTo(conn, d.arena, taskId, 2n, "start");
    await settleUpTo(d, taskId, 1n);
    const [, , owed] = await d.arena.read.delegationOf([taskId, addr(n1!), addr(puppet!)]);
    assert.ok(owed > 0n, "the puppet earned most of the node pool");
    const before = await balance(d, addr(puppet!));
    await d.arena.write.claim([[taskId]], { account: puppet!.account }).catch(() => undefined);
    assert.equal((await balance(d, addr(puppet!))) - before, 0n, "nothing leaves escrow during the task");
    // With no challenge, it is paid once the task has ended.
    for (const e of [2n, 3n]) await scoreEpoch(d, taskId, e, e === 2n ? [n1!] : [], [v1!]);
    await goTo(conn, d.arena, taskId, 5n, "start");
    await settleUpTo(d, taskId, 3n);
    const [, , total] = await d.arena.read.delegationOf([taskId, addr(n1!), addr(puppet!)]);
    await d.arena.write.claim([[taskId]], { account: puppet!.account });
    assert.equal((await balance(d, addr(puppet!))) - before, total);
  });
});

describe("attack H2: seed grinding by a contract node", () => {
  it("attack: retry the submission once per block and keep only a draw that picks the friendly validator", async () => {
    const d = await deployArena(conn);
    const [friend, honest] = d.wallets.slice(1, 3) as Wallet[];
    const taskId = await createTask(d, { validatorsPerSubmission: 1 });
    for (const v of [friend!, honest!])
      await d.arena.write.stake([taskId, ROLE_VALIDATOR, MIN], { account: v.account });
    const grinder = await viem.deployContract("TaskSeedGrinder", [d.arena.address, d.token.address]);
    await d.token.write.transfer([grinder.address, parseEther("100")]);
    await grinder.write.stake([taskId, MIN]);
    await goTo(conn, d.arena, taskId, 1n, "start");
    const hash = modelHash("ground");
    if (has(d, "commitModel"))
      await grinder.write.commit([taskId, modelCommitment(taskId, grinder.address, "ipfs://grind", hash)]);
    for (let i = 0; i < 30 && (await grinder.read.wins()) === 0n; i++)
      await grinder.write.grind([taskId, 1n, 0n, addr(friend!), addr(honest!), hash]);
    assert.equal(await grinder.read.wins(), 0n, "no block gave the grinder a draw it could keep");
    // Once submissions close, anyone fixes a future block; neither a retry nor an early read is possible.
    await goTo(conn, d.arena, taskId, 1n, "commit");
    await d.arena.write.drawSeed([taskId, 1n]);
    assert.equal(await errorName(d.arena.write.drawSeed([taskId, 1n])), "SeedBlockNotReached");
  });
});

describe("attack M1: the creator keeps the final phase unscored", () => {
  it("attack: never reveal the held-back set so no validator commits and the final epochs' reward returns", async () => {
    const d = await deployArena(conn);
    const [n1, v1] = d.wallets.slice(1, 3) as Wallet[];
    const taskId = await task(d, [n1!], [v1!], { submissionEpochs: 2 });
    await scoreEpoch(d, taskId, 1n, [n1!], [v1!]);
    // Final validation (epoch 2): the creator does not reveal; validators still draw a seed and score.
    await goTo(conn, d.arena, taskId, 2n, "commit");
    await drawSeed(conn, d.arena, taskId, 2n);
    const ids = [...(await d.arena.read.assignmentsOf([taskId, 2n, addr(v1!)]))];
    assert.deepEqual(ids, [0n], "the final epoch is scoreable from its seed");
    const r = { nodeIndices: ids, scores: [1_000_000], salt: salt("final") };
    await commit(d.arena, taskId, 2n, v1!, r);
    await goTo(conn, d.arena, taskId, 2n, "reveal");
    await reveal(d.arena, taskId, 2n, v1!, r);
    await goTo(conn, d.arena, taskId, 3n, "start");
    const [state] = await d.arena.read.getTask([taskId]);
    await settleUpTo(d, taskId, 2n);
    const [after] = await d.arena.read.getTask([taskId]);
    assert.equal(after.pool, 0n, "the final epoch paid out the rest of the pool");
    assert.ok(state.pool > 0n);
  });
});

describe("attack: evaluation sets not bound to their bytes (issue 13)", () => {
  it("attack: reveal the committed held-back URI and salt with the hash of a different (easier) set", async () => {
    const d = await deployArena(conn);
    const [n1, v1] = d.wallets.slice(1, 3) as Wallet[];
    const taskId = await task(d, [n1!], [v1!], { submissionEpochs: 2 });
    await goTo(conn, d.arena, taskId, 2n, "start");
    assert.equal(await d.arena.read.getTask([taskId]).then(([t]) => t.finalEvalRevealed), false);
    const easier = `0x${"ab".repeat(32)}` as const;
    assert.equal(
      await errorName(d.arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, easier, FINAL_EVAL_SALT])),
      "FinalEvalMismatch",
      "the URI and salt alone do not open the commitment: the set's bytes are committed too",
    );
    assert.deepEqual(await d.arena.read.getEvalSetHashes([taskId]), [EVAL_SET_HASH, zeroHash]);
    await d.arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT]);
    assert.deepEqual(
      await d.arena.read.getEvalSetHashes([taskId]),
      [EVAL_SET_HASH, FINAL_EVAL_HASH],
      "the stored hashes are the ones given at creation and at the reveal",
    );
  });

  it("attack: create a task whose public set has no hash, so scorers could not check what they fetch", async () => {
    const d = await deployArena(conn);
    assert.equal(
      await errorName(d.arena.write.createTask([taskParams({ evalSetHash: zeroHash }), parseEther("100")])),
      "InvalidParameter",
    );
    assert.equal(await d.arena.read.taskCount(), 0n, "no task was created");
  });
});

describe("attack M2: front-running a model's content hash", () => {
  it("attack: a mempool watcher submits the author's content hash first and locks the author out", async () => {
    const d = await deployArena(conn);
    const [author, watcher, v1] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [author!, watcher!], [v1!]);
    await goTo(conn, d.arena, taskId, 1n, "start");
    const hash = modelHash("the author's model");
    if (has(d, "commitModel"))
      await d.arena.write.commitModel(
        [taskId, modelCommitment(taskId, addr(author!), "ipfs://author", hash)],
        {
          account: author!.account,
        },
      );
    // The watcher copies the hash from the author's pending submission and gets in first.
    const copied = await errorName(
      d.arena.write.submitModel([taskId, "ipfs://copy", hash], { account: watcher!.account }),
    );
    assert.equal(copied, "ModelNotCommitted", "a copy without an earlier commitment is refused");
    // Committing now is too late: the author's submission lands first and owns the hash.
    if (has(d, "commitModel"))
      await d.arena.write.commitModel(
        [taskId, modelCommitment(taskId, addr(watcher!), "ipfs://copy", hash)],
        {
          account: watcher!.account,
        },
      );
    await d.arena.write.submitModel([taskId, "ipfs://author", hash], { account: author!.account });
    assert.equal(
      await errorName(
        d.arena.write.submitModel([taskId, "ipfs://copy", hash], { account: watcher!.account }),
      ),
      "DuplicateModelHash",
    );
    assert.equal(
      (await d.arena.read.getParticipant([taskId, addr(author!)])).modelHash,
      hash,
      "the author owns it",
    );
  });
});

describe("attack M2b: a front-runner that commits before the author's submission lands", () => {
  it("attack: commit to the copied hash and submit it while the author's submission is still pending", async () => {
    const d = await deployArena(conn);
    const [author, watcher, v1] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [author!, watcher!], [v1!]);
    await goTo(conn, d.arena, taskId, 1n, "start");
    const hash = modelHash("the author's model");
    await d.arena.write.commitModel([taskId, modelCommitment(taskId, addr(author!), "ipfs://author", hash)], {
      account: author!.account,
    });
    // The author's submission waits in the mempool; the watcher commits and submits the copy first.
    await d.arena.write.commitModel([taskId, modelCommitment(taskId, addr(watcher!), "ipfs://copy", hash)], {
      account: watcher!.account,
    });
    await d.arena.write.submitModel([taskId, "ipfs://copy", hash], { account: watcher!.account });
    // The author committed first: its submission takes the hash over and the copy no longer counts.
    await viem.assertions.emitWithArgs(
      d.arena.write.submitModel([taskId, "ipfs://author", hash], { account: author!.account }),
      d.arena,
      "ModelSubmissionRevoked",
      [taskId, 1n, addr(watcher!), hash],
    );
    assert.equal((await d.arena.read.getParticipant([taskId, addr(author!)])).modelHash, hash);
    await goTo(conn, d.arena, taskId, 1n, "commit");
    await drawSeed(conn, d.arena, taskId, 1n);
    const watcherIndex = BigInt((await d.arena.read.getParticipant([taskId, addr(watcher!)])).index);
    assert.equal(
      await d.arena.read.isAssigned([taskId, 1n, watcherIndex, addr(v1!)]),
      false,
      "the copy is not scored",
    );
    assert.deepEqual([...(await d.arena.read.assignmentsOf([taskId, 1n, addr(v1!)]))], [0n]);
  });
});

describe("lower findings", () => {
  it("refuses a task whose only submission epoch could never be scored", async () => {
    const d = await deployArena(conn);
    assert.equal(
      await errorName(d.arena.write.createTask([taskParams({ submissionEpochs: 1 }), parseEther("100")])),
      "InvalidParameter",
    );
  });

  it("a 1-wei creator stake does not qualify when minCreatorStake is 0", async () => {
    const d = await deployArena(conn);
    await d.arena.write.setMinCreatorStake([0n]);
    const outsider = d.wallets[15]!;
    assert.equal(
      await errorName(d.arena.write.createTask([taskParams(), 1n], { account: outsider.account })),
      "CreatorNotEligible",
    );
  });

  it("refuses modules built for another token", async () => {
    const d = await deployArena(conn);
    const other = await viem.deployContract("ArenaToken", [addr(d.admin), parseEther("1")]);
    const good = await viem.deployContract("ArenaSettlement", [d.token.address]);
    const bad = await viem.deployContract("ArenaLifecycle", [other.address]);
    const delegation = await viem.deployContract("ArenaDelegation", [d.token.address]);
    await assert.rejects(
      viem.deployContract("ArenaTasks", [
        d.token.address,
        addr(d.admin),
        good.address,
        bad.address,
        delegation.address,
      ]),
      /ModuleTokenMismatch/,
    );
  });

  it("delegating to a validator that left does not dilute the others' sortition weight", async () => {
    const d = await deployArena(conn);
    const [v1, v2, delegator] = d.wallets.slice(1, 4) as Wallet[];
    const taskId = await task(d, [], [v1!, v2!]);
    await goTo(conn, d.arena, taskId, 1n, "start");
    await d.arena.write.requestUnstake([taskId, MIN], { account: v2!.account });
    await goTo(conn, d.arena, taskId, 2n, "start");
    await d.arena.write.delegate([taskId, addr(v2!), parseEther("1000")], { account: delegator!.account });
    await goTo(conn, d.arena, taskId, 3n, "commit");
    await drawSeed(conn, d.arena, taskId, 3n);
    const [epoch] = await d.arena.read.getEpoch([taskId, 3n]);
    const [, config] = await d.arena.read.getTask([taskId]);
    assert.equal(
      epoch.sumWeight,
      sortitionWeight(MIN, config.mechanism.beta),
      "Σw counts only the active validator",
    );
  });
});
