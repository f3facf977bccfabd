import { network } from "hardhat";
import type { PublicClient } from "viem";
import { deployAll } from "./lib/deploy.ts";

/**
 * Deploys Arena to the network given with `--network` (Base Sepolia, Base, or a running local node) and records
 * the addresses in deployments/<chainId>.json, from which contracts-abi/ is regenerated. Keys and RPC URLs come
 * from Hardhat configuration variables (keystore or environment), never from source:
 *
 *   npx hardhat keystore set BASE_SEPOLIA_RPC_URL
 *   npx hardhat keystore set DEPLOYER_PRIVATE_KEY
 *   npx hardhat run scripts/deploy.ts --network baseSepolia
 */
const { viem, networkName } = await network.getOrCreate();
const publicClient = (await viem.getPublicClient()) as unknown as PublicClient;
const [walletClient] = await viem.getWalletClients();
if (!walletClient) throw new Error(`No deployer account configured for network "${networkName}"`);

console.log(
  `deploy: ${networkName} (chain ${await publicClient.getChainId()}) from ${walletClient.account.address}`,
);
const deployment = await deployAll({ publicClient, walletClient });
for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
  console.log(`deploy: ${name.padEnd(16)} ${address} (block ${blockNumber})`);
}
console.log(`deploy: wrote deployments/${deployment.chainId}.json and contracts-abi/`);
