import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sameAddress } from "./address";

describe("sameAddress", () => {
  it("compares addresses whatever their case", () => {
    const checksummed = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    assert.ok(sameAddress(checksummed, checksummed.toLowerCase()));
    assert.ok(sameAddress(checksummed.toLowerCase(), checksummed));
    assert.ok(!sameAddress(checksummed, "0x70997970c51812dc3a010c7d01b50e0d17dc79c9"));
  });
});
