import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { createHash } from "node:crypto";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "./node-files";
import { Scorer } from "./scorer";
import { SHIPPED_MODELS } from "./shipped-models";

describe("loading errors are clear", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arena-models-"));
    await cp(path.join(SHIPPED_MODELS_DIR, "arena-lm-tiny"), path.join(dir, "no-tokenizer"), {
      recursive: true,
    });
    await rm(path.join(dir, "no-tokenizer", "tokenizer.json"));
    await cp(path.join(SHIPPED_MODELS_DIR, "arena-lm-tiny"), path.join(dir, "corrupt"), { recursive: true });
    const onnx = await readFile(path.join(dir, "corrupt", "onnx", "model.onnx"));
    await writeFile(path.join(dir, "corrupt", "onnx", "model.onnx"), onnx.subarray(0, 5000));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const load = (id: string, kind: "local" | "hub" = "local") =>
    Scorer.load({ kind, id }, "cpu", { ...nodeEnvironment(dir), hubTimeoutMs: 3000 });

  it("names the files a model folder is missing", async () => {
    await assert.rejects(load("no-tokenizer"), (error: { code?: string; details?: { files?: string[] } }) => {
      assert.equal(error.code, "missing_files");
      assert.deepEqual(error.details?.files, ["tokenizer.json"]);
      return true;
    });
  });

  it("reports a corrupt ONNX file", async () => {
    await assert.rejects(load("corrupt"), { code: "corrupt_model" });
  });

  it("reports unknown and invalid model ids", async () => {
    await assert.rejects(load("arena-lm-huge"), { code: "model_not_found" });
    await assert.rejects(load("../etc"), { code: "invalid_model_id" });
  });

  it("fails fast with 'offline' for a hub id when the hub is unreachable", async () => {
    const host = env.remoteHost;
    env.remoteHost = "http://127.0.0.1:9/"; // discard port: nothing listens, like being offline
    try {
      const started = Date.now();
      await assert.rejects(load("Xenova/gpt2", "hub"), { code: "offline" });
      assert.ok(Date.now() - started < 5000);
    } finally {
      env.remoteHost = host;
      env.allowRemoteModels = false;
    }
  });
});

describe("shipped model files", () => {
  it("match the manifest and tokenize as raw UTF-8 bytes through transformers.js", async () => {
    const manifest = JSON.parse(await readFile(path.join(SHIPPED_MODELS_DIR, "manifest.json"), "utf8")) as {
      models: { id: string; onnxSha256: string; onnxBytes: number }[];
    };
    assert.deepEqual(
      manifest.models.map((m) => m.id),
      SHIPPED_MODELS.map((m) => m.id),
    );
    for (const model of manifest.models) {
      const bytes = await readFile(path.join(SHIPPED_MODELS_DIR, model.id, "onnx", "model.onnx"));
      assert.equal(
        createHash("sha256").update(bytes).digest("hex"),
        model.onnxSha256,
        `${model.id} differs from its manifest`,
      );
      assert.ok(bytes.length < 5e6);
    }
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = `${SHIPPED_MODELS_DIR}/`;
    const tokenizer = await AutoTokenizer.from_pretrained("arena-lm-base");
    for (const text of [
      "User: Hi!\nAssistant: Hello.",
      "  spaces\t\ttabs ",
      "héllo wörld €5 😀",
      "<|endoftext|>",
    ]) {
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      if (text === "<|endoftext|>") assert.deepEqual(ids, [256]);
      else assert.deepEqual(ids, [...new TextEncoder().encode(text)]);
      assert.equal(tokenizer.decode(ids), text);
    }
  });
});
