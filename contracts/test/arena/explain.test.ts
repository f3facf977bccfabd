import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import type { Address } from "viem";
import { epochInputFromTask, positionAmountAt, type EpochStake } from "../../../lib/arena/epochInput.ts";
import type { ParticipantView, TaskView } from "../../../lib/arena/indexer.ts";
import { epochResult, participant, taskView } from "../../../lib/arena/testing/taskFixture.ts";
import { amountOf, explainEpoch, mismatches, type Delegation } from "../../../lib/rewards/explain.ts";
import {
  ROLE_NODE,
  ROLE_VALIDATOR,
  addr,
  commit,
  createTask,
  deployArena,
  goTo,
  modelHash,
  reveal,
  salt,
  settleAll,
  type Deployed,
  type Reveal,
  type Wallet,
  rng,
  stakeAll,
  submitAndDraw,
} from "./helpers.ts";

/**
 * "Why this reward" against the real contracts: random epochs (stakes, scores with and without ties, delegations
 * to nodes and validators, ρ, validators that commit and do not reveal, reveals in random order, paged settlement)
 * settled on chain, then explained from what the indexer would hold (the reveals in order, ρ, R₀) and the stakes
 * counted in the epoch. Every address's explained amount equals what the contract paid, to the wei: node escrow,
 * validator claimable, delegator pending rewards and the SubmissionSettled / ValidatorRewarded /
 * DelegatorsRewarded / EpochSettled events; the parts add up to what left the pool.
 */

const conn = await network.create();
const SEEDS = Array.from({ length: 20 }, (_, i) => 11 + i);

type Run = {
  taskId: bigint;
  epoch: bigint;
  nodes: Wallet[];
  validators: Wallet[];
  delegations: Delegation[];
  poolBefore: bigint;
  committed: number;
};

/** Sets up a task and runs its epoch 1 on chain. */
async function runRandomEpoch(d: Deployed, seed: number): Promise<Run> {
  const r = rng(seed);
  const taskId = await createTask(
    d,
    {
      metric: r.int(0, 2),
      submissionEpochs: 2,
      finalEpochs: 1,
      validatorsPerSubmission: r.int(1, 4),
      rewardPool: r.tokens(1_000, 1_000_000),
    },
    {
      gamma: r.wad(0, 1),
      q: r.wad(0.05, 0.95),
      alphaT: r.wad(0, 1),
      alphaV: r.wad(0, 1),
      lambdaV: r.next() < 0.2 ? 0n : r.wad(0, 25),
      beta: r.wad(0.1, 1),
    },
  );
  const nodes = d.wallets.slice(1, 1 + r.int(2, 6));
  const validators = d.wallets.slice(7, 7 + r.int(2, 7));
  const delegators = d.wallets.slice(14, 14 + r.int(1, 4));
  await stakeAll(d.arena, taskId, ROLE_NODE, nodes, () => r.tokens(10, 2_000));
  await stakeAll(d.arena, taskId, ROLE_VALIDATOR, validators, () => r.tokens(10, 2_000));
  for (const w of [...nodes, ...validators])
    if (r.next() < 0.6) await d.arena.write.setRewardShare([taskId, r.wad(0, 1)], { account: w.account });
  for (const del of delegators) {
    const targets = r.shuffle([...nodes, ...validators]).slice(0, r.int(1, 2));
    for (const to of targets)
      await d.arena.write.delegate([taskId, addr(to), r.tokens(1, 3_000)], { account: del.account });
  }

  const epoch = 1n;
  await submitAndDraw(conn, d.arena, taskId, epoch, nodes, (n) => [
    `ipfs://m/${seed}/${addr(n)}`,
    modelHash(`${seed}${addr(n)}`),
  ]);
  const ties = r.next() < 0.4;
  const base = nodes.map(() => (ties ? 1_000_000 + 200_000 * r.int(0, 1) : r.int(300_000, 3_000_000)));
  const reveals: [Wallet, Reveal][] = [];
  let committed = 0;
  for (const [j, v] of validators.entries()) {
    const nodeIndices = [...(await d.arena.read.assignmentsOf([taskId, epoch, addr(v)]))];
    if (nodeIndices.length === 0) continue;
    const noise = ties && r.next() < 0.5 ? 0 : r.int(-300_000, 300_000);
    const scores = nodeIndices.map((i) =>
      Math.max(0, (base[Number(i)] ?? 0) + noise + (ties ? 0 : r.int(-5_000, 5_000))),
    );
    const rv = { nodeIndices, scores, salt: salt(`x${seed}:${j}`) };
    await commit(d.arena, taskId, epoch, v, rv);
    committed++;
    // Some validators commit and never reveal: they earn nothing and do not count in S.
    if (r.next() < 0.8) reveals.push([v, rv]);
  }
  await goTo(conn, d.arena, taskId, epoch, "reveal");
  for (const [v, rv] of r.shuffle(reveals)) await reveal(d.arena, taskId, epoch, v, rv);
  await goTo(conn, d.arena, taskId, epoch, "end");
  await settleAll(d.arena, taskId, 0n);
  const [{ pool: poolBefore }] = await d.arena.read.getTask([taskId]);
  // Paged settlement: the result does not depend on the paging.
  await settleAll(d.arena, taskId, epoch, r.next() < 0.5 ? 1_000n : BigInt(r.int(1, 5)));

  const delegations: Delegation[] = [];
  for (const del of delegators)
    for (const to of await d.arena.read.delegateesOf([taskId, addr(del)])) {
      const [position] = await d.arena.read.delegationOf([taskId, to, addr(del)]);
      delegations.push({
        delegator: addr(del),
        delegatee: to,
        amount: positionAmountAt(position, Number(epoch)),
      });
    }
  return { taskId, epoch, nodes, validators, delegations, poolBefore, committed };
}

type EventName =
  "ScoresRevealed" | "SubmissionSettled" | "ValidatorRewarded" | "DelegatorsRewarded" | "EpochSettled";

/** The task view the indexer builds for this task (the parts the explanation reads), from the chain's events. */
async function taskViewOf(d: Deployed, run: Run): Promise<TaskView> {
  const pc = await conn.viem.getPublicClient();
  const events = async <const N extends EventName>(eventName: N) =>
    (
      await pc.getContractEvents({ address: d.arena.address, abi: d.arena.abi, eventName, fromBlock: 0n })
    ).filter((e) => e.args.taskId === run.taskId);
  const [state, config] = await d.arena.read.getTask([run.taskId]);
  const participants: ParticipantView[] = [];
  for (const [role, ws] of [
    ["node", run.nodes],
    ["validator", run.validators],
  ] as const)
    for (const w of ws) {
      const p = await d.arena.read.getParticipant([run.taskId, addr(w)]);
      const rewardShare = await d.arena.read.rewardShareAt([run.taskId, addr(w), run.epoch]);
      participants.push(
        participant(addr(w), {
          role,
          rewardShare,
          rewardShareChanges: [{ rewardShare, fromEpoch: 1 }],
          nodeIndex: role === "node" ? Number(p.index) : undefined,
        }),
      );
    }
  // The explanation reads neither evaluation-set hash, nor the task's texts: taskView's empty defaults stand.
  return taskView({
    id: run.taskId,
    creator: state.creator,
    metric: config.metric,
    config: config as unknown as TaskView["config"],
    participants,
    epochs: (await events("EpochSettled")).map((e) =>
      epochResult(Number(e.args.epoch), {
        reward: e.args.reward!,
        rewardNodes: e.args.rewardNodes!,
        rewardValidators: e.args.rewardValidators!,
        paid: e.args.paid!,
        scored: Number(e.args.scored),
      }),
    ),
    nodeResults: (await events("SubmissionSettled")).map((e) => ({
      epoch: Number(e.args.epoch),
      node: e.args.node!,
      meanScore: e.args.meanScore!,
      weight: e.args.weight!,
      reward: e.args.reward!,
    })),
    validatorResults: (await events("ValidatorRewarded")).map((e) => ({
      epoch: Number(e.args.epoch),
      validator: e.args.validator!,
      reward: e.args.reward!,
    })),
    // getContractEvents lists logs in block and log order: the reveal order the indexer keeps.
    reveals: (await events("ScoresRevealed")).map((e) => ({
      epoch: Number(e.args.epoch),
      validator: e.args.validator!,
      nodeIndices: e.args.nodeIndices!,
      scores: e.args.scores!,
      receipt: e.args.receipt!,
    })),
    delegatorRewards: (await events("DelegatorsRewarded")).map((e) => ({
      epoch: Number(e.args.epoch),
      delegatee: e.args.delegatee!,
      amount: e.args.amount!,
      perShare: e.args.perShare!,
    })),
  });
}

describe("Why this reward", () => {
  it(`explains every payout to the wei on ${SEEDS.length} random epochs`, { timeout: 900_000 }, async () => {
    const d = await deployArena(conn);
    let explained = 0;
    const seen = { empty: 0, ties: 0, unrevealed: 0, delegators: 0, validatorDelegators: 0 };
    for (const seed of SEEDS) {
      const snapshot = await conn.networkHelpers.takeSnapshot();
      const before = new Map<string, bigint>();
      for (const v of d.wallets) before.set(addr(v).toLowerCase(), await d.arena.read.claimableOf([addr(v)]));
      const run = await runRandomEpoch(d, seed);
      const task = await taskViewOf(d, run);
      const stakes = new Map<string, EpochStake>();
      for (const w of [...run.nodes, ...run.validators]) {
        const [own, delegated] = await d.arena.read.stakeAt([run.taskId, addr(w), run.epoch]);
        stakes.set(addr(w).toLowerCase(), { own, delegated });
      }
      const input = epochInputFromTask(task, Number(run.epoch), stakes);
      assert.ok(input, "the task view has a config");
      const ex = explainEpoch(input, run.delegations);
      const e = Number(run.epoch);
      const recorded = {
        nodes: task.nodeResults.filter((r) => r.epoch === e),
        validators: task.validatorResults.filter((r) => r.epoch === e),
        delegatorRewards: task.delegatorRewards.filter((r) => r.epoch === e),
        epoch: task.epochs.get(e),
      };
      assert.deepEqual(mismatches(ex, recorded), [], `seed ${seed}: explanation vs events`);
      if (ex.validators.length === 0) {
        // Every assigned validator stayed silent: nothing scored, nothing paid, nothing to explain.
        assert.equal(ex.nodes.length, 0);
        seen.empty++;
        await snapshot.restore();
        continue;
      }

      // Every address: the explained amount is what the contract credited.
      for (const n of ex.nodes) {
        assert.equal(
          amountOf(n),
          await d.arena.read.nodeEscrowOf([run.taskId, n.id as Address]),
          `node ${n.id}`,
        );
        explained++;
      }
      for (const v of ex.validators) {
        const now = await d.arena.read.claimableOf([v.id as Address]);
        assert.equal(amountOf(v), now - (before.get(v.id.toLowerCase()) ?? 0n), `validator ${v.id}`);
        explained++;
      }
      for (const del of ex.delegators) {
        const [, , pending] = await d.arena.read.delegationOf([
          run.taskId,
          del.delegatee as Address,
          del.id as Address,
        ]);
        assert.equal(amountOf(del), pending, `delegator ${del.id} of ${del.delegatee}`);
        explained++;
      }
      seen.ties += ex.nodes.filter((n) => n.trace.tiedWith > 1).length;
      seen.delegators += ex.delegators.length;
      seen.validatorDelegators += ex.delegators.filter((x) => x.delegateeRole === "validator").length;
      seen.unrevealed += run.committed - ex.validators.length;
      // A validator that committed without revealing, or an address outside the epoch, is not explained (paid 0).
      for (const v of run.validators)
        if (!ex.validators.some((x) => x.id.toLowerCase() === addr(v).toLowerCase()))
          assert.equal(
            await d.arena.read.claimableOf([addr(v)]),
            before.get(addr(v).toLowerCase()),
            `unrevealed ${addr(v)}`,
          );

      // The parts add up: kept + delegators' parts = Σ F = what left the pool; delegators get at most their part.
      const pools = [...ex.nodes, ...ex.validators].map((x) => x.trace.payout);
      const sumEarned = pools.reduce((s, p) => s + p.earned, 0n);
      assert.equal(
        pools.reduce((s, p) => s + p.kept + p.toDelegators, 0n),
        sumEarned,
      );
      assert.equal(sumEarned, recorded.epoch?.paid, `seed ${seed}: Σ paid`);
      const [state] = await d.arena.read.getTask([run.taskId]);
      assert.equal(run.poolBefore - state.pool, sumEarned, `seed ${seed}: the pool paid Σ F`);
      for (const p of pools) {
        const shares = ex.delegators
          .filter((x) => x.delegatee.toLowerCase() === p.id.toLowerCase())
          .reduce((s, x) => s + x.reward, 0n);
        assert.ok(shares <= p.toDelegators, `delegators of ${p.id} get at most their part`);
      }
      await snapshot.restore();
    }
    assert.ok(explained > SEEDS.length * 4, `explained ${explained} payouts`);
    assert.ok(
      seen.empty < SEEDS.length / 4 && seen.ties > 0 && seen.unrevealed > 0 && seen.validatorDelegators > 0,
      JSON.stringify(seen),
    );
    console.log(`explain: ${SEEDS.length} epochs, ${explained} payouts explained to the wei`, seen);
  });
});
