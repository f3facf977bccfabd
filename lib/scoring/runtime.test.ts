import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { ORT_NODE_VERSION, SCORER_VERSION, TRANSFORMERS_VERSION } from "./runtime.ts";

const version = async (path: string) =>
  (JSON.parse(await readFile(path, "utf8")) as { version: string }).version;

describe("the scorer versions a receipt names", () => {
  it("are the installed ones", async () => {
    assert.equal(SCORER_VERSION, await version("package.json"));
    assert.equal(TRANSFORMERS_VERSION, await version("node_modules/@huggingface/transformers/package.json"));
    assert.equal(ORT_NODE_VERSION, await version("node_modules/onnxruntime-node/package.json"));
  });
});
