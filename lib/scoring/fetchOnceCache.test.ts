import assert from "node:assert/strict";
import { test } from "node:test";
import { fetchOnceCache, verifiedFilesCache } from "./fetchOnceCache";

function server(files: Record<string, string>) {
  const requests: string[] = [];
  const fetchFile = async (url: string) => {
    requests.push(url);
    const body = files[url];
    return body === undefined ? new Response("missing", { status: 404 }) : new Response(body);
  };
  return { requests, fetchFile };
}

test("a file looked up, then loaded, is fetched once and read whole each time", async () => {
  const s = server({ "/models/m/config.json": '{"a":1}' });
  const cache = fetchOnceCache("/models/", s.fetchFile);
  const lookup = await cache.match("/models/m/config.json");
  assert.equal(lookup?.headers.get("content-length"), "7");
  const [a, b] = await Promise.all([
    cache.match("/models/m/config.json"),
    cache.match("/models/m/config.json"),
  ]);
  assert.equal(await a?.text(), '{"a":1}');
  assert.equal(await b?.text(), '{"a":1}');
  assert.deepEqual(s.requests, ["/models/m/config.json"]);
});

test("missing files and paths outside the prefix are left to the caller; clear fetches again", async () => {
  const s = server({ "/models/m/x.json": "1" });
  const cache = fetchOnceCache("/models/", s.fetchFile);
  assert.equal(await cache.match("/models/m/generation_config.json"), undefined);
  assert.equal(await cache.match("https://huggingface.co/m/resolve/main/config.json"), undefined);
  assert.deepEqual(s.requests, ["/models/m/generation_config.json"]);
  await cache.match("/models/m/x.json");
  cache.clear();
  await cache.match("/models/m/x.json");
  assert.equal(s.requests.filter((r) => r === "/models/m/x.json").length, 2);
});

test("the verified cache answers one model's files under its local and hub keys, and nothing else", async () => {
  const files = new Map([
    ["config.json", new TextEncoder().encode('{"a":1}')],
    ["onnx/model.onnx", new Uint8Array([1, 2, 3])],
  ]);
  const cache = verifiedFilesCache("arena-verified/abc", files);
  assert.equal(await (await cache.match("/models/arena-verified/abc/config.json"))?.text(), '{"a":1}');
  const onnx = await cache.match("https://huggingface.co/arena-verified/abc/resolve/main/onnx/model.onnx");
  assert.equal(onnx?.headers.get("content-length"), "3");
  assert.deepEqual(new Uint8Array(await onnx!.arrayBuffer()), new Uint8Array([1, 2, 3]));
  // Reading a response cannot change the verified bytes.
  const again = await cache.match("/models/arena-verified/abc/onnx/model.onnx");
  new Uint8Array(await again!.arrayBuffer()).fill(0);
  assert.deepEqual(files.get("onnx/model.onnx"), new Uint8Array([1, 2, 3]));
  assert.equal(await cache.match("/models/arena-verified/abc/tokenizer.json"), undefined);
  assert.equal(await cache.match("/models/arena-verified/other/config.json"), undefined);
  assert.equal(await cache.match("/models/arena-lm-small/config.json"), undefined);
});
