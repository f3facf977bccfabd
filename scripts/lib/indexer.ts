import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./artifacts.ts";
import { startService, stopService } from "./processes.ts";

/**
 * Starts and stops the Ponder indexer (indexer/) for a local chain: `npm run dev`, the e2e suite and the
 * benchmarks use it. Storage is the embedded PGlite in a folder of its own (wiped first: a local chain starts
 * fresh every time, and Ponder refuses an index of another chain's blocks) unless `databaseUrl` points at
 * Postgres. "Ready" means the indexer has reached the chain's head block, not Ponder's /ready (which only
 * waits for the part it deems final, 30 blocks below the head).
 */

export type Indexer = {
  url: string;
  /** The latest block the indexer has processed. */
  indexedBlock: () => Promise<number | undefined>;
  /** Resolves once the indexer has processed `block` (or the chain head when omitted). */
  waitForBlock: (block?: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
  /** Calls `onExit` once if the indexer exits on its own, with its last lines of output. */
  watch: (onExit: (reason: string) => void) => void;
};

export type IndexerOptions = {
  rpcUrl: string;
  port: number;
  /** PGlite folder (default .arena/indexer-<port>); ignored when `databaseUrl` is set. */
  directory?: string;
  databaseUrl?: string;
  /** The database schema Ponder writes to (default "arena"). */
  schema?: string;
  /** Reorgs deeper than this are handled on the local chain (the e2e suite reverts to snapshots). */
  finalityBlocks?: number;
  log?: (line: string) => void;
  readyTimeoutMs?: number;
};

type Status = Record<string, { id: number; block: { number: number; timestamp: number } | null }>;

export async function headBlock(rpcUrl: string): Promise<number> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    signal: AbortSignal.timeout(2000),
  });
  const body = (await res.json()) as { result: string };
  return Number(BigInt(body.result));
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The latest block the indexer at `url` has processed (its /status), or undefined if it does not answer. */
export async function indexedBlockAt(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return undefined;
    const status = (await res.json()) as Status;
    return Object.values(status)[0]?.block?.number;
  } catch {
    return undefined;
  }
}

/**
 * `ponder <command>` on indexer/ in a process group of its own, with the finality hook loaded (it changes
 * nothing unless ARENA_INDEXER_FINALITY_BLOCKS is set). Its whole log goes to .arena/<logName>.log; `output()`
 * is its last lines, for errors.
 */
export function spawnPonder(o: {
  command: "start" | "serve";
  port: number;
  schema: string;
  env: NodeJS.ProcessEnv;
  logName: string;
}): { child: ChildProcess; output: () => string } {
  const child = startService(
    process.execPath,
    [
      "--import",
      path.join(ROOT, "scripts", "lib", "ponder-finality.mjs"),
      path.join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js"),
      "--root",
      path.join(ROOT, "indexer"),
      "--log-format",
      "json",
      "--log-level",
      process.env.ARENA_INDEXER_LOG_LEVEL ?? "warn",
      o.command,
      "--schema",
      o.schema,
      "--hostname",
      "127.0.0.1",
      "--port",
      String(o.port),
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: o.env },
  );
  mkdirSync(path.join(ROOT, ".arena"), { recursive: true });
  const logFile = createWriteStream(path.join(ROOT, ".arena", `${o.logName}.log`));
  let output = "";
  const keep = (chunk: Buffer) => {
    logFile.write(chunk);
    output = (output + chunk.toString()).slice(-6000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  const { rpcUrl, port, log = () => {}, readyTimeoutMs = 180_000 } = options;
  const url = `http://127.0.0.1:${port}`;
  // Ponder moves to another port when its own is taken, and would then never answer here: refuse at once.
  if (await answers(`${url}/status`))
    throw new Error(
      `Something already answers on ${url}. Stop it (another \`npm run dev\` or test run?) and retry.`,
    );
  const directory = options.directory ?? path.join(ROOT, ".arena", `indexer-${port}`);
  if (!options.databaseUrl) rmSync(directory, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_RPC_URL: rpcUrl,
    ARENA_CHAIN_ID: "31337",
    PONDER_PGLITE_DIR: directory,
    PONDER_TELEMETRY_DISABLED: "true",
    ARENA_INDEXER_FINALITY_BLOCKS: String(options.finalityBlocks ?? 0),
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const { child, output: lastOutput } = spawnPonder({
    command: "start",
    port,
    schema: options.schema ?? "arena",
    env,
    logName: `indexer-${port}`,
  });
  const indexedBlock = () => indexedBlockAt(url);
  const waitForBlock = async (block?: number, timeoutMs = 30_000): Promise<void> => {
    const target = block ?? (await headBlock(rpcUrl));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = await indexedBlock();
      if (at !== undefined && at >= target) return;
      if (child.exitCode !== null)
        throw new Error(`The indexer exited (${child.exitCode}):\n${lastOutput()}`);
      if (Date.now() > deadline)
        throw new Error(
          `The indexer is at block ${at ?? "none"}, not ${target}, after ${timeoutMs} ms:\n${lastOutput()}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = () => stopService(child);
  try {
    const started = Date.now();
    await waitForBlock(undefined, readyTimeoutMs);
    log(
      `indexer: ${url} at the chain head (block ${await indexedBlock()}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    indexedBlock,
    waitForBlock,
    stop,
    watch: (onExit) =>
      child.once("exit", (code, signal) =>
        onExit(`the indexer exited (${signal ?? code}):\n${lastOutput().slice(-2000)}`),
      ),
  };
}
