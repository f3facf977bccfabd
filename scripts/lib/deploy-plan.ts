import { parseEther, type Address } from "viem";

/** Where Multicall3 lives on every public chain; the local chain gets the same address (see deploy.ts). */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

export const TOKEN_SUPPLY = parseEther("100000000");
export const FAUCET_DRIP = parseEther("1000");
export const FAUCET_COOLDOWN_SECONDS = 24n * 60n * 60n;
export const FAUCET_FUNDING = parseEther("10000000");

/** MachineRegistry: one-day epochs (the dev panel's "next epoch"), hourly heartbeat slots, one epoch unbonding. */
export const MACHINE_EPOCH_SECONDS = 86_400n;
export const MACHINE_HEARTBEAT_SECONDS = 3_600n;
export const MACHINE_MIN_STAKE = parseEther("1000");

export const MIN_CREATOR_STAKE = parseEther("100");

/**
 * The contracts Arena deploys (ignition/modules/), in deployment order, and whether the app talks to them.
 * Modules are reached only through ArenaTasks' delegatecall, so the app gets no ABI module for them.
 */
export const ARENA_CONTRACTS = [
  { name: "ArenaToken", app: true },
  { name: "Faucet", app: true },
  { name: "ArenaSettlement", app: false },
  { name: "ArenaLifecycle", app: false },
  { name: "ArenaDelegation", app: false },
  { name: "ArenaTasks", app: true },
  { name: "MachineRegistry", app: true },
  { name: "ArenaTargets", app: true },
] as const;

export type ArenaContractName = (typeof ARENA_CONTRACTS)[number]["name"];

/** The targets market (docs/ARCHITECTURE.md §4). Distances, thresholds and rates are in micro units (1e-6). */
export const TARGETS_CONFIG = {
  epochLength: 86_400n,
  dimension: 96,
  targetsPerEpoch: 8,
  modelsPerTarget: 2,
  maxActiveModels: 6,
  maxValidators: 32,
  rewardPerTarget: parseEther("100"),
  bondPerByte: parseEther("0.01"),
  maxDataSize: 16_384,
  minModelStake: parseEther("1000"),
  minValidatorStake: parseEther("1000"),
  initialThreshold: 250_000,
  minThreshold: 20_000,
  maxThreshold: 800_000,
  targetFillRate: 500_000,
  emaAlpha: 300_000,
} as const;
