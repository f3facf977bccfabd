import {
  createWalletClient,
  http,
  parseEther,
  parseEventLogs,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type Hex,
} from "viem";
import type { Page } from "@playwright/test";
import { arenaTasksAbi, arenaTokenAbi } from "../contracts-abi";
import { LOCAL_CHAIN_ID, localChain } from "../lib/chain/chains";
import {
  defaultTaskForm,
  finalEvalCommitment,
  validateTaskForm,
  type EvalSetHashes,
  type TaskParams,
} from "../lib/arena/params";
import { sampleSetSha256 } from "../lib/arena/testing/sampleSets";
import { syntheticReceipt } from "../lib/arena/testing/receipts";
import { modelCommitment, scoreCommitment } from "../lib/sortition";
import { tasksCallData, type TasksWrite } from "../scripts/lib/tasks-call.ts";
import { connectDevWallet, type ChainFixture } from "./fixtures";
import { E2E_RPC_URL } from "./ports";
import { ROLE } from "../lib/arena/roles";

/** Prerequisites of the UI flows, set up straight on chain by the node's unlocked accounts. */
const chain = localChain(E2E_RPC_URL);
export const FINAL_SALT: Hex = `0x${"5a".repeat(32)}`;
/** The sha256 of the form's default sets: /models/samples/chat.jsonl (public) and plain.txt (held back). */
export const DEFAULT_SET_HASHES: EvalSetHashes = {
  evalSetHash: sampleSetSha256("chat.jsonl"),
  heldBackHash: sampleSetSha256("plain.txt"),
};
/** Roles of `stake`. */
export const NODE = ROLE.Node;
export const VALIDATOR = ROLE.Validator;
export const DAY = 86_400n;

function wallet(account: Address) {
  return createWalletClient({ account, chain, transport: http(E2E_RPC_URL) });
}

export async function send(
  c: ChainFixture,
  account: Address,
  write: (w: ReturnType<typeof wallet>) => Promise<Hex>,
): Promise<Hex> {
  const hash = await write(wallet(account));
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return hash;
}

/** One ArenaTasks write by `account`, mined (a revert throws). */
export function writeTasks<F extends TasksWrite>(
  c: ChainFixture,
  account: Address,
  functionName: F,
  args: ContractFunctionArgs<typeof arenaTasksAbi, "nonpayable", F>,
): Promise<Hex> {
  const data = tasksCallData(functionName, args);
  return send(c, account, (w) => w.sendTransaction({ to: c.address("ArenaTasks"), data }));
}

/** A short task: 10-minute epochs (submit 5 min, commit 2.5, reveal 2.5), 3 submission epochs, 1 final, 1 challenge. */
export function quickTaskParams(title: string): TaskParams {
  const result = validateTaskForm(
    {
      ...defaultTaskForm(),
      title,
      epochLength: "600",
      commitWindow: "150",
      revealWindow: "150",
      submissionEpochs: "3",
      finalEpochs: "1",
      challengeEpochs: "1",
      rewardPool: "3000",
      minNodeStake: "100",
      minValidatorStake: "100",
      challengeBond: "50",
    },
    FINAL_SALT,
    DEFAULT_SET_HASHES,
  );
  if (!result.ok) throw new Error(`bad quick task: ${JSON.stringify(result.errors)}`);
  return result.task.params;
}

export async function approve(c: ChainFixture, account: Address, amount: bigint) {
  await send(c, account, (w) =>
    w.writeContract({
      abi: arenaTokenAbi,
      address: c.address("ArenaToken"),
      functionName: "approve",
      args: [c.address("ArenaTasks"), amount],
    }),
  );
}

export async function createTask(c: ChainFixture, creator: Address, title: string): Promise<bigint> {
  return createTaskWith(c, creator, quickTaskParams(title), parseEther("1000"));
}

/** Creates a task with these params on chain (the creator approves the pool and its stake) and returns its id. */
export async function createTaskWith(
  c: ChainFixture,
  creator: Address,
  params: TaskParams,
  creatorStake: bigint,
): Promise<bigint> {
  await approve(c, creator, params.rewardPool + creatorStake);
  const hash = await writeTasks(c, creator, "createTask", [params, creatorStake]);
  const receipt = await c.publicClient.getTransactionReceipt({ hash });
  const [log] = parseEventLogs({ abi: arenaTasksAbi, logs: receipt.logs, eventName: "TaskCreated" });
  if (!log) throw new Error("no TaskCreated event");
  return log.args.taskId;
}

export async function stake(c: ChainFixture, account: Address, taskId: bigint, role: number, amount: bigint) {
  await approve(c, account, amount);
  await writeTasks(c, account, "stake", [taskId, role, amount]);
}

/** Funds `account` from the deployer and stakes `amount` of it in a task as a node or validator. */
export async function joinTask(
  c: ChainFixture,
  taskId: bigint,
  account: Address,
  role: number,
  amount: bigint,
) {
  await fund(c, account);
  await stake(c, account, taskId, role, amount);
}

/** An account that joins a task: staking `Roles.stake` (200 ARENA by default), or the stake given with it. */
export type Joiner = Address | readonly [account: Address, stake: bigint];
export type Roles = { nodes?: readonly Joiner[]; validators?: readonly Joiner[]; stake?: bigint };

/** Funds and stakes every node, then every validator, in a task. */
export async function joinAll(c: ChainFixture, taskId: bigint, roles: Roles) {
  const joined = [
    ...(roles.nodes ?? []).map((j) => [j, NODE] as const),
    ...(roles.validators ?? []).map((j) => [j, VALIDATOR] as const),
  ];
  for (const [j, role] of joined) {
    const [account, amount] = typeof j === "string" ? [j, roles.stake ?? parseEther("200")] : j;
    await joinTask(c, taskId, account, role, amount);
  }
}

/** A quick task (`createTask`, by account 0) that `roles` joined. Returns its id. */
export async function taskWith(c: ChainFixture, title: string, roles: Roles): Promise<bigint> {
  const taskId = await createTask(c, c.accounts[0]!, title);
  await joinAll(c, taskId, roles);
  return taskId;
}

/** A node's model: what `submitModel` commits to and submits. */
export type Submission = { node: Address; uri: string; hash: Hex };

/**
 * Moves time to the start of `epoch`, submits each model there, then moves to the epoch's submit end: its
 * commit window opens, the seed not drawn yet. Returns the epoch's times.
 */
export async function submitInEpoch(
  c: ChainFixture,
  taskId: bigint,
  epoch: bigint,
  submissions: readonly Submission[],
) {
  const times = await epochTimes(c, taskId, epoch);
  await timeTravelTo(c, times.start);
  for (const s of submissions) await submitModel(c, s.node, taskId, s.uri, s.hash);
  await timeTravelTo(c, times.submitEnd);
  return times;
}

/**
 * The set-up of the validator flows: a quick task; on "/", the dev wallet connected and joined as a validator
 * (200 ARENA); account 2 joined as a node (200 ARENA) that submitted `model` in epoch 1; time at epoch 1's
 * submit end (its commit window, seed not drawn). Returns the task, the UI account, the node and epoch 1's times.
 */
export async function validatorInCommitWindow(
  page: Page,
  c: ChainFixture,
  title: string,
  model: { uri: string; hash: Hex },
) {
  const node = c.accounts[2]!;
  const taskId = await createTask(c, c.accounts[0]!, title);
  await page.goto("/");
  const me = await connectDevWallet(page);
  await joinAll(c, taskId, { nodes: [node], validators: [me] });
  const e1 = await submitInEpoch(c, taskId, 1n, [{ node, ...model }]);
  return { taskId, me, node, e1 };
}

/** `from` approves and delegates `amount` to `to` in a task. */
export async function delegate(c: ChainFixture, from: Address, taskId: bigint, to: Address, amount: bigint) {
  await approve(c, from, amount);
  await writeTasks(c, from, "delegate", [taskId, to, amount]);
}

/** A fresh task in which `node` staked 300 ARENA and `delegator` delegated 100 to it (both funded first). */
export async function taskWithDelegation(c: ChainFixture, title: string, node: Address, delegator: Address) {
  const taskId = await taskWith(c, title, { nodes: [node], stake: parseEther("300") });
  await fund(c, delegator);
  await delegate(c, delegator, taskId, node, parseEther("100"));
  return taskId;
}

/** Sets the share ρ (1e18 = all) of `who`'s rewards in a task that goes to its delegators. */
export async function setRewardShare(c: ChainFixture, who: Address, taskId: bigint, share: bigint) {
  await writeTasks(c, who, "setRewardShare", [taskId, share]);
}

/** Moves chain time to `timestamp` (seconds) and mines a block there. */
export async function timeTravelTo(c: ChainFixture, timestamp: bigint) {
  const now = (await c.publicClient.getBlock()).timestamp;
  if (timestamp > now) await c.testClient.setNextBlockTimestamp({ timestamp });
  await c.testClient.mine({ blocks: 1 });
}

export async function epochTimes(c: ChainFixture, taskId: bigint, epoch: bigint) {
  const [start, submitEnd, commitEnd, end] = await c.publicClient.readContract({
    abi: arenaTasksAbi,
    address: c.address("ArenaTasks"),
    functionName: "epochTimes",
    args: [taskId, epoch],
  });
  return { start, submitEnd, commitEnd, end };
}

export { finalEvalCommitment };

/** A node's submission as the hardened protocol takes it: `commitModel`, then `submitModel` in a later block. */
export async function submitModel(c: ChainFixture, node: Address, taskId: bigint, uri: string, hash: Hex) {
  await writeTasks(c, node, "commitModel", [taskId, modelCommitment(taskId, node, uri, hash)]);
  await writeTasks(c, node, "submitModel", [taskId, uri, hash]);
}

/** Draws an epoch's seed (in its commit window): fixes the next block, then mines it and one after it. */
export async function drawSeed(c: ChainFixture, taskId: bigint, epoch: bigint) {
  await writeTasks(c, c.accounts[0]!, "drawSeed", [taskId, epoch]);
  for (let i = 0; i < 2; i++) await c.testClient.mine({ blocks: 1 });
}

/** Settles `epochs` of a task on chain, in pages, in order. */
export async function settleOnChain(c: ChainFixture, taskId: bigint, epochs: bigint[]) {
  for (const epoch of epochs) {
    for (let i = 0; i < 50; i++) {
      await writeTasks(c, c.accounts[0]!, "settle", [taskId, epoch, 1000n]);
      const [state] = await c.publicClient.readContract({
        abi: arenaTasksAbi,
        address: c.address("ArenaTasks"),
        functionName: "getTask",
        args: [taskId],
      });
      if (BigInt(state.settledEpochs) > epoch) break;
    }
  }
}

/** ARENA token balance of `account`. */
export function tokenBalance(c: ChainFixture, account: Address): Promise<bigint> {
  return c.publicClient.readContract({
    abi: arenaTokenAbi,
    address: c.address("ArenaToken"),
    functionName: "balanceOf",
    args: [account],
  });
}

/** Sends `amount` ARENA from the deployer (account 0) to `to`. */
export async function fund(c: ChainFixture, to: Address, amount = parseEther("20000")) {
  await send(c, c.accounts[0]!, (w) =>
    w.writeContract({
      abi: arenaTokenAbi,
      address: c.address("ArenaToken"),
      functionName: "transfer",
      args: [to, amount],
    }),
  );
}

/** Every `eventName` event ArenaTasks has emitted. */
export async function events<const N extends ContractEventName<typeof arenaTasksAbi>>(
  c: ChainFixture,
  eventName: N,
  taskId?: bigint,
) {
  const logs = await c.publicClient.getLogs({ address: c.address("ArenaTasks"), fromBlock: 0n });
  const all = parseEventLogs({ abi: arenaTasksAbi, logs, eventName });
  return taskId === undefined ? all : all.filter((e) => (e.args as { taskId?: bigint }).taskId === taskId);
}

/** The first task, oldest or newest first, whose current phase is `phase` (0 when there is none). */
export async function taskInPhase(
  c: ChainFixture,
  phase: number,
  from: "oldest" | "newest",
): Promise<bigint> {
  const arena = c.address("ArenaTasks");
  const count = await c.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "taskCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  for (const id of from === "oldest" ? ids : ids.reverse()) {
    const [, current] = await c.publicClient.readContract({
      abi: arenaTasksAbi,
      address: arena,
      functionName: "currentEpoch",
      args: [id],
    });
    if (current === phase) return id;
  }
  return 0n;
}

/** The participant index of `account` in a task (what assignments and score commitments name). */
export async function participantIndex(c: ChainFixture, taskId: bigint, account: Address): Promise<bigint> {
  const { index } = await c.publicClient.readContract({
    abi: arenaTasksAbi,
    address: c.address("ArenaTasks"),
    functionName: "getParticipant",
    args: [taskId, account],
  });
  return BigInt(index);
}

/**
 * A real receipt document (lib/scoring/receipt.ts) for scores set up on chain without scoring: its made-up
 * per-example values aggregate to exactly `scores` (loss), so its hash, roots and aggregates check out.
 */
export function receiptFor(
  c: ChainFixture,
  taskId: bigint,
  epoch: bigint,
  validator: Address,
  nodeIndices: readonly bigint[],
  scores: readonly number[],
) {
  return syntheticReceipt({
    chainId: LOCAL_CHAIN_ID,
    arenaTasks: c.address("ArenaTasks"),
    taskId,
    epoch,
    validator,
    metric: "loss",
    nodeIndices,
    scores,
  });
}

export async function commitScores(c: ChainFixture, validator: Address, taskId: bigint, commitment: Hex) {
  await writeTasks(c, validator, "commitScores", [taskId, commitment]);
}

/**
 * `node` submits in epoch 1, `validator` commits then reveals `score` for it, all on chain, and time is moved to
 * the end of epoch 1. Returns the scored epoch.
 */
export async function scoreEpochOne(
  c: ChainFixture,
  taskId: bigint,
  node: Address,
  validator: Address,
  score = 1_000_000,
): Promise<bigint> {
  const e1 = await submitInEpoch(c, taskId, 1n, [
    { node, uri: "/models/arena-lm-small", hash: `0x${"ab".repeat(32)}` },
  ]);
  await drawSeed(c, taskId, 1n);
  const nodeIndices = [await participantIndex(c, taskId, node)];
  const salt = `0x${"cd".repeat(32)}` as const;
  const { receipt } = receiptFor(c, taskId, 1n, validator, nodeIndices, [score]);
  await commitScores(
    c,
    validator,
    taskId,
    scoreCommitment(taskId, 1n, validator, nodeIndices, [score], receipt, salt),
  );
  await timeTravelTo(c, e1.commitEnd);
  await writeTasks(c, validator, "revealScores", [taskId, 1n, nodeIndices, [score], receipt, salt]);
  await timeTravelTo(c, e1.end);
  return 1n;
}

/**
 * Every validator commits then reveals a score for each submission it was drawn for in `epoch` (the epoch must be
 * current with its seed drawn; time is moved to its commit end in between). `score(node index)` gives the score.
 */
export async function scoreEpoch(
  c: ChainFixture,
  taskId: bigint,
  epoch: bigint,
  validators: readonly Address[],
  score: (nodeIndex: bigint) => number,
) {
  const arena = c.address("ArenaTasks");
  const salt = `0x${"ef".repeat(32)}` as const;
  const plans: { validator: Address; nodes: bigint[]; scores: number[]; receipt: Hex }[] = [];
  for (const validator of validators) {
    const nodes = [
      ...(await c.publicClient.readContract({
        abi: arenaTasksAbi,
        address: arena,
        functionName: "assignmentsOf",
        args: [taskId, epoch, validator],
      })),
    ];
    if (nodes.length === 0) continue;
    const scores = nodes.map(score);
    const { receipt } = receiptFor(c, taskId, epoch, validator, nodes, scores);
    plans.push({ validator, nodes, scores, receipt });
    await commitScores(
      c,
      validator,
      taskId,
      scoreCommitment(taskId, epoch, validator, nodes, scores, receipt, salt),
    );
  }
  await timeTravelTo(c, (await epochTimes(c, taskId, epoch)).commitEnd);
  for (const p of plans)
    await writeTasks(c, p.validator, "revealScores", [taskId, epoch, p.nodes, p.scores, p.receipt, salt]);
  return plans;
}
