import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { waitForBlock } from "./blocks";

describe("waitForBlock", () => {
  it("mines the missing blocks on the local chain", async () => {
    let latest = 10n;
    const mined: number[] = [];
    const got = await waitForBlock(12n, {
      blockNumber: async () => latest,
      mine: async (n) => {
        mined.push(n);
        latest += BigInt(n);
      },
    });
    assert.equal(got, 12n);
    assert.deepEqual(mined, [2]);
  });

  it("polls a live chain until the block arrives, reporting progress", async () => {
    let latest = 5n;
    const seen: bigint[] = [];
    const got = await waitForBlock(7n, {
      blockNumber: async () => latest,
      onProgress: (l) => seen.push(l),
      sleep: async () => {
        latest += 1n;
      },
    });
    assert.equal(got, 7n);
    assert.deepEqual(seen, [5n, 6n, 7n]);
  });

  it("gives up after the timeout", async () => {
    await assert.rejects(
      waitForBlock(9n, { blockNumber: async () => 1n, timeoutMs: -1, sleep: async () => undefined }),
      /did not arrive/,
    );
  });
});
