import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, parseEther, toHex, type Address, type Hex, sha256 } from "viem";
import { finalEvalCommitment } from "../../../lib/arena/params.ts";
import { PHASES, type PhaseName } from "../../../lib/arena/phases.ts";
import { ROLE } from "../../../lib/arena/roles.ts";
import type { MechanismParams } from "../../../lib/arena/types.ts";
import { sampleSetSha256, sampleSetURI } from "../../../lib/arena/testing/sampleSets.ts";
import { modelCommitment, scoreCommitment } from "../../../lib/sortition/index.ts";

export type Arena = ContractReturnType<"ArenaTasks">;
export type Token = ContractReturnType<"ArenaToken">;
export type Connection = NetworkConnection<"generic">;
export type Wallet = Awaited<ReturnType<Connection["viem"]["getWalletClients"]>>[number];

export const WAD = 10n ** 18n;
export const ROLE_NODE = ROLE.Node;
export const ROLE_VALIDATOR = ROLE.Validator;
/** Phase values by name, from the generated enum (contracts-abi/protocol.ts). */
export const PHASE = Object.fromEntries(PHASES.map((p, i) => [p, i])) as Record<PhaseName, number>;
/** The public evaluation set of the test tasks and the sha256 of its bytes. */
export const EVAL_SET_URI = sampleSetURI("chat.jsonl");
export const EVAL_SET_HASH: Hex = sampleSetSha256("chat.jsonl");
/** The held-back set, its sha256 and the salt of its commitment. */
export const FINAL_EVAL_URI = sampleSetURI("plain.txt");
export const FINAL_EVAL_HASH: Hex = sampleSetSha256("plain.txt");
export const FINAL_EVAL_SALT: Hex = keccak256(toHex("salt"));

export type Mechanism = MechanismParams;

export const DEFAULT_MECHANISM: Mechanism = {
  gamma: (WAD * 7n) / 10n,
  q: (WAD * 8n) / 10n,
  alphaT: WAD / 2n,
  lambdaV: 10n * WAD,
  alphaV: WAD / 2n,
  beta: WAD / 2n,
};

export function taskParams(overrides: Record<string, unknown> = {}, mechanism: Partial<Mechanism> = {}) {
  return {
    title: "Fine-tune a tiny chat model",
    description: "Lower bits per byte on the held-out set wins.",
    metric: 0,
    baseModel: "arena/tiny-chat",
    dataURI: "ipfs://train",
    evalSetURI: EVAL_SET_URI,
    evalSetHash: EVAL_SET_HASH,
    finalEvalCommit: finalEvalCommitment(FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT),
    contextLength: 2048,
    maxParams: 1_000_000_000n,
    rewardPool: parseEther("3000"),
    epochLength: 3600,
    commitWindow: 600,
    revealWindow: 600,
    submissionEpochs: 3,
    finalEpochs: 1,
    challengeEpochs: 1,
    unbondingEpochs: 1,
    minNodeStake: parseEther("10"),
    minValidatorStake: parseEther("10"),
    challengeBond: parseEther("5"),
    validatorsPerSubmission: 3,
    maxAssignmentsPerEpoch: 64,
    maxNodes: 64,
    mechanism: { ...DEFAULT_MECHANISM, ...mechanism },
    ...overrides,
  };
}

export type Deployed = { arena: Arena; token: Token; wallets: Wallet[]; admin: Wallet };

/** The three modules and ArenaTasks over the staking token at `token`, administered by `admin`. */
export async function deployArenaTasks(conn: Connection, token: Address, admin: Address): Promise<Arena> {
  const { viem } = conn;
  const settlement = await viem.deployContract("ArenaSettlement", [token]);
  const lifecycle = await viem.deployContract("ArenaLifecycle", [token]);
  const delegation = await viem.deployContract("ArenaDelegation", [token]);
  return viem.deployContract("ArenaTasks", [
    token,
    admin,
    settlement.address,
    lifecycle.address,
    delegation.address,
  ]);
}

/** Token, the three modules and ArenaTasks; every wallet funded and approved. */
export async function deployArena(conn: Connection): Promise<Deployed> {
  const { viem } = conn;
  const wallets = await viem.getWalletClients();
  const admin = wallets[0]!;
  const token = await viem.deployContract("ArenaToken", [admin.account.address, parseEther("100000000")]);
  const arena = await deployArenaTasks(conn, token.address, admin.account.address);
  for (const w of wallets) {
    if (w !== admin) await token.write.transfer([w.account.address, parseEther("1000000")]);
    await token.write.approve([arena.address, 2n ** 255n], { account: w.account });
  }
  await arena.write.setMinCreatorStake([parseEther("100")]);
  return { arena, token, wallets, admin };
}

export async function createTask(
  d: Deployed,
  overrides: Record<string, unknown> = {},
  mechanism: Partial<Mechanism> = {},
): Promise<bigint> {
  await d.arena.write.createTask([taskParams(overrides, mechanism), parseEther("100")]);
  return d.arena.read.taskCount();
}

/** Stakes in a task as `role` for each wallet: `amount`, or `amount(wallet)` asked in the wallets' order. */
export async function stakeAll(
  arena: Arena,
  taskId: bigint,
  role: number,
  wallets: readonly Wallet[],
  amount: bigint | ((w: Wallet) => bigint),
): Promise<void> {
  for (const w of wallets)
    await arena.write.stake([taskId, role, typeof amount === "bigint" ? amount : amount(w)], {
      account: w.account,
    });
}

/** `createTask(d, overrides)` with `nodes` and `validators` staked `amount` each in epoch 0. Returns its id. */
export async function stakedTask(
  d: Deployed,
  nodes: readonly Wallet[],
  validators: readonly Wallet[],
  amount: bigint,
  overrides: Record<string, unknown> = {},
): Promise<bigint> {
  const taskId = await createTask(d, overrides);
  await stakeAll(d.arena, taskId, ROLE_NODE, nodes, amount);
  await stakeAll(d.arena, taskId, ROLE_VALIDATOR, validators, amount);
  return taskId;
}

export async function epochTimes(arena: Arena, taskId: bigint, epoch: bigint) {
  const [start, submitEnd, commitEnd, end] = await arena.read.epochTimes([taskId, epoch]);
  return { start, submitEnd, commitEnd, end };
}

/** Moves the chain to `at` (seconds) unless it is already there or later. */
export async function warpTo(conn: Connection, at: bigint): Promise<void> {
  const now = BigInt(await conn.networkHelpers.time.latest());
  if (now < at) await conn.networkHelpers.time.increaseTo(at);
}

export type Window = "start" | "commit" | "reveal" | "end";

export async function goTo(
  conn: Connection,
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  window: Window,
): Promise<void> {
  const t = await epochTimes(arena, taskId, epoch);
  const at = { start: t.start, commit: t.submitEnd, reveal: t.commitEnd, end: t.end }[window];
  await warpTo(conn, at);
}

/** Commits to a model, then submits it in the next block (automine: the next transaction). */
export async function submitModel(
  arena: Arena,
  taskId: bigint,
  node: Wallet,
  uri: string,
  contentHash: Hex,
): Promise<void> {
  const c = modelCommitment(taskId, node.account.address, uri, contentHash);
  await arena.write.commitModel([taskId, c], { account: node.account });
  await arena.write.submitModel([taskId, uri, contentHash], { account: node.account });
}

/**
 * Moves to the start of `epoch`, submits `model(node)` (URI and content hash) for each node, then moves to the
 * commit window and draws the seed.
 */
export async function submitAndDraw(
  conn: Connection,
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  nodes: readonly Wallet[],
  model: (node: Wallet, i: number) => readonly [uri: string, contentHash: Hex],
): Promise<void> {
  await goTo(conn, arena, taskId, epoch, "start");
  for (const [i, n] of nodes.entries()) await submitModel(arena, taskId, n, ...model(n, i));
  await goTo(conn, arena, taskId, epoch, "commit");
  await drawSeed(conn, arena, taskId, epoch);
}

/**
 * Draws the current epoch's seed: fixes the next block, mines it, and leaves the hash readable (the first
 * `commitScores` records it). Call inside the commit window.
 */
export async function drawSeed(conn: Connection, arena: Arena, taskId: bigint, epoch: bigint): Promise<void> {
  await arena.write.drawSeed([taskId, epoch]);
  // Two plain blocks, so the fixed block's hash is readable by calls and by the next transaction.
  for (let i = 0; i < 2; i++) await conn.provider.request({ method: "evm_mine", params: [] });
}

export function modelHash(label: string): Hex {
  return keccak256(toHex(label));
}

/** A stand-in scoring receipt hash (the contract only binds it to the scores; lib/scoring/receipt.ts builds real ones). */
export const RECEIPT: Hex = sha256(toHex("scoring receipt"));

export type Reveal = { nodeIndices: bigint[]; scores: number[]; salt: Hex; receipt?: Hex };

export async function commit(
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  v: Wallet,
  reveal: Reveal,
): Promise<void> {
  const c = scoreCommitment(
    taskId,
    epoch,
    v.account.address,
    reveal.nodeIndices,
    reveal.scores,
    reveal.receipt ?? RECEIPT,
    reveal.salt,
  );
  await arena.write.commitScores([taskId, c], { account: v.account });
}

export async function reveal(
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  v: Wallet,
  r: Reveal,
): Promise<void> {
  await arena.write.revealScores([taskId, epoch, r.nodeIndices, r.scores, r.receipt ?? RECEIPT, r.salt], {
    account: v.account,
  });
}

export function salt(label: string): Hex {
  return keccak256(toHex(`salt:${label}`));
}

/**
 * In `epoch`'s commit window (seed drawn): every validator with an assignment commits `scoreOf(its position in
 * `validators`, node index)` for each, then time moves to the reveal window, all reveal, and time moves to the
 * epoch's end. Returns the reveals by validator position.
 */
export async function scoreAssigned(
  conn: Connection,
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  validators: readonly Wallet[],
  scoreOf: (validator: number, node: bigint) => number,
  saltLabel = "",
): Promise<Map<number, Reveal>> {
  const reveals = new Map<number, Reveal>();
  for (const [j, v] of validators.entries()) {
    const nodeIndices = [...(await arena.read.assignmentsOf([taskId, epoch, addr(v)]))];
    if (nodeIndices.length === 0) continue;
    const r = {
      nodeIndices,
      scores: nodeIndices.map((i) => scoreOf(j, i)),
      salt: salt(`${saltLabel}${epoch}${j}`),
    };
    await commit(arena, taskId, epoch, v, r);
    reveals.set(j, r);
  }
  await goTo(conn, arena, taskId, epoch, "reveal");
  for (const [j, r] of reveals) await reveal(arena, taskId, epoch, validators[j]!, r);
  await goTo(conn, arena, taskId, epoch, "end");
  return reveals;
}

export function addr(w: Wallet): Address {
  return w.account.address;
}

/** Settles every unsettled epoch up to `lastEpoch`, one call of up to 1,000,000 steps each. */
export async function settleThrough(arena: Arena, taskId: bigint, lastEpoch: bigint): Promise<void> {
  for (let e = BigInt((await arena.read.getTask([taskId]))[0].settledEpochs); e <= lastEpoch; e++)
    await arena.write.settle([taskId, e, 1_000_000n]);
}

/** A seeded pseudo-random source (mulberry32) for the randomised contract tests, reproducible by seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    wad: (lo: number, hi: number) => BigInt(Math.floor((lo + next() * (hi - lo)) * 1e9)) * 10n ** 9n,
    tokens: (lo: number, hi: number) =>
      BigInt(Math.floor((lo + next() * (hi - lo)) * 1e6)) * 10n ** 12n + BigInt(Math.floor(next() * 1e9)),
    shuffle: <T>(xs: T[]) =>
      xs
        .map((x) => ({ x, k: next() }))
        .sort((p, q) => p.k - q.k)
        .map((p) => p.x),
  };
}

/** Settles an epoch completely, returning how many calls it took. */
export async function settleAll(
  arena: Arena,
  taskId: bigint,
  epoch: bigint,
  maxSteps = 1_000_000n,
): Promise<number> {
  for (let calls = 1; ; calls++) {
    await arena.write.settle([taskId, epoch, maxSteps]);
    const [state] = await arena.read.getEpoch([taskId, epoch]);
    if (state.stage === 6) return calls;
  }
}
