import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";
import {
  DEPLOYER_KEY_VARIABLE,
  ETHERSCAN_KEY_VARIABLE,
  LIVE_NETWORKS,
} from "./scripts/lib/deploy-networks.ts";

const require = createRequire(import.meta.url);

/** The compiler comes from the `solc` npm package: Hardhat cannot download one on these machines. */
const solc = {
  version: "0.8.28",
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
  },
} as const;

/** FUZZ_RUNS=5000 npm run test:contracts runs the deeper fuzz campaign. */
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 1000);

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
    profiles: {
      default: solc,
      production: solc,
    },
  },
  paths: {
    sources: "contracts",
    tests: {
      solidity: "contracts/test",
      nodejs: "contracts/test",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: fuzzRuns, seed: "0x4172656e61" },
      // Invariants: a quarter as many call sequences (depth 32) as fuzz runs: 250 in npm test, 1,250 with FUZZ_RUNS=5000.
      invariant: { runs: Math.max(32, Math.floor(fuzzRuns / 4)), depth: 32 },
    },
  },
  networks: {
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.ARENA_RPC_URL ?? "http://127.0.0.1:8545",
    },
    // Configuration variables: the environment first, else the Hardhat keystore (docs/DEPLOY.md).
    baseSepolia: {
      type: "http",
      chainType: "op",
      chainId: LIVE_NETWORKS.baseSepolia.chainId,
      url: configVariable(LIVE_NETWORKS.baseSepolia.rpcUrlVariable),
      accounts: [configVariable(DEPLOYER_KEY_VARIABLE)],
    },
    base: {
      type: "http",
      chainType: "op",
      chainId: LIVE_NETWORKS.base.chainId,
      url: configVariable(LIVE_NETWORKS.base.rpcUrlVariable),
      accounts: [configVariable(DEPLOYER_KEY_VARIABLE)],
    },
  },
  // Basescan (Base and Base Sepolia) through Etherscan's v2 API: one key for every chain. scripts/deploy.ts runs
  // `ignition verify` after a live deploy when the key is set and the API is reachable.
  verify: {
    etherscan: { apiKey: configVariable(ETHERSCAN_KEY_VARIABLE) },
    blockscout: { enabled: false },
    sourcify: { enabled: false },
  },
});
