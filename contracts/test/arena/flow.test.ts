import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import { delegatorReward } from "../../../lib/rewards/fixed.ts";
import { runEpoch } from "./epochRunner.ts";
import { assignmentsOf, epochSeed } from "../../../lib/sortition/index.ts";
import {
  ROLE_NODE,
  ROLE_VALIDATOR,
  WAD,
  addr,
  createTask,
  deployArena,
  modelHash,
  PHASE,
  submitAndDraw,
} from "./helpers.ts";

const conn = await network.create();
const { networkHelpers } = conn;

async function scoredTask() {
  const d = await deployArena(conn);
  const taskId = await createTask(d);
  const nodes = d.wallets.slice(1, 4);
  const validators = d.wallets.slice(4, 9);
  const delegator = d.wallets[9]!;
  for (const [i, n] of nodes.entries())
    await d.arena.write.stake([taskId, ROLE_NODE, parseEther(String(20 + 10 * i))], { account: n.account });
  for (const [i, v] of validators.entries()) {
    await d.arena.write.stake([taskId, ROLE_VALIDATOR, parseEther(String(15 + 5 * i))], {
      account: v.account,
    });
  }
  await d.arena.write.setRewardShare([taskId, WAD / 2n], { account: nodes[0]!.account });
  await d.arena.write.setRewardShare([taskId, WAD / 4n], { account: validators[0]!.account });
  await d.arena.write.delegate([taskId, addr(nodes[0]!), parseEther("30")], { account: delegator.account });
  await d.arena.write.delegate([taskId, addr(validators[0]!), parseEther("10")], {
    account: delegator.account,
  });
  return { d, taskId, nodes, validators, delegator };
}

describe("Arena: a task from creation to claims", () => {
  it("settles scored epochs exactly as lib/rewards computes them, whatever the paging", async () => {
    const { d, taskId, nodes, validators, delegator } = await networkHelpers.loadFixture(scoredTask);
    const score = (j: number, i: bigint) => 1_000_000 + Number(i) * 150_000 + j * 7_000;
    const paged = await runEpoch(conn, d, taskId, 1n, { nodes, validators }, score, 1n, "a");
    assert.ok(paged.settleCalls > 3, "one step per call takes several calls");
    assert.ok(paged.expected.paid > 0n);
    for (const p of [...paged.expected.nodes, ...paged.expected.validators]) {
      assert.equal(paged.credited.get(p.id as `0x${string}`), p.kept, `credited ${p.id}`);
      assert.equal(paged.perShare.get(p.id as `0x${string}`) ?? 0n, p.perShare, `per share ${p.id}`);
    }
    const whole = await runEpoch(conn, d, taskId, 2n, { nodes, validators }, score, 1_000n, "b");
    assert.equal(whole.settleCalls, 1);
    for (const p of [...whole.expected.nodes, ...whole.expected.validators]) {
      assert.equal(whole.credited.get(p.id as `0x${string}`), p.kept, `credited ${p.id}`);
    }

    const [, , pending] = await d.arena.read.delegationOf([taskId, addr(nodes[0]!), addr(delegator)]);
    const sumPerShare = [paged, whole].reduce((s, r) => s + (r.perShare.get(addr(nodes[0]!)) ?? 0n), 0n);
    assert.equal(pending, delegatorReward(parseEther("30"), sumPerShare));
    const [, , fromValidator] = await d.arena.read.delegationOf([
      taskId,
      addr(validators[0]!),
      addr(delegator),
    ]);
    assert.ok(fromValidator > 0n);

    // A validator's delegators are paid at once; a training node's wait with the node's own rewards until no
    // challenge can take them (H4).
    const before = await d.token.read.balanceOf([addr(delegator)]);
    await d.arena.write.claim([[taskId]], { account: delegator.account });
    const after = await d.token.read.balanceOf([addr(delegator)]);
    assert.equal(after - before, fromValidator);
    const [, , stillEscrowed] = await d.arena.read.delegationOf([taskId, addr(nodes[0]!), addr(delegator)]);
    assert.equal(stillEscrowed, pending, "the node pool's part stays escrowed");
  });

  it("lib/sortition predicts exactly which submissions each validator must score", async () => {
    const { d, taskId, nodes, validators } = await networkHelpers.loadFixture(scoredTask);
    const submitters = nodes.filter((_, i) => i !== 1);
    await submitAndDraw(conn, d.arena, taskId, 1n, submitters, (n) => [
      "ipfs://m",
      modelHash(`sortition ${nodes.indexOf(n)}`),
    ]);
    const [state] = await d.arena.read.getEpoch([taskId, 1n]);
    const seedBlock = await d.arena.read.seedBlockOf([taskId, 1n]);
    const { hash } = await (await conn.viem.getPublicClient()).getBlock({ blockNumber: seedBlock });
    assert.equal(state.seed, epochSeed(hash, taskId, 1n), "σ = keccak256(blockhash(seedBlock), task, epoch)");
    const [, config] = await d.arena.read.getTask([taskId]);
    let total = 0;
    for (const v of validators) {
      const [own, delegated] = await d.arena.read.stakeAt([taskId, addr(v), 1n]);
      const predicted = assignmentsOf({
        seed: state.seed,
        validator: addr(v),
        stake: own + delegated,
        sumWeight: state.sumWeight,
        beta: config.mechanism.beta,
        validatorsPerSubmission: BigInt(config.validatorsPerSubmission),
        maxAssignments: config.maxAssignmentsPerEpoch,
        submissions: [0n, 2n],
      });
      assert.deepEqual([...(await d.arena.read.assignmentsOf([taskId, 1n, addr(v)]))], predicted);
      total += predicted.length;
    }
    assert.ok(total > 0);
  });

  it("walks through final validation, challenge and the end of the task", async () => {
    const { d, taskId, nodes, validators } = await networkHelpers.loadFixture(scoredTask);
    const score = (j: number, i: bigint) => 2_000_000 - Number(i) * 100_000 + j;
    for (const e of [1n, 2n]) await runEpoch(conn, d, taskId, e, { nodes, validators }, score, 50n, "c");
    await runEpoch(conn, d, taskId, 3n, { nodes, validators }, score, 50n, "c");
    const [epoch, phase] = await d.arena.read.currentEpoch([taskId]);
    assert.equal(phase, PHASE.Challenge);
    assert.equal(epoch, 4n);
    const [state] = await d.arena.read.getTask([taskId]);
    assert.equal(state.settledEpochs, 4);

    const escrow0 = await d.arena.read.nodeEscrowOf([taskId, addr(nodes[0]!)]);
    assert.ok(escrow0 > 0n);
    const challenger = d.wallets[10]!;
    await d.arena.write.openChallenge([taskId, addr(nodes[0]!), parseEther("5")], {
      account: challenger.account,
    });
    await d.arena.write.openChallenge([taskId, addr(nodes[1]!), parseEther("5")], {
      account: challenger.account,
    });
    await d.arena.write.answerChallenge([1n, "ipfs://training-log"], { account: nodes[0]!.account });
    await d.arena.write.answerChallenge([2n, "ipfs://training-log-2"], { account: nodes[1]!.account });
    for (const v of validators) await d.arena.write.voteChallenge([1n, true], { account: v.account });
    await d.arena.write.voteChallenge([2n, false], { account: validators[0]!.account });

    // Each challenge has an answer window and then a vote window of one epoch length each.
    const { voteDeadline } = await d.arena.read.getChallenge([2n]);
    await networkHelpers.time.increaseTo(voteDeadline);
    const [, pendingBefore] = [
      0,
      (await d.arena.read.delegationOf([taskId, addr(nodes[0]!), addr(d.wallets[9]!)]))[2],
    ];
    assert.ok(pendingBefore > 0n, "the node's delegator has escrowed rewards");
    await d.arena.write.resolveChallenge([1n]);
    const [forfeited] = await d.arena.getEvents.NodeRewardsForfeited();
    const { nodeAmount, delegatorsAmount } = forfeited!.args;
    assert.equal(nodeAmount, escrow0);
    assert.ok(delegatorsAmount! >= pendingBefore, "the delegators' escrowed rewards go with the node's");
    assert.equal((await d.arena.read.delegationOf([taskId, addr(nodes[0]!), addr(d.wallets[9]!)]))[2], 0n);
    await d.arena.write.resolveChallenge([2n]);
    assert.equal((await d.arena.read.getChallenge([1n])).upheld, true);
    assert.equal((await d.arena.read.getChallenge([2n])).upheld, false);
    assert.equal(await d.arena.read.nodeEscrowOf([taskId, addr(nodes[0]!)]), 0n);
    assert.equal(
      await d.arena.read.claimableOf([addr(challenger)]),
      escrow0 + delegatorsAmount!,
      "escrows credited; the bond came straight back",
    );

    const node1Escrow = await d.arena.read.nodeEscrowOf([taskId, addr(nodes[1]!)]);
    const before = await d.token.read.balanceOf([addr(nodes[1]!)]);
    await d.arena.write.claim([[taskId]], { account: nodes[1]!.account });
    assert.equal((await d.token.read.balanceOf([addr(nodes[1]!)])) - before, node1Escrow + parseEther("5"));

    await d.arena.write.reclaimPool([taskId]);
    await d.arena.write.withdrawCreatorStake([taskId]);
    const ledger = await d.arena.read.ledger();
    const held = await d.token.read.balanceOf([d.arena.address]);
    const [staked, unbonding, pools, claimable, escrow, delegation, bonds, creatorStakes] = ledger;
    assert.equal(staked + unbonding + pools + claimable + escrow + delegation + bonds + creatorStakes, held);
  });
});
