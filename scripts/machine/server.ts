import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { parseInferRequest, type InferRequest } from "../../lib/selection/agentProtocol.ts";

export type InferHandler = (request: InferRequest) => Promise<unknown>;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-allow-private-network": "true",
  "access-control-max-age": "600",
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) throw new Error("too large");
  }
  return body;
}

/**
 * The agent's HTTP API on 127.0.0.1 (CORS open, so the /machines page can call it from the browser):
 * `GET /health` and `POST /infer {prompt, maxTokens}` → `{text, tokens, ms, jobId, model}`.
 */
export function startServer(
  port: number,
  health: () => unknown,
  infer: InferHandler,
  log: (line: string) => void,
): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204, CORS);
        res.end();
      } else if (req.method === "GET" && req.url === "/health") {
        send(res, 200, health());
      } else if (req.method === "POST" && req.url === "/infer") {
        let json: unknown;
        try {
          json = JSON.parse(await readBody(req, 16_384));
        } catch {
          return send(res, 400, { error: "Body must be JSON of at most 16 KB." });
        }
        const parsed = parseInferRequest(json);
        if (!parsed.ok) return send(res, 400, { error: parsed.error });
        send(res, 200, await infer(parsed.value));
      } else {
        send(res, 404, { error: "Not found: use GET /health or POST /infer." });
      }
    } catch (error) {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { error: "The machine failed to answer." });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
