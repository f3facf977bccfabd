import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { parseDataset } from "../metrics/parsers";
import { MANIFEST_FILE, manifestHash } from "./manifest";
import { nodeEnvironment, nodeModelFileReader, SHIPPED_MODELS_DIR } from "./node-files";
import { Scorer } from "./scorer";
import { fetchVerifiedModel, type ContentStore } from "./verify-model";

const MODEL = "arena-lm-tiny";

async function committedHash(folder: string): Promise<Hex> {
  return manifestHash(new Uint8Array(await readFile(path.join(folder, MANIFEST_FILE))));
}

/** A content store in memory, counting what it answers. */
function memoryStore(): ContentStore & { entries: Map<Hex, Uint8Array>; hits: number } {
  const entries = new Map<Hex, Uint8Array>();
  const store = {
    entries,
    hits: 0,
    get: async (sha: Hex) => {
      const bytes = entries.get(sha) ?? null;
      if (bytes) store.hits++;
      return bytes;
    },
    put: async (sha: Hex, bytes: Uint8Array) => void entries.set(sha, bytes),
  };
  return store;
}

describe("verified model loads (Node, onnxruntime-node)", () => {
  let dir = "";
  let hash: Hex;
  const dataset = parseDataset(
    new TextEncoder().encode("User: hi there\nAssistant: hello, how can I help?\n"),
    { fileName: "x.txt" },
  );

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arena-verify-"));
    for (const name of ["good", "tampered-onnx", "tampered-tokenizer", "no-manifest", "missing-file"]) {
      await cp(path.join(SHIPPED_MODELS_DIR, MODEL), path.join(dir, name), { recursive: true });
    }
    hash = await committedHash(path.join(dir, "good"));
    const onnx = await readFile(path.join(dir, "tampered-onnx", "onnx", "model.onnx"));
    onnx[onnx.length - 10] = (onnx[onnx.length - 10]! + 1) % 256; // one weight byte
    await writeFile(path.join(dir, "tampered-onnx", "onnx", "model.onnx"), onnx);
    const tokenizer = await readFile(path.join(dir, "tampered-tokenizer", "tokenizer.json"), "utf8");
    await writeFile(
      path.join(dir, "tampered-tokenizer", "tokenizer.json"),
      tokenizer.replace("ByteLevel", "BYTELevel"),
    );
    await rm(path.join(dir, "no-manifest", MANIFEST_FILE));
    await rm(path.join(dir, "missing-file", "tokenizer_config.json"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const load = (id: string, manifest?: Hex) =>
    Scorer.load({ kind: "local", id, ...(manifest ? { manifest } : {}) }, "cpu", nodeEnvironment(dir));

  it("scores a verified model exactly as the unverified one, and loads unverified models after it", async () => {
    const verified = await load("good", hash);
    const a = await verified.score({ metric: "loss", dataset });
    await verified.dispose();
    const plain = await load("good");
    const b = await plain.score({ metric: "loss", dataset });
    await plain.dispose();
    assert.ok(Number.isFinite(a.totals.value));
    assert.equal(a.totals.value, b.totals.value);
    assert.equal(a.totals.nllNats, b.totals.nllNats);
  });

  it("builds the model only from the verified bytes, never from a second read of the folder", async () => {
    // On disk, "decoy" has a truncated ONNX file; the reader serves the verified shipped bytes instead. A load
    // that read the disk again (as transformers.js does by itself) would fail as a corrupt model.
    const decoy = path.join(dir, "decoy");
    await cp(path.join(SHIPPED_MODELS_DIR, MODEL), decoy, { recursive: true });
    const onnx = await readFile(path.join(decoy, "onnx", "model.onnx"));
    await writeFile(path.join(decoy, "onnx", "model.onnx"), onnx.subarray(0, 4000));
    const disk = nodeModelFileReader();
    const environment = {
      ...nodeEnvironment(dir),
      readFile: (url: string) => disk(url.replace(decoy, path.join(SHIPPED_MODELS_DIR, MODEL))),
    };
    const scorer = await Scorer.load({ kind: "local", id: "decoy", manifest: hash }, "cpu", environment);
    const result = await scorer.score({ metric: "loss", dataset });
    await scorer.dispose();
    assert.ok(Number.isFinite(result.totals.value));
    await assert.rejects(load("decoy"), { code: "corrupt_model" });
  });

  it("refuses a changed weight byte, naming the file and both hashes", async () => {
    await assert.rejects(load("tampered-onnx", hash), (error: Error & { code?: string }) => {
      assert.equal(error.code, "model_mismatch");
      assert.match(
        error.message,
        /onnx\/model\.onnx differs from its manifest: sha256 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}/,
      );
      return true;
    });
  });

  it("refuses a changed tokenizer", async () => {
    await assert.rejects(load("tampered-tokenizer", hash), {
      code: "model_mismatch",
      message: /tokenizer\.json differs/,
    });
  });

  it("refuses a manifest whose hash is not the submitted one (the folder's own manifest is not trusted)", async () => {
    // tampered-onnx with a manifest rebuilt for the tampered file would be self-consistent; the hash still differs.
    const other = `0x${"ab".repeat(32)}` as Hex;
    await assert.rejects(load("good", other), {
      code: "model_mismatch",
      message: new RegExp(
        `arena-manifest\\.json differs from the submitted content hash: sha256 ${hash}, expected ${other}`,
      ),
    });
  });

  it("says when the folder has no manifest, or lacks a listed file", async () => {
    await assert.rejects(load("no-manifest", hash), {
      code: "no_manifest",
      message: /The model at .*no-manifest\/ has no arena-manifest\.json/,
    });
    await assert.rejects(load("missing-file", hash), {
      code: "missing_files",
      message: /tokenizer_config\.json/,
    });
  });
});

describe("the content store", () => {
  it("serves a second load without reading the folder, and re-downloads a corrupt entry", async () => {
    const folder = path.join(SHIPPED_MODELS_DIR, MODEL);
    const hash = await committedHash(folder);
    const reads: string[] = [];
    const disk = nodeModelFileReader();
    const read = (url: string) => {
      reads.push(url);
      return disk(url);
    };
    const store = memoryStore();
    const first = await fetchVerifiedModel(folder, hash, { read, store });
    assert.equal(reads.length, 6); // the manifest and its five files
    assert.equal(first.cachedFiles, 0);
    assert.ok(first.downloadedBytes > 1_900_000);
    assert.equal(store.entries.size, 6);

    reads.length = 0;
    const second = await fetchVerifiedModel(folder, hash, { read, store });
    assert.deepEqual(reads, []);
    assert.equal(second.cachedFiles, 6);
    assert.equal(second.downloadedBytes, 0);
    assert.deepEqual(second.files, first.files);

    // An entry whose bytes are not its key's sha256 is never served: the file is read again.
    const onnx = first.manifest.files.find((f) => f.path === "onnx/model.onnx")!;
    store.entries.set(onnx.sha256, new Uint8Array([1, 2, 3]));
    reads.length = 0;
    const third = await fetchVerifiedModel(folder, hash, { read, store });
    assert.deepEqual(reads, [path.join(folder, "onnx/model.onnx")]);
    assert.deepEqual(third.files.get("onnx/model.onnx"), first.files.get("onnx/model.onnx"));
  });
});
