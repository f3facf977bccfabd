import {
  getAddress,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { readArtifact } from "./artifacts.ts";
import { DEPLOY_PLAN, MULTICALL3_ADDRESS, type DeployContext } from "./deploy-plan.ts";
import { generateAbis, writeDeployment, type DeploymentFile } from "./gen-abi.ts";

export const LOCAL_CHAIN_ID = 31337;

export type DeployClients = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

/**
 * Deploys every contract of the plan in order, funds what the plan says, records the deployment in
 * deployments/<chainId>.json and regenerates contracts-abi/. On the local chain it also places Multicall3 at
 * its canonical address, so reads are batched the same way on every chain.
 */
export async function deployAll({ publicClient, walletClient }: DeployClients): Promise<DeploymentFile> {
  const chainId = await publicClient.getChainId();
  const local = chainId === LOCAL_CHAIN_ID;
  const deployer = walletClient.account.address;
  const deployed: Record<string, Address> = {};
  const contracts: DeploymentFile["contracts"] = {};

  if (local) {
    const multicall = readArtifact("Multicall3");
    await publicClient.request({
      method: "hardhat_setCode" as "eth_chainId",
      params: [MULTICALL3_ADDRESS, multicall.deployedBytecode] as unknown as undefined,
    });
    contracts.Multicall3 = { address: MULTICALL3_ADDRESS, blockNumber: 0 };
  }

  for (const step of DEPLOY_PLAN) {
    if (step.localOnly && !local) continue;
    const ctx: DeployContext = { chainId, deployer, deployed };
    const artifact = readArtifact(step.name);
    const hash = await walletClient.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args: step.args(ctx),
      chain: walletClient.chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new Error(`Deploying ${step.name} failed (transaction ${hash})`);
    }
    deployed[step.name] = getAddress(receipt.contractAddress);
    contracts[step.name] = {
      address: getAddress(receipt.contractAddress),
      blockNumber: Number(receipt.blockNumber),
    };
    for (const action of step.after?.({ ...ctx, address: receipt.contractAddress }) ?? []) {
      const target = deployed[action.contract];
      if (!target) throw new Error(`${step.name}: ${action.contract} is not deployed`);
      await send(
        clientsOf(publicClient, walletClient),
        target,
        action.contract,
        action.functionName,
        action.args,
      );
    }
  }

  const deployment: DeploymentFile = { chainId, contracts };
  writeDeployment(deployment);
  generateAbis();
  return deployment;
}

function clientsOf(publicClient: PublicClient, walletClient: DeployClients["walletClient"]): DeployClients {
  return { publicClient, walletClient };
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
