import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
  type Address,
  type Hex,
} from "viem";
import { arenaTokenAbi, deployments, machineRegistryAbi } from "../../contracts-abi/index.ts";
import { localChain } from "../../lib/chain/chains.ts";

export type MachineChain = {
  operator: Address;
  machineId: bigint;
  heartbeatIfDue: () => Promise<"sent" | "not-due" | "inactive">;
  claimJob: (jobId: Hex, weight: bigint) => Promise<void>;
};

export type RegisterOptions = {
  rpcUrl: string;
  account: number;
  endpoint: string;
  region: string;
  tier: number;
  stake: string;
  log: (line: string) => void;
};

function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError ? revert.data?.errorName : undefined;
}

/**
 * Connects the agent to the chain as one of the node's unlocked accounts and makes sure its machine is
 * registered, active and pointing at this agent's endpoint (a restarted agent keeps its machine id).
 * Transactions go one at a time, so heartbeats and job claims never race for a nonce.
 */
export async function connectMachine(options: RegisterOptions): Promise<MachineChain> {
  const chain = localChain(options.rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(options.rpcUrl) });
  const chainId = await publicClient.getChainId();
  const registry = deployments[chainId]?.MachineRegistry?.address;
  const token = deployments[chainId]?.ArenaToken?.address;
  if (!registry || !token) throw new Error(`MachineRegistry is not deployed on chain ${chainId}`);
  const accounts = await createWalletClient({ chain, transport: http(options.rpcUrl) }).getAddresses();
  const operator = accounts[options.account];
  if (!operator) throw new Error(`The node has no unlocked account #${options.account}`);
  const wallet = createWalletClient({ account: operator, chain, transport: http(options.rpcUrl) });

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const write = (functionName: string, args: readonly unknown[], address: Address = registry) =>
    serial(async () => {
      const abi = address === token ? arenaTokenAbi : machineRegistryAbi;
      const { request } = await publicClient.simulateContract({
        address,
        abi,
        functionName,
        args,
        account: operator,
      } as Parameters<typeof publicClient.simulateContract>[0]);
      const hash = await wallet.writeContract(request as Parameters<typeof wallet.writeContract>[0]);
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${functionName} reverted (${hash})`);
      return receipt;
    });
  const read = <T>(functionName: string, args: readonly unknown[]): Promise<T> =>
    publicClient.readContract({
      address: registry,
      abi: machineRegistryAbi,
      functionName,
      args,
    } as Parameters<typeof publicClient.readContract>[0]) as Promise<T>;

  let machineId: bigint;
  try {
    machineId = await read<bigint>("machineOf", [operator]);
  } catch (error) {
    if (revertName(error) !== "NoMachineForOperator") throw error;
    const stake = parseEther(options.stake);
    await write("approve", [registry, stake], token);
    await write("register", [options.endpoint, options.region, options.tier, stake]);
    machineId = await read<bigint>("machineOf", [operator]);
    options.log(`registered machine #${machineId} as ${operator} with ${options.stake} ARENA`);
  }
  const machine = await read<{ endpoint: string; active: boolean; stake: bigint }>("getMachine", [machineId]);
  if (machine.endpoint !== options.endpoint) {
    await write("updateMachine", [machineId, options.endpoint, options.region, options.tier]);
    options.log(`machine #${machineId} now at ${options.endpoint}`);
  }
  if (!machine.active) {
    const stake = parseEther(options.stake);
    await write("approve", [registry, stake], token);
    await write("addStake", [machineId, stake]);
    options.log(`machine #${machineId} reactivated with ${options.stake} ARENA`);
  }

  return {
    operator,
    machineId,
    async heartbeatIfDue() {
      const [slot, current] = await Promise.all([
        read<bigint>("currentSlot", []),
        read<{ lastHeartbeatSlot: bigint; active: boolean }>("getMachine", [machineId]),
      ]);
      if (!current.active) return "inactive";
      if (current.lastHeartbeatSlot === slot) return "not-due";
      try {
        await write("heartbeat", [machineId]);
        return "sent";
      } catch (error) {
        // The slot may have been beaten in between (a block mined at a later time); the next tick retries.
        if (revertName(error) === "HeartbeatAlreadySent") return "not-due";
        throw error;
      }
    },
    async claimJob(jobId, weight) {
      await write("claimJob", [machineId, jobId, weight]);
    },
  };
}
