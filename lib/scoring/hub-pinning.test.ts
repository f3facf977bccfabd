/**
 * A pinned hub model loads its commit and dtype: a local HTTP server stands in for the hub (env.remoteHost) and
 * serves a shipped model's files only under `<owner>/<name>/resolve/<commit>/`, recording every request.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { env } from "@huggingface/transformers";
import { nodeEnvironment, shippedContentHash, SHIPPED_MODELS_DIR } from "./node-files";
import { parseModelUri } from "./modelUri";
import { Scorer } from "./scorer";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const REPO = "arena-test/tiny";
const FILES: Record<string, string> = {
  "config.json": "config.json",
  "generation_config.json": "generation_config.json",
  "tokenizer.json": "tokenizer.json",
  "tokenizer_config.json": "tokenizer_config.json",
  "arena-manifest.json": "arena-manifest.json",
  "onnx/model.onnx": "onnx/model.onnx", // fp32
  "onnx/model_quantized.onnx": "onnx/model.onnx", // what q8 asks for (the same bytes here)
};

describe("pinned hub models", () => {
  let server: Server;
  const requests: string[] = [];
  const host = env.remoteHost;
  const cacheDir = env.cacheDir;
  let tmp = "";

  before(async () => {
    server = createServer((request, response) => {
      const url = decodeURIComponent(request.url ?? "");
      requests.push(`${request.method} ${url}`);
      const prefix = `/${REPO}/resolve/${COMMIT}/`;
      const file = url.startsWith(prefix) ? FILES[url.slice(prefix.length)] : undefined;
      if (!file) {
        response.writeHead(404).end("not found");
        return;
      }
      void readFile(path.join(SHIPPED_MODELS_DIR, "arena-lm-tiny", file)).then((bytes) => {
        response.writeHead(200, { "content-length": bytes.length });
        response.end(request.method === "HEAD" ? undefined : bytes);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // transformers.js in Node keeps hub downloads in a file cache: a temporary one, never node_modules.
    tmp = await mkdtemp(path.join(tmpdir(), "arena-hub-cache-"));
    env.cacheDir = tmp;
    env.remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    env.remoteHost = host;
    env.cacheDir = cacheDir;
    await rm(tmp, { recursive: true, force: true });
    env.allowRemoteModels = false;
    await new Promise((resolve) => server.close(resolve));
  });

  const load = (uri: string, manifest?: `0x${string}`) => {
    const parsed = parseModelUri(uri, { requirePinned: true });
    assert.ok(parsed.ok, uri);
    const source = manifest ? { ...parsed.source, manifest } : parsed.source;
    return Scorer.load(source, "cpu", { ...nodeEnvironment(), hubTimeoutMs: 3000 });
  };

  it("passes the revision and the dtype to transformers.js", async () => {
    requests.length = 0;
    const scorer = await load(`${REPO}@${COMMIT}#q8`);
    await scorer.dispose();
    assert.ok(
      requests.includes(`GET /${REPO}/resolve/${COMMIT}/onnx/model_quantized.onnx`),
      requests.join("\n"),
    );
    assert.ok(
      requests.every((r) => r.includes(`/resolve/${COMMIT}/`)),
      requests.join("\n"),
    );

    requests.length = 0;
    const fp32 = await load(`${REPO}@${COMMIT}#fp32`);
    await fp32.dispose();
    assert.ok(requests.includes(`GET /${REPO}/resolve/${COMMIT}/onnx/model.onnx`), requests.join("\n"));
  });

  it("another commit is not found", async () => {
    await assert.rejects(load(`${REPO}@${"f".repeat(40)}#fp32`), { code: "model_not_found" });
  });

  it("verifies a pinned hub model against its manifest at that commit", async () => {
    requests.length = 0;
    const scorer = await load(`${REPO}@${COMMIT}#fp32`, await shippedContentHash("arena-lm-tiny"));
    await scorer.dispose();
    assert.ok(requests.includes(`GET /${REPO}/resolve/${COMMIT}/arena-manifest.json`), requests.join("\n"));
    await assert.rejects(load(`${REPO}@${COMMIT}#fp32`, `0x${"1".repeat(64)}`), { code: "model_mismatch" });
  });
});
