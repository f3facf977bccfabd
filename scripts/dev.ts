import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appBuildHash } from "./lib/app-build.ts";
import { ROOT } from "./lib/artifacts.ts";
import { startIndexer, type Indexer } from "./lib/indexer.ts";
import { startLocalChain, type LocalChain } from "./lib/local-chain.ts";
import { bin, run, startService, stopService } from "./lib/processes.ts";
import { DEMO_ROUTES } from "./lib/routes.ts";

/**
 * `npm run dev`: compiles the contracts, starts a fresh Hardhat node on 127.0.0.1:8545, deploys everything
 * (same addresses every time), writes contracts-abi/, seeds demo data and serves the app on
 * http://localhost:3000. By default it serves a production build (made once, reused while nothing it was built
 * from changed), so every page opens fast on its first visit; `npm run dev -- --hot` runs `next dev` with hot
 * reload for people editing the code. "ready" is printed once the pages answer. Ctrl-C stops all of it. A chain
 * that dies is reported and restarted (fresh), a few times at most. Other ports: ARENA_CHAIN_PORT, PORT,
 * ARENA_MACHINE_PORT (and the next one), ARENA_INDEXER_PORT. The indexer (indexer/) starts with the chain and
 * follows it; "ready" waits for it to reach the chain's head, and it is restarted (fresh) with the chain.
 */
const CHAIN_PORT = Number(process.env.ARENA_CHAIN_PORT ?? 8545);
/** The indexer's API (Ponder): PGlite under .arena/, or Postgres when DATABASE_URL is set. */
const INDEXER_PORT = Number(process.env.ARENA_INDEXER_PORT ?? 42069);
const APP_PORT = Number(process.env.PORT ?? 3000);
/** The two demo inference machines listen on this port and the next. */
const MACHINE_PORT = Number(process.env.ARENA_MACHINE_PORT ?? 7101);
const HOT = process.argv.includes("--hot");
/** A build directory of its own, so the e2e suite's build (another RPC port) does not replace it. */
const DIST_DIR = ".next-dev";
const STAMP = path.join(ROOT, DIST_DIR, "arena-build-hash");

let chain: LocalChain | undefined;
let indexer: Indexer | undefined;
let app: ChildProcess | undefined;
let machines: ChildProcess[] = [];
let stopping = false;

/**
 * Stops everything, then exits. Ctrl-C reaches this process twice (from the terminal and relayed by tsx): a second
 * call waits for the first to finish instead of exiting at once, which would leave the indexer or chain running.
 */
let stopped: Promise<never> | undefined;
function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    stopping = true;
    console.log("\ndev: stopping…");
    if (app) await stopService(app);
    await Promise.all(machines.map((m) => stopService(m)));
    if (indexer) await indexer.stop();
    if (chain) await chain.stop();
    process.exit(code);
  })();
  return stopped;
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function publicEnv(rpcUrl: string): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[0].startsWith("NEXT_PUBLIC_") && e[1] !== undefined,
      ),
    ),
    NEXT_PUBLIC_LOCAL_RPC_URL: rpcUrl,
    NEXT_PUBLIC_INDEXER_URL: process.env.NEXT_PUBLIC_INDEXER_URL ?? `http://127.0.0.1:${INDEXER_PORT}`,
    NEXT_PUBLIC_CHAIN_IDS: process.env.NEXT_PUBLIC_CHAIN_IDS ?? "31337",
  };
}

/** Builds the app unless the last build was made from the same sources and public env. */
async function ensureBuild(env: Record<string, string>): Promise<void> {
  const hash = appBuildHash(ROOT, env);
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) {
    console.log("dev: reusing the app build (nothing changed since it was made)");
    return;
  }
  console.log("dev: building the app (only when its sources changed; a few minutes on 2 cores)…");
  const started = Date.now();
  await run(bin("next"), ["build"], {
    env: { ...process.env, ...env, ARENA_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  writeFileSync(STAMP, hash);
  console.log(`dev: app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Waits until the app serves `/`, then (unless hot) loads every route once; returns each first load's time. */
async function warm(base: string, routes: readonly string[]): Promise<string> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      if ((await fetch(base, { signal: AbortSignal.timeout(30_000) })).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`the app did not answer on ${base}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const times: string[] = [];
  for (const route of routes) {
    const t = Date.now();
    const res = await fetch(base + route, { signal: AbortSignal.timeout(120_000) });
    await res.arrayBuffer();
    times.push(`${route} ${Date.now() - t} ms${res.ok ? "" : ` (${res.status})`}`);
  }
  return times.join(", ");
}

/** Two inference machines (issue 7) with different models, stakes and simulated latencies. */
function startMachines(rpcUrl: string): ChildProcess[] {
  const [small, tiny] = [String(MACHINE_PORT), String(MACHINE_PORT + 1)];
  return [
    ["--port", small, "--model", "arena-lm-small", "--latency", "40", "--account", "10", "--stake", "5000"],
    ["--port", tiny, "--model", "arena-lm-tiny", "--latency", "150", "--account", "11", "--stake", "2000"],
  ].map((args) => startService(bin("tsx"), ["scripts/machine/agent.ts", "--rpc", rpcUrl, ...args]));
}

/** Restarts a chain that died, a few times at most; then, or if a restart fails, everything stops. */
const MAX_CHAIN_RESTARTS = 3;
let chainRestarts = 0;

function watchChain(watched: LocalChain, rpcUrl: string): void {
  watched.watch((reason, lastOutput) => {
    if (stopping) return;
    console.error(`\ndev: THE LOCAL CHAIN DIED on ${rpcUrl}: ${reason}.`);
    if (lastOutput) console.error(`dev: its last output:\n${lastOutput.replace(/^/gm, "    ")}`);
    if (chainRestarts >= MAX_CHAIN_RESTARTS) {
      console.error(
        `dev: it died ${chainRestarts + 1} times; stopping everything. Run \`npm run dev\` again.`,
      );
      void shutdown(1);
      return;
    }
    chainRestarts++;
    console.error(
      `dev: restarting it (${chainRestarts}/${MAX_CHAIN_RESTARTS}): a fresh chain, the same contract addresses, ` +
        "the demo data again; what was done on the old one is gone. Open pages recover by themselves.",
    );
    void restartChain(rpcUrl);
  });
}

/** The indexer of the chain now running, from an empty index; restarted once if it exits on its own. */
async function runIndexer(rpcUrl: string): Promise<Indexer> {
  const started = await startIndexer({
    rpcUrl,
    port: INDEXER_PORT,
    databaseUrl: process.env.DATABASE_URL,
    // Postgres keeps schemas: each fresh chain gets a new one (PGlite's folder is wiped instead).
    schema: process.env.DATABASE_URL ? `dev_${Date.now()}` : "arena",
    log: (line) => console.log(`dev: ${line}`),
  });
  started.watch((reason) => {
    if (stopping || indexer !== started) return;
    console.error(`\ndev: THE INDEXER STOPPED: ${reason}`);
    indexer = undefined;
    if (chain) {
      console.error("dev: restarting it from an empty index; pages show a banner until it has caught up.");
      void runIndexer(rpcUrl).then(
        (i) => (indexer = i),
        (error: unknown) => console.error(`dev: the indexer did not restart: ${String(error)}`),
      );
    }
  });
  return started;
}

async function restartChain(rpcUrl: string): Promise<void> {
  await Promise.all(machines.map((m) => stopService(m)));
  machines = [];
  const oldIndexer = indexer;
  indexer = undefined;
  await oldIndexer?.stop();
  await chain?.stop();
  chain = undefined;
  try {
    const restarted = await startLocalChain({ port: CHAIN_PORT, log: (line) => console.log(`dev: ${line}`) });
    if (stopping) return void (await restarted.stop());
    chain = restarted;
    watchChain(restarted, rpcUrl);
    machines = startMachines(rpcUrl);
    indexer = await runIndexer(rpcUrl);
    console.log(`dev: the chain is back on ${rpcUrl}.`);
  } catch (error) {
    console.error(
      `dev: could not restart the chain: ${error instanceof Error ? error.message : String(error)}`,
    );
    await shutdown(1);
  }
}

try {
  console.log("dev: compiling contracts…");
  await run(bin("hardhat"), ["build", "--quiet"]);
  await run(bin("tsx"), ["scripts/gen-abi.ts"]);
  const rpcUrl = `http://127.0.0.1:${CHAIN_PORT}`;
  const env = publicEnv(rpcUrl);
  // The build needs neither the chain nor the indexer: they start meanwhile.
  const [started] = await Promise.all([
    startLocalChain({ port: CHAIN_PORT, log: (line) => console.log(`dev: ${line}`) }).then(async (c) => {
      chain = c;
      watchChain(c, rpcUrl);
      machines = startMachines(rpcUrl);
      indexer = await runIndexer(rpcUrl);
      return c;
    }),
    HOT ? Promise.resolve() : ensureBuild(env),
  ]);
  chain = started;
  console.log(
    `dev: starting the app on http://localhost:${APP_PORT}${HOT ? " (next dev, hot reload)" : ""} …`,
  );
  const nextArgs = HOT
    ? ["dev", "--hostname", "127.0.0.1", "--port", String(APP_PORT)]
    : ["start", "--hostname", "127.0.0.1", "--port", String(APP_PORT)];
  app = startService(bin("next"), nextArgs, {
    env: {
      ...process.env,
      ...env,
      ...(HOT ? {} : { ARENA_DIST_DIR: DIST_DIR }),
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
  const firstLoads = await warm(`http://127.0.0.1:${APP_PORT}`, HOT ? [] : DEMO_ROUTES);
  if (firstLoads) console.log(`dev: first loads: ${firstLoads}`);
  console.log(
    `dev: ready. Open http://localhost:${APP_PORT} and connect the "Dev wallet". Ctrl-C stops everything.`,
  );
} catch (error) {
  console.error(`dev: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
