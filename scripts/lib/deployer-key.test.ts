import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePrivateKey } from "./deployer-key.ts";

const KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

describe("parsePrivateKey", () => {
  it("accepts 32 bytes of hex, with or without 0x and surrounding whitespace", () => {
    assert.equal(parsePrivateKey(`0x${KEY}`), `0x${KEY}`);
    assert.equal(parsePrivateKey(` ${KEY.toUpperCase()}\n`), `0x${KEY}`);
  });

  it("explains each way a key can be wrong, without echoing it", () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /DEPLOYER_PRIVATE_KEY is not set/],
      ["  ", /is not set/],
      ["0x12", /32 bytes, 64 hex digits; this one has 2 digits\.$/],
      ["0x5FbDB2315678afecb367f032d93F642f64180aa3", /has 40 digits\. It looks like an address, not a key\./],
      [`0x${KEY.slice(0, 63)}z`, /must be hexadecimal/],
      [`0x${"0".repeat(64)}`, /not a valid secp256k1 private key/],
      [`0x${"f".repeat(64)}`, /not a valid secp256k1 private key/],
    ];
    for (const [value, expected] of cases) {
      assert.throws(
        () => parsePrivateKey(value),
        (error: Error) => {
          assert.match(error.message, expected);
          if (value && value.trim().length > 8) assert.ok(!error.message.includes(value.trim().slice(2)));
          return true;
        },
      );
    }
  });
});
