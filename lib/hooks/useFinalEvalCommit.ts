"use client";

import { useReadContract } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** The task's final evaluation-set commitment, read from the contract (`getTask`). */
export function useFinalEvalCommit(taskId: bigint) {
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const read = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getTask",
    args: [taskId],
    chainId,
    query: { enabled: Boolean(arena) },
  });
  return read.data?.[0].finalEvalCommit;
}
