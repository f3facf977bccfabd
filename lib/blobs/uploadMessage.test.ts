import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BlobError } from "./errors";
import { signedHeaders, newWallet } from "./testing";
import {
  buildUploadMessage,
  checkExpiry,
  encodeUploadMessage,
  MAX_SIGNATURE_TTL_SECONDS,
  parseUploadMessage,
  UPLOAD_HEADERS,
  verifyUploadHeaders,
} from "./uploadMessage";

const HASH = "ab".repeat(32);
const NOW = 1_800_000_000;

describe("upload message", () => {
  it("builds the exact text the wallet signs and parses it back", () => {
    const text = buildUploadMessage({ sha256: HASH, size: 42, expires: NOW });
    assert.equal(text, `Arena blob upload\nsha256:${HASH}\nsize:42\nexpires:${NOW}`);
    assert.deepEqual(parseUploadMessage(text), { sha256: HASH, size: 42, expires: NOW });
  });

  it("parses nothing but that exact shape", () => {
    const good = buildUploadMessage({ sha256: HASH, size: 42, expires: NOW });
    for (const bad of [
      `${good}\n`,
      ` ${good}`,
      good.replace("size:42", "size:042"),
      good.replace("size:42", "size:-1"),
      good.replace(HASH, HASH.toUpperCase()),
      good.replace("Arena blob upload", "Arena blob uploads"),
      good.replace("\n", "\r\n"),
      `${good}\nextra:1`,
    ]) {
      assert.equal(parseUploadMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it("refuses to build a message from bad fields", () => {
    assert.throws(() => buildUploadMessage({ sha256: "xyz", size: 1, expires: NOW }), RangeError);
    assert.throws(() => buildUploadMessage({ sha256: HASH, size: 1.5, expires: NOW }), RangeError);
    assert.throws(() => buildUploadMessage({ sha256: HASH, size: 1, expires: 0 }), RangeError);
  });

  it("accepts an expiry from now up to the TTL, not past it or before now", () => {
    const claim = { sha256: HASH, size: 1 };
    checkExpiry({ ...claim, expires: NOW }, NOW);
    checkExpiry({ ...claim, expires: NOW + MAX_SIGNATURE_TTL_SECONDS }, NOW);
    assert.throws(() => checkExpiry({ ...claim, expires: NOW - 1 }, NOW), { code: "expired" });
    assert.throws(() => checkExpiry({ ...claim, expires: NOW + MAX_SIGNATURE_TTL_SECONDS + 1 }, NOW), {
      code: "expiry_too_far",
    });
  });
});

describe("verifyUploadHeaders", () => {
  const bytes = new TextEncoder().encode("hello");
  const wallet = newWallet();

  it("recovers the signer of a well-formed upload", async () => {
    const headers = new Headers(await signedHeaders(wallet, bytes, NOW));
    const verified = await verifyUploadHeaders(headers, NOW);
    assert.equal(verified.signer, wallet.address);
    assert.equal(verified.size, 5);
  });

  it("names what is missing, malformed, expired or signed by someone else", async () => {
    const expect = async (headers: Record<string, string>, code: string) => {
      await assert.rejects(verifyUploadHeaders(new Headers(headers), NOW), (e: unknown) => {
        assert.ok(e instanceof BlobError);
        assert.equal(e.code, code);
        return true;
      });
    };
    const good = await signedHeaders(wallet, bytes, NOW);
    await expect({}, "signature_required");
    await expect({ ...good, [UPLOAD_HEADERS.signature]: "0x1234" }, "bad_signature");
    await expect({ ...good, [UPLOAD_HEADERS.message]: "not base64!" }, "bad_signature");
    await expect({ ...good, [UPLOAD_HEADERS.address]: newWallet().address }, "bad_signature");
    // The signature was made for size 5: a message claiming 6 recovers another address.
    const tampered = encodeUploadMessage(
      buildUploadMessage({
        sha256: (await verifyUploadHeaders(new Headers(good), NOW)).sha256,
        size: 6,
        expires: NOW + 600,
      }),
    );
    await expect({ ...good, [UPLOAD_HEADERS.message]: tampered }, "bad_signature");
    await expect(await signedHeaders(wallet, bytes, NOW, { expires: NOW - 1 }), "expired");
    await expect(await signedHeaders(wallet, bytes, NOW, { expires: NOW + 7_200 }), "expiry_too_far");
  });
});
