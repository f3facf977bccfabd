import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  deploy,
  DeploymentResultType,
  type DeployConfig,
  type DeploymentResult,
} from "@nomicfoundation/ignition-core";
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import ArenaModule from "../../ignition/modules/Arena.ts";
import TestTokenModule from "../../ignition/modules/TestToken.ts";
import { readArtifact } from "./artifacts.ts";
import { ARENA_CONTRACTS, MULTICALL3_ADDRESS } from "./deploy-plan.ts";
import { CALL_GAS, creationGas } from "./deploy-preflight.ts";
import { generateAbis, writeDeployment, type DeploymentFile } from "./gen-abi.ts";
import {
  artifactResolver,
  completedFutures,
  listener,
  readJournal,
  type EIP1193Provider,
} from "./ignition.ts";

export const LOCAL_CHAIN_ID = 31337;

export type DeployClients = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

/** The staking token: the project's test token (with its faucet), or an existing ERC-20 on the chain. */
export type TokenChoice = { kind: "test" } | { kind: "existing"; address: Address };

export type ArenaDeployOptions = {
  /** Sends transactions from `deployer` (an unlocked node account, or a key signing locally). */
  provider: EIP1193Provider;
  deployer: Address;
  chainId: number;
  token: TokenChoice;
  /** Ignition's deployment folder (journal): a deploy resumes from it, and a finished one is a no-op. */
  deploymentDir: string;
  log?: (line: string) => void;
  config?: Partial<DeployConfig>;
};

/** Every transaction a deploy sends, by Ignition future id, with the contract it creates (or none for a call). */
export function plannedFutures(token: TokenChoice): { futureId: string; contract?: string }[] {
  const testToken = [
    { futureId: "TestToken#ArenaToken", contract: "ArenaToken" },
    { futureId: "TestToken#Faucet", contract: "Faucet" },
    { futureId: "TestToken#FundFaucet" },
  ];
  const arena = [
    { futureId: "ArenaProtocol#ArenaSettlement", contract: "ArenaSettlement" },
    { futureId: "ArenaProtocol#ArenaLifecycle", contract: "ArenaLifecycle" },
    { futureId: "ArenaProtocol#ArenaDelegation", contract: "ArenaDelegation" },
    { futureId: "ArenaProtocol#ArenaTasks", contract: "ArenaTasks" },
    { futureId: "ArenaProtocol#ArenaTasks.setMinCreatorStake" },
    { futureId: "Machines#MachineRegistry", contract: "MachineRegistry" },
    { futureId: "Targets#ArenaTargets", contract: "ArenaTargets" },
  ];
  return token.kind === "test" ? [...testToken, ...arena] : arena;
}

/** What is still to send (what the journal does not record as done), and roughly how much gas it takes. */
export function remainingWork(deploymentDir: string, token: TokenChoice) {
  const done = completedFutures(deploymentDir);
  const pending = plannedFutures(token).filter((f) => !done.has(f.futureId));
  const gas = pending.reduce((sum, f) => sum + (f.contract ? creationGas(f.contract) : CALL_GAS), 0n);
  return { done: plannedFutures(token).length - pending.length, pending, gas };
}

/**
 * Deploys Arena through its Ignition modules (ignition/modules/): the test token first when asked for, then
 * the protocol around the staking token. Ignition's journal in `deploymentDir` makes an interrupted deploy
 * resume where it stopped and a finished one a no-op; the returned record is read back from that journal.
 */
export async function deployArena(options: ArenaDeployOptions): Promise<DeploymentFile> {
  const { provider, deployer, chainId, token, deploymentDir, log = () => {} } = options;
  const total = plannedFutures(token).length;
  const { done } = remainingWork(deploymentDir, token);
  let count = done;
  if (done === total) log(`deploy: all ${total} steps are in the journal already; nothing to send`);
  else if (done > 0) log(`deploy: resuming: ${done} of ${total} steps done in an earlier run`);

  const events = listener({
    async transactionSend({ futureId, hash }) {
      log(`deploy: ${futureId}: sent ${hash}`);
    },
    async deploymentExecutionStateComplete({ futureId, result }) {
      if (result.type === "SUCCESS") log(`deploy: [${++count}/${total}] ${futureId} at ${result.result}`);
    },
    async callExecutionStateComplete({ futureId, result }) {
      if (result.type === "SUCCESS") log(`deploy: [${++count}/${total}] ${futureId} done`);
    },
    async onchainInteractionBumpFees({ futureId }) {
      log(`deploy: ${futureId}: bumping fees (the transaction is slow to be mined)`);
    },
  });
  const common = {
    config: { blockPollingInterval: chainId === LOCAL_CHAIN_ID ? 50 : 1_000, ...options.config },
    artifactResolver,
    provider,
    executionEventListener: events,
    deploymentDir,
    accounts: [deployer],
    defaultSender: deployer,
  };

  let tokenAddress: string;
  if (token.kind === "test") {
    const result = await deploy({ ...common, ignitionModule: TestTokenModule, deploymentParameters: {} });
    const deployed = Object.values(successOf(result, deploymentDir));
    tokenAddress = deployed.find((c) => c.contractName === "ArenaToken")!.address;
  } else {
    tokenAddress = token.address;
  }
  const result = await deploy({
    ...common,
    ignitionModule: ArenaModule,
    deploymentParameters: { $global: { token: tokenAddress } },
  });
  successOf(result, deploymentDir);
  return deploymentRecord(chainId, deploymentDir, token);
}

/** deployments/<chainId>.json from the journal: contracts in deployment order, an existing token first. */
export function deploymentRecord(chainId: number, deploymentDir: string, token: TokenChoice): DeploymentFile {
  const journal = readJournal(deploymentDir);
  const contracts: DeploymentFile["contracts"] = {};
  if (chainId === LOCAL_CHAIN_ID) contracts.Multicall3 = { address: MULTICALL3_ADDRESS, blockNumber: 0 };
  if (token.kind === "existing") {
    // The token predates Arena; events that matter to Arena start with Arena's first contract.
    const first = Math.min(...journal.map((c) => c.blockNumber));
    contracts.ArenaToken = { address: token.address, blockNumber: first };
  }
  for (const { name } of ARENA_CONTRACTS) {
    const found = journal.find((c) => c.contractName === name);
    if (found) contracts[name] = { address: found.address, blockNumber: found.blockNumber };
  }
  return { chainId, contracts };
}

function successOf(result: DeploymentResult, deploymentDir: string) {
  if (result.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT) return result.contracts;
  const where = path.relative(process.cwd(), deploymentDir) || deploymentDir;
  const lines = (errors: Record<string, string[]>) =>
    Object.entries(errors).flatMap(([id, list]) => list.map((e) => `  ${id}: ${e}`));
  switch (result.type) {
    case DeploymentResultType.VALIDATION_ERROR:
      throw new Error(`The Ignition modules did not validate:\n${lines(result.errors).join("\n")}`);
    case DeploymentResultType.RECONCILIATION_ERROR:
      throw new Error(
        `The journal in ${where} was started with other settings (another staking token, or changed contracts):\n` +
          `${lines(result.errors).join("\n")}\n` +
          `Resume it with the settings it was started with, or move ${where} away to deploy afresh.`,
      );
    case DeploymentResultType.PREVIOUS_RUN_ERROR:
      throw new Error(
        `An earlier run failed on:\n${lines(result.errors).join("\n")}\n` +
          `See \`npx hardhat ignition status ${path.basename(deploymentDir)}\`; \`npx hardhat ignition wipe\` clears a failed step.`,
      );
    case DeploymentResultType.EXECUTION_ERROR: {
      const failed = result.failed.map((f) => `  ${f.futureId}: ${f.error}`);
      const timedOut = result.timedOut.map(
        (f) => `  ${f.futureId}: not mined in time (rerun to keep waiting)`,
      );
      const held = result.held.map((f) => `  ${f.futureId}: held (${f.reason})`);
      throw new Error(
        `The deploy stopped (rerun to resume):\n${[...failed, ...timedOut, ...held].join("\n")}`,
      );
    }
  }
}

/**
 * The local chain: Multicall3 at its canonical address (so reads are batched as on every chain), then the
 * Ignition deploy with the test token, from a fresh journal (every local node starts empty), recorded in
 * deployments/31337.json with contracts-abi/ regenerated.
 */
export async function deployAll({ publicClient, walletClient }: DeployClients): Promise<DeploymentFile> {
  const chainId = await publicClient.getChainId();
  if (chainId === LOCAL_CHAIN_ID) await placeLocalMulticall(publicClient);
  const deploymentDir = mkdtempSync(path.join(tmpdir(), `arena-ignition-${chainId}-`));
  try {
    const provider: EIP1193Provider = {
      request: (args) => publicClient.request(args as Parameters<PublicClient["request"]>[0]),
    };
    const deployment = await deployArena({
      provider,
      deployer: walletClient.account.address,
      chainId,
      token: { kind: "test" },
      deploymentDir,
    });
    writeDeployment(deployment);
    generateAbis();
    return deployment;
  } finally {
    rmSync(deploymentDir, { recursive: true, force: true });
  }
}

/** Puts Multicall3's code at its canonical address on a local Hardhat node. */
export async function placeLocalMulticall(publicClient: PublicClient): Promise<void> {
  const multicall = readArtifact("Multicall3");
  await publicClient.request({
    method: "hardhat_setCode" as "eth_chainId",
    params: [MULTICALL3_ADDRESS, multicall.deployedBytecode] as unknown as undefined,
  });
}

/** Sends a contract call by contract name and waits for it to be mined; throws on revert. */
export async function send(
  { publicClient, walletClient }: DeployClients,
  address: Address,
  contractName: string,
  functionName: string,
  args: readonly unknown[],
): Promise<Hex> {
  const { abi } = readArtifact(contractName);
  const { request } = await publicClient.simulateContract({
    address,
    abi,
    functionName,
    args,
    account: walletClient.account,
  });
  const hash = await walletClient.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${contractName}.${functionName} reverted (${hash})`);
  return hash;
}
