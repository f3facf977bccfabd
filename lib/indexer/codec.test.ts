import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse, stringify } from "./codec.ts";

describe("indexer JSON codec", () => {
  it("keeps bigints, Maps with bigint keys, nested arrays and undefined fields", () => {
    const value = {
      id: 12345678901234567890123n,
      neg: -5n,
      m: new Map<bigint, { a: bigint[] }>([[1n, { a: [2n, 3n] }]]),
      s: "5n",
      dollar: { $n: 1 },
      u: undefined,
      list: [1, "x", null, true],
    };
    const back = parse<typeof value>(stringify(value));
    assert.equal(back.id, value.id);
    assert.equal(back.neg, -5n);
    assert.deepEqual([...back.m], [[1n, { a: [2n, 3n] }]]);
    assert.equal(back.s, "5n");
    assert.deepEqual(back.dollar, { $n: 1 }, "an object whose $n is not a string stays an object");
    assert.equal("u" in back, false);
    assert.deepEqual(back.list, [1, "x", null, true]);
  });

  it("never turns user text into a bigint or a Map", () => {
    for (const text of ["123", "5n", '{"$n":"1"}', "$map"])
      assert.equal(parse<string>(stringify(text)), text);
  });
});
