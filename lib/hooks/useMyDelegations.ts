"use client";

import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import type { DelegationState } from "@/lib/arena/delegatees";
import type { ArenaIndex } from "@/lib/arena/indexer";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

export type MyDelegation = DelegationState & {
  taskId: bigint;
  delegatee: Address;
  pendingRewards: bigint;
  settledEpochs: number;
};

type DelegationRead = readonly [
  { amount: bigint; nextAmount: bigint; nextFrom: number | bigint },
  { amount: bigint; releaseEpoch: number | bigint; released: bigint },
  bigint,
];
type TaskRead = readonly [{ settledEpochs: number | bigint }, ...unknown[]];

/**
 * Every delegation `account` has, read from the contract, in every task whatever its phase: the contract's own
 * list of the account's delegatees per task (`delegateesOf` never forgets one), then each position with its
 * unbonding part. Positions fully withdrawn with nothing left to earn are left out.
 */
export function useMyDelegations(index: ArenaIndex | undefined, account: Address | undefined) {
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const taskIds = index ? [...index.tasks.keys()] : [];
  const lists = useReadContracts({
    contracts: taskIds.map(
      (id) =>
        ({
          abi: arenaTasksAbi,
          address: arena,
          functionName: "delegateesOf",
          args: [id, account!],
          chainId,
        }) as const,
    ),
    query: { enabled: Boolean(arena && account && taskIds.length) },
  });
  const pairs = taskIds.flatMap((taskId, i) =>
    ((lists.data?.[i]?.result as readonly Address[] | undefined) ?? []).map((delegatee) => ({
      taskId,
      delegatee,
    })),
  );
  const withTask = [...new Set(pairs.map((p) => p.taskId))];
  const positions = useReadContracts({
    contracts: [
      ...pairs.map(
        (p) =>
          ({
            abi: arenaTasksAbi,
            address: arena,
            functionName: "delegationOf",
            args: [p.taskId, p.delegatee, account!],
            chainId,
          }) as const,
      ),
    ],
    query: { enabled: Boolean(arena && account && pairs.length) },
  });
  const tasks = useReadContracts({
    contracts: withTask.map(
      (id) => ({ abi: arenaTasksAbi, address: arena, functionName: "getTask", args: [id], chainId }) as const,
    ),
    query: { enabled: Boolean(arena && withTask.length) },
  });
  const settled = new Map(
    withTask.map(
      (id, i) => [id, (tasks.data?.[i]?.result as TaskRead | undefined)?.[0].settledEpochs] as const,
    ),
  );
  const out: MyDelegation[] = [];
  pairs.forEach((p, i) => {
    const r = positions.data?.[i]?.result as DelegationRead | undefined;
    const settledEpochs = settled.get(p.taskId);
    if (!r || settledEpochs === undefined) return;
    const [position, unbonding, pendingRewards] = r;
    // `amount` alone (what counted before an undelegation took effect) leaves nothing to act on.
    const empty =
      position.nextAmount === 0n &&
      unbonding.amount === 0n &&
      unbonding.released === 0n &&
      pendingRewards === 0n;
    if (empty) return;
    out.push({
      taskId: p.taskId,
      delegatee: p.delegatee,
      amount: position.amount,
      nextAmount: position.nextAmount,
      nextFrom: Number(position.nextFrom),
      unbonding: {
        amount: unbonding.amount,
        releaseEpoch: Number(unbonding.releaseEpoch),
        released: unbonding.released,
      },
      pendingRewards,
      settledEpochs: Number(settledEpochs),
    });
  });
  const loading = lists.isLoading || positions.isLoading || tasks.isLoading;
  return { data: out, isLoading: loading, error: lists.error ?? positions.error ?? tasks.error };
}
