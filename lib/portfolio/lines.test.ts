import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import type { TaskChain } from "./arena";
import { claimAll, claimTask, portfolioLines, type Holdings, type TaskHolding } from "./lines";
import {
  machineUnstakeGate,
  machineWithdrawGate,
  retireModelGate,
  targetClaimGate,
  validatorExit,
} from "./targets";
import { taskChainFixture } from "./taskChain.fixture";

const ME = "0x00000000000000000000000000000000000000a1" as Address;
const NODE = "0x00000000000000000000000000000000000000b2" as Address;
const VAL = "0x00000000000000000000000000000000000000c3" as Address;
const chainTask = (over: Partial<TaskChain> = {}): TaskChain =>
  taskChainFixture({ id: 6n, creator: ME, pool: 2000n, epoch: 6, ...over });
const none = { amount: 0n, releaseEpoch: 0, released: 0n };
const holding = (over: Partial<TaskHolding> = {}): TaskHolding => ({
  task: chainTask(),
  title: "Demo",
  role: "node",
  forfeited: false,
  own: 50n,
  unbonding: none,
  nodeEscrow: 500n,
  delegations: [],
  ...over,
});
const holdings = (tasks: TaskHolding[], over: Partial<Holdings> = {}): Holdings => ({
  account: ME,
  now: 1700,
  claimable: 0n,
  tasks,
  challenges: [],
  ...over,
});
const kinds = (h: Holdings) => portfolioLines(h).map((l) => [l.kind, l.amount, l.action?.gate.ok]);

describe("portfolio lines", () => {
  it("an ended task without challenge: node rewards claimable now (claim([6]) pays 500), not escrowed", () => {
    const h = holdings([holding()]);
    const all = claimAll(h);
    assert.deepEqual(all.ids, [6n]);
    assert.equal(all.amount, 500n);
    assert.equal(all.gate.ok, true);
    assert.deepEqual(kinds(h), [
      ["Stake", 50n, true],
      ["Node rewards", 500n, true],
      ["Creator stake", 1000n, true],
      ["Unused pool", 2000n, true],
    ]);
  });
  it("during the task every line says why it waits; claim all is refused when nothing pays", () => {
    const h = holdings([holding({ task: chainTask({ epoch: 4, settledEpochs: 3 }) })]);
    assert.deepEqual(
      kinds(h).map((k) => k[2]),
      [true, false, false, false],
    );
    assert.equal(claimAll(h).gate.ok, false);
    const escrow = portfolioLines(h).find((l) => l.kind === "Node rewards");
    assert.match(escrow?.status ?? "", /^Frees up at epoch 5 \(1970-01-01 00:25 UTC\)$/);
    assert.match(escrow?.action?.gate.ok === false ? escrow.action.gate.reason : "", /until the task ends/);
  });
  it("credits are claimable whatever the phase, by claim([])", () => {
    const h = holdings([], { claimable: 7n });
    const [line] = portfolioLines(h);
    assert.equal(line?.kind, "Credits");
    assert.deepEqual(line?.action?.call, { contract: "ArenaTasks", fn: "claim", args: [[]] });
    assert.equal(claimAll(h).amount, 7n);
  });
  it("delegations: a validator's rewards at once, a node's with its release; unbonding split by release", () => {
    const task = chainTask({ epoch: 4, settledEpochs: 3 });
    const h = holdings([
      holding({
        task,
        role: "none",
        own: 0n,
        nodeEscrow: 0n,
        delegations: [
          {
            delegatee: VAL,
            delegateeRole: "validator",
            delegateeForfeited: false,
            position: { amount: 100n, nextAmount: 100n, nextFrom: 1 },
            unbonding: { amount: 30n, releaseEpoch: 6, released: 20n },
            pending: 9n,
          },
          {
            delegatee: NODE,
            delegateeRole: "node",
            delegateeForfeited: false,
            position: { amount: 0n, nextAmount: 0n, nextFrom: 2 },
            unbonding: none,
            pending: 4n,
          },
        ],
      }),
    ]);
    const lines = portfolioLines(h);
    assert.deepEqual(
      lines.map((l) => [l.kind, l.amount, l.action?.gate.ok]),
      [
        ["Delegation", 100n, true],
        ["Unbonding delegation", 50n, true],
        ["Delegator rewards", 9n, true],
        ["Delegator rewards", 4n, false],
        ["Creator stake", 1000n, false],
        ["Unused pool", 2000n, false],
      ],
    );
    assert.match(lines[1]!.status, /free now; .* free at epoch 6/);
    assert.equal(claimAll(h).amount, 9n);
    assert.equal(claimTask(h, 6n).amount, 9n);
    assert.equal(claimTask(h, 99n).amount, 0n);
  });
  it("an open challenge holds the node's rewards; the challenger's bond waits for its vote deadline", () => {
    const challenge = {
      id: 2n,
      taskId: 6n,
      node: ME,
      challenger: VAL,
      bond: 50n,
      voteDeadline: 1800,
      resolved: false,
    };
    const h = holdings([holding()], { challenges: [challenge] });
    assert.equal(claimAll(h).amount, 0n);
    const asChallenger = holdings([holding({ role: "validator", nodeEscrow: 0n })], {
      challenges: [{ ...challenge, node: NODE, challenger: ME }],
    });
    const bond = portfolioLines(asChallenger).find((l) => l.kind === "Challenge bond");
    assert.equal(bond?.amount, 50n);
    assert.equal(bond?.action?.gate.ok, false);
    assert.equal(
      portfolioLines({ ...asChallenger, now: 1800 }).find((l) => l.kind === "Challenge bond")?.action?.gate
        .ok,
      true,
    );
  });
  it("targets: the submitter's reward and bond, the model owner's share, the validator's exit", () => {
    const h = holdings([], {
      targets: {
        currentEpoch: 5n,
        genesis: 0n,
        epochLength: 86_400n,
        pendingDraw: false,
        targets: [
          {
            id: 1n,
            status: 2,
            reward: 100n,
            submission: {
              submitter: ME,
              modelId: 3,
              fillEpoch: 3n,
              bond: 10n,
              auditor: VAL,
              confirmed: true,
            },
          },
          {
            id: 2n,
            status: 2,
            reward: 100n,
            submission: {
              submitter: NODE,
              modelId: 3,
              fillEpoch: 4n,
              bond: 10n,
              auditor: VAL,
              confirmed: true,
            },
          },
        ],
        models: [{ id: 3, owner: ME, active: true, stake: 40n }],
        validator: { stake: 70n, exitEpoch: 0n, exists: true },
      },
    });
    assert.deepEqual(kinds(h), [
      ["Target reward", 45n + 10n + 45n, true],
      ["Target reward", 45n, false],
      ["Model stake", 40n, true],
      ["Target validator stake", 70n, true],
    ]);
  });
  it("machine stake: unstake all, then withdraw after the unbonding period", () => {
    const h = holdings([], {
      machine: { id: 0n, stake: 100n, unbonding: 20n, unlockAt: 2000, unbondingPeriod: 600 },
    });
    assert.deepEqual(kinds(h), [
      ["Machine stake", 100n, true],
      ["Machine stake", 20n, false],
    ]);
  });
});

describe("targets and machines rules", () => {
  const clock = { currentEpoch: 5n, genesis: 0n, epochLength: 100n };
  it("a target pays from fillEpoch + 2", () => {
    assert.equal(targetClaimGate(clock, 2, 3n).gate.ok, true);
    const early = targetClaimGate(clock, 2, 4n);
    assert.deepEqual(early.at, { epoch: 6, time: 600 });
    assert.equal(targetClaimGate(clock, 4, 1n).gate.ok, false);
  });
  it("retiring is refused while the seed draw is pending, or for a retired model", () => {
    assert.equal(retireModelGate({ active: true, stake: 1n }, false).gate.ok, true);
    assert.equal(retireModelGate({ active: true, stake: 1n }, true).gate.ok, false);
    assert.equal(retireModelGate({ active: false, stake: 0n }, false).gate.ok, false);
  });
  it("a targets validator exits, then withdraws from exitEpoch + 1", () => {
    assert.equal(validatorExit(clock, { stake: 1n, exitEpoch: 0n, exists: true }).step, "exit");
    const bonded = validatorExit(clock, { stake: 1n, exitEpoch: 5n, exists: true });
    assert.deepEqual([bonded.step, bonded.gate.ok, bonded.at?.epoch], ["withdraw", false, 6]);
    assert.equal(validatorExit(clock, { stake: 1n, exitEpoch: 4n, exists: true }).gate.ok, true);
    assert.equal(validatorExit(clock, { stake: 0n, exitEpoch: 0n, exists: false }).gate.ok, false);
  });
  it("machine withdraw waits for unlockAt; unstaking frees after the period", () => {
    const m = { id: 1n, stake: 5n, unbonding: 3n, unlockAt: 100 };
    assert.equal(machineWithdrawGate(m, 99).gate.ok, false);
    assert.equal(machineWithdrawGate(m, 100).gate.ok, true);
    assert.equal(machineWithdrawGate({ ...m, unbonding: 0n }, 200).gate.ok, false);
    assert.deepEqual(machineUnstakeGate(m, 60, 10).at, { time: 70 });
    assert.equal(machineUnstakeGate({ ...m, stake: 0n }, 60, 10).gate.ok, false);
  });
});
