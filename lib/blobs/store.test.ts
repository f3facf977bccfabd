import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { BlobStore, sha256Hex } from "./store";

describe("BlobStore", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "arena-blobs-"));
  after(() => rm(dir, { recursive: true, force: true }));
  const bytes = new TextEncoder().encode("hello targets");

  it("stores by sha256 and serves the same bytes, across instances (a restart)", async () => {
    const stored = await new BlobStore(dir).put(bytes);
    assert.equal(stored.uri, `sha256:${sha256Hex(bytes)}`);
    assert.deepEqual(await new BlobStore(dir).get(stored.uri), bytes);
  });

  it("survives concurrent uploads of the same content and leaves no temporary files", async () => {
    const store = new BlobStore(dir);
    const data = new Uint8Array(200_000).fill(7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(data)));
    assert.equal(new Set(results.map((r) => r.uri)).size, 1);
    assert.deepEqual(await store.get(results[0]!.sha256), data);
    const shard = await readdir(path.join(dir, results[0]!.sha256.slice(0, 2)));
    assert.deepEqual(
      shard.filter((f) => f.endsWith(".tmp")),
      [],
    );
  });

  it("refuses empty, oversized and mislabelled uploads", async () => {
    const store = new BlobStore(dir, 10);
    await assert.rejects(store.put(new Uint8Array()), { code: "empty" });
    await assert.rejects(store.put(new Uint8Array(11)), { code: "too_large" });
    await assert.rejects(store.put(new Uint8Array(3), "0".repeat(64)), { code: "hash_mismatch" });
  });

  it("verifies on read: unknown, malformed and corrupted blobs are errors", async () => {
    const store = new BlobStore(dir);
    await assert.rejects(store.get("f".repeat(64)), { code: "not_found" });
    await assert.rejects(store.get("../etc/passwd"), { code: "bad_hash" });
    const { sha256 } = await store.put(new TextEncoder().encode("to corrupt"));
    await writeFile(path.join(dir, sha256.slice(0, 2), sha256), "tampered");
    await assert.rejects(store.get(sha256), { code: "corrupt" });
  });
});
