/**
 * The blob API through its real route handlers (app/api/blobs), called with Request objects: nothing is
 * started, the store lives in a temporary directory set through ARENA_BLOB_DIR.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { GET } from "../../app/api/blobs/[hash]/route";
import { PUT } from "../../app/api/blobs/route";
import { sha256Hex } from "./store";
import { countingStream, newWallet, signedHeaders } from "./testing";

const MIB = 1024 * 1024;
const URL_ = "http://127.0.0.1/api/blobs";
const now = () => Math.floor(Date.now() / 1000);

type Json = Record<string, unknown>;

function put(headers: Record<string, string>, body: BodyInit | null): Promise<Response> {
  const init = { method: "PUT", headers, body, duplex: "half" } as RequestInit & { duplex: "half" };
  return PUT(new Request(URL_, init));
}

const get = (hash: string) => GET(new Request(`${URL_}/${hash}`), { params: Promise.resolve({ hash }) });

describe("blob routes", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "arena-blob-routes-"));
  const saved = { ...process.env };
  let n = 0;
  /** A fresh, empty store (its own directory, so its own ledger) with the given limits. */
  const useStore = (env: Record<string, string> = {}) => {
    const dir = path.join(root, String(++n));
    Object.assign(process.env, { ARENA_BLOB_DIR: dir, ...env });
    for (const key of ["ARENA_BLOB_QUOTA_BYTES", "ARENA_BLOB_TOTAL_BYTES", "ARENA_BLOB_MAX_BYTES"]) {
      if (!(key in env)) delete process.env[key];
    }
    return dir;
  };
  before(() => useStore());
  after(async () => {
    process.env = saved;
    await rm(root, { recursive: true, force: true });
  });
  const wallet = newWallet();
  const bytes = new TextEncoder().encode('{"text":"hello targets"}\n');

  it("stores a signed upload and serves it back inert (download, sandboxed, never sniffed)", async () => {
    useStore();
    const res = await put(await signedHeaders(wallet, bytes, now()), bytes);
    assert.equal(res.status, 201);
    const body = (await res.json()) as Json;
    assert.deepEqual(body, {
      uri: `sha256:${sha256Hex(bytes)}`,
      sha256: sha256Hex(bytes),
      size: bytes.length,
      stored: true,
    });
    const served = await get(sha256Hex(bytes));
    assert.equal(served.status, 200);
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), bytes);
    assert.equal(served.headers.get("content-type"), "application/octet-stream");
    assert.match(served.headers.get("content-disposition") ?? "", /^attachment/);
    assert.equal(served.headers.get("content-security-policy"), "sandbox; default-src 'none'");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
  });

  it("refuses an unsigned upload before reading any of its body", async () => {
    useStore();
    const { stream, state } = countingStream(40 * MIB);
    const res = await put({ "content-type": "application/octet-stream" }, stream);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as Json).error, "signature_required");
    assert.ok(state.pulled <= 64 * 1024, `pulled ${state.pulled}`);
  });

  it("attack: a 40 MiB body without a declared length is cut off just past the 16 MiB limit (413)", async () => {
    const dir = useStore();
    const { stream, state } = countingStream(40 * MIB);
    // The attacker signs for the largest size allowed and sends far more, with no content-length.
    const headers = await signedHeaders(wallet, bytes, now(), { sha256: "e".repeat(64), size: 16 * MIB });
    const res = await put(headers, stream);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as Json).error, "too_large");
    assert.ok(state.pulled <= 16 * MIB + 4 * 64 * 1024, `pulled ${state.pulled} of ${40 * MIB} bytes`);
    // Nothing is left behind, and nothing was charged.
    const shard = await readdir(path.join(dir, "ee")).catch(() => []);
    assert.deepEqual(shard, []);
    const again = await put(await signedHeaders(wallet, bytes, now()), bytes);
    assert.equal(again.status, 201);
  });

  it("refuses a signed size above the limit, or a declared length above the signed size, without reading", async () => {
    useStore({ ARENA_BLOB_MAX_BYTES: "1000" });
    const big = new Uint8Array(1001);
    const tooBig = await put(await signedHeaders(wallet, big, now()), big);
    assert.equal(tooBig.status, 413);
    const { stream, state } = countingStream(10_000);
    const headers = await signedHeaders(wallet, bytes, now());
    const res = await put({ ...headers, "content-length": "10000" }, stream);
    assert.equal(res.status, 413);
    assert.equal(state.pulled, 0);
  });

  it("refuses bytes that do not match the signed hash or size", async () => {
    useStore();
    const other = new TextEncoder().encode('{"text":"hello target!"}\n');
    assert.equal(other.length, bytes.length);
    const mismatch = await put(await signedHeaders(wallet, bytes, now()), other);
    assert.equal(mismatch.status, 422);
    assert.equal(((await mismatch.json()) as Json).error, "hash_mismatch");
    const { stream } = countingStream(bytes.length - 1);
    const short = await put(await signedHeaders(wallet, bytes, now()), stream);
    assert.equal(short.status, 422);
    assert.equal(((await short.json()) as Json).error, "size_mismatch");
  });

  it("refuses a bad or expired signature with its own error", async () => {
    useStore();
    const forged = await signedHeaders(wallet, bytes, now(), { address: newWallet().address });
    assert.equal(((await (await put(forged, bytes)).json()) as Json).error, "bad_signature");
    const expired = await signedHeaders(wallet, bytes, now(), { expires: now() - 10 });
    const res = await put(expired, bytes);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as Json).error, "expired");
  });

  it("attack: fill the store from one address: the daily quota stops it, re-uploads cost nothing", async () => {
    useStore({ ARENA_BLOB_QUOTA_BYTES: String(3 * 1024) });
    const blob = (i: number) => new Uint8Array(1024).fill(i);
    for (let i = 0; i < 3; i++) {
      assert.equal((await put(await signedHeaders(wallet, blob(i), now()), blob(i))).status, 201);
    }
    // Re-sending stored bytes is a no-op that costs no quota.
    const again = await put(await signedHeaders(wallet, blob(0), now()), blob(0));
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as Json).stored, false);
    const over = await put(await signedHeaders(wallet, blob(9), now()), blob(9));
    assert.equal(over.status, 429);
    const body = (await over.json()) as Json;
    assert.equal(body.error, "quota_exceeded");
    assert.equal(body.usedBytes, 3 * 1024);
    assert.equal(typeof body.retryAt, "number");
    // Another address still has its own quota.
    assert.equal((await put(await signedHeaders(newWallet(), blob(9), now()), blob(9))).status, 201);
  });

  it("attack: fill the store from many addresses: the total cap stops it (507)", async () => {
    useStore({ ARENA_BLOB_TOTAL_BYTES: String(2 * 1024) });
    const blob = (i: number) => new Uint8Array(1024).fill(i);
    for (let i = 0; i < 2; i++) {
      assert.equal((await put(await signedHeaders(newWallet(), blob(i), now()), blob(i))).status, 201);
    }
    const full = await put(await signedHeaders(newWallet(), blob(5), now()), blob(5));
    assert.equal(full.status, 507);
    assert.equal(((await full.json()) as Json).error, "store_full");
  });

  it("stores concurrent identical uploads once and charges them once", async () => {
    useStore({ ARENA_BLOB_QUOTA_BYTES: String(8 * 1024) });
    const data = new Uint8Array(1024).fill(42);
    const responses = await Promise.all(
      Array.from({ length: 6 }, async () => put(await signedHeaders(wallet, data, now()), data)),
    );
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201]);
    // 1 KiB charged, so 7 more KiB of other data fit.
    const rest = new Uint8Array(7 * 1024).fill(1);
    assert.equal((await put(await signedHeaders(wallet, rest, now()), rest)).status, 201);
  });

  it("repairs a damaged stored blob when its bytes are uploaded again", async () => {
    const dir = useStore();
    const hex = sha256Hex(bytes);
    assert.equal((await put(await signedHeaders(wallet, bytes, now()), bytes)).status, 201);
    await writeFile(path.join(dir, hex.slice(0, 2), hex), new Uint8Array(bytes.length));
    assert.equal((await get(hex)).status, 500);
    assert.equal((await put(await signedHeaders(wallet, bytes, now()), bytes)).status, 201);
    assert.deepEqual(new Uint8Array(await (await get(hex)).arrayBuffer()), bytes);
  });

  it("refuses path tricks and unknown blobs on GET", async () => {
    useStore();
    assert.equal((await get("../../etc/passwd")).status, 400);
    assert.equal((await get("f".repeat(64))).status, 404);
  });
});
