import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

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
    baseSepolia: {
      type: "http",
      chainType: "op",
      chainId: 84532,
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    base: {
      type: "http",
      chainType: "op",
      chainId: 8453,
      url: configVariable("BASE_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
