"use client";

import { useMemo } from "react";
import { useReadContracts } from "wagmi";
import type { Address } from "viem";
import { arenaTasksAbi } from "@/contracts-abi";
import {
  epochInputFromTask,
  epochParticipants,
  paidRecords,
  positionAmountAt,
  type EpochStake,
} from "@/lib/arena/epochInput";
import type { TaskView } from "@/lib/arena/indexer";
import { explainEpoch, mismatches, type Delegation, type EpochExplanation } from "@/lib/rewards/explain";
import type { EpochView } from "@/lib/indexer/views";
import { useIndexerView } from "@/lib/hooks/useIndexerView";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

export type EpochExplanationQuery = {
  explanation?: EpochExplanation;
  /** Differences from what the indexer recorded as paid (empty: every wei explained). */
  mismatches: string[];
  isLoading: boolean;
  error: Error | null;
};

/**
 * One settled epoch explained: reveals, ρ and R₀ from the indexer's task view; the stakes counted in the epoch and
 * the delegators' positions from the contract (`stakeAt`, `delegationOf`), which the indexer does not keep per
 * epoch.
 */
export function useEpochExplanation(taskId: bigint, epoch: number | undefined): EpochExplanationQuery {
  const view = useIndexerView<EpochView>(
    epoch === undefined ? undefined : `/v1/tasks/${taskId}/epochs/${epoch}`,
  );
  const task = view.data?.tasks.get(taskId);
  const q = useEpochReads(task, epoch);
  if (view.error) return { mismatches: [], isLoading: false, error: view.error };
  if (!task) return { mismatches: [], isLoading: view.isLoading, error: null };
  return q;
}

function useEpochReads(task: TaskView | undefined, epoch: number | undefined): EpochExplanationQuery {
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const who = useMemo(() => {
    if (epoch === undefined || !task) return { accounts: [] as Address[], pairs: [] as [Address, Address][] };
    const { nodes, validators } = epochParticipants(task, epoch);
    const accounts = [...new Set([...nodes, ...validators])];
    const pairs: [Address, Address][] = [];
    for (const a of accounts) {
      const p = [...task.participants.values()].find((x) => x.account.toLowerCase() === a.toLowerCase());
      for (const d of p?.delegators.keys() ?? []) pairs.push([a, d]);
    }
    return { accounts, pairs };
  }, [task, epoch]);
  const reads = useReadContracts({
    contracts: [
      ...who.accounts.map(
        (a) =>
          ({
            abi: arenaTasksAbi,
            address: arena,
            functionName: "stakeAt",
            args: [task?.id ?? 0n, a, BigInt(epoch ?? 0)],
            chainId,
          }) as const,
      ),
      ...who.pairs.map(
        ([delegatee, delegator]) =>
          ({
            abi: arenaTasksAbi,
            address: arena,
            functionName: "delegationOf",
            args: [task?.id ?? 0n, delegatee, delegator],
            chainId,
          }) as const,
      ),
    ],
    allowFailure: false,
    query: { enabled: Boolean(arena && task) && epoch !== undefined && who.accounts.length > 0 },
  });
  return useMemo(() => {
    if (epoch === undefined || !task) return { mismatches: [], isLoading: true, error: null };
    if (who.accounts.length === 0)
      return {
        mismatches: [],
        isLoading: false,
        error: new Error("The indexer has no reveal of this epoch."),
      };
    if (!reads.data) return { mismatches: [], isLoading: reads.isLoading, error: reads.error };
    const stakes = new Map<string, EpochStake>();
    who.accounts.forEach((a, i) => {
      const r = reads.data[i] as readonly [bigint, bigint];
      stakes.set(a.toLowerCase(), { own: r[0], delegated: r[1] });
    });
    const delegations: Delegation[] = who.pairs.map(([delegatee, delegator], i) => {
      const [position] = reads.data[who.accounts.length + i] as readonly [
        { amount: bigint; nextAmount: bigint; nextFrom: number },
        unknown,
        bigint,
      ];
      return { delegator, delegatee, amount: positionAmountAt(position, epoch) };
    });
    const input = epochInputFromTask(task, epoch, stakes);
    if (!input)
      return {
        mismatches: [],
        isLoading: false,
        error: new Error("The task's mechanism is not indexed yet."),
      };
    const explanation = explainEpoch(input, delegations);
    return {
      explanation,
      mismatches: mismatches(explanation, paidRecords(task, epoch)),
      isLoading: false,
      error: null,
    };
  }, [epoch, reads.data, reads.error, reads.isLoading, task, who]);
}
