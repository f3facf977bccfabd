import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { txKey } from "./transactor";

const ADDRESS: Address = "0xAbCdEf0000000000000000000000000000000001";

describe("transaction keys", () => {
  it("is the explicit key when the request gives one", () => {
    assert.equal(
      txKey({ address: ADDRESS, functionName: "stake", args: [1n], key: "stake:task-3" }),
      "stake:task-3",
    );
  });

  it("names the contract (lower case), function, arguments (bigints too) and value", () => {
    assert.equal(
      txKey({ address: ADDRESS, functionName: "stake", args: [3n, "0xab", [1n, 2n]], value: 5n }),
      `${ADDRESS.toLowerCase()}.stake(["3n","0xab",["1n","2n"]])5`,
    );
  });

  it("tells apart the same call with other arguments, another value or another contract", () => {
    const base = { address: ADDRESS, functionName: "claim", args: [1n] } as const;
    const keys = new Set([
      txKey(base),
      txKey({ ...base, args: [2n] }),
      txKey({ ...base, value: 1n }),
      txKey({ ...base, address: "0x0000000000000000000000000000000000000002" }),
      txKey({ ...base, functionName: "settle" }),
    ]);
    assert.equal(keys.size, 5);
    assert.equal(txKey(base), txKey({ ...base, address: `0x${ADDRESS.slice(2).toUpperCase()}` }));
  });
});
