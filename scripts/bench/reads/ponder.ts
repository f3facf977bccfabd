import { headBlock, indexedBlockAt, spawnPonder } from "../../lib/indexer.ts";
import { stopService } from "../../lib/processes.ts";

/**
 * Ponder for the p95 part of the reads benchmark, on an index it must not wipe (scripts/lib/indexer.ts starts
 * from an empty PGlite folder every time): `ponder start` on an existing PGlite folder or Postgres schema (it
 * resumes where it stopped), or `ponder serve` (the API alone, as a read replica, Postgres only).
 */

export type PonderOptions = {
  command: "start" | "serve";
  rpcUrl: string;
  port: number;
  schema: string;
  databaseUrl?: string;
  pgliteDir?: string;
  timeoutMs?: number;
};

export type Ponder = { url: string; stop: () => Promise<void> };

export async function startPonder(options: PonderOptions): Promise<Ponder> {
  const { command, rpcUrl, port, schema, timeoutMs = 300_000 } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_RPC_URL: rpcUrl,
    ARENA_CHAIN_ID: "31337",
    PONDER_TELEMETRY_DISABLED: "true",
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.pgliteDir) env.PONDER_PGLITE_DIR = options.pgliteDir;
  const { child, output } = spawnPonder({
    command,
    port,
    schema,
    env,
    logName: `bench-reads-ponder-${command}-${port}`,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopService(child);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (child.exitCode !== null)
        throw new Error(`ponder ${command} exited (${child.exitCode}):\n${output()}`);
      if (Date.now() > deadline)
        throw new Error(`ponder ${command} was not ready in ${timeoutMs} ms:\n${output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // `start` on an existing index first reverts what is not final yet (Ponder's crash recovery) and indexes it
    // again: wait until it is back at the chain's head.
    if (command === "start") {
      const head = await headBlock(rpcUrl);
      for (;;) {
        const at = await indexedBlockAt(url);
        if (at !== undefined && at >= head) break;
        if (child.exitCode !== null) throw new Error(`ponder start exited (${child.exitCode}):\n${output()}`);
        if (Date.now() > deadline)
          throw new Error(`ponder start is at block ${at}, not ${head}:\n${output()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
