import { isBytes32 } from "../units";
/** The machine agent's HTTP API (scripts/machine/agent.ts), shared by the agent and the /machines page. */
export type InferRequest = { prompt: string; maxTokens: number };
export type InferResponse = {
  text: string;
  tokens: number;
  /** Time the agent spent on the job, simulated latency included. */
  ms: number;
  /** Id the agent claims the job under on chain (bytes32 hex). */
  jobId: `0x${string}`;
  model: string;
};
export type HealthResponse = { ok: true; model: string; machineId: string | null; latencyMs: number };

export const MAX_PROMPT_CHARS = 2_000;
export const MAX_INFER_TOKENS = 64;

/** Validates an /infer body; returns a message for the caller when it is wrong. */
export function parseInferRequest(
  body: unknown,
): { ok: true; value: InferRequest } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null) return { ok: false, error: "Body must be a JSON object." };
  const { prompt, maxTokens } = body as Record<string, unknown>;
  if (typeof prompt !== "string" || prompt.trim() === "")
    return { ok: false, error: "prompt must be a non-empty string." };
  if (prompt.length > MAX_PROMPT_CHARS)
    return { ok: false, error: `prompt is longer than ${MAX_PROMPT_CHARS} characters.` };
  const tokens = maxTokens ?? 32;
  if (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 1 || tokens > MAX_INFER_TOKENS) {
    return { ok: false, error: `maxTokens must be a whole number from 1 to ${MAX_INFER_TOKENS}.` };
  }
  return { ok: true, value: { prompt, maxTokens: tokens } };
}

/** Checks that an agent's answer has the shape the page relies on. */
export function isInferResponse(value: unknown): value is InferResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.text === "string" &&
    typeof v.tokens === "number" &&
    typeof v.ms === "number" &&
    typeof v.model === "string" &&
    typeof v.jobId === "string" &&
    isBytes32(v.jobId)
  );
}
