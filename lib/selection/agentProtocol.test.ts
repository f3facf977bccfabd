import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isInferResponse, parseInferRequest } from "./agentProtocol";

describe("machine agent protocol", () => {
  it("accepts a prompt with a default token budget", () => {
    assert.deepEqual(parseInferRequest({ prompt: "Hi" }), {
      ok: true,
      value: { prompt: "Hi", maxTokens: 32 },
    });
  });
  it("rejects bodies the agent cannot serve", () => {
    for (const body of [
      null,
      "x",
      { prompt: "" },
      { prompt: "a".repeat(2001) },
      { prompt: "a", maxTokens: 0 },
      { prompt: "a", maxTokens: 1.5 },
      { prompt: "a", maxTokens: 65 },
    ]) {
      assert.equal(parseInferRequest(body).ok, false, JSON.stringify(body));
    }
  });
  it("checks the answer's shape", () => {
    const good = { text: "x", tokens: 1, ms: 3, model: "m", jobId: `0x${"ab".repeat(32)}` };
    assert.ok(isInferResponse(good));
    assert.ok(!isInferResponse({ ...good, jobId: "0x12" }));
    assert.ok(!isInferResponse({ ...good, text: 3 }));
    assert.ok(!isInferResponse(null));
  });
});
