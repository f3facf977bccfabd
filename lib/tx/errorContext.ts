import type { Address } from "viem";
import type { Config } from "wagmi";
import { getBlock, readContract } from "wagmi/actions";
import { arenaTargetsAbi, arenaTasksAbi, machineRegistryAbi } from "@/contracts-abi";
import type { FailedCall, RevertInfo } from "@/lib/errors/describe";
import type { ExplainContext } from "@/lib/errors/render";

export type CallTarget = FailedCall & { address: Address };

/** The task a call to ArenaTasks is about: its `taskId` argument, or the error's. */
function taskIdOf(call: CallTarget, revert: RevertInfo): bigint | undefined {
  if (typeof revert.named.taskId === "bigint") return revert.named.taskId;
  const fn = arenaTasksAbi.find((i) => i.type === "function" && i.name === call.functionName);
  const index = fn?.type === "function" ? fn.inputs.findIndex((p) => p.name === "taskId") : -1;
  const value = index >= 0 ? call.args?.[index] : undefined;
  return typeof value === "bigint" ? value : undefined;
}

async function clock(config: Config, chainId: number, call: CallTarget, revert: RevertInfo) {
  const address = call.address;
  if (revert.contract === "ArenaTasks") {
    const taskId = taskIdOf(call, revert);
    if (taskId === undefined) return undefined;
    const [start, , , end] = await readContract(config, {
      abi: arenaTasksAbi,
      address,
      functionName: "epochTimes",
      args: [taskId, 0n],
      chainId,
    });
    return { genesis: start, length: end - start };
  }
  if (revert.contract === "ArenaTargets") {
    const [genesis, cfg] = await Promise.all([
      readContract(config, { abi: arenaTargetsAbi, address, functionName: "genesis", chainId }),
      readContract(config, { abi: arenaTargetsAbi, address, functionName: "config", chainId }),
    ]);
    return { genesis, length: BigInt(cfg.epochLength) };
  }
  if (revert.contract === "MachineRegistry") {
    const [genesis, length] = await Promise.all([
      readContract(config, { abi: machineRegistryAbi, address, functionName: "genesis", chainId }),
      readContract(config, { abi: machineRegistryAbi, address, functionName: "epochLength", chainId }),
    ]);
    return { genesis: BigInt(genesis), length: BigInt(length) };
  }
  return undefined;
}

/**
 * What an explanation needs beyond the error's arguments, read from the chain after a revert: the epoch clock
 * of the contract that reverted (so epochs read as dates) and chain time. Loaded with the registry, only then.
 */
export async function readErrorContext(
  config: Config,
  chainId: number,
  call: CallTarget,
  revert: RevertInfo,
): Promise<ExplainContext> {
  const [epochs, block] = await Promise.all([
    clock(config, chainId, call, revert).catch(() => undefined),
    getBlock(config, { chainId }).catch(() => undefined),
  ]);
  return {
    now: block?.timestamp,
    epochStart: epochs && epochs.length > 0n ? (e) => epochs.genesis + e * epochs.length : undefined,
  };
}
