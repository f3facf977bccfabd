import { isInferResponse, type InferResponse } from "@/lib/selection/agentProtocol";
import { connectRefusal } from "@/lib/security/appConnect";

export type AgentCall =
  | { ok: true; response: InferResponse; measuredMs: number }
  | { ok: false; reason: "unreachable" | "timeout" | "bad-answer"; message: string; measuredMs: number };

export const AGENT_TIMEOUT_MS = 15_000;

/** Calls a machine's POST /infer from the browser and times the round trip; never throws. */
export async function callAgent(
  endpoint: string,
  prompt: string,
  maxTokens: number,
  timeoutMs = AGENT_TIMEOUT_MS,
): Promise<AgentCall> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = `${endpoint.replace(/\/$/, "")}/infer`;
  const refused = connectRefusal(url);
  if (refused)
    return {
      ok: false,
      reason: "unreachable",
      message: `cannot be called from this app. ${refused}`,
      measuredMs: 0,
    };
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt, maxTokens }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timeout = error instanceof DOMException && error.name === "TimeoutError";
    return {
      ok: false,
      reason: timeout ? "timeout" : "unreachable",
      message: timeout
        ? `did not answer within ${Math.round(timeoutMs / 1000)} s`
        : "is unreachable (nothing answers at its endpoint)",
      measuredMs: elapsed(),
    };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const measuredMs = elapsed();
  if (!res.ok) {
    const detail =
      typeof body === "object" && body && "error" in body ? String(body.error) : `HTTP ${res.status}`;
    return { ok: false, reason: "bad-answer", message: `refused the job: ${detail}`, measuredMs };
  }
  if (!isInferResponse(body)) {
    return {
      ok: false,
      reason: "bad-answer",
      message: "answered with something that is not an inference result",
      measuredMs,
    };
  }
  return { ok: true, response: body, measuredMs };
}
