import { rmSync } from "node:fs";
import path from "node:path";
import { verifyContract } from "@nomicfoundation/hardhat-verify/verify";
import { getVerificationInformation } from "@nomicfoundation/ignition-core";
import hre from "hardhat";
import { http, type Address, type EIP1193RequestFn, type Hex, type PublicClient } from "viem";
import { ROOT } from "./lib/artifacts.ts";
import {
  deployArena,
  LOCAL_CHAIN_ID,
  placeLocalMulticall,
  remainingWork,
  type TokenChoice,
} from "./lib/deploy.ts";
import {
  DEPLOYER_KEY_VARIABLE,
  ETHERSCAN_API_URL,
  ETHERSCAN_KEY_VARIABLE,
  isLiveNetwork,
  LIVE_NETWORKS,
} from "./lib/deploy-networks.ts";
import {
  checkBalance,
  checkMulticall,
  checkRpc,
  checkStakingToken,
  describeRpc,
  PreflightError,
} from "./lib/deploy-preflight.ts";
import { parsePrivateKey, signingProvider } from "./lib/deployer-key.ts";
import { generateAbis, writeDeployment } from "./lib/gen-abi.ts";
import { ignitionDeploymentDir, readJournal, type EIP1193Provider } from "./lib/ignition.ts";

/**
 * Deploys Arena to the network given with `--network` (baseSepolia, base, or localhost) through its Ignition
 * modules, after checking everything a deployer can get wrong. See docs/DEPLOY.md:
 *
 *   ARENA_STAKING_TOKEN=0x… npx hardhat run scripts/deploy.ts --network baseSepolia
 *
 * Configuration: BASE_SEPOLIA_RPC_URL / BASE_RPC_URL and DEPLOYER_PRIVATE_KEY (environment, else the Hardhat
 * keystore, which needs a terminal for its password); ARENA_STAKING_TOKEN (an existing ERC-20) or
 * ARENA_TEST_TOKEN=1 (a fresh test token and faucet); ETHERSCAN_API_KEY to verify on Basescan;
 * ARENA_DEPLOY_CONFIRMATIONS (Ignition's default: 5); ARENA_DEPLOY_ROOT (where ignition/deployments/ and
 * deployments/ go; contracts-abi/ is regenerated only for the repository itself).
 */
const log = (line: string) => console.log(line);
const networkName = hre.globalOptions.network ?? "default";
const outRoot = path.resolve(process.env.ARENA_DEPLOY_ROOT ?? ROOT);

/** The RPC URL in use: error messages show only its origin (the rest often holds an API key). */
let rpcUrlInUse: string | undefined;

try {
  await main();
} catch (error) {
  let message = error instanceof Error ? error.message : String(error);
  if (rpcUrlInUse) message = message.replaceAll(rpcUrlInUse, describeRpc(rpcUrlInUse));
  console.error(`deploy: ${error instanceof PreflightError ? "" : "failed: "}${message}`);
  process.exitCode = 1;
}

async function main(): Promise<void> {
  const target = await connect();
  const { chainId, publicClient, provider, deployer } = target;
  const deploymentDir = ignitionDeploymentDir(outRoot, chainId);

  if (chainId === LOCAL_CHAIN_ID) {
    await placeLocalMulticall(publicClient);
    // A local node starts empty each time: a journal of an earlier node would claim contracts that are gone.
    const recorded = readJournal(deploymentDir)[0];
    if (recorded && (await publicClient.getCode({ address: recorded.address })) === undefined) {
      log(`deploy: ${path.relative(ROOT, deploymentDir)} is from an earlier local node; starting afresh`);
      rmSync(deploymentDir, { recursive: true, force: true });
    }
  } else {
    await checkMulticall(publicClient, chainId);
  }
  const token = await stakingToken(chainId, publicClient);

  const work = remainingWork(deploymentDir, token.choice);
  const cost = await checkBalance(publicClient, deployer, work.gas);
  log(
    `deploy: ${networkName} (chain ${chainId}) via ${target.rpc} from ${deployer}\n` +
      `deploy: staking token ${token.description}\n` +
      `deploy: journal ${path.relative(process.cwd(), deploymentDir) || deploymentDir}: ` +
      `${work.pending.length} of ${work.pending.length + work.done} steps to send` +
      (work.pending.length > 0 ? `, about ${work.gas} gas (budget ${formatEth(cost)} ETH)` : ""),
  );

  const confirmations = process.env.ARENA_DEPLOY_CONFIRMATIONS;
  if (confirmations && !/^[1-9]\d*$/.test(confirmations)) {
    throw new PreflightError(
      `ARENA_DEPLOY_CONFIRMATIONS must be a whole number of blocks ≥ 1, got "${confirmations}".`,
    );
  }
  const deployment = await deployArena({
    provider,
    deployer,
    chainId,
    token: token.choice,
    deploymentDir,
    log,
    config: confirmations ? { requiredConfirmations: Number(confirmations) } : {},
  });
  const file = writeDeployment(deployment, path.join(outRoot, "deployments"));
  for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
    log(`deploy: ${name.padEnd(16)} ${address} (block ${blockNumber})`);
  }
  if (outRoot === ROOT) generateAbis();
  log(`deploy: wrote ${path.relative(process.cwd(), file)}${outRoot === ROOT ? " and contracts-abi/" : ""}`);
  if (isLiveNetwork(networkName)) await verify(chainId, deploymentDir);
}

type Target = {
  chainId: number;
  rpc: string;
  publicClient: PublicClient;
  provider: EIP1193Provider;
  deployer: Address;
};

async function connect(): Promise<Target> {
  const config = hre.config.networks[networkName];
  if (isLiveNetwork(networkName) && config?.type === "http") {
    const live = LIVE_NETWORKS[networkName];
    const rpcUrl = await configValue(live.rpcUrlVariable, () => config.url.get());
    const account = Array.isArray(config.accounts) ? config.accounts[0] : undefined;
    const rawKey = await configValue(DEPLOYER_KEY_VARIABLE, async () => {
      if (!account || typeof account === "string") throw new Error("no account configured");
      return account.get();
    });
    const key: Hex = parsePrivateKeyOrExplain(rawKey);
    rpcUrlInUse = rpcUrl;
    const publicClient = await checkRpc(rpcUrl, live.chainId, live.rpcUrlVariable);
    const request = http(rpcUrl)({}).request as EIP1193RequestFn;
    const { provider, account: signer } = signingProvider(request, live.chainId, key);
    return {
      chainId: live.chainId,
      rpc: describeRpc(rpcUrl),
      publicClient,
      provider,
      deployer: signer.address,
    };
  }
  if (networkName === "localhost" && config?.type === "http") {
    const rpcUrl = await config.url.get();
    const client = await checkRpc(rpcUrl, await chainIdOf(rpcUrl), "ARENA_RPC_URL");
    const request = http(rpcUrl)({}).request as EIP1193RequestFn;
    const [deployer] = (await request({ method: "eth_accounts" })) as Address[];
    if (!deployer)
      throw new PreflightError(`The node at ${describeRpc(rpcUrl)} has no unlocked account to deploy from.`);
    const provider: EIP1193Provider = { request: (args) => request(args as Parameters<EIP1193RequestFn>[0]) };
    return {
      chainId: await client.getChainId(),
      rpc: describeRpc(rpcUrl),
      publicClient: client,
      provider,
      deployer,
    };
  }
  throw new PreflightError(
    `Choose where to deploy: --network baseSepolia, --network base, or --network localhost (a running node); got "${networkName}".`,
  );
}

function parsePrivateKeyOrExplain(value: string): Hex {
  try {
    return parsePrivateKey(value, DEPLOYER_KEY_VARIABLE);
  } catch (error) {
    throw new PreflightError((error as Error).message);
  }
}

async function chainIdOf(rpcUrl: string): Promise<number> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(5_000),
    });
    return Number(((await res.json()) as { result: string }).result);
  } catch {
    throw new PreflightError(
      `Cannot reach a node at ${describeRpc(rpcUrl)}: start one (\`npm run chain\`) or set ARENA_RPC_URL.`,
    );
  }
}

/**
 * A configuration variable: from the environment, else from the Hardhat keystore. The keystore asks for its
 * password on a terminal, so without one (CI, piped input) only the environment can give the value.
 */
async function configValue(name: string, fromKeystore: () => Promise<string>): Promise<string> {
  const fromEnv = process.env[name];
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new PreflightError(
      `${name} is not set. Without a terminal the Hardhat keystore cannot ask for its password, so give it in ` +
        `the environment (${name}=… npx hardhat run scripts/deploy.ts --network ${networkName}), or run the ` +
        `deploy from an interactive terminal after \`npx hardhat keystore set ${name}\`.`,
    );
  }
  try {
    return await fromKeystore();
  } catch (error) {
    throw new PreflightError(
      `${name} is neither in the environment nor in the Hardhat keystore (${(error as Error).message.split("\n")[0]}). ` +
        `Store it with \`npx hardhat keystore set ${name}\` (in a terminal) or export ${name}=….`,
    );
  }
}

async function stakingToken(
  chainId: number,
  client: PublicClient,
): Promise<{ choice: TokenChoice; description: string }> {
  const existing = process.env.ARENA_STAKING_TOKEN?.trim();
  const fresh = ["1", "true", "yes"].includes((process.env.ARENA_TEST_TOKEN ?? "").toLowerCase());
  if (existing && fresh) {
    throw new PreflightError("Set ARENA_STAKING_TOKEN or ARENA_TEST_TOKEN=1, not both.");
  }
  if (existing) {
    const token = await checkStakingToken(client, existing, chainId);
    return {
      choice: { kind: "existing", address: token.address },
      description: `${token.address} (${token.symbol}, ${token.decimals} decimals, existing)`,
    };
  }
  if (fresh || chainId === LOCAL_CHAIN_ID) {
    return { choice: { kind: "test" }, description: "a fresh ArenaToken with a faucet (test token)" };
  }
  throw new PreflightError(
    "Which token do people stake? Set ARENA_STAKING_TOKEN=0x… to an existing ERC-20 on this chain (the community's " +
      "token), or ARENA_TEST_TOKEN=1 to deploy a fresh test token with a faucet (it has no value: for testnets).",
  );
}

/**
 * Basescan verification of every contract in the journal (what `npx hardhat ignition verify` does); skipped,
 * with the command to run later, without a key or when the explorer's API cannot be reached.
 */
async function verify(chainId: number, deploymentDir: string): Promise<void> {
  const later = `npx hardhat ignition verify chain-${chainId} --network ${networkName}`;
  if (!process.env[ETHERSCAN_KEY_VARIABLE]) {
    log(
      `verify: skipped (${ETHERSCAN_KEY_VARIABLE} is not set); to verify on Basescan: ${ETHERSCAN_KEY_VARIABLE}=… ${later}`,
    );
    return;
  }
  try {
    await fetch(ETHERSCAN_API_URL, { method: "HEAD", signal: AbortSignal.timeout(5_000) });
  } catch {
    log(`verify: skipped (cannot reach ${new URL(ETHERSCAN_API_URL).origin}: offline?); later: ${later}`);
    return;
  }
  for await (const info of getVerificationInformation(deploymentDir)) {
    if (typeof info === "string") {
      log(`verify: ${info}: no build info in the journal; skipped`);
      continue;
    }
    log(`verify: ${info.contract}`);
    try {
      await verifyContract({ ...info, provider: "etherscan" }, hre);
    } catch (error) {
      log(`verify: ${info.contract} failed: ${(error as Error).message.split("\n")[0]}; retry with ${later}`);
      process.exitCode = 1;
    }
  }
}

function formatEth(wei: bigint): string {
  return (Number(wei) / 1e18).toFixed(6);
}
