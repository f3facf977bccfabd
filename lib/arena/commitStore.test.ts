import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sha256, stringToBytes, type Hex } from "viem";
import { scoreCommitment } from "../sortition";
import {
  checkCommitBackup,
  FINAL_EVAL_KEY,
  latestCommitment,
  loadCommit,
  loadFinalEvalSecret,
  parseCommitBackup,
  saveCommit,
  saveFinalEvalSecret,
  type CommitSecret,
} from "./commitStore";
import { finalEvalCommitment } from "./params";

class MemoryStorage {
  private map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const RECEIPT_DOCUMENT = '{"version":1}';

const secret: CommitSecret = {
  chainId: 31337,
  taskId: "3",
  epoch: 2,
  validator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  nodeIndices: ["0", "4"],
  scores: [1_250_000, 980_000],
  receipt: sha256(stringToBytes(RECEIPT_DOCUMENT)),
  receiptDocument: RECEIPT_DOCUMENT,
  salt: `0x${"ab".repeat(32)}`,
  commitment: `0x${"cd".repeat(32)}`,
};

describe("commit secrets", () => {
  it("round-trips through storage, keyed case-insensitively by validator", () => {
    const storage = new MemoryStorage();
    saveCommit(storage, secret);
    const back = loadCommit(storage, 31337, 3n, 2, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assert.deepEqual(back, secret);
    assert.equal(loadCommit(storage, 31337, 3n, 3, secret.validator), undefined);
  });

  it("refuses files that are not backups", () => {
    assert.throws(() => parseCommitBackup("{"), /not JSON/);
    assert.throws(() => parseCommitBackup(JSON.stringify({ ...secret, salt: "0x12" })), /malformed/);
    assert.throws(() => parseCommitBackup(JSON.stringify({ ...secret, scores: [1] })), /malformed/);
    assert.throws(() => parseCommitBackup(JSON.stringify({ ...secret, scores: [1.5, 2] })), /malformed/);
    assert.throws(
      () => parseCommitBackup(JSON.stringify({ ...secret, nodeIndices: ["x", "4"] })),
      /malformed/,
    );
    assert.throws(
      () => parseCommitBackup(JSON.stringify({ ...secret, receiptDocument: '{"version":2}' })),
      /receipt was edited after the backup was saved/,
    );
    assert.throws(() => parseCommitBackup(JSON.stringify({ ...secret, receipt: undefined })), /malformed/);
    assert.deepEqual(parseCommitBackup(JSON.stringify(secret)), secret);
  });
});

describe("a commit backup is checked against the commitment on chain before it is imported", () => {
  const slot = { chainId: 31337, taskId: 3n, epoch: 2, validator: secret.validator };
  const salt = `0x${"ab".repeat(32)}` as const;
  const onChain = scoreCommitment(
    3n,
    2n,
    secret.validator,
    [0n, 4n],
    [1_250_000, 980_000],
    secret.receipt,
    salt,
  );
  const good: CommitSecret = { ...secret, commitment: onChain };

  it("accepts the backup whose scores and salt give the commitment on chain", () => {
    assert.doesNotThrow(() => checkCommitBackup(good, slot, onChain));
    // The contract keeps and compares the top 248 bits: the last byte does not matter (ScorePacking).
    const lowByte = `${onChain.slice(0, 64)}${onChain.slice(64) === "00" ? "01" : "00"}` as Hex;
    assert.doesNotThrow(() =>
      checkCommitBackup(good, { ...slot, validator: secret.validator.toLowerCase() as Hex }, lowByte),
    );
  });

  it("rejects a wrong salt, wrong scores, an edited file, and a replaced commit", () => {
    const wrongSalt = { ...good, salt: `0x${"ac".repeat(32)}` as const };
    assert.throws(
      () => checkCommitBackup(wrongSalt, slot, onChain),
      /does not match your commitment on chain for epoch 2 \(on chain 0x[0-9a-f]{4}…[0-9a-f]{4}, its scores, receipt and salt give 0x[0-9a-f]{4}…[0-9a-f]{4}\): its scores, receipt or salt were changed/,
    );
    const consistentButOld = scoreCommitment(
      3n,
      2n,
      secret.validator,
      [0n, 4n],
      [1, 2],
      secret.receipt,
      salt,
    );
    const old = { ...good, scores: [1, 2], commitment: consistentButOld };
    assert.throws(
      () => checkCommitBackup(old, slot, onChain),
      /or it is from a commit you replaced. It was not imported/,
    );
    assert.throws(() => checkCommitBackup(good, slot, undefined), /no commitment on chain for epoch 2/);
  });

  it("rejects a backup of another chain, task, epoch or account", () => {
    assert.throws(
      () => checkCommitBackup(good, { ...slot, chainId: 1 }, onChain),
      /from chain 31337, not from this one \(1\)/,
    );
    assert.throws(
      () => checkCommitBackup(good, { ...slot, epoch: 3 }, onChain),
      /for task #3, epoch 2; this is task #3, epoch 3/,
    );
    assert.throws(
      () =>
        checkCommitBackup(
          good,
          { ...slot, validator: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" },
          onChain,
        ),
      /belongs to 0x7099…79C8, not to the connected account 0x3C44…93BC/,
    );
  });

  it("takes the latest ScoresCommitted of the epoch: a replaced commit no longer counts", () => {
    const a = `0x${"01".repeat(32)}` as const;
    const b = `0x${"02".repeat(32)}` as const;
    const c = `0x${"03".repeat(32)}` as const;
    assert.equal(
      latestCommitment([
        { commitment: b, blockNumber: 12n, logIndex: 0 },
        { commitment: c, blockNumber: 12n, logIndex: 3 },
        { commitment: a, blockNumber: 9n, logIndex: 7 },
      ]),
      c,
    );
    assert.equal(latestCommitment([]), undefined);
  });
});

describe("a creator's held-back set secret", () => {
  const salt: Hex = `0x${"5a".repeat(32)}`;
  const setSha: Hex = `0x${"e1".repeat(32)}`;
  const uri = "/models/samples/plain.txt";
  const commit = finalEvalCommitment(uri, setSha, salt);

  it("is saved versioned and read back as saved", () => {
    const storage = new MemoryStorage();
    saveFinalEvalSecret(storage, { chainId: 31337, commit, uri, sha256: setSha, salt });
    const stored = JSON.parse(storage.getItem(FINAL_EVAL_KEY(31337, commit))!) as { version: number };
    assert.equal(stored.version, 2);
    const read = loadFinalEvalSecret(storage, 31337, commit);
    assert.deepEqual(read, { version: 2, chainId: 31337, commit, uri, sha256: setSha, salt });
    assert.equal(finalEvalCommitment(read!.uri, read!.sha256!, read!.salt), commit, "it still reveals");
    assert.equal(loadFinalEvalSecret(storage, 1, commit), undefined, "another chain has none");
  });

  it("reads the raw forms the create form wrote before, and rewrites them in the current version", () => {
    const storage = new MemoryStorage();
    const key = FINAL_EVAL_KEY(31337, commit);
    // As CreateTaskForm wrote it in issue 13: the raw JSON of { uri, sha256, salt }.
    storage.setItem(key, JSON.stringify({ uri, sha256: setSha, salt }));
    const read = loadFinalEvalSecret(storage, 31337, commit);
    assert.deepEqual(read, { version: 2, chainId: 31337, commit, uri, sha256: setSha, salt });
    assert.equal(finalEvalCommitment(read!.uri, read!.sha256!, read!.salt), commit);
    assert.equal((JSON.parse(storage.getItem(key)!) as { version?: number }).version, 2, "migrated in place");
    assert.deepEqual(loadFinalEvalSecret(storage, 31337, commit), read, "and reads the same afterwards");

    // Before issue 13 no sha256 was kept: the URI and salt still come back, for the reveal to hash the set again.
    const older = `0x${"77".repeat(32)}` as Hex;
    storage.setItem(FINAL_EVAL_KEY(31337, older), JSON.stringify({ uri, salt }));
    assert.deepEqual(loadFinalEvalSecret(storage, 31337, older), {
      version: 2,
      chainId: 31337,
      commit: older,
      uri,
      salt,
    });
  });

  it("ignores what is not a secret (and a version it does not know) instead of throwing", () => {
    const storage = new MemoryStorage();
    const key = FINAL_EVAL_KEY(31337, commit);
    for (const raw of [
      "not json",
      "null",
      '{"uri":"x","salt":"0x12"}',
      JSON.stringify({ version: 9, uri, salt }),
    ]) {
      storage.setItem(key, raw);
      assert.equal(loadFinalEvalSecret(storage, 31337, commit), undefined, raw);
      assert.equal(storage.getItem(key), raw, "left as it was");
    }
    assert.equal(loadFinalEvalSecret(new MemoryStorage(), 31337, commit), undefined);
  });
});
