import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ByteLimit, consumeLimited } from "./streaming";
import { countingStream } from "./testing";

const MIB = 1024 * 1024;

describe("streaming limit", () => {
  it("counts bytes and throws on the first chunk past the limit", () => {
    const limit = new ByteLimit(10);
    limit.add(6);
    limit.add(4);
    assert.throws(() => limit.add(1), { code: "too_large" });
  });

  it("stops reading a 40 MiB body right after it passes 16 MiB", async () => {
    const { stream, state } = countingStream(40 * MIB);
    let sunk = 0;
    await assert.rejects(
      consumeLimited(stream, 16 * MIB, async (chunk) => {
        sunk += chunk.byteLength;
      }),
      { code: "too_large" },
    );
    assert.ok(state.pulled <= 16 * MIB + 2 * 64 * 1024, `pulled ${state.pulled} bytes`);
    assert.ok(sunk <= 16 * MIB, "nothing past the limit reaches the sink");
  });

  it("hashes what it read", async () => {
    const { stream } = countingStream(3, 1, 0x61);
    const result = await consumeLimited(stream, 3, async () => {});
    assert.deepEqual(result, {
      size: 3,
      sha256: "9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0",
    });
  });
});
