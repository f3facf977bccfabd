import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { uploadErrorMessage } from "./messages";

describe("uploadErrorMessage", () => {
  it("explains each refusal in plain language", () => {
    assert.match(
      uploadErrorMessage(401, { error: "bad_signature" }),
      /could not verify your wallet's signature/,
    );
    assert.match(uploadErrorMessage(401, { error: "expired" }), /no longer valid/);
    assert.match(
      uploadErrorMessage(429, {
        error: "quota_exceeded",
        usedBytes: 64 * 1024 * 1024,
        quotaBytes: 64 * 1024 * 1024,
        size: 1024,
      }),
      /daily upload allowance \(64\.0 MiB of 64\.0 MiB\)/,
    );
    assert.match(
      uploadErrorMessage(413, { error: "too_large", limit: 16 * 1024 * 1024 }),
      /at most 16\.0 MiB/,
    );
    assert.match(uploadErrorMessage(422, { error: "hash_mismatch" }), /changed or was cut short/);
    assert.match(uploadErrorMessage(507, { error: "store_full" }), /full/);
    assert.equal(uploadErrorMessage(500, {}), "The blob store refused the upload: HTTP 500");
  });
});
