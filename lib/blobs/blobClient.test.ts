import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { UserRejectedRequestError, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { blobUrl, fetchSubmittedData, sha256Hex, uploadBlob, type UploadSigner } from "./blobClient";
import { UPLOAD_HEADERS } from "./uploadMessage";

const DATA = new TextEncoder().encode("some submitted data");
const DATA_SHA = createHash("sha256").update(DATA).digest("hex");
// Hardhat's first account: a real key, so signatures are real.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const signer: UploadSigner = {
  address: account.address,
  signMessage: (message) => account.signMessage({ message }),
};

describe("blob hashes and URLs", () => {
  it("hashes bytes as lower-case hex sha256", async () => {
    assert.equal(
      await sha256Hex(new Uint8Array()),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    assert.equal(await sha256Hex(DATA), DATA_SHA);
  });

  it("fetches sha256: URIs from the app's blob store, ipfs:// through a gateway, anything else as given", () => {
    assert.equal(blobUrl(`sha256:${DATA_SHA}`), `/api/blobs/${DATA_SHA}`);
    assert.equal(blobUrl("ipfs://bafyabc"), "https://ipfs.io/ipfs/bafyabc");
    assert.equal(blobUrl("https://example.org/d.bin"), "https://example.org/d.bin");
  });
});

describe("blob store client against a real HTTP store", () => {
  const uploads: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "PUT" && req.url === "/api/blobs") {
        uploads.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
        return;
      }
      if (req.url === `/api/blobs/${DATA_SHA}`) return void res.writeHead(200).end(Buffer.from(DATA));
      res.writeHead(404).end();
    });
  });
  const pageFetch = globalThis.fetch;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The page fetches the store by path, from its own origin: here that origin is the server above.
    globalThis.fetch = (input, init) => pageFetch(new URL(String(input), origin), init);
  });
  after(() => {
    globalThis.fetch = pageFetch;
    server.closeAllConnections();
    server.close();
  });

  it("downloads submitted data that matches its hash on chain", async () => {
    const bytes = await fetchSubmittedData(`sha256:${DATA_SHA}`, `0x${DATA_SHA.toUpperCase()}` as Hex);
    assert.deepEqual(bytes, DATA);
  });

  it("refuses data that does not match the hash on chain, and says when it is missing", async () => {
    const other: Hex = `0x${"00".repeat(32)}`;
    await assert.rejects(fetchSubmittedData(`sha256:${DATA_SHA}`, other), /does not match the hash on chain/);
    await assert.rejects(fetchSubmittedData(`sha256:${"ff".repeat(32)}`, other), /is not available \(404\)/);
  });

  it("uploads the bytes with the wallet's signature of their hash and size", async () => {
    answer = { status: 200, body: { uri: `sha256:${DATA_SHA}`, sha256: DATA_SHA, size: DATA.length } };
    const stored = await uploadBlob(DATA, signer);
    assert.deepEqual(stored, { uri: `sha256:${DATA_SHA}`, sha256: DATA_SHA, size: DATA.length });
    const sent = uploads.at(-1)!;
    assert.deepEqual(sent.body, Buffer.from(DATA));
    assert.equal(sent.headers["x-sha256"], DATA_SHA);
    assert.equal(sent.headers[UPLOAD_HEADERS.address], account.address);
    assert.match(String(sent.headers[UPLOAD_HEADERS.signature]), /^0x[0-9a-f]{130}$/);
  });

  it("turns the store's refusal into its plain-language message", async () => {
    answer = { status: 401, body: { error: "bad_signature" } };
    await assert.rejects(uploadBlob(DATA, signer), /could not verify your wallet's signature/);
  });

  it("uploads nothing when the signature is declined in the wallet, and says the data is kept", async () => {
    const before = uploads.length;
    const declining: UploadSigner = {
      address: account.address,
      signMessage: () =>
        Promise.reject(new UserRejectedRequestError(new Error("User rejected the request."))),
    };
    await assert.rejects(uploadBlob(DATA, declining), /You declined to sign the upload/);
    const broken: UploadSigner = {
      address: account.address,
      signMessage: () => Promise.reject(new Error("locked\nmore")),
    };
    await assert.rejects(uploadBlob(DATA, broken), /^Error: Your wallet could not sign the upload: locked$/);
    assert.equal(uploads.length, before);
  });
});
