import path from "node:path";
import { createConfig } from "ponder";
import { arenaTargetsAbi, arenaTasksAbi, deployments, machineRegistryAbi } from "../contracts-abi";

/**
 * The indexer of the Arena contracts (docs/ARCHITECTURE.md §10). One chain per process, chosen by
 * ARENA_CHAIN_ID (default: the local Hardhat chain); addresses and start blocks come from contracts-abi/,
 * which every deploy writes. Storage: the embedded PGlite under .arena/ by default, Postgres when
 * DATABASE_URL is set (Ponder reads it itself).
 */
const chainId = Number(process.env.ARENA_CHAIN_ID ?? 31337);
const local = chainId === 31337;
const rpc = process.env.PONDER_RPC_URL ?? (local ? "http://127.0.0.1:8545" : undefined);
if (!rpc) throw new Error(`Set PONDER_RPC_URL to an RPC endpoint of chain ${chainId}.`);
const deployed = deployments[chainId];
function contract(name: "ArenaTasks" | "ArenaTargets" | "MachineRegistry") {
  const d = deployed?.[name];
  if (!d) throw new Error(`${name} has no deployment on chain ${chainId} in contracts-abi/addresses.ts.`);
  return { chain: "arena" as const, address: d.address, startBlock: d.blockNumber };
}

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : {
        kind: "pglite",
        directory: process.env.PONDER_PGLITE_DIR ?? path.join(import.meta.dirname, "..", ".arena", "indexer"),
      },
  chains: {
    arena: {
      id: chainId,
      rpc,
      // A local node mines on demand: poll often, and never cache what a restarted node replaces.
      pollingInterval: local ? 250 : 2_000,
      disableCache: local,
      ...(process.env.PONDER_LOGS_BLOCK_RANGE
        ? { ethGetLogsBlockRange: Number(process.env.PONDER_LOGS_BLOCK_RANGE) }
        : {}),
    },
  },
  contracts: {
    ArenaTasks: { abi: arenaTasksAbi, ...contract("ArenaTasks") },
    ArenaTargets: { abi: arenaTargetsAbi, ...contract("ArenaTargets") },
    MachineRegistry: { abi: machineRegistryAbi, ...contract("MachineRegistry") },
  },
});
