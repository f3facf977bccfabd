import type { Address, Hex } from "viem";

/**
 * What a validator must keep between commit and reveal: the scores and the salt. Kept in the browser's
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
    typeof v.salt === "string" &&
    /^0x[0-9a-fA-F]{64}$/.test(v.salt) &&
    typeof v.commitment === "string";
  if (!ok) throw new Error("This file is not a commit backup (fields are missing or malformed).");
  return v as CommitSecret;
}
