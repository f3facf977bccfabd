import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { meanMicro, parseTargetsQuery, TARGETS_PAGE_LIMIT, targetsPath } from "./targets";

describe("lib/indexer/targets", () => {
  it("writes and reads back the list's filters", () => {
    const submitter = "0x00000000000000000000000000000000000000Ab" as const;
    const path = targetsPath({ epoch: 4, submitter, limit: 20 });
    assert.equal(path, "/v1/targets?epoch=4&submitter=0x00000000000000000000000000000000000000ab&limit=20");
    const params = Object.fromEntries(new URL(path, "http://x").searchParams);
    assert.deepEqual(parseTargetsQuery(params), {
      ok: true,
      query: { epoch: 4, submitter: submitter.toLowerCase(), limit: 20 },
    });
    assert.equal(targetsPath(), "/v1/targets");
    assert.deepEqual(parseTargetsQuery({}), { ok: true, query: { limit: TARGETS_PAGE_LIMIT } });
  });

  it("refuses unbounded or malformed queries", () => {
    assert.equal(parseTargetsQuery({ limit: "0" }).ok, false);
    assert.equal(parseTargetsQuery({ limit: "100000" }).ok, false);
    assert.equal(parseTargetsQuery({ epoch: "-1" }).ok, false);
    assert.equal(parseTargetsQuery({ submitter: "0x12" }).ok, false);
  });

  it("averages micro-unit sums", () => {
    assert.equal(meanMicro(3_000_000n, 2), "1.5000");
    assert.equal(meanMicro(0n, 0), "—");
  });
});
