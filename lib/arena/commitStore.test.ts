import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCommit, parseCommitBackup, saveCommit, type CommitSecret } from "./commitStore";

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

const secret: CommitSecret = {
  chainId: 31337,
  taskId: "3",
  epoch: 2,
  validator: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  nodeIndices: ["0", "4"],
  scores: [1_250_000, 980_000],
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
    assert.deepEqual(parseCommitBackup(JSON.stringify(secret)), secret);
  });
});
