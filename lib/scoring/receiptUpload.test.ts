import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { UploadSigner } from "../blobs/blobClient";
import { servePageOrigin } from "../blobs/testing";
import { receiptBlobPath } from "./receipt";
import { ensureReceiptStored } from "./receiptUpload";

const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
let signatures = 0;
const signer: UploadSigner = {
  address: account.address,
  signMessage: (message) => {
    signatures++;
    return account.signMessage({ message });
  },
};
const hashOf = (bytes: Uint8Array): Hex => `0x${createHash("sha256").update(bytes).digest("hex")}`;

describe("storing a validator's receipt", () => {
  /** A real HTTP blob store, keyed by sha256 (or, when `misfile` is set, under that wrong hash). */
  const stored = new Map<string, Buffer>();
  let misfile: string | undefined;
  servePageOrigin((req, res) => {
    if (req.method === "PUT") {
      const sha256 = misfile ?? createHash("sha256").update(req.body).digest("hex");
      stored.set(`/api/blobs/${sha256}`, req.body);
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ uri: `sha256:${sha256}`, sha256, size: req.body.length }));
    }
    const blob = stored.get(req.url);
    if (blob) return void res.writeHead(200).end(blob);
    res.writeHead(404).end();
  });

  it("uploads a receipt the store does not have, signed by the wallet", async () => {
    const bytes = new TextEncoder().encode('{"receipt":1}');
    await ensureReceiptStored(bytes, hashOf(bytes), signer);
    assert.equal(signatures, 1);
    assert.deepEqual(stored.get(receiptBlobPath(hashOf(bytes))), Buffer.from(bytes));
  });

  it("asks for no signature when the store already serves the receipt", async () => {
    const bytes = new TextEncoder().encode('{"receipt":1}');
    await ensureReceiptStored(bytes, hashOf(bytes), signer);
    assert.equal(signatures, 1);
  });

  it("fails when the store files the receipt under another hash", async () => {
    const bytes = new TextEncoder().encode('{"receipt":2}');
    misfile = "ab".repeat(32);
    try {
      await assert.rejects(
        ensureReceiptStored(bytes, hashOf(bytes), signer),
        new RegExp(`stored the receipt under ${misfile}, not under its hash ${hashOf(bytes)}`),
      );
    } finally {
      misfile = undefined;
    }
  });
});
