import type { ChildProcess } from "node:child_process";
import { startLocalChain, type LocalChain } from "./lib/local-chain.ts";
import { bin, run, startService, stopService } from "./lib/processes.ts";

/**
 * `npm run dev`: compiles the contracts, starts a fresh Hardhat node on 127.0.0.1:8545, deploys everything
 * (same addresses every time), writes contracts-abi/, seeds demo data and starts Next.js on
 * http://localhost:3000. Ctrl-C stops all of it.
 */
const CHAIN_PORT = Number(process.env.ARENA_CHAIN_PORT ?? 8545);
const APP_PORT = Number(process.env.PORT ?? 3000);

let chain: LocalChain | undefined;
let app: ChildProcess | undefined;
let machines: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\ndev: stopping…");
    if (app) await stopService(app);
    await Promise.all(machines.map((m) => stopService(m)));
    if (chain) await chain.stop();
  }
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  console.log("dev: compiling contracts…");
  await run(bin("hardhat"), ["build", "--quiet"]);
  chain = await startLocalChain({ port: CHAIN_PORT, log: (line) => console.log(`dev: ${line}`) });
  const rpcUrl = chain.rpcUrl;
  // Two inference machines (issue 7) with different models, stakes and simulated latencies.
  machines = [
    ["--port", "7101", "--model", "arena-lm-small", "--latency", "40", "--account", "10", "--stake", "5000"],
    ["--port", "7102", "--model", "arena-lm-tiny", "--latency", "150", "--account", "11", "--stake", "2000"],
  ].map((args) => startService(bin("tsx"), ["scripts/machine/agent.ts", "--rpc", rpcUrl, ...args]));
  console.log(`dev: starting the app on http://localhost:${APP_PORT} …`);
  app = startService(bin("next"), ["dev", "--hostname", "127.0.0.1", "--port", String(APP_PORT)], {
    env: {
      ...process.env,
      NEXT_PUBLIC_LOCAL_RPC_URL: chain.rpcUrl,
      NEXT_PUBLIC_CHAIN_IDS: process.env.NEXT_PUBLIC_CHAIN_IDS ?? "31337",
      // Nothing leaves the machine while the app runs, Next.js's usage telemetry included.
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  app.once("exit", (code) => {
    if (!stopping) {
      console.error(`dev: Next.js exited (${code}); stopping the chain.`);
      void shutdown(code ?? 1);
    }
  });
  console.log(
    `dev: ready. Open http://localhost:${APP_PORT} and connect the "Dev wallet". Ctrl-C stops everything.`,
  );
} catch (error) {
  console.error(`dev: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
