import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { appBuildHash } from "./lib/app-build.ts";
import { ROOT } from "./lib/artifacts.ts";
import { startIndexer } from "./lib/indexer.ts";
import { startLocalChain } from "./lib/local-chain.ts";
import { startPostgres } from "./lib/postgres.ts";
import { bin, run, startService, stopService } from "./lib/processes.ts";
import { launchBrowser, measureRoute, type Load, type Route } from "./bench/reads/browser.ts";
import { buildHistory, sizeLabel, type History, type Size } from "./bench/reads/history.ts";
import { latencyOf, type Latency } from "./bench/reads/p95.ts";
import { startPonder } from "./bench/reads/ponder.ts";
import { replicate, rowCount, type Sql } from "./bench/reads/synthetic.ts";

/**
 * `npm run bench:reads`: what a page view costs in reads once history comes from the indexer (issue 12).
 * For each size (n nodes × m validators × k validators per submission × scored and settled epochs) it builds
 * that history through the contracts on a fresh Hardhat node, starts the indexer (PGlite, as `npm run dev`)
 * and prints its catch-up time, serves the built app (`next start`) and loads `/tasks/[id]`, `/leaderboard`,
 * `/rewards` (connected as node 0 of the task, an address with history) and `/` in Chromium, printing one line
 * per size and route: requests and response kB to the RPC and the indexer until the page shows its data, and
 * the ms until then. Then, on an index of ≥ 10^6 events (the large history copied in SQL, see
 * bench/reads/synthetic.ts), the p95 latency of the indexer URLs those pages fetched, on PGlite (`ponder
 * start`) and on Postgres (`ponder serve`, a read replica). Goals are printed beside each figure; the exit code
 * is 0 either way (a report, not a test). Result lines go to stdout, progress to stderr.
 *
 *   BENCH_READS_SIZES=16x32x4x2 npm run bench:reads -- --no-p95
 *   BENCH_READS_EVENTS=20000 npm run bench:reads      (a smaller synthetic index, for a quick try)
 *   ports: BENCH_READS_RPC_PORT (8631), BENCH_READS_APP_PORT (3231), BENCH_READS_INDEXER_PORT (42231)
 */
const RPC_PORT = Number(process.env.BENCH_READS_RPC_PORT ?? 8631);
const APP_PORT = Number(process.env.BENCH_READS_APP_PORT ?? 3231);
const INDEXER_PORT = Number(process.env.BENCH_READS_INDEXER_PORT ?? 42231);
const RPC_URL = `http://127.0.0.1:${RPC_PORT}`;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
const DIST_DIR = ".next-bench-reads";
const EVENTS = Number(process.env.BENCH_READS_EVENTS ?? 1_000_000);
const GOAL = { requests: 5, kB: 50, ms: 1000, p95: 100 };
const SIZES: Size[] = (process.env.BENCH_READS_SIZES ?? "16x32x4x2,128x512x8x4").split(",").map((s) => {
  const [n, m, k, epochs] = s.split("x").map(Number);
  if (![n, m, k, epochs].every((x) => Number.isInteger(x) && x! > 0))
    throw new Error(`bad size "${s}" (want NxMxKxE)`);
  return { n: n!, m: m!, k: k!, epochs: epochs! };
});
const P95 = !process.argv.includes("--no-p95");

const ROUTES = (taskId: bigint): Route[] => [
  {
    name: "/tasks/[id]",
    path: `/tasks/${taskId}`,
    connected: false,
    waitsFor: "the participants table has a row",
    ready: () => document.querySelectorAll('[data-testid="participants"] tbody tr').length > 0,
  },
  {
    name: "/leaderboard",
    path: "/leaderboard",
    connected: false,
    waitsFor: "the node leaderboard has a ranked row",
    ready: () => {
      const table = document.querySelector('[data-testid="node-leaderboard"]');
      return (
        !!table &&
        table.querySelectorAll("tbody tr").length > 0 &&
        !/No settled epoch/.test(table.textContent ?? "")
      );
    },
  },
  {
    name: "/rewards",
    path: "/rewards",
    connected: true,
    waitsFor: "earnings by source show a non-zero amount",
    ready: () =>
      /[1-9]/.test(document.querySelector('[data-testid="earnings-by-source"]')?.textContent ?? ""),
  },
  {
    name: "/",
    path: "/",
    connected: false,
    waitsFor: "total stake is non-zero",
    ready: () => /[1-9]/.test(document.querySelector('[data-testid="total-stake"]')?.textContent ?? ""),
  },
];

const progress = (line: string) => console.error(`bench:reads: ${line}`);
const out = (line: string) => console.log(line);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

/** Everything started and not yet stopped, stopped in reverse order on exit, failure or Ctrl-C. */
const running: { name: string; stop: () => Promise<void> }[] = [];
async function started<T extends { stop: () => Promise<void> }>(name: string, thing: Promise<T>): Promise<T> {
  const t = await thing;
  if (stopping) {
    await t.stop();
    throw new Error(`stopped while ${name} was starting`);
  }
  running.push({ name, stop: () => t.stop() });
  return t;
}
async function stop(name: string): Promise<void> {
  const i = running.findIndex((r) => r.name === name);
  if (i < 0) return;
  const [r] = running.splice(i, 1);
  await r!.stop();
}
/** One shutdown, however many callers (Ctrl-C while a failure is being cleaned up): each waits for all of it. */
let stopping: Promise<void> | undefined;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (let r = running.pop(); r; r = running.pop()) await r.stop().catch(() => undefined);
  })();
  return stopping;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping everything…`);
    // A moment more for whatever was starting (it stops itself in `started`), then out.
    void stopAll().then(() => setTimeout(() => process.exit(130), 3000));
  });

const phases: string[] = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const result = await work();
  phases.push(`${name}: ${secs(Date.now() - t)}`);
  progress(`${name}: ${secs(Date.now() - t)}`);
  return result;
}

/** The app built for these ports, in a folder of its own; reused while nothing it was made from changed. */
async function buildApp(): Promise<boolean> {
  const env = {
    NEXT_PUBLIC_LOCAL_RPC_URL: RPC_URL,
    NEXT_PUBLIC_INDEXER_URL: INDEXER_URL,
    NEXT_PUBLIC_CHAIN_IDS: "31337",
  };
  const stamp = path.join(ROOT, DIST_DIR, "arena-build-hash");
  const hash = appBuildHash(ROOT, env);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
    progress("reusing the app build");
    return false;
  }
  await run(bin("next"), ["build"], {
    env: { ...process.env, ...env, ARENA_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  mkdirSync(path.dirname(stamp), { recursive: true });
  // Hashed again after the build: `next build` adds this distDir's types to tsconfig.json's includes.
  writeFileSync(stamp, appBuildHash(ROOT, env));
  return true;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function startApp(): Promise<{ stop: () => Promise<void> }> {
  if (await answers(APP_URL))
    throw new Error(
      `Something already answers on ${APP_URL}: stop it (or set BENCH_READS_APP_PORT) and retry.`,
    );
  const child = startService(bin("next"), ["start", "--hostname", "127.0.0.1", "--port", String(APP_PORT)], {
    stdio: "ignore",
    env: { ...process.env, ARENA_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(APP_URL, { signal: AbortSignal.timeout(30_000) })).ok && child.exitCode === null)
        break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopService(child);
      throw new Error(`the app did not answer on ${APP_URL}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { stop: () => stopService(child) };
}

function printLoad(size: Size, route: Route, load: Load): void {
  const kB = load.bytes / 1024;
  const ok = load.requests <= GOAL.requests && kB <= GOAL.kB && load.ms <= GOAL.ms;
  out(
    `reads size=${sizeLabel(size)} route=${route.name} requests=${load.requests} kB=${kB.toFixed(1)} ms=${load.ms}` +
      `  goal: requests<=${GOAL.requests} kB<=${GOAL.kB} ms<=${GOAL.ms} ${verdict(ok)}`,
  );
  const calls = Object.entries(load.rpcCalls)
    .map(([m, n]) => `${m}×${n}`)
    .join(", ");
  progress(
    `  ${route.name} (${route.waitsFor}): RPC ${load.rpcRequests} request(s), ${(load.rpcBytes / 1024).toFixed(1)} kB [${calls || "none"}], indexer ${load.indexerPaths.length}, ${((load.bytes - load.rpcBytes) / 1024).toFixed(1)} kB [${load.indexerPaths.join(", ") || "none"}]; ` +
      `after the network went quiet: ${load.settled.requests} requests, ${(load.settled.bytes / 1024).toFixed(1)} kB`,
  );
}

let buildWaited = false;

type Measured = { size: Size; history: History; loads: Map<string, Load> };

async function measureSize(
  size: Size,
  build: Promise<void>,
  browser: () => Promise<Browser>,
): Promise<Measured> {
  const label = sizeLabel(size);
  const chain = await started("chain", startLocalChain({ port: RPC_PORT, seed: false }));
  const c = chain.deployment.contracts;
  const history = await phase(`${label}: history built on the chain`, () =>
    buildHistory(
      RPC_URL,
      { ArenaTasks: c.ArenaTasks!.address, ArenaToken: c.ArenaToken!.address },
      size,
      progress,
    ),
  );
  progress(
    `${label}: ${history.transactions} transactions in ${history.blocks} blocks, ${history.logs} ArenaTasks logs`,
  );
  // The build first: the catch-up is timed on a machine that does nothing else.
  if (!buildWaited) await phase("app build (waited for)", () => build);
  buildWaited = true;
  const caughtUp = Date.now();
  await started("indexer", startIndexer({ rpcUrl: RPC_URL, port: INDEXER_PORT, log: progress }));
  const catchUp = Date.now() - caughtUp;
  phases.push(`${label}: indexer catch-up (PGlite): ${secs(catchUp)}`);
  out(
    `reads size=${label} indexer catch-up db=pglite logs=${history.logs} blocks=${history.blocks} ms=${catchUp}`,
  );
  if (!running.some((r) => r.name === "app")) await started("app", phase("app start", startApp));
  const loads = new Map<string, Load>();
  await phase(`${label}: page loads`, async () => {
    const b = await browser();
    for (const route of ROUTES(history.taskId)) {
      const load = await measureRoute(
        b,
        APP_URL,
        { rpc: RPC_URL, indexer: INDEXER_URL },
        route,
        history.connected,
      );
      loads.set(route.name, load);
      printLoad(size, route, load);
    }
  });
  return { size, history, loads };
}

/** The indexer paths each route fetched (its /v1 views; Ponder's /status excluded). */
function viewPaths(measured: Measured): Map<string, string[]> {
  return new Map(
    [...measured.loads].map(([route, load]) => [
      route,
      [...new Set(load.indexerPaths.filter((p) => p.startsWith("/v1/")))],
    ]),
  );
}

async function measureP95(
  db: string,
  baseUrl: string,
  paths: Map<string, string[]>,
  events: number,
  unenlarged: Map<string, number>,
): Promise<void> {
  const byPath = new Map<string, Latency>();
  for (const p of new Set([...paths.values()].flat())) {
    const r = await latencyOf(baseUrl, p);
    byPath.set(p, r);
    progress(
      `  ${db} ${r.path}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.timedOut ? `> ${r.p95}` : r.p95.toFixed(1)} ms over ${r.samples} requests, ` +
        `${(r.bytes / 1024).toFixed(1)} kB (${((unenlarged.get(p) ?? 0) / 1024).toFixed(1)} kB on the real history alone)`,
    );
  }
  for (const [route, list] of paths) {
    if (list.length === 0) {
      out(`reads p95 db=${db} events=${events} route=${route} ms=n/a (the page fetched no /v1 view)`);
      continue;
    }
    const results = list.map((p) => byPath.get(p)!);
    const failed = results.find((r) => r.error);
    if (failed) {
      out(
        `reads p95 db=${db} events=${events} route=${route} ms=n/a (${failed.path} failed: ${failed.error})  FAIL`,
      );
      continue;
    }
    const worst = Math.max(...results.map((r) => r.p95));
    const timedOut = results.some((r) => r.timedOut);
    out(
      `reads p95 db=${db} events=${events} route=${route} ms=${timedOut ? `>${worst}` : worst.toFixed(1)}` +
        `  goal: p95<=${GOAL.p95} ms ${verdict(!timedOut && worst <= GOAL.p95)}  (${list.join(" ")})`,
    );
  }
}

async function p95Part(large: Measured): Promise<void> {
  const paths = viewPaths(large);
  const copies = Math.ceil(EVENTS / large.history.logs) - 1;
  const events = (copies + 1) * large.history.logs;
  progress(
    `p95: ${copies} synthetic copies of the ${sizeLabel(large.size)} task's ${large.history.logs} events, copied in SQL into the ` +
      `indexer's tables (other task ids, other accounts): ${events} events in all`,
  );

  // What each view weighs on the real history alone (to compare with the enlarged index's answers).
  const unenlarged = new Map<string, number>();
  for (const p of new Set([...paths.values()].flat()))
    unenlarged.set(p, (await (await fetch(INDEXER_URL + p)).arrayBuffer()).byteLength);
  // PGlite: the bench's own index, stopped, enlarged in place, then `ponder start` resumes on it.
  await stop("indexer");
  const pgliteDir = path.join(ROOT, ".arena", `indexer-${INDEXER_PORT}`);
  await phase("p95 pglite: synthetic rows", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite({ dataDir: pgliteDir });
    try {
      await db.exec("set session_replication_role = replica");
      const sql: Sql = async (s) => (await db.query<Record<string, unknown>>(s)).rows;
      const before = await rowCount(sql, "arena");
      const added = await replicate(sql, "arena", copies);
      progress(`p95 pglite: ${before} rows → ${before + added}`);
    } finally {
      await db.close();
    }
  });
  const pglite = await started(
    "ponder-pglite",
    phase("p95 pglite: ponder start (resume)", () =>
      startPonder({ command: "start", rpcUrl: RPC_URL, port: INDEXER_PORT, schema: "arena", pgliteDir }),
    ),
  );
  await phase("p95 pglite: queries", () => measureP95("pglite", pglite.url, paths, events, unenlarged));
  await stop("ponder-pglite");

  // Postgres: index the same chain into it (its catch-up time too), stop, enlarge, serve it as a read replica.
  const postgres = await started("postgres", startPostgres({ database: "arena_bench", log: progress }));
  const schema = "bench";
  const t = Date.now();
  await started(
    "ponder-postgres",
    startPonder({ command: "start", rpcUrl: RPC_URL, port: INDEXER_PORT, schema, databaseUrl: postgres.url }),
  );
  out(
    `reads size=${sizeLabel(large.size)} indexer catch-up db=postgres logs=${large.history.logs} ms=${Date.now() - t}`,
  );
  phases.push(
    `${sizeLabel(large.size)}: indexer catch-up (Postgres, ponder start until /ready): ${secs(Date.now() - t)}`,
  );
  await stop("ponder-postgres");
  await phase("p95 postgres: synthetic rows", async () => {
    const sql: Sql = async (s) => {
      const statement = /^\s*select/i.test(s) ? `select coalesce(json_agg(q), '[]') from (${s}) q` : s;
      const text = await postgres.psql(`set session_replication_role = replica; ${statement}`);
      return /^\s*select/i.test(s) ? (JSON.parse(text.trim() || "[]") as Record<string, unknown>[]) : [];
    };
    const before = await rowCount(sql, schema);
    const added = await replicate(sql, schema, copies);
    progress(`p95 postgres: ${before} rows → ${before + added}`);
  });
  const serve = await started(
    "ponder-serve",
    phase("p95 postgres: ponder serve", () =>
      startPonder({
        command: "serve",
        rpcUrl: RPC_URL,
        port: INDEXER_PORT,
        schema,
        databaseUrl: postgres.url,
      }),
    ),
  );
  await phase("p95 postgres: queries", () => measureP95("postgres", serve.url, paths, events, unenlarged));
  await stop("ponder-serve");
  await stop("postgres");
}

let browser: Browser | undefined;
const getBrowser = async () => (browser ??= await launchBrowser());
try {
  const total = Date.now();
  if (await answers(INDEXER_URL))
    throw new Error(
      `Something already answers on ${INDEXER_URL}: stop it (or set BENCH_READS_INDEXER_PORT) and retry.`,
    );
  const buildStarted = Date.now();
  const build = buildApp().then((built) => {
    if (built) phases.push(`app build: ${secs(Date.now() - buildStarted)} (alongside the first history)`);
  });
  build.catch(() => undefined);
  const measured: Measured[] = [];
  for (const size of SIZES) {
    const m = await measureSize(size, build, getBrowser);
    measured.push(m);
    const isLargest = size === SIZES[SIZES.length - 1];
    if (isLargest && P95) await p95Part(m);
    await stop("indexer");
    await stop("chain");
  }
  const [small, large] = [measured[0], measured[measured.length - 1]];
  if (small && large && small !== large)
    for (const [route, load] of large.loads) {
      const base = small.loads.get(route);
      if (base)
        progress(
          `flat? ${route}: ${base.requests} → ${load.requests} requests, ${(base.bytes / 1024).toFixed(1)} → ${(load.bytes / 1024).toFixed(1)} kB, ${base.ms} → ${load.ms} ms`,
        );
    }
  progress(`phases: ${phases.join("; ")}; total ${secs(Date.now() - total)}`);
} catch (error) {
  progress(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  await stopAll();
}
