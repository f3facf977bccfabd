"use client";

import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { toTaskChain, type TaskChain } from "@/lib/portfolio/arena";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** A task as the contract sees it now (`getTask`, `currentEpoch`), for the exit rules of lib/portfolio. */
export function useTaskChain(taskId: bigint): TaskChain | undefined {
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const reads = useReadContracts({
    contracts: [
      { abi: arenaTasksAbi, address: arena, functionName: "getTask", args: [taskId], chainId },
      { abi: arenaTasksAbi, address: arena, functionName: "currentEpoch", args: [taskId], chainId },
    ],
    allowFailure: false,
    query: { enabled: Boolean(arena), refetchInterval: 5_000 },
  });
  if (!reads.data) return undefined;
  const [[state, config], [epoch]] = reads.data;
  return toTaskChain(taskId, state, config, epoch);
}
