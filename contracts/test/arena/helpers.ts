import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, parseEther, toHex, type Address, type Hex, sha256 } from "viem";
import { finalEvalCommitment } from "../../../lib/arena/params.ts";
import type { MechanismParams } from "../../../lib/arena/types.ts";
import { sampleSetSha256, sampleSetURI } from "../../../lib/arena/testing/sampleSets.ts";
import { modelCommitment, scoreCommitment } from "../../../lib/sortition/index.ts";

export type Arena = ContractReturnType<"ArenaTasks">;
export type Token = ContractReturnType<"ArenaToken">;
export type Connection = NetworkConnection<"generic">;
export type Wallet = Awaited<ReturnType<Connection["viem"]["getWalletClients"]>>[number];

export const WAD = 10n ** 18n;
export const ROLE_NODE = 1;
export const ROLE_VALIDATOR = 2;
export const PHASE = { Submission: 0, FinalValidation: 1, Challenge: 2, Ended: 3, Cancelled: 4 } as const;
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

/** Token, the three modules and ArenaTasks; every wallet funded and approved. */
export async function deployArena(conn: Connection): Promise<Deployed> {
  const { viem } = conn;
  const wallets = await viem.getWalletClients();
  const admin = wallets[0]!;
  const token = await viem.deployContract("ArenaToken", [admin.account.address, parseEther("100000000")]);
  const settlement = await viem.deployContract("ArenaSettlement", [token.address]);
  const lifecycle = await viem.deployContract("ArenaLifecycle", [token.address]);
  const delegation = await viem.deployContract("ArenaDelegation", [token.address]);
  const arena = await viem.deployContract("ArenaTasks", [
    token.address,
    admin.account.address,
    settlement.address,
    lifecycle.address,
    delegation.address,
  ]);
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

export function addr(w: Wallet): Address {
  return w.account.address;
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
