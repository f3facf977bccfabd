import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { sampleSetSha256 } from "../arena/testing/sampleSets";
import { evalSetFetchUrl, fetchEvalSetBytes, fetchVerifiedEvalSet } from "./evalSet";
import { sha256Hex } from "./manifest";

const SAMPLES = new URL("../../public/models/samples/", import.meta.url);
const chat = readFileSync(new URL("chat.jsonl", SAMPLES));

/** A real HTTP server: /chat.jsonl as shipped, /tampered/chat.jsonl with one byte changed, anything else 404. */
let server: Server;
let base: string;
before(async () => {
  const tampered = Buffer.from(chat);
  tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 1;
  server = createServer((req, res) => {
    const body = req.url === "/chat.jsonl" ? chat : req.url === "/tampered/chat.jsonl" ? tampered : undefined;
    res.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

describe("fetchVerifiedEvalSet", () => {
  it("parses the set when its bytes hash to the task's sha256", async () => {
    const dataset = await fetchVerifiedEvalSet(`${base}/chat.jsonl`, sampleSetSha256("chat.jsonl"));
    assert.equal(dataset.format, "chat");
    assert.ok(dataset.examples.length > 0);
  });

  it("refuses a set whose bytes changed, naming the expected and the actual hash", async () => {
    const expected = sampleSetSha256("chat.jsonl");
    const url = `${base}/tampered/chat.jsonl`;
    const actual = (await fetchEvalSetBytes(url)).sha256;
    assert.notEqual(actual, expected);
    await assert.rejects(fetchVerifiedEvalSet(url, expected), (error: Error & { code?: string }) => {
      assert.equal(error.code, "eval_set_mismatch");
      assert.ok(error.message.includes(expected), "names the on-chain hash");
      assert.ok(error.message.includes(actual), "names the hash of what was served");
      return true;
    });
  });

  it("compares hashes case-insensitively", async () => {
    const upper = sampleSetSha256("chat.jsonl").toUpperCase().replace("0X", "0x") as `0x${string}`;
    await fetchVerifiedEvalSet(`${base}/chat.jsonl`, upper);
  });

  it("says the set is unavailable when it cannot be fetched", async () => {
    await assert.rejects(fetchVerifiedEvalSet(`${base}/missing.jsonl`, sampleSetSha256("chat.jsonl")), {
      code: "eval_set_unavailable",
      message: /HTTP 404/,
    });
    await assert.rejects(fetchEvalSetBytes("http://127.0.0.1:1/x.jsonl"), { code: "eval_set_unavailable" });
  });
});

describe("sha256Hex and evalSetFetchUrl", () => {
  it("hashes like sha256sum", async () => {
    assert.equal(await sha256Hex(new Uint8Array(chat)), sampleSetSha256("chat.jsonl"));
    assert.equal(
      await sha256Hex(new TextEncoder().encode("abc")),
      "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("resolves blob-store and ipfs URIs", () => {
    const hex = "ab".repeat(32);
    assert.equal(evalSetFetchUrl(`sha256:${hex}`), `/api/blobs/${hex}`);
    assert.equal(evalSetFetchUrl("ipfs://bafy/x.csv"), "https://ipfs.io/ipfs/bafy/x.csv");
    assert.equal(evalSetFetchUrl("/models/samples/chat.jsonl"), "/models/samples/chat.jsonl");
  });
});
