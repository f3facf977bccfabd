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

export type DeployContext = {
  chainId: number;
  deployer: Address;
  /** Addresses deployed so far in this run, by contract name. */
  deployed: Readonly<Record<string, Address>>;
};

export type DeployStep = {
  /** Contract name as compiled (artifacts/contracts/…/<name>.json). */
  name: string;
  /** Only on the local chain (a faucet has no place where the token has value). */
  localOnly?: boolean;
  /** Reached only through another contract's delegatecall: the app gets no ABI module for it. */
  module?: boolean;
  args: (ctx: DeployContext) => readonly unknown[];
  /** Runs once the contract is deployed (e.g. funding it); gets a sender for the deployer. */
  after?: (ctx: DeployContext & { address: Address }) => PostDeployAction[];
};

export type PostDeployAction = {
  contract: string;
  functionName: string;
  args: readonly unknown[];
};

function addressOf(ctx: DeployContext, name: string): Address {
  const address = ctx.deployed[name];
  if (!address) throw new Error(`Deploy plan: ${name} must be deployed before it is used`);
  return address;
}

/**
 * The contracts Arena deploys, in order. Local deployments always start from a fresh node with the same
 * deployer, so the addresses are the same on every start.
 */
export const DEPLOY_PLAN: DeployStep[] = [
  {
    name: "ArenaToken",
    args: (ctx) => [ctx.deployer, TOKEN_SUPPLY],
  },
  {
    name: "Faucet",
    localOnly: true,
    args: (ctx) => [addressOf(ctx, "ArenaToken"), FAUCET_DRIP, FAUCET_COOLDOWN_SECONDS],
    after: (ctx) => [
      { contract: "ArenaToken", functionName: "transfer", args: [ctx.address, FAUCET_FUNDING] },
    ],
  },
  // The Arena protocol: three delegatecall modules sharing ArenaTasks' storage layout, then ArenaTasks itself
  // (admin: the deployer). Creators qualify by locking 100 ARENA, by past participation or by EXPERT_ROLE.
  { name: "ArenaSettlement", module: true, args: (ctx) => [addressOf(ctx, "ArenaToken")] },
  { name: "ArenaLifecycle", module: true, args: (ctx) => [addressOf(ctx, "ArenaToken")] },
  { name: "ArenaDelegation", module: true, args: (ctx) => [addressOf(ctx, "ArenaToken")] },
  {
    name: "ArenaTasks",
    args: (ctx) => [
      addressOf(ctx, "ArenaToken"),
      ctx.deployer,
      addressOf(ctx, "ArenaSettlement"),
      addressOf(ctx, "ArenaLifecycle"),
      addressOf(ctx, "ArenaDelegation"),
    ],
    after: () => [{ contract: "ArenaTasks", functionName: "setMinCreatorStake", args: [parseEther("100")] }],
  },
  {
    name: "MachineRegistry",
    args: (ctx) => [
      addressOf(ctx, "ArenaToken"),
      ctx.deployer,
      MACHINE_EPOCH_SECONDS,
      MACHINE_HEARTBEAT_SECONDS,
      MACHINE_EPOCH_SECONDS,
      MACHINE_MIN_STAKE,
    ],
  },
];

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

DEPLOY_PLAN.push({
  name: "ArenaTargets",
  args: (ctx) => [addressOf(ctx, "ArenaToken"), ctx.deployer, TARGETS_CONFIG],
});
