import { keccak256, parseEther, toHex, type Address } from "viem";
import type { DeploymentFile } from "./gen-abi.ts";
import { send, type DeployClients } from "./deploy.ts";
import { seedProtocol } from "../seed/protocol.ts";

export type SeedEnv = DeployClients & {
  /** The node's unlocked accounts; [0] is the deployer. */
  accounts: readonly Address[];
  deployment: DeploymentFile;
  /** One client per account, for seeding actions taken by others than the deployer. */
  clientFor: (account: Address) => DeployClients;
};

export const DEMO_BALANCE = parseEther("50000");

export function contractAddress(env: SeedEnv, name: string): Address {
  const address = env.deployment.contracts[name]?.address;
  if (!address) throw new Error(`Seed: ${name} is not deployed`);
  return address;
}

/** Gives every dev-wallet account a working balance of ARENA, so each role can be tried at once. */
async function fundAccounts(env: SeedEnv): Promise<void> {
  const token = contractAddress(env, "ArenaToken");
  for (const account of env.accounts.slice(1, 10)) {
    await send(env, token, "ArenaToken", "transfer", [account, DEMO_BALANCE]);
  }
}

/**
 * Machines: accounts 10..19 run the machine agents (`npm run machine`), so they get ARENA to stake; the dev
 * wallet's accounts 0..9 may report job results, as the gateway the /machines page plays.
 */
async function prepareMachines(env: SeedEnv): Promise<void> {
  const token = contractAddress(env, "ArenaToken");
  const registry = contractAddress(env, "MachineRegistry");
  for (const account of env.accounts.slice(10, 20)) {
    await send(env, token, "ArenaToken", "transfer", [account, DEMO_BALANCE]);
  }
  const role = keccak256(toHex("REPORTER_ROLE"));
  for (const account of env.accounts.slice(0, 10)) {
    await send(env, registry, "MachineRegistry", "grantRole", [role, account]);
  }
}

/** Demo state for the local chain, in order. Later features append their own steps. */
export const SEED_STEPS: { name: string; run: (env: SeedEnv) => Promise<void> }[] = [
  { name: "fund accounts", run: fundAccounts },
  { name: "machine operators and reporters", run: prepareMachines },
];

export async function seedDemo(env: SeedEnv, log: (line: string) => void = () => {}): Promise<void> {
  for (const step of SEED_STEPS) {
    const started = Date.now();
    await step.run(env);
    log(`seed: ${step.name} (${Date.now() - started} ms)`);
  }
}

SEED_STEPS.push({
  name: "targets market",
  run: async (env) => (await import("../seed/targets.ts")).seedTargets(env),
});

// Last: the protocol's demo tasks are laid out on a one-hour clock ending at the chain's time after every other
// step (the targets market moves the clock by days), so each task is left in the phase it demonstrates.
SEED_STEPS.push({ name: "protocol", run: seedProtocol });
