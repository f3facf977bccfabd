import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indexerHealth } from "./lag.ts";

describe("indexer health", () => {
  it("is ok at the head and within a few blocks of it", () => {
    assert.equal(indexerHealth({ configured: true, indexed: 100n, head: 100n }).kind, "ok");
    assert.equal(indexerHealth({ configured: true, indexed: 97n, head: 100n }).kind, "ok");
  });
  it("says how far behind it is", () => {
    const h = indexerHealth({ configured: true, indexed: 90n, head: 100n });
    assert.equal(h.kind, "behind");
    assert.ok(h.kind === "behind" && h.blocks === 10n);
    assert.match(h.kind === "behind" ? h.text : "", /10 blocks behind.*at block 90 of 100/);
  });
  it("says when it does not answer or is not configured, and that live reads still work", () => {
    const down = indexerHealth({ configured: true, indexed: undefined, head: 5n, error: "timeout" });
    assert.equal(down.kind, "down");
    assert.match(down.kind === "down" ? down.text : "", /does not answer \(timeout\).*keep working/);
    assert.equal(indexerHealth({ configured: false, indexed: undefined, head: 5n }).kind, "missing");
  });
  it("does not claim lag when the chain itself is unknown", () => {
    assert.equal(indexerHealth({ configured: true, indexed: 5n, head: undefined }).kind, "ok");
  });
});
