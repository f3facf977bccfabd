import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { hashModelFolder, hashPickedFiles, pickedFiles, type HashProgress } from "./folder-hash";
import { MANIFEST_FILE } from "./manifest";
import { nodeModelFileReader, shippedContentHash, SHIPPED_MODELS_DIR } from "./node-files";

const MODEL = "arena-lm-small";
const folder = path.join(SHIPPED_MODELS_DIR, MODEL);

describe("hashing a model folder by its URI", () => {
  it("rebuilds the committed manifest from the files, with progress", async () => {
    const progress: HashProgress[] = [];
    const result = await hashModelFolder(folder, nodeModelFileReader(), (p) => progress.push(p));
    assert.equal(result.hash, await shippedContentHash(MODEL));
    assert.deepEqual(result.manifestBytes, new Uint8Array(await readFile(path.join(folder, MANIFEST_FILE))));
    assert.equal(result.files, 5);
    assert.equal(progress.at(-1)?.bytes, result.totalBytes);
    assert.deepEqual(
      progress.map((p) => p.files),
      [0, 1, 2, 3, 4, 5],
    );
  });

  it("names a file that differs from its entry, and a folder without a manifest", async () => {
    const disk = nodeModelFileReader();
    const tampered = async (url: string) => {
      const bytes = await disk(url);
      if (bytes && url.endsWith("tokenizer.json")) bytes[10] = 0x20;
      return bytes;
    };
    await assert.rejects(hashModelFolder(folder, tampered), {
      code: "model_mismatch",
      message: /tokenizer\.json differs from its manifest/,
    });
    await assert.rejects(hashModelFolder(path.join(SHIPPED_MODELS_DIR, "samples"), disk), {
      code: "no_manifest",
      message: /has no arena-manifest\.json/,
    });
  });
});

describe("hashing a picked folder", () => {
  it("drops the folder's name and hidden files, ignores its manifest, and gives the committed hash", async () => {
    const names = (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
    const files = [...names, ".DS_Store"].map((name) => ({
      webkitRelativePath: `${MODEL}/${name}`,
      name: path.basename(name),
      size: 0,
      arrayBuffer: async () =>
        name === ".DS_Store"
          ? new ArrayBuffer(3)
          : ((await readFile(path.join(folder, name))).buffer as ArrayBuffer),
    }));
    const picked = pickedFiles(files);
    assert.deepEqual(picked.skipped, [".DS_Store"]);
    const result = await hashPickedFiles(picked);
    assert.equal(result.hash, await shippedContentHash(MODEL));
    assert.deepEqual(result.skipped, [".DS_Store"]);
  });
});
