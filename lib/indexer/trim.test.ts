import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import type { ArenaIndex, ParticipantView, TaskView } from "../arena/indexer.ts";
import { summarizeTask } from "../arena/taskSummary.ts";
import { TASK_PAGE_VALIDATORS, trimForAccount, trimForList, trimForTaskPage } from "./trim.ts";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const ME = addr(9999);

function person(account: Address, role: "node" | "validator", stake: bigint): ParticipantView {
  return {
    account,
    role,
    ownStake: stake,
    delegated: 0n,
    delegators: new Map(),
    rewardShare: 0n,
    submissions: [],
  };
}

/** 4 nodes and 80 validators (stakes 1..80), ME a validator with the least stake, delegating to node 1. */
function bigTask(): TaskView {
  const participants = new Map<Address, ParticipantView>();
  for (let i = 1; i <= 4; i++)
    participants.set(addr(i), { ...person(addr(i), "node", 100n), nodeIndex: i - 1 });
  for (let i = 1; i <= 80; i++)
    participants.set(addr(1000 + i), person(addr(1000 + i), "validator", BigInt(i)));
  participants.set(ME, person(ME, "validator", 0n + 1n));
  participants.get(addr(1))!.delegators.set(ME, 7n);
  participants.get(addr(1))!.delegated = 7n;
  const validators = [...participants.values()].filter((p) => p.role === "validator");
  return {
    id: 1n,
    creator: addr(77),
    metric: 0,
    rewardPool: 1000n,
    start: 0,
    title: "t",
    description: "",
    baseModel: "",
    dataURI: "",
    evalSetURI: "",
    evalSetHash: `0x${"01".repeat(32)}`,
    heldBackEvalSetHash: null,
    cancelled: false,
    participants,
    epochs: new Map([
      [1, { epoch: 1, reward: 10n, rewardNodes: 6n, rewardValidators: 4n, paid: 10n, scored: 4 }],
    ]),
    nodeResults: [1, 2, 3, 4].map((i) => ({
      epoch: 1,
      node: addr(i),
      meanScore: 1n,
      weight: 1n,
      reward: 1n,
    })),
    validatorResults: validators.map((v) => ({ epoch: 1, validator: v.account, reward: 1n })),
    reveals: validators.map((v) => ({
      epoch: 1,
      validator: v.account,
      nodeIndices: [0n],
      scores: [5],
      receipt: `0x${"12".repeat(32)}` as const,
    })),
    commits: validators.map((v) => ({ epoch: 1, validator: v.account })),
    delegatorRewards: [
      { epoch: 1, delegatee: addr(1), amount: 1n, perShare: 1n },
      { epoch: 1, delegatee: addr(1050), amount: 1n, perShare: 1n },
    ],
    harvests: [
      { delegatee: addr(1), delegator: ME, amount: 1n, block: 5n },
      { delegatee: addr(2), delegator: addr(5555), amount: 1n, block: 6n },
    ],
    challenges: new Map(),
    seeds: new Map(),
  };
}

describe("trimming views for pages", () => {
  it("the task page keeps every node, the top validators by stake and my rows, with totals over everyone", () => {
    const task = bigTask();
    const page = trimForTaskPage(task, ME);
    const validators = [...page.participants.values()].filter((p) => p.role === "validator");
    assert.equal(validators.length, TASK_PAGE_VALIDATORS + 1, "the top 50 and me");
    assert.ok(page.participants.has(ME));
    assert.ok(page.participants.has(addr(1080)), "the largest validator");
    assert.ok(!page.participants.has(addr(1001)), "the smallest validator is left out");
    assert.equal([...page.participants.values()].filter((p) => p.role === "node").length, 4);
    const revealers = page.reveals.map((r) => r.validator);
    assert.equal(revealers.length, TASK_PAGE_VALIDATORS + 1, "the top 50's reveals (with receipts) and mine");
    assert.ok(revealers.includes(ME) && revealers.includes(addr(1080)) && !revealers.includes(addr(1001)));
    assert.deepEqual(
      page.commits.map((r) => r.validator),
      [ME],
    );
    assert.equal(page.nodeResults.length, 4);
    assert.deepEqual(
      page.delegatorRewards.map((r) => r.delegatee),
      [addr(1)],
    );
    const full = summarizeTask(task, 0, ME);
    const cut = summarizeTask(page, 0, ME);
    assert.equal(cut.totalStake, full.totalStake);
    assert.equal(cut.validators, full.validators);
    assert.equal(cut.nodes, full.nodes);
    assert.equal(cut.myRole, full.myRole);
    assert.equal(page.totals?.participants, 85);
  });

  it("a list keeps only my rows, my delegation, and the totals; my role filter still works", () => {
    const task = bigTask();
    const list = trimForList(task, ME);
    assert.deepEqual([...list.participants.keys()].sort(), [addr(1), ME].sort());
    assert.deepEqual([...list.participants.get(addr(1))!.delegators], [[ME, 7n]]);
    assert.equal(list.reveals.length + list.validatorResults.length + list.nodeResults.length, 0);
    assert.equal(summarizeTask(list, 0, ME).totalStake, summarizeTask(task, 0, ME).totalStake);
    assert.equal(summarizeTask(list, 0, ME).myRole, "validator");
    assert.equal(trimForList(task).participants.size, 0, "no account, no rows");
    assert.equal(summarizeTask(trimForList(task), 0, addr(1)).myRole, undefined);
  });

  it("an account's view holds its own results and harvests, in the tasks it is in only", () => {
    const index: ArenaIndex = {
      tasks: new Map([
        [1n, bigTask()],
        [2n, { ...bigTask(), id: 2n, participants: new Map(), harvests: [] }],
      ]),
      claims: [
        { account: ME, amount: 1n, fee: 0n, block: 1n },
        { account: addr(1), amount: 1n, fee: 0n, block: 1n },
      ],
      challengeTask: new Map(),
    };
    const mine = trimForAccount(index, ME);
    assert.deepEqual([...mine.tasks.keys()], [1n]);
    const t = mine.tasks.get(1n)!;
    assert.deepEqual(
      t.validatorResults.map((r) => r.validator),
      [ME],
    );
    assert.equal(t.nodeResults.length, 0);
    assert.deepEqual(
      t.harvests.map((h) => h.delegator),
      [ME],
    );
    assert.equal(mine.claims.length, 1);
    const node = trimForAccount(index, addr(1));
    assert.deepEqual(
      node.tasks.get(1n)!.nodeResults.map((r) => r.node),
      [addr(1)],
    );
    assert.deepEqual(
      node.tasks.get(1n)!.delegatorRewards.map((r) => r.delegatee),
      [addr(1)],
    );
  });
});
