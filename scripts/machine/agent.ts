import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Hex } from "viem";
import { nodeEnvironment } from "../../lib/scoring/node-files.ts";
import { Scorer } from "../../lib/scoring/scorer.ts";
import { generateGreedy } from "../../lib/scoring/tasks.ts";
import type { HealthResponse, InferResponse } from "../../lib/selection/agentProtocol.ts";
import { WAD } from "../../lib/units.ts";
import { parseAgentArgs } from "./args.ts";
import { connectMachine, type MachineChain } from "./onchain.ts";
import { startServer } from "./server.ts";

/**
 * `npm run machine -- --port 7101 --model arena-lm-small --latency 40`: an inference machine on this computer.
 * Loads a shipped model with onnxruntime-node, serves it on 127.0.0.1, registers on the local chain with a stake
 * from one of the node's accounts, heartbeats every slot and claims the jobs it serves.
 */
const options = parseAgentArgs(process.argv.slice(2));
const endpoint = `http://127.0.0.1:${options.port}`;
const log = (line: string) => console.log(`[machine ${options.port}] ${line}`);

const scorer = await Scorer.load({ kind: "local", id: options.model }, "cpu", nodeEnvironment());
log(
  `loaded ${options.model} (${scorer.info.loadMs.toFixed(0)} ms, warm-up ${scorer.info.warmupMs.toFixed(0)} ms)`,
);

/** Set once the machine is registered; the server answers (and counts jobs) before that too. */
const onchain: { machine?: MachineChain } = {};
let jobs: Promise<unknown> = Promise.resolve();

const server = await startServer(
  options.port,
  (): HealthResponse => ({
    ok: true,
    model: options.model,
    machineId: onchain.machine ? String(onchain.machine.machineId) : null,
    latencyMs: options.latencyMs,
  }),
  async ({ prompt, maxTokens }): Promise<InferResponse> => {
    const started = performance.now();
    // One generation at a time: the model session is not shared between concurrent runs.
    const run = jobs.then(() => generateGreedy(scorer, `User: ${prompt.trim()}\nAssistant: `, maxTokens));
    jobs = run.catch(() => undefined);
    const text = (await run).trim();
    await sleep(options.latencyMs);
    const jobId = `0x${randomBytes(32).toString("hex")}` as Hex;
    const ms = Math.round(performance.now() - started);
    onchain.machine?.claimJob(jobId, WAD).catch((error: unknown) => log(`claim failed: ${String(error)}`));
    return { text, tokens: scorer.encodeText(text).length, ms, jobId, model: options.model };
  },
  log,
);
log(`serving ${endpoint} (simulated latency ${options.latencyMs} ms)`);

const machine = await connectMachine({ ...options, endpoint, log });
onchain.machine = machine;
log(`machine #${machine.machineId} operated by ${machine.operator}`);

const beat = async () => {
  try {
    const result = await machine.heartbeatIfDue();
    if (result === "sent") log("heartbeat");
    if (result === "inactive") log("machine is inactive (no stake): not heartbeating");
  } catch (error) {
    log(`heartbeat failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
};
const timer = setInterval(() => void beat(), options.heartbeatMs);

const stop = () => {
  clearInterval(timer);
  server.close();
  void scorer.dispose().finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
