import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import {
  createWalletClient,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { arenaTasksAbi, arenaTokenAbi } from "../contracts-abi/index.ts";
import { localChain } from "../lib/chain/chains.ts";
import { quickTaskParams } from "../e2e/arena.ts";
import { ROOT } from "./lib/artifacts.ts";
import { startLocalChain } from "./lib/local-chain.ts";
import { startIndexer, type Indexer } from "./lib/indexer.ts";
import { bin, run, startService, stopService } from "./lib/processes.ts";

/**
 * `npm run bench:app`: builds the app and prints (1) the first-load JavaScript of `/`, `/tasks` and
 * `/tasks/[id]` (gzip; the scripts the server-rendered HTML references) and (2) how many JSON-RPC requests the
 * browser makes to render `/tasks/[id]` for a task with 64 participants (and those to the indexer, its history). Goals (issue #4): ≤ 250 kB and ≤ 5.
 * `--no-build` reuses an existing build made for the same RPC port.
 */
const RPC_PORT = 8547;
const APP_PORT = 3200;
const RPC_URL = `http://127.0.0.1:${RPC_PORT}`;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const INDEXER_PORT = 42047;
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
const PARTICIPANTS = 64;

const env = {
  ...process.env,
  NEXT_PUBLIC_LOCAL_RPC_URL: RPC_URL,
  NEXT_PUBLIC_INDEXER_URL: INDEXER_URL,
  NEXT_TELEMETRY_DISABLED: "1",
};
if (!process.argv.includes("--no-build") || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  await run(bin("next"), ["build"], { env });
}

const chain = await startLocalChain({ port: RPC_PORT, seed: false });
let indexer: Indexer | undefined;
const server = startService(bin("next"), ["start", "--hostname", "127.0.0.1", "--port", String(APP_PORT)], {
  stdio: "ignore",
  env,
});
try {
  const taskId = await taskWith64Participants(
    chain.publicClient,
    chain.accounts[0]!,
    chain.deployment.contracts,
  );
  indexer = await startIndexer({ rpcUrl: RPC_URL, port: INDEXER_PORT });
  await waitFor(APP_URL);
  const bundles = await firstLoadJs(["/", "/tasks", `/tasks/${taskId}`]);
  const rpc = await rpcRequestsFor(`/tasks/${taskId}`);

  const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
  console.log(`\nFirst-load JS per route (goal ≤ 250 kB gzip)\n`);
  console.log(
    `${"route".padEnd(14)}${"scripts".padStart(8)}${"raw kB".padStart(10)}${"gzip kB".padStart(10)}`,
  );
  for (const b of bundles)
    console.log(`${b.route.padEnd(14)}${String(b.scripts).padStart(8)}  ${kb(b.raw)}  ${kb(b.gzip)}`);
  console.log(`\nJSON-RPC to render /tasks/${taskId} with ${PARTICIPANTS} participants (goal ≤ 5)`);
  console.log(`HTTP requests to the RPC: ${rpc.http}; JSON-RPC calls inside them: ${rpc.calls}`);
  console.log(`HTTP requests to the indexer: ${rpc.indexer} (${rpc.indexerPaths.join(", ")})`);
  console.log(
    `methods: ${Object.entries(rpc.methods)
      .map(([m, n]) => `${m}×${n}`)
      .join(", ")}`,
  );
} finally {
  await stopService(server);
  await indexer?.stop();
  await chain.stop();
}

async function waitFor(url: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in 60 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function firstLoadJs(routes: string[]) {
  const rows = [];
  for (const route of routes) {
    const html = await (await fetch(APP_URL + route)).text();
    // Every <script src> a modern browser downloads; `noModule` polyfills are skipped by such browsers.
    const tags = [...html.matchAll(/<script[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !/nomodule/i.test(tag));
    const srcs = [...new Set(tags.flatMap((tag) => /src="([^"]+\.js)"/.exec(tag)?.[1] ?? []))];
    let raw = 0;
    let gzip = 0;
    for (const src of srcs) {
      const file = path.join(ROOT, ".next", src.replace(/^\/_next\//, ""));
      const body = existsSync(file)
        ? readFileSync(file)
        : Buffer.from(await (await fetch(APP_URL + src)).arrayBuffer());
      raw += body.length;
      gzip += gzipSync(body, { level: 9 }).length;
    }
    rows.push({ route: route.replace(/\/\d+$/, "/[id]"), scripts: srcs.length, raw, gzip });
  }
  return rows;
}

async function rpcRequestsFor(route: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    let http = 0;
    let calls = 0;
    const methods: Record<string, number> = {};
    const indexerPaths: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(INDEXER_URL)) indexerPaths.push(new URL(request.url()).pathname);
      if (!request.url().startsWith(RPC_URL) || request.method() !== "POST") return;
      http++;
      const body = JSON.parse(request.postData() ?? "null") as { method: string } | { method: string }[];
      for (const call of Array.isArray(body) ? body : [body]) {
        calls++;
        methods[call.method] = (methods[call.method] ?? 0) + 1;
      }
    });
    await page.goto(APP_URL + route, { waitUntil: "networkidle" });
    await page.getByTestId("participants").waitFor();
    await page.waitForTimeout(1000);
    return { http, calls, methods, indexer: indexerPaths.length, indexerPaths };
  } finally {
    await browser.close();
  }
}

/** A task whose participants are 32 nodes and 32 validators, each a fresh key funded by the deployer. */
async function taskWith64Participants(
  publicClient: PublicClient,
  deployer: Address,
  contracts: Record<string, { address: Address }>,
): Promise<bigint> {
  const chainDef = localChain(RPC_URL);
  const token = contracts.ArenaToken!.address;
  const arena = contracts.ArenaTasks!.address;
  const as = (account: Address | ReturnType<typeof privateKeyToAccount>) =>
    createWalletClient({ account, chain: chainDef, transport: http(RPC_URL) });
  const wait = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`setup transaction ${hash} reverted`);
    return receipt;
  };
  const params = quickTaskParams("Benchmark task with 64 participants");
  await wait(
    await as(deployer).writeContract({
      abi: arenaTokenAbi,
      address: token,
      functionName: "approve",
      args: [arena, parseEther("1000000")],
    }),
  );
  const receipt = await wait(
    await as(deployer).writeContract({
      abi: arenaTasksAbi,
      address: arena,
      functionName: "createTask",
      args: [params, parseEther("1000")],
    }),
  );
  const [created] = parseEventLogs({ abi: arenaTasksAbi, logs: receipt.logs, eventName: "TaskCreated" });
  const taskId = created!.args.taskId;
  for (let i = 0; i < PARTICIPANTS; i++) {
    const account = privateKeyToAccount(keccak256(toHex(`arena bench participant ${i}`)));
    await publicClient.request({
      method: "hardhat_setBalance" as "eth_chainId",
      params: [account.address, toHex(parseEther("10"))] as unknown as undefined,
    });
    await wait(
      await as(deployer).writeContract({
        abi: arenaTokenAbi,
        address: token,
        functionName: "transfer",
        args: [account.address, parseEther("500")],
      }),
    );
    const w = as(account);
    await wait(
      await w.writeContract({
        abi: arenaTokenAbi,
        address: token,
        functionName: "approve",
        args: [arena, parseEther("500")],
      }),
    );
    await wait(
      await w.writeContract({
        abi: arenaTasksAbi,
        address: arena,
        functionName: "stake",
        args: [taskId, i % 2 === 0 ? 1 : 2, parseEther("200")],
      }),
    );
  }
  return taskId;
}
