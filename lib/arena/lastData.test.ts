import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UseQueryResult } from "@tanstack/react-query";
import { keepLastData } from "./lastData";

const query = (data: number | undefined, error: Error | null) =>
  ({
    data,
    error,
    isLoading: false,
    status: error ? "error" : "success",
  }) as unknown as UseQueryResult<number>;

describe("queries that keep their last data", () => {
  it("shows the error when there never was data", () => {
    const failed = new Error("indexer down");
    const q = keepLastData(query(undefined, failed));
    assert.equal(q.error, failed);
    assert.equal(q.refreshError, null);
  });

  it("keeps the data through a failed refetch and says why it failed", () => {
    const failed = new Error("timeout");
    const q = keepLastData(query(42, failed));
    assert.equal(q.data, 42);
    assert.equal(q.error, null);
    assert.equal(q.refreshError, failed);
  });

  it("has no error of either kind when all is well", () => {
    const q = keepLastData(query(1, null));
    assert.deepEqual([q.data, q.error, q.refreshError], [1, null, null]);
  });
});
