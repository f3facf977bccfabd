import { parseArgs } from "node:util";
import { SHIPPED_LANGUAGE_MODELS } from "../../lib/scoring/shipped-models.ts";
import { MAX_TIER } from "../../lib/selection/taskScore.ts";

export type AgentOptions = {
  port: number;
  model: string;
  /** Simulated network latency added to every answer (ms). */
  latencyMs: number;
  rpcUrl: string;
  /** Index of the node's unlocked account that operates this machine. */
  account: number;
  /** Stake in whole ARENA when registering. */
  stake: string;
  region: string;
  tier: number;
  heartbeatMs: number;
};

const USAGE = `npm run machine -- [--port 7101] [--model arena-lm-small] [--latency 40] [--account 10]
  [--stake 2000] [--region local] [--tier 1] [--rpc http://127.0.0.1:8545] [--heartbeat-ms 3000]`;

function whole(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n${USAGE}`);
  }
  return value;
}

export function parseAgentArgs(argv: readonly string[]): AgentOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", default: "7101" },
      model: { type: "string", default: "arena-lm-small" },
      latency: { type: "string", default: "0" },
      rpc: { type: "string", default: process.env.ARENA_RPC_URL ?? "http://127.0.0.1:8545" },
      account: { type: "string", default: "10" },
      stake: { type: "string", default: "2000" },
      region: { type: "string", default: "local" },
      tier: { type: "string", default: "1" },
      "heartbeat-ms": { type: "string", default: "3000" },
    },
  });
  const lms: readonly string[] = SHIPPED_LANGUAGE_MODELS;
  if (!lms.includes(values.model)) {
    throw new Error(`--model must be one of ${lms.join(", ")} (got "${values.model}")\n${USAGE}`);
  }
  return {
    port: whole("port", values.port, 1024, 65535),
    model: values.model,
    latencyMs: whole("latency", values.latency, 0, 30_000),
    rpcUrl: values.rpc,
    account: whole("account", values.account, 0, 99),
    stake: String(whole("stake", values.stake, 1, 1_000_000)),
    region: values.region,
    tier: whole("tier", values.tier, 0, MAX_TIER),
    heartbeatMs: whole("heartbeat-ms", values["heartbeat-ms"], 200, 3_600_000),
  };
}
