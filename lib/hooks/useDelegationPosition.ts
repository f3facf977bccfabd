"use client";

import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { delegationRewardsRelease, settlementPendingFor } from "@/lib/arena/escrow";
import type { TaskView } from "@/lib/arena/indexer";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/**
 * The connected delegator's position with `delegatee` in `task`: its unpaid rewards and whether they are
 * claimable or escrowed, and the epoch that must be settled first if a change would revert `SettlementPending`.
 */
export function useDelegationPosition(task: TaskView | undefined, delegatee: Address, now: number) {
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const read = useReadContracts({
    contracts: [
      {
        abi: arenaTasksAbi,
        address: arena,
        functionName: "delegationOf",
        args: [task?.id ?? 0n, delegatee, address ?? delegatee],
        chainId,
      },
      { abi: arenaTasksAbi, address: arena, functionName: "getTask", args: [task?.id ?? 0n], chainId },
    ] as const,
    query: { enabled: Boolean(arena && address && task) },
  });
  const [delegation, taskState] = read.data ?? [];
  const position = delegation?.result?.[0];
  const state = taskState?.result?.[0];
  const c = task?.config;
  const epoch = c && task ? Math.max(0, Math.floor((now - task.start) / c.epochLength)) : 0;
  const settleFirst =
    position && state && c
      ? settlementPendingFor(
          { amount: position.amount, nextAmount: position.nextAmount, nextFrom: position.nextFrom },
          epoch,
          state.settledEpochs,
          c.submissionEpochs + c.finalEpochs,
          state.cancelled,
        )
      : undefined;
  return {
    pendingRewards: delegation?.result?.[2] ?? 0n,
    escrowed: position?.escrowed ?? 0n,
    release: task ? delegationRewardsRelease(task, delegatee, now) : undefined,
    settleFirst,
  };
}
