"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import type { Holdings } from "@/lib/portfolio/lines";
import { useAccountIndex } from "@/lib/hooks/useAccountIndex";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { readHoldings } from "@/lib/portfolio/readHoldings";

/** The account's holdings in Arena from the contracts' views, refreshed every few seconds and after each transaction. */
export function useHoldings(account: Address | undefined, { tasksOnly = false } = {}) {
  const { chainId } = useArenaChain();
  const client = usePublicClient({ chainId });
  const arena = useContractAddress("ArenaTasks");
  const targetsAddress = useContractAddress("ArenaTargets");
  const machinesAddress = useContractAddress("MachineRegistry");
  const targets = tasksOnly ? undefined : targetsAddress;
  const machines = tasksOnly ? undefined : machinesAddress;
  const index = useAccountIndex(account);
  const query = useQuery({
    queryKey: ["holdings", chainId, account, arena, targets, machines],
    enabled: Boolean(client && account && arena),
    queryFn: () => readHoldings(client!, { arena, targets, machines }, account!),
    refetchInterval: 5_000,
  });
  const data = useMemo((): Holdings | undefined => {
    if (!query.data) return undefined;
    const tasks = index.data?.tasks;
    return {
      ...query.data,
      tasks: query.data.tasks.map((t) => ({ ...t, title: tasks?.get(t.task.id)?.title ?? "" })),
    };
  }, [query.data, index.data]);
  return { ...query, data };
}
