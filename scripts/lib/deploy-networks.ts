/**
 * The live networks Arena deploys to, with the configuration variables (environment or Hardhat keystore) that
 * hold their RPC URLs. hardhat.config.ts and scripts/deploy.ts both read this.
 */
export const LIVE_NETWORKS = {
  baseSepolia: {
    chainId: 84532,
    rpcUrlVariable: "BASE_SEPOLIA_RPC_URL",
    explorer: "https://sepolia.basescan.org",
  },
  base: { chainId: 8453, rpcUrlVariable: "BASE_RPC_URL", explorer: "https://basescan.org" },
} as const;

export type LiveNetworkName = keyof typeof LIVE_NETWORKS;

export const DEPLOYER_KEY_VARIABLE = "DEPLOYER_PRIVATE_KEY";
/** Etherscan's v2 API key (one key for every chain, Base and Base Sepolia included) for contract verification. */
export const ETHERSCAN_KEY_VARIABLE = "ETHERSCAN_API_KEY";
export const ETHERSCAN_API_URL = "https://api.etherscan.io/v2/api";

export function isLiveNetwork(name: string): name is LiveNetworkName {
  return Object.hasOwn(LIVE_NETWORKS, name);
}
