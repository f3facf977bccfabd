import { isAddressEqual, sha256, stringToBytes, type Address, type Hex } from "viem";
import { shortAddress } from "../format";
import { scoreCommitment } from "../sortition";

/**
 * What a validator must keep between commit and reveal: the scores, the salt and the scoring receipt (its hash,
 * which the commitment covers, and the document itself, so that a reload before the reveal can still reveal and
 * upload the receipt again if the first upload was lost). Kept in the browser's
 * localStorage under a key per chain, task, epoch and validator, written before the commit is sent, and
 * exportable as a JSON backup, since a lost salt means the commit can never be revealed.
 */
export type CommitSecret = {
  chainId: number;
  taskId: string;
  epoch: number;
  validator: Address;
  nodeIndices: string[];
  scores: number[];
  /** sha256 of `receiptDocument`'s UTF-8 bytes (lib/scoring/receipt.ts), committed with the scores. */
  receipt: Hex;
  /** The receipt's canonical bytes as text (UTF-8 JSON). */
  receiptDocument: string;
  salt: Hex;
  commitment: Hex;
};

export function commitKey(chainId: number, taskId: bigint, epoch: number, validator: Address): string {
  return `arena.commit.${chainId}.${taskId}.${epoch}.${validator.toLowerCase()}`;
}

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function saveCommit(storage: StorageLike, secret: CommitSecret): void {
  storage.setItem(
    commitKey(secret.chainId, BigInt(secret.taskId), secret.epoch, secret.validator),
    JSON.stringify(secret),
  );
}

export function loadCommit(
  storage: StorageLike,
  chainId: number,
  taskId: bigint,
  epoch: number,
  validator: Address,
): CommitSecret | undefined {
  const raw = storage.getItem(commitKey(chainId, taskId, epoch, validator));
  return raw ? parseCommitBackup(raw) : undefined;
}

/** Reads a backup file's text; throws a sentence a person can act on when it is not one. */
export function parseCommitBackup(text: string): CommitSecret {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("This file is not a commit backup (not JSON).");
  }
  const v = value as Partial<CommitSecret>;
  const ok =
    typeof v.chainId === "number" &&
    typeof v.taskId === "string" &&
    typeof v.epoch === "number" &&
    typeof v.validator === "string" &&
    Array.isArray(v.nodeIndices) &&
    Array.isArray(v.scores) &&
    v.nodeIndices.length === v.scores.length &&
    v.nodeIndices.every((i) => typeof i === "string" && /^\d+$/.test(i)) &&
    v.scores.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32) &&
    typeof v.salt === "string" &&
    /^0x[0-9a-fA-F]{64}$/.test(v.salt) &&
    typeof v.commitment === "string" &&
    /^0x[0-9a-fA-F]{64}$/.test(v.commitment) &&
    typeof v.receipt === "string" &&
    /^0x[0-9a-fA-F]{64}$/.test(v.receipt) &&
    typeof v.receiptDocument === "string" &&
    /^0x[0-9a-fA-F]{40}$/.test(v.validator);
  if (!ok) throw new Error("This file is not a commit backup (fields are missing or malformed).");
  if (sha256(stringToBytes(v.receiptDocument!)).toLowerCase() !== v.receipt!.toLowerCase())
    throw new Error(
      "This backup's scoring receipt does not hash to the receipt it names: the receipt was edited after the backup was saved.",
    );
  return v as CommitSecret;
}

/** Where a backup is imported: the chain, task, epoch and connected validator it must be for. */
export type CommitSlot = { chainId: number; taskId: bigint; epoch: number; validator: Address };

/** The commitment a `ScoresCommitted` log recorded; the latest replaces the earlier ones of its epoch. */
export type CommitLog = { commitment?: Hex; blockNumber: bigint | null; logIndex: number | null };

/** The validator's commitment standing on chain: the one of its latest `ScoresCommitted` log of the epoch. */
export function latestCommitment(logs: readonly CommitLog[]): Hex | undefined {
  const order = (l: CommitLog) => (l.blockNumber ?? 0n) * 100_000n + BigInt(l.logIndex ?? 0);
  return [...logs].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)).at(-1)
    ?.commitment;
}

/** ArenaScoring keeps a commitment's top 248 bits (`ScorePacking.commitmentWord`) and compares those at reveal. */
const commitmentWord = (h: Hex): bigint => BigInt(h) >> 8n;

/**
 * Checks an imported backup before it is accepted: that it is for this chain, task, epoch and validator, and
 * that its scores and salt give the commitment on chain (`onChain`, from the validator's latest
 * `ScoresCommitted` of the epoch), recomputed and compared as the contract does at reveal.
 * Throws a sentence a person can act on; a backup that passes will reveal.
 */
export function checkCommitBackup(secret: CommitSecret, slot: CommitSlot, onChain: Hex | undefined): void {
  if (secret.chainId !== slot.chainId)
    throw new Error(`This backup is from chain ${secret.chainId}, not from this one (${slot.chainId}).`);
  if (BigInt(secret.taskId) !== slot.taskId || secret.epoch !== slot.epoch)
    throw new Error(
      `This backup is for task #${secret.taskId}, epoch ${secret.epoch}; this is task #${slot.taskId}, epoch ${slot.epoch}.`,
    );
  if (!isAddressEqual(secret.validator, slot.validator))
    throw new Error(
      `This backup belongs to ${shortAddress(secret.validator)}, not to the connected account ${shortAddress(slot.validator)}.`,
    );
  const recomputed = scoreCommitment(
    slot.taskId,
    BigInt(slot.epoch),
    slot.validator,
    secret.nodeIndices.map(BigInt),
    secret.scores,
    secret.receipt,
    secret.salt,
  );
  if (!onChain)
    throw new Error(
      `You have no commitment on chain for epoch ${slot.epoch}, so this backup cannot be revealed.`,
    );
  if (commitmentWord(recomputed) === commitmentWord(onChain)) return;
  const edited = recomputed.toLowerCase() !== secret.commitment.toLowerCase();
  throw new Error(
    `This backup does not match your commitment on chain for epoch ${slot.epoch} (on chain ${shortAddress(onChain)}, its scores, receipt and salt give ${shortAddress(recomputed)}): ${
      edited
        ? "its scores, receipt or salt were changed after it was saved"
        : "its salt, scores or receipt are not the ones you committed, or it is from a commit you replaced"
    }. It was not imported; import the backup of your latest commit.`,
  );
}

/**
 * What a task creator must keep between creating the task and revealing the held-back evaluation set in final
 * validation: the set's URI, the sha256 of its bytes and the salt of `finalEvalCommit` (lib/arena/params.ts
 * `finalEvalCommitment`). Kept in localStorage under `FINAL_EVAL_KEY(chainId, commit)`, written before the task
 * is created; a lost salt means the set can never be revealed.
 *
 * Version 2 (this one) names its chain and commitment. Earlier versions, written raw by the create form, are
 * still read: `{ uri, salt }` (before issue 13) and `{ uri, sha256, salt }`; they are rewritten as version 2
 * when read.
 */
export type FinalEvalSecret = {
  version: 2;
  chainId: number;
  commit: Hex;
  uri: string;
  /** The sha256 of the set's bytes as committed; absent in secrets kept before issue 13. */
  sha256?: Hex;
  salt: Hex;
};

export const FINAL_EVAL_SECRET_VERSION = 2;

/** Where the creator's browser keeps the held-back set's URI, sha256 and salt until the reveal. */
export const FINAL_EVAL_KEY = (chainId: number, commit: Hex) => `arena.finalEval.${chainId}.${commit}`;

const isBytes32 = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v);

export function saveFinalEvalSecret(storage: StorageLike, secret: Omit<FinalEvalSecret, "version">): void {
  const stored: FinalEvalSecret = { version: FINAL_EVAL_SECRET_VERSION, ...secret };
  storage.setItem(FINAL_EVAL_KEY(secret.chainId, secret.commit), JSON.stringify(stored));
}

/**
 * Reads the secret kept for `commit` (undefined when there is none or it is unreadable), migrating a secret of
 * an earlier version to the current one in place.
 */
export function loadFinalEvalSecret(
  storage: StorageLike,
  chainId: number,
  commit: Hex,
): FinalEvalSecret | undefined {
  const key = FINAL_EVAL_KEY(chainId, commit);
  const raw = storage.getItem(key);
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.uri !== "string" || !isBytes32(v.salt)) return undefined;
  if (v.sha256 !== undefined && !isBytes32(v.sha256)) return undefined;
  if (v.version !== undefined && v.version !== FINAL_EVAL_SECRET_VERSION) return undefined;
  const secret: FinalEvalSecret = {
    version: FINAL_EVAL_SECRET_VERSION,
    chainId,
    commit,
    uri: v.uri,
    ...(v.sha256 !== undefined ? { sha256: v.sha256 } : {}),
    salt: v.salt,
  };
  if (v.version === undefined) {
    try {
      storage.setItem(key, JSON.stringify(secret));
    } catch {
      // A full or read-only storage keeps the old form, which this function still reads.
    }
  }
  return secret;
}
