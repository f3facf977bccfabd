import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, parseEther, sha256, toHex, zeroHash } from "viem";
import {
  FINAL_EVAL_HASH,
  FINAL_EVAL_SALT,
  FINAL_EVAL_URI,
  PHASE,
  RECEIPT,
  ROLE_NODE,
  ROLE_VALIDATOR,
  addr,
  commit,
  deployArena,
  drawSeed,
  epochTimes,
  goTo,
  modelHash,
  reveal,
  salt,
  stakedTask,
  submitAndDraw,
  submitModel,
  type Deployed,
  type Wallet,
} from "./helpers.ts";
import { modelCommitment } from "../../../lib/sortition/index.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const MIN = parseEther("10");

/** Task 1 (k validators per submission, 2 assignments per epoch) with 3 nodes and 3 validators staked in epoch 0. */
async function threeByThree(validatorsPerSubmission: number) {
  const d = await deployArena(conn);
  const [n1, n2, n3, v1, v2, v3] = d.wallets.slice(1, 7) as [Wallet, Wallet, Wallet, Wallet, Wallet, Wallet];
  const taskId = await stakedTask(d, [n1, n2, n3], [v1, v2, v3], MIN, {
    validatorsPerSubmission,
    maxAssignmentsPerEpoch: 2,
  });
  return { d, taskId, n1, n2, n3, v1, v2, v3 };
}
/** k = 1, so that not every validator is assigned everywhere. */
const threeStaked = () => threeByThree(1);

/** Like threeStaked, but every validator is assigned every submission (k above the validator count). */
const allAssigned = () => threeByThree(64);

/**
 * Epoch 1 with all three nodes submitted, in the commit window, its seed drawn. The tests need a validator with
 * an assignment and a (validator, submission) pair without one; the seed is a block hash, so a draw that gives
 * neither (a few in a hundred with these stakes) is made again on freshly deployed contracts.
 */
async function submitted() {
  for (let attempt = 1; ; attempt++) {
    const s = await threeStaked();
    await submitAndDraw(conn, s.d.arena, s.taskId, 1n, [s.n1, s.n2, s.n3], (_, i) => [
      `ipfs://m${i}`,
      modelHash(`m${i}`),
    ]);
    const lists = await Promise.all(
      [s.v1, s.v2, s.v3].map((v) => s.d.arena.read.assignmentsOf([s.taskId, 1n, addr(v)])),
    );
    const pairs = lists.reduce((sum, l) => sum + l.length, 0);
    if ((pairs > 0 && pairs < 9) || attempt === 10) return s;
  }
}

/** Commits to a model (in its own block), then returns the submission's promise. */
async function committedSubmit(d: Deployed, taskId: bigint, n: Wallet, uri: string, hash: `0x${string}`) {
  await d.arena.write.commitModel([taskId, modelCommitment(taskId, addr(n), uri, hash)], {
    account: n.account,
  });
  return d.arena.write.submitModel([taskId, uri, hash], { account: n.account });
}

describe("Arena rules: submissions", () => {
  it("takes models only from nodes with active stake, in the submission window, once per content hash", async () => {
    const { d, taskId, n1, n2, v1 } = await networkHelpers.loadFixture(threeStaked);
    await viem.assertions.revertWithCustomErrorWithArgs(
      committedSubmit(d, taskId, n1, "ipfs://m", modelHash("m")),
      d.arena,
      "StakeNotActive",
      [0n, 0n, MIN],
    );
    await goTo(conn, d.arena, taskId, 1n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.submitModel([taskId, "ipfs://m", modelHash("m")], { account: v1.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(v1), ROLE_NODE],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      committedSubmit(d, taskId, n1, "ipfs://m", zeroHash),
      d.arena,
      "InvalidParameter",
      ["contentHash", 0n, 1n, 2n ** 256n - 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.submitModel([taskId, "ipfs://other", modelHash("m")], { account: n1.account }),
      d.arena,
      "ModelNotCommitted",
      [taskId, addr(n1)],
    );
    await viem.assertions.emit(
      committedSubmit(d, taskId, n1, "ipfs://m", modelHash("m")),
      d.arena,
      "ModelSubmitted",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      committedSubmit(d, taskId, n2, "ipfs://copy", modelHash("m")),
      d.arena,
      "DuplicateModelHash",
      [modelHash("m"), addr(n1)],
    );
    const t = await epochTimes(d.arena, taskId, 1n);
    await goTo(conn, d.arena, taskId, 1n, "commit");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.submitModel([taskId, "ipfs://late", modelHash("late")], { account: n2.account }),
      d.arena,
      "NotInWindow",
      [1n, t.start, t.submitEnd],
    );
    await goTo(conn, d.arena, taskId, 3n, "start");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.submitModel([taskId, "ipfs://final", modelHash("final")], { account: n2.account }),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.FinalValidation],
    );
  });
});

describe("Arena rules: commit and reveal", () => {
  it("commits only validators with active stake, in the commit window", async () => {
    const { d, taskId, n1, v1 } = await networkHelpers.loadFixture(submitted);
    const t = await epochTimes(d.arena, taskId, 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.commitScores([taskId, keccak256(toHex("c"))], { account: n1.account }),
      d.arena,
      "WrongRole",
      [taskId, addr(n1), ROLE_VALIDATOR],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.commitScores([taskId, zeroHash], { account: v1.account }),
      d.arena,
      "InvalidParameter",
      ["commitment", 0n, 256n, 2n ** 256n - 1n],
    );
    const late = d.wallets[7]!;
    await d.arena.write.stake([taskId, ROLE_VALIDATOR, MIN], { account: late.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.commitScores([taskId, keccak256(toHex("c"))], { account: late.account }),
      d.arena,
      "StakeNotActive",
      [1n, 0n, MIN],
    );
    await goTo(conn, d.arena, taskId, 1n, "reveal");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.commitScores([taskId, keccak256(toHex("c"))], { account: v1.account }),
      d.arena,
      "NotInWindow",
      [1n, t.submitEnd, t.commitEnd],
    );
  });

  it("accepts a reveal only if it matches the commitment, covers assigned submissions, in the reveal window", async () => {
    const { d, taskId, v1: a, v2: b, v3: c } = await networkHelpers.loadFixture(submitted);
    const t = await epochTimes(d.arena, taskId, 1n);
    // The first validator with an assignment scores; another one never commits.
    const lists = await Promise.all([a, b, c].map((v) => d.arena.read.assignmentsOf([taskId, 1n, addr(v)])));
    const k = lists.findIndex((l) => l.length > 0);
    assert.ok(k >= 0, "someone is assigned");
    const v1 = [a, b, c][k]!;
    const v2 = [a, b, c][(k + 1) % 3]!;
    const mine = [...lists[k]!];
    for (const i of mine) assert.equal(await d.arena.read.isAssigned([taskId, 1n, i, addr(v1)]), true);
    const good = { nodeIndices: mine.slice(0, 1), scores: [1_234_567], salt: salt("good") };
    await commit(d.arena, taskId, 1n, v1, good);
    const v3 = [a, b, c][(k + 2) % 3]!;
    await commit(d.arena, taskId, 1n, v3, { ...good, receipt: zeroHash });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, RECEIPT, good.salt], {
        account: v1.account,
      }),
      d.arena,
      "NotInWindow",
      [1n, t.commitEnd, t.end],
    );
    await goTo(conn, d.arena, taskId, 1n, "reveal");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, RECEIPT, good.salt], {
        account: v2.account,
      }),
      d.arena,
      "NoCommitment",
      [1n, addr(v2)],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, [7_654_321], RECEIPT, good.salt], {
        account: v1.account,
      }),
      d.arena,
      "RevealMismatch",
    );
    // The same scores with another receipt than the committed one: the scores would no longer be bound to
    // what was scored (a validator could swap in a receipt made after seeing others' reveals).
    const otherReceipt = sha256(toHex("another receipt, made after the commit"));
    await viem.assertions.revertWithCustomError(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, otherReceipt, good.salt], {
        account: v1.account,
      }),
      d.arena,
      "RevealMismatch",
    );
    // No receipt at all is refused before anything else, even when the commitment was made over a zero receipt.
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, zeroHash, good.salt], {
        account: v3.account,
      }),
      d.arena,
      "MissingReceipt",
      [],
    );
    await reveal(d.arena, taskId, 1n, v1, good);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, RECEIPT, good.salt], {
        account: v1.account,
      }),
      d.arena,
      "AlreadyRevealed",
      [1n, addr(v1)],
    );
    await goTo(conn, d.arena, taskId, 1n, "end");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, good.nodeIndices, good.scores, RECEIPT, good.salt], {
        account: v2.account,
      }),
      d.arena,
      "NotInWindow",
      [1n, t.commitEnd, t.end],
    );
  });

  it("rejects a reveal for a submission the validator is not assigned to", async () => {
    const { d, taskId, v1, v2, v3 } = await networkHelpers.loadFixture(submitted);
    // k = 1 of 3 equal validators: each (validator, submission) pair is assigned with probability 1/3.
    let pair: { v: typeof v1; i: bigint } | undefined;
    for (const v of [v1, v2, v3]) {
      for (const i of [0n, 1n, 2n])
        if (!pair && !(await d.arena.read.isAssigned([taskId, 1n, i, addr(v)]))) pair = { v, i };
    }
    assert.ok(pair, "some pair is unassigned");
    const r = { nodeIndices: [pair.i], scores: [5], salt: salt("unassigned") };
    await commit(d.arena, taskId, 1n, pair.v, r);
    await goTo(conn, d.arena, taskId, 1n, "reveal");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealScores([taskId, 1n, r.nodeIndices, r.scores, RECEIPT, r.salt], {
        account: pair.v.account,
      }),
      d.arena,
      "NotAssigned",
      [1n, pair.i, addr(pair.v)],
    );
  });

  it("rejects malformed and over-cap reveals", async () => {
    const { d, taskId, v1, v2, v3, n1, n2, n3 } = await networkHelpers.loadFixture(allAssigned);
    type Case = {
      v: typeof v1;
      r: { nodeIndices: bigint[]; scores: number[]; salt: `0x${string}` };
      error:
        "LengthMismatch" | "EmptyReveal" | "SubmissionsNotAscending" | "NoSubmission" | "TooManyAssignments";
      args: bigint[];
    };
    const epoch1: Case[] = [
      {
        v: v1,
        r: { nodeIndices: [0n, 1n], scores: [1], salt: salt("len") },
        error: "LengthMismatch",
        args: [2n, 1n],
      },
      { v: v2, r: { nodeIndices: [], scores: [], salt: salt("empty") }, error: "EmptyReveal", args: [] },
      {
        v: v3,
        r: { nodeIndices: [1n, 0n], scores: [1, 2], salt: salt("order") },
        error: "SubmissionsNotAscending",
        args: [1n],
      },
    ];
    const epoch2: Case[] = [
      {
        v: v1,
        r: { nodeIndices: [2n], scores: [5], salt: salt("nosub") },
        error: "NoSubmission",
        args: [2n, 2n],
      },
      {
        v: v2,
        r: { nodeIndices: [0n, 1n, 2n], scores: [1, 2, 3], salt: salt("cap") },
        error: "TooManyAssignments",
        args: [3n, 2n],
      },
      {
        v: v3,
        r: { nodeIndices: [9n], scores: [5], salt: salt("none") },
        error: "NoSubmission",
        args: [2n, 9n],
      },
    ];
    for (const [epoch, cases, submitters] of [
      [1n, epoch1, [n1, n2, n3]],
      [2n, epoch2, [n1, n2]],
    ] as const) {
      await submitAndDraw(conn, d.arena, taskId, epoch, submitters, (n) => [
        "ipfs://m",
        modelHash(`${epoch}${addr(n)}`),
      ]);
      for (const c of cases) await commit(d.arena, taskId, epoch, c.v, c.r);
      await goTo(conn, d.arena, taskId, epoch, "reveal");
      for (const c of cases) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          d.arena.write.revealScores([taskId, epoch, c.r.nodeIndices, c.r.scores, RECEIPT, c.r.salt], {
            account: c.v.account,
          }),
          d.arena,
          c.error,
          c.args as [bigint, bigint],
        );
      }
    }
  });

  it("scores every final epoch from its seed, on the held-back set once the creator reveals it", async () => {
    const { d, taskId, v1, n1 } = await networkHelpers.loadFixture(threeStaked);
    await goTo(conn, d.arena, taskId, 1n, "start");
    await submitModel(d.arena, taskId, n1, "ipfs://m", modelHash("m"));
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT]),
      d.arena,
      "WrongPhase",
      [taskId, PHASE.Submission],
    );
    await goTo(conn, d.arena, taskId, 3n, "commit");
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.commitScores([taskId, keccak256(toHex("c"))], { account: v1.account }),
      d.arena,
      "SeedNotDrawn",
      [taskId, 3n],
    );
    assert.equal(
      await d.arena.read.isAssigned([taskId, 3n, 0n, addr(v1)]),
      false,
      "no seed yet, nothing assigned",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT], {
        account: v1.account,
      }),
      d.arena,
      "NotTaskCreator",
      [taskId, addr(v1)],
    );
    await viem.assertions.revertWithCustomError(
      d.arena.write.revealFinalEval([taskId, "ipfs://other", FINAL_EVAL_HASH, FINAL_EVAL_SALT]),
      d.arena,
      "FinalEvalMismatch",
    );
    await viem.assertions.emitWithArgs(
      d.arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT]),
      d.arena,
      "FinalEvalRevealed",
      [taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH],
    );
    await drawSeed(conn, d.arena, taskId, 3n);
    await d.arena.write.commitScores([taskId, keccak256(toHex("c"))], { account: v1.account });
    const [epoch] = await d.arena.read.getEpoch([taskId, 3n]);
    assert.equal(epoch.heldBackSet, true, "revealed before the seed: scored on the held-back set");
    assert.ok(
      (await d.arena.read.assignmentsOf([taskId, 3n, addr(v1)])).length <= 1,
      "final models of submitted nodes only",
    );
  });
});
