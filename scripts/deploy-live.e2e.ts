import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium } from "@playwright/test";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  getContractAddress,
  http,
  parseEther,
  type Address,
  type PublicClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { baseSepolia } from "viem/chains";
import { ROOT, readArtifact } from "./lib/artifacts.ts";
import { ETHERSCAN_API_URL } from "./lib/deploy-networks.ts";
import { MULTICALL3_ADDRESS, TOKEN_SUPPLY } from "./lib/deploy-plan.ts";
import { generateAbis, readDeployments, type DeploymentFile } from "./lib/gen-abi.ts";
import { bin, startService, stopService } from "./lib/processes.ts";

/**
 * The live deploy path, offline: a local node posing as Base Sepolia (chain 84532, OP chain type), an existing
 * ERC-20 deployed first by someone else, every deployer mistake refused before any transaction, a deploy killed
 * half-way and resumed without waste, a rerun that sends nothing, and the app built for that chain reading from
 * it in Chromium. Run by `npm run test:deploy` (part of `npm test`).
 */
const RPC_PORT = Number(process.env.LIVE_RPC_PORT ?? 8617);
const WRONG_CHAIN_PORT = RPC_PORT + 1;
const APP_PORT = Number(process.env.LIVE_APP_PORT ?? 3217);
const RPC_URL = `http://127.0.0.1:${RPC_PORT}`;
const CHAIN_ID = 84532;
const DIST_DIR = ".next-live-deploy";
/** Arena's transactions around an existing token: six contracts and setMinCreatorStake. */
const ARENA_TXS = 7;

const outRoot = mkdtempSync(path.join(tmpdir(), "arena-live-deploy-"));
const deployerKey = generatePrivateKey();
const deployer = privateKeyToAccount(deployerKey).address;
const chain = { ...baseSepolia, rpcUrls: { default: { http: [RPC_URL] } } };
const client = createPublicClient({ transport: http(RPC_URL) }) as PublicClient;
let node: ChildProcess | undefined;
let wrongChain: Server | undefined;
let token: Address;
let otherToken: Address;

type Run = { code: number | null; signal: NodeJS.Signals | null; out: string };

/** `npx hardhat run scripts/deploy.ts --network baseSepolia` as a deployer would run it, with no terminal. */
function deployCli(
  env: Record<string, string | undefined>,
  { killAfter }: { killAfter?: RegExp } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin("hardhat"),
      ["run", "--no-compile", "scripts/deploy.ts", "--network", env.NETWORK ?? "baseSepolia"],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
        env: {
          ...process.env,
          BASE_SEPOLIA_RPC_URL: RPC_URL,
          DEPLOYER_PRIVATE_KEY: deployerKey,
          ARENA_DEPLOY_ROOT: outRoot,
          ETHERSCAN_API_KEY: undefined,
          ...env,
        },
      },
    );
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (killAfter?.test(out) && child.pid) process.kill(-child.pid, "SIGKILL");
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal, out }));
  });
}

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  return client.request({ method: method as "eth_chainId", params: params as unknown as undefined });
}

type Refusal = [name: string, env: Record<string, string | undefined>, message: RegExp];

/** Runs the deploy for each case, a few at a time, and expects it to exit 1 with that message and no stack. */
async function refusals(cases: Refusal[]): Promise<void> {
  const queue = [...cases];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, env, expected] = next;
      const run = await deployCli(env);
      assert.equal(run.code, 1, `${name}: exit code\n${run.out}`);
      assert.match(run.out, expected, name);
      assert.doesNotMatch(run.out, /please report it|at .*\.ts:\d+/, `${name}: no stack trace`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

/** Base has Multicall3 at its canonical address; a fresh node does not. */
async function placeMulticall(): Promise<void> {
  await rpc("hardhat_setCode", [MULTICALL3_ADDRESS, readArtifact("Multicall3").deployedBytecode]);
}

async function nonceOf(address: Address): Promise<number> {
  return client.getTransactionCount({ address });
}

function deploymentFile(): DeploymentFile {
  return JSON.parse(
    readFileSync(path.join(outRoot, "deployments", `${CHAIN_ID}.json`), "utf8"),
  ) as DeploymentFile;
}

async function waitForRpc(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("live deploy (a local node posing as Base Sepolia)", { concurrency: false }, () => {
  before(async () => {
    node = startService(
      bin("hardhat"),
      [
        "node",
        "--chain-id",
        String(CHAIN_ID),
        "--chain-type",
        "op",
        "--hostname",
        "127.0.0.1",
        "--port",
        String(RPC_PORT),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let nodeOutput = "";
    const keep = (chunk: Buffer) => (nodeOutput = (nodeOutput + chunk.toString()).slice(-4000));
    node.stdout?.on("data", keep);
    node.stderr?.on("data", keep);
    await waitForRpc(RPC_URL, node, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${nodeOutput}`);
    });
    // Someone else's token, deployed before Arena, as the community's ERC-20 would be on Base.
    const [, tokenOwner] = (await rpc("eth_accounts", [])) as Address[];
    const wallet = createWalletClient({ account: tokenOwner!, transport: http(RPC_URL), chain });
    const artifact = readArtifact("ArenaToken");
    const deployToken = async () => {
      const hash = await wallet.deployContract({
        abi: artifact.abi,
        bytecode: artifact.bytecode,
        args: [tokenOwner, TOKEN_SUPPLY],
      });
      return (await client.waitForTransactionReceipt({ hash })).contractAddress!;
    };
    token = getAddress(await deployToken());
    otherToken = getAddress(await deployToken());
    // A node that answers for another chain (Base mainnet), for the wrong-RPC check.
    wrongChain = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x2105" }));
    }).listen(WRONG_CHAIN_PORT, "127.0.0.1");
  });

  after(async () => {
    wrongChain?.close();
    if (node) await stopService(node);
    rmSync(outRoot, { recursive: true, force: true });
  });

  it("refuses every deployer mistake before sending anything", async () => {
    const blockBefore = await client.getBlockNumber();
    const cases: Refusal[] = [
      ["no network", { NETWORK: "hardhat" }, /Choose where to deploy: --network baseSepolia/],
      [
        "no key, no terminal",
        { DEPLOYER_PRIVATE_KEY: undefined },
        /DEPLOYER_PRIVATE_KEY is not set\. Without a terminal the Hardhat keystore/,
      ],
      [
        "malformed key",
        { DEPLOYER_PRIVATE_KEY: "0x12" },
        /DEPLOYER_PRIVATE_KEY is malformed: a private key is 32 bytes, 64 hex digits; this one has 2 digits/,
      ],
      ["an address as key", { DEPLOYER_PRIVATE_KEY: token }, /It looks like an address, not a key/],
      [
        "RPC unreachable",
        { BASE_SEPOLIA_RPC_URL: `http://127.0.0.1:${WRONG_CHAIN_PORT + 1}` },
        /Cannot reach the RPC at http:\/\/127\.0\.0\.1:\d+ .*Check BASE_SEPOLIA_RPC_URL/,
      ],
      [
        "wrong chain",
        { BASE_SEPOLIA_RPC_URL: `http://127.0.0.1:${WRONG_CHAIN_PORT}` },
        /serves chain 8453, not 84532\. BASE_SEPOLIA_RPC_URL points at the wrong network/,
      ],
      [
        "no Multicall3",
        { ARENA_STAKING_TOKEN: token },
        /No Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11 on chain 84532/,
      ],
    ];
    await refusals(cases);

    // Base has Multicall3 at its canonical address; so does this node from now on.
    await placeMulticall();
    const poor = generatePrivateKey();
    const afterMulticall: Refusal[] = [
      ["no token", {}, /Which token do people stake\? Set ARENA_STAKING_TOKEN=0x… to an existing ERC-20/],
      [
        "both tokens",
        { ARENA_STAKING_TOKEN: token, ARENA_TEST_TOKEN: "1" },
        /Set ARENA_STAKING_TOKEN or ARENA_TEST_TOKEN=1, not both/,
      ],
      ["token not an address", { ARENA_STAKING_TOKEN: "ARENA" }, /ARENA_STAKING_TOKEN is not an address/],
      [
        "token without code",
        { ARENA_STAKING_TOKEN: deployer },
        /has no code on chain 84532: it is not a token here/,
      ],
      [
        "token not an ERC-20",
        { ARENA_STAKING_TOKEN: MULTICALL3_ADDRESS },
        /is a contract but not an ERC-20: it does not answer symbol\(\)/,
      ],
      [
        "balance too low",
        { ARENA_STAKING_TOKEN: token, DEPLOYER_PRIVATE_KEY: poor },
        /holds 0 ETH; the deploy needs about [\d.]+ ETH .*Fund it and retry/,
      ],
    ];
    await refusals(afterMulticall);
    assert.equal(await client.getBlockNumber(), blockBefore, "no transaction was mined by a refused deploy");
    assert.equal(existsSync(path.join(outRoot, "ignition")), false, "no journal was started");
  });

  it("resumes an interrupted deploy without waste, and a rerun sends nothing", async () => {
    const [funder] = (await rpc("eth_accounts", [])) as Address[];
    const funderWallet = createWalletClient({ account: funder!, transport: http(RPC_URL), chain });
    await client.waitForTransactionReceipt({
      hash: await funderWallet.sendTransaction({ to: deployer, value: parseEther("1") }),
    });
    const env = { ARENA_STAKING_TOKEN: token };
    await placeMulticall();

    const killed = await deployCli(env, { killAfter: /\[2\/7\]/ });
    assert.equal(killed.signal, "SIGKILL", killed.out);
    assert.match(killed.out, /staking token 0x[0-9a-fA-F]{40} \(ARENA, 18 decimals, existing\)/);
    assert.match(killed.out, /\[1\/7\] ArenaProtocol#ArenaSettlement at 0x/);
    const sentBeforeKill = await nonceOf(deployer);
    assert.ok(
      sentBeforeKill >= 2 && sentBeforeKill < ARENA_TXS,
      `killed after ${sentBeforeKill} transactions`,
    );
    assert.equal(existsSync(path.join(outRoot, "deployments", `${CHAIN_ID}.json`)), false);

    const resumed = await deployCli(env);
    assert.equal(resumed.code, 0, resumed.out);
    assert.match(resumed.out, /resuming: \d of 7 steps done in an earlier run/);
    assert.match(resumed.out, /\[7\/7\] Targets#ArenaTargets at 0x/);
    assert.match(resumed.out, /verify: skipped/);
    assert.equal(await nonceOf(deployer), ARENA_TXS, "exactly seven transactions: nothing deployed twice");

    const record = deploymentFile();
    assert.equal(record.chainId, CHAIN_ID);
    assert.equal(record.contracts.ArenaToken?.address, token, "the existing token is staked");
    assert.equal(record.contracts.Faucet, undefined, "no faucet for a token with value");
    assert.equal(record.contracts.Multicall3, undefined);
    // Deployer nonces 0..6: settlement, lifecycle, delegation, tasks, setMinCreatorStake, registry, targets.
    const expected: [string, number][] = [
      ["ArenaSettlement", 0],
      ["ArenaLifecycle", 1],
      ["ArenaDelegation", 2],
      ["ArenaTasks", 3],
      ["MachineRegistry", 5],
      ["ArenaTargets", 6],
    ];
    for (const [name, nonce] of expected) {
      const entry = record.contracts[name];
      assert.ok(entry, name);
      assert.equal(entry.address, getContractAddress({ from: deployer, nonce: BigInt(nonce) }), name);
      assert.ok(await client.getCode({ address: entry.address }), `${name} has code`);
      const tx = await client.getBlock({ blockNumber: BigInt(entry.blockNumber), includeTransactions: true });
      assert.ok(
        tx.transactions.some((t) => t.from.toLowerCase() === deployer.toLowerCase() && t.to === null),
        `${name}: its block ${entry.blockNumber} holds its creation`,
      );
    }
    assert.equal(record.contracts.ArenaToken.blockNumber, record.contracts.ArenaSettlement!.blockNumber);
    const minStake = await client.readContract({
      address: record.contracts.ArenaTasks!.address,
      abi: readArtifact("ArenaTasks").abi,
      functionName: "minCreatorStake",
    });
    assert.equal(minStake, parseEther("100"));

    const journalDir = path.join(outRoot, "ignition", "deployments", `chain-${CHAIN_ID}`);
    assert.ok(existsSync(path.join(journalDir, "artifacts", "ArenaProtocol#ArenaTasks.json")));
    assert.ok(readdirSync(path.join(journalDir, "build-info")).length > 0, "build infos for ignition verify");

    const fileBefore = readFileSync(path.join(outRoot, "deployments", `${CHAIN_ID}.json`), "utf8");
    const rerun = await deployCli({ ...env, ETHERSCAN_API_KEY: "test-key" });
    assert.equal(rerun.code, 0, rerun.out);
    if (!(await reachable(ETHERSCAN_API_URL))) {
      assert.match(rerun.out, /verify: skipped \(cannot reach https:\/\/api\.etherscan\.io: offline\?\)/);
    }
    assert.match(rerun.out, /all 7 steps are in the journal already; nothing to send/);
    assert.equal(await nonceOf(deployer), ARENA_TXS, "a rerun sends nothing");
    assert.equal(readFileSync(path.join(outRoot, "deployments", `${CHAIN_ID}.json`), "utf8"), fileBefore);

    const changed = await deployCli({ ARENA_STAKING_TOKEN: otherToken });
    assert.equal(changed.code, 1, changed.out);
    assert.match(
      changed.out,
      /was started with other settings \(another staking token, or changed contracts\)/,
    );
    assert.equal(await nonceOf(deployer), ARENA_TXS, "nothing sent for another token");
  });

  it("builds the app for the chain and a page reads from it", { timeout: 15 * 60_000 }, async () => {
    // The build inlines contracts-abi/: this deployment is added for the build only. `next build` also adds its
    // dist dir to tsconfig.json. Both files are put back as soon as the build ends, whatever happens.
    const kept = ["contracts-abi/addresses.ts", "tsconfig.json"].map((rel) => {
      const file = path.join(ROOT, rel);
      return { file, content: readFileSync(file, "utf8") };
    });
    const restore = () => kept.forEach(({ file, content }) => writeFileSync(file, content));
    const env = {
      ...process.env,
      NEXT_PUBLIC_CHAIN_IDS: String(CHAIN_ID),
      NEXT_PUBLIC_RPC_URL_84532: RPC_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      ARENA_DIST_DIR: DIST_DIR,
    };
    try {
      generateAbis([...readDeployments().filter((d) => d.chainId !== CHAIN_ID), deploymentFile()]);
      await new Promise<void>((resolve, reject) => {
        const build = spawn(bin("next"), ["build"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        build.stderr?.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
        build.once("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${err}`)),
        );
      });
    } finally {
      restore();
    }

    const server = startService(
      bin("next"),
      ["start", "--hostname", "127.0.0.1", "--port", String(APP_PORT)],
      {
        env,
        stdio: "ignore",
      },
    );
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
    });
    try {
      await waitForHttp(`http://127.0.0.1:${APP_PORT}/`, server, 60_000);
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${APP_PORT}/`);
      const network = page.getByRole("region", { name: "Network" });
      await network.getByText(`Base Sepolia (${CHAIN_ID})`).waitFor({ timeout: 30_000 });
      await network.getByText("100,000,000 ARENA").waitFor({ timeout: 30_000 });
      const block = Number(await page.getByTestId("block-number").textContent());
      assert.ok(
        block >= Number(deploymentFile().contracts.ArenaTargets!.blockNumber),
        `latest block ${block}`,
      );
      await network.getByText(deploymentFile().contracts.ArenaTasks!.address).waitFor();
    } finally {
      await browser.close();
      await stopService(server);
      rmSync(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
      restore(); // in case `next start` touched tsconfig.json too
    }
  });
});

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

async function waitForHttp(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
