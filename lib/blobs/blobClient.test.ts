import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { UserRejectedRequestError } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { uploadBlob, type UploadSigner } from "./blobClient";
import { servePageOrigin, type StoreRequest } from "./testing";
import { UPLOAD_HEADERS } from "./uploadMessage";

const DATA = new TextEncoder().encode("some submitted data");
const DATA_SHA = createHash("sha256").update(DATA).digest("hex");
// Hardhat's first account: a real key, so signatures are real.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const signer: UploadSigner = {
  address: account.address,
  signMessage: (message) => account.signMessage({ message }),
};

describe("blob store client against a real HTTP store", () => {
  const uploads: StoreRequest[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  servePageOrigin((req, res) => {
    if (req.method === "PUT" && req.url === "/api/blobs") {
      uploads.push(req);
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      return;
    }
    if (req.url === `/api/blobs/${DATA_SHA}`) return void res.writeHead(200).end(Buffer.from(DATA));
    res.writeHead(404).end();
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
