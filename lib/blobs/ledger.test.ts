import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { LEDGER_FILE, UploadLedger } from "./ledger";

const limits = { quotaBytes: 100, totalBytes: 1_000, windowSeconds: 86_400 };
const NOW = 1_800_000_000;

describe("UploadLedger", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "arena-ledger-"));
  after(() => rm(root, { recursive: true, force: true }));
  let n = 0;
  const fresh = () => path.join(root, String(++n));

  it("lets exactly as many concurrent reservations through as the quota holds", async () => {
    const ledger = new UploadLedger(fresh());
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => ledger.reserve("0xA", 20, NOW, limits)),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 5);
    assert.equal(results.filter((r) => r.status === "rejected").length, 5);
  });

  it("charges a committed upload, keeps it across a restart and writes the file atomically", async () => {
    const dir = fresh();
    const ledger = new UploadLedger(dir);
    const id = await ledger.reserve("0xA", 60, NOW, limits);
    assert.equal(await ledger.commit(id, "h1", NOW, limits.windowSeconds, async () => true), true);
    const restarted = new UploadLedger(dir);
    assert.equal(await restarted.used("0xa", NOW + 1, limits.windowSeconds), 60);
    await assert.rejects(restarted.reserve("0xA", 41, NOW + 1, limits), { code: "quota_exceeded" });
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.endsWith(".tmp")),
      [],
    );
    const file = JSON.parse(await readFile(path.join(dir, LEDGER_FILE), "utf8")) as { uploads: unknown[] };
    assert.equal(file.uploads.length, 1);
    // A day later the bytes have left the window.
    assert.equal(await restarted.used("0xA", NOW + 86_400, limits.windowSeconds), 0);
  });

  it("does not charge an upload whose blob was already stored, and frees released reservations", async () => {
    const ledger = new UploadLedger(fresh());
    const a = await ledger.reserve("0xA", 60, NOW, limits);
    const b = await ledger.reserve("0xA", 40, NOW, limits);
    await ledger.commit(a, "same", NOW, limits.windowSeconds, async () => true);
    assert.equal(await ledger.commit(b, "same", NOW, limits.windowSeconds, async () => false), false);
    assert.equal(await ledger.used("0xA", NOW, limits.windowSeconds), 60);
    const c = await ledger.reserve("0xA", 40, NOW, limits);
    ledger.release(c);
    await ledger.reserve("0xA", 40, NOW, limits);
  });

  it("counts blobs already on disk against the total cap", async () => {
    const dir = fresh();
    const hex = "c".repeat(64);
    await rm(dir, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, "cc"), { recursive: true }));
    await writeFile(path.join(dir, "cc", hex), new Uint8Array(990));
    const ledger = new UploadLedger(dir);
    assert.equal(await ledger.totalStored(), 990);
    await assert.rejects(ledger.reserve("0xB", 20, NOW, limits), { code: "store_full" });
  });

  it("refuses to work from an unreadable ledger rather than forget the quotas", async () => {
    const dir = fresh();
    await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(path.join(dir, LEDGER_FILE), "{ not json");
    await assert.rejects(new UploadLedger(dir).reserve("0xA", 1, NOW, limits), { code: "ledger_unreadable" });
  });
});
