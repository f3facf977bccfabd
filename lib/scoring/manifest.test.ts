import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import {
  buildManifest,
  encodeManifest,
  MANIFEST_FILE,
  manifestHash,
  parseManifest,
  unsafePathReason,
  verifyFile,
  verifyManifestBytes,
  type Manifest,
} from "./manifest";
import { manifestOfDirectory, SHIPPED_MODELS_DIR } from "./node-files";
import { SHIPPED_MODELS } from "./shipped-models";

const enc = (text: string) => new TextEncoder().encode(text);
const sha = (bytes: Uint8Array) => `0x${createHash("sha256").update(bytes).digest("hex")}`;

describe("buildManifest / encodeManifest", () => {
  it("lists every file sorted by path with its sha256 and size, leaving the manifest out", async () => {
    const manifest = await buildManifest([
      { path: "tokenizer.json", bytes: enc("tok") },
      { path: "onnx/model.onnx", bytes: enc("weights!") },
      { path: MANIFEST_FILE, bytes: enc("ignored") },
      { path: "config.json", bytes: enc("{}") },
    ]);
    assert.deepEqual(manifest, {
      version: 1,
      files: [
        { path: "config.json", sha256: sha(enc("{}")), size: 2 },
        { path: "onnx/model.onnx", sha256: sha(enc("weights!")), size: 8 },
        { path: "tokenizer.json", sha256: sha(enc("tok")), size: 3 },
      ],
    });
  });

  it("encodes canonically: the same files in any order give the same bytes and hash", async () => {
    const files = [
      { path: "b.json", bytes: enc("b") },
      { path: "a.json", bytes: enc("a") },
    ];
    const one = encodeManifest(await buildManifest(files));
    const two = encodeManifest(await buildManifest([...files].reverse()));
    assert.deepEqual(one, two);
    const text = new TextDecoder().decode(one);
    assert.equal(text, `${JSON.stringify(JSON.parse(text))}\n`);
    assert.match(text, /^\{"version":1,"files":\[\{"path":"a\.json","sha256":"0x[0-9a-f]{64}","size":1\}/);
    assert.equal(await manifestHash(one), sha(one));
    // A changed byte in any file changes the content hash.
    const changed = encodeManifest(await buildManifest([{ path: "a.json", bytes: enc("A") }, files[0]!]));
    assert.notEqual(await manifestHash(changed), await manifestHash(one));
  });

  it("refuses duplicate and unsafe paths", async () => {
    await assert.rejects(
      buildManifest([
        { path: "a", bytes: enc("1") },
        { path: "a", bytes: enc("2") },
      ]),
      { code: "model_mismatch", message: /"a" twice/ },
    );
    for (const bad of ["../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "", "a b", "x/.."]) {
      assert.ok(unsafePathReason(bad), bad);
      await assert.rejects(buildManifest([{ path: bad, bytes: enc("1") }]), { code: "model_mismatch" });
    }
    assert.equal(unsafePathReason("onnx/model_quantized.onnx"), null);
    assert.equal(
      unsafePathReason(".hidden"),
      'has a segment ".hidden" with characters other than A-Z a-z 0-9 . _ -',
    );
  });
});

describe("parseManifest", () => {
  const good = async (): Promise<Manifest> =>
    buildManifest([
      { path: "config.json", bytes: enc("{}") },
      { path: "onnx/model.onnx", bytes: enc("w") },
    ]);

  it("reads back what encodeManifest wrote", async () => {
    const manifest = await good();
    assert.deepEqual(parseManifest(encodeManifest(manifest)), manifest);
  });

  it("refuses non-canonical bytes, unknown fields, bad hashes, unsorted and duplicate paths", async () => {
    const manifest = await good();
    const text = new TextDecoder().decode(encodeManifest(manifest));
    const cases: [string, RegExp][] = [
      [JSON.stringify(manifest, null, 2), /canonical/],
      [text.trimEnd(), /canonical/],
      [text.replace('"version":1,', '"version":1,"extra":0,'), /exactly "version" and "files"/],
      [text.replace('"version":1', '"version":2'), /unsupported version 2/],
      [text.replace(/"sha256":"0x[0-9a-f]{2}/, '"sha256":"0xAB'), /64 lowercase hex/],
      [text.replace('"size":2', '"size":-2'), /whole number/],
      [text.replace('"size":2', '"size":2.5'), /whole number/],
      [text.replace("onnx/model.onnx", "../model.onnx"), /".." segment/],
      [text.replace("onnx/model.onnx", "a.json"), /not sorted/],
      [text.replace("onnx/model.onnx", "config.json"), /listed twice/],
      [text.replace("onnx/model.onnx", MANIFEST_FILE), /lists itself/],
      ['{"version":1,"files":[]}\n', /non-empty/],
      ["not json", /not UTF-8 JSON/],
    ];
    for (const [bytes, message] of cases) {
      assert.throws(() => parseManifest(enc(bytes)), { code: "model_mismatch", message }, bytes);
    }
    assert.throws(() => parseManifest(new Uint8Array([0xff, 0xfe])), { message: /not UTF-8/ });
  });
});

describe("verifyFile / verifyManifestBytes", () => {
  it("accepts the listed bytes and names the file, expected and actual hash otherwise", async () => {
    const manifest = await buildManifest([{ path: "onnx/model.onnx", bytes: enc("weights") }]);
    const entry = manifest.files[0]!;
    await verifyFile(entry, enc("weights"));
    await assert.rejects(verifyFile(entry, enc("weightz")), (error: Error & { code?: string }) => {
      assert.equal(error.code, "model_mismatch");
      assert.ok(error.message.includes("onnx/model.onnx"));
      assert.ok(error.message.includes(`expected ${entry.sha256}`));
      assert.ok(error.message.includes(sha(enc("weightz"))));
      return true;
    });
    await assert.rejects(verifyFile(entry, enc("weights+")), { message: /8 bytes instead of 7/ });
  });

  it("checks the manifest bytes against the content hash", async () => {
    const bytes = encodeManifest(await buildManifest([{ path: "a", bytes: enc("1") }]));
    const hash = await manifestHash(bytes);
    assert.equal((await verifyManifestBytes(bytes, hash, "x")).files.length, 1);
    await assert.rejects(verifyManifestBytes(bytes, `0x${"0".repeat(64)}`, "/models/m/arena-manifest.json"), {
      code: "model_mismatch",
      message: new RegExp(`/models/m/arena-manifest.json .*sha256 ${hash}, expected 0x0{64}`),
    });
  });
});

describe("the shipped models' committed manifests", () => {
  for (const spec of SHIPPED_MODELS) {
    it(`${spec.id}/${MANIFEST_FILE} equals the manifest of its files`, async () => {
      const folder = path.join(SHIPPED_MODELS_DIR, spec.id);
      const onDisk = new Uint8Array(await readFile(path.join(folder, MANIFEST_FILE)));
      assert.deepEqual(onDisk, encodeManifest(await manifestOfDirectory(folder)));
      assert.deepEqual(
        parseManifest(onDisk).files.map((f) => f.path),
        [
          "config.json",
          "generation_config.json",
          "onnx/model.onnx",
          "tokenizer.json",
          "tokenizer_config.json",
        ],
      );
    });
  }
});
