import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { callAgent } from "./agentClient";

const JOB = `0x${"12".repeat(32)}`;
const received: unknown[] = [];

/** A real HTTP agent whose answer depends on the prompt. */
function handle(req: IncomingMessage, res: ServerResponse) {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const json = JSON.parse(body) as { prompt: string; maxTokens: number };
    received.push({ url: req.url, method: req.method, json });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (json.prompt === "refuse") return send(429, { error: "busy, try later" });
    if (json.prompt === "garbage") return send(200, { text: "hi" });
    if (json.prompt === "slow") return void setTimeout(() => send(200, {}), 2_000);
    send(200, { text: `echo ${json.prompt}`, tokens: 3, ms: 12, jobId: JOB, model: "tiny" });
  });
}

describe("calling a machine's agent", () => {
  const server = createServer(handle);
  let endpoint = "";
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("posts the prompt to /infer and returns the answer with the measured round trip", async () => {
    const call = await callAgent(`${endpoint}/`, "hello", 8);
    assert.equal(call.ok, true);
    assert.ok(call.ok);
    assert.deepEqual(call.response, { text: "echo hello", tokens: 3, ms: 12, jobId: JOB, model: "tiny" });
    assert.ok(call.measuredMs >= 0);
    assert.deepEqual(received.at(-1), {
      url: "/infer",
      method: "POST",
      json: { prompt: "hello", maxTokens: 8 },
    });
  });

  it("reports a refusal with the agent's own reason", async () => {
    const call = await callAgent(endpoint, "refuse", 8);
    assert.deepEqual({ ok: call.ok, reason: !call.ok && call.reason }, { ok: false, reason: "bad-answer" });
    assert.ok(!call.ok);
    assert.equal(call.message, "refused the job: busy, try later");
  });

  it("reports an answer that is not an inference result", async () => {
    const call = await callAgent(endpoint, "garbage", 8);
    assert.ok(!call.ok);
    assert.equal(call.reason, "bad-answer");
    assert.match(call.message, /not an inference result/);
  });

  it("gives up after the timeout", async () => {
    const call = await callAgent(endpoint, "slow", 8, 600);
    assert.ok(!call.ok);
    assert.equal(call.reason, "timeout");
    assert.equal(call.message, "did not answer within 1 s");
    assert.ok(call.measuredMs >= 550);
  });

  it("says so when nothing listens at the endpoint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const call = await callAgent(`http://127.0.0.1:${port}`, "hello", 8);
    assert.ok(!call.ok);
    assert.equal(call.reason, "unreachable");
  });
});
