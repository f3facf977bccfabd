"use client";

import { useCallback, useMemo, useState } from "react";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { weeklyGrowth } from "@/lib/arena/apy";
import { listDelegatees } from "@/lib/arena/delegatees";
import type { ArenaIndex } from "@/lib/arena/indexer";
import { Card, QueryState } from "@/components/ui/Card";
import { useArenaIndex } from "@/lib/hooks/useArenaIndex";
import { useChainClock } from "@/lib/hooks/useChainClock";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { DelegateesTable, type DelegateeRow } from "./DelegateesTable";
import { DelegateForm } from "./DelegateForm";
import { MyDelegations } from "./MyDelegations";
import { RewardShareForm } from "./RewardShareForm";

export function DelegateView() {
  const index = useArenaIndex();
  const clock = useChainClock();
  const { address } = useArenaChain();
  return (
    <QueryState
      loading={index.isLoading || clock.isLoading}
      error={index.error ?? clock.error}
      empty={false}
      emptyText=""
    >
      {index.data && clock.now !== undefined && (
        // Every form below belongs to the account it was filled in for: a switch of account starts afresh.
        <DelegateBody key={address ?? "disconnected"} index={index.data} now={clock.now} />
      )}
    </QueryState>
  );
}

function DelegateBody({ index, now }: { index: ArenaIndex; now: number }) {
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  // Figures and phases move with epochs (a minute at the least), not seconds: recompute every 10 s of chain time.
  const tick = Math.floor(now / 10) * 10;
  const delegatees = useMemo(() => listDelegatees(index, tick), [index, tick]);
  const growth = useReadContracts({
    contracts: delegatees.map(
      (r) =>
        ({
          abi: arenaTasksAbi,
          address: arena,
          functionName: "stakeAt",
          args: [r.taskId, r.account, BigInt(r.weekAgoEpoch ?? 0)],
          chainId,
        }) as const,
    ),
    query: { enabled: Boolean(arena && delegatees.length) },
  });
  const rows: DelegateeRow[] = useMemo(
    () =>
      delegatees.map((r, i) => {
        const before = growth.data?.[i]?.result as readonly [bigint, bigint] | undefined;
        return {
          ...r,
          key: `${r.taskId}-${r.account}`,
          totalStake: r.ownStake + r.delegated,
          growth:
            r.weekAgoEpoch === undefined || !before
              ? null
              : weeklyGrowth(r.ownStake + r.delegated, before[0] + before[1]),
        };
      }),
    [delegatees, growth.data],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const select = useCallback((key: string | null) => setSelected(key), []);
  const chosen = rows.find((r) => r.key === selected);
  const mineAsDelegatee = address
    ? rows.filter((r) => r.account.toLowerCase() === address.toLowerCase())
    : [];

  return (
    <div className="space-y-6">
      <DelegateesTable rows={rows} me={address} selected={selected} onSelect={select} />
      {chosen && <DelegateForm delegatee={chosen} task={index.tasks.get(chosen.taskId)} now={now} />}
      <MyDelegations index={index} now={now} />
      {mineAsDelegatee.length > 0 && (
        <Card title="My reward share (ρ)">
          <div className="space-y-3">
            {mineAsDelegatee.map((r) => (
              <RewardShareForm key={`${address}-${r.taskId}`} delegatee={r} now={now} />
            ))}
          </div>
        </Card>
      )}
    </div>
  );
}
