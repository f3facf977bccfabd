"use client";

import { useMemo } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import {
  claimTaskIds,
  delegationsOf,
  earningsOf,
  totalsBySource,
  type EarningSource,
} from "@/lib/arena/earnings";
import { delegationRewardsRelease, nodeRewardsRelease } from "@/lib/arena/escrow";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { LazyChart } from "@/components/charts/LazyChart";
import { Card, QueryState, Stat } from "@/components/ui/Card";
import { useArenaIndex, useChainTime } from "@/components/arena/useArenaIndex";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";

const SOURCES: { key: EarningSource; label: string }[] = [
  { key: "node", label: "As training node" },
  { key: "validator", label: "As validator" },
  { key: "delegator", label: "As delegator" },
  { key: "challenger", label: "As challenger" },
];

export function RewardsView() {
  const { address, isConnected } = useArenaChain();
  if (!isConnected || !address) {
    return <p className="text-zinc-600">Connect a wallet to see what you earned and can claim.</p>;
  }
  return <Rewards account={address} />;
}

function Rewards({ account }: { account: Address }) {
  const index = useArenaIndex();
  const chainTime = useChainTime();
  const now = chainTime.data ?? 0;
  const arena = useContractAddress("ArenaTasks");
  const { chainId } = useArenaChain();
  const { run } = useTransactor();
  const derived = useMemo(() => {
    if (!index.data) return undefined;
    const earnings = earningsOf(index.data, account);
    return {
      earnings,
      totals: totalsBySource(earnings),
      claimIds: claimTaskIds(index.data, account),
      delegations: delegationsOf(index.data, account),
      stakes: [...index.data.tasks.values()].flatMap((t) => {
        const p = t.participants.get(account);
        return p && p.ownStake > 0n
          ? [{ taskId: t.id, title: t.title, role: p.role, stake: p.ownStake }]
          : [];
      }),
      nodeTasks: [...index.data.tasks.values()]
        .filter((t) => t.participants.get(account)?.role === "node")
        .map((t) => t.id),
    };
  }, [index.data, account]);

  const live = useReadContracts({
    contracts: [
      { abi: arenaTasksAbi, address: arena, functionName: "claimableOf", args: [account], chainId },
      ...(derived?.delegations ?? []).map(
        (d) =>
          ({
            abi: arenaTasksAbi,
            address: arena,
            functionName: "delegationOf",
            args: [d.taskId, d.delegatee, account],
            chainId,
          }) as const,
      ),
      ...(derived?.nodeTasks ?? []).map(
        (id) =>
          ({
            abi: arenaTasksAbi,
            address: arena,
            functionName: "nodeEscrowOf",
            args: [id, account],
            chainId,
          }) as const,
      ),
    ],
    query: { enabled: Boolean(arena && derived) },
  });
  const results = live.data ?? [];
  const claimable = (results[0]?.result as bigint | undefined) ?? 0n;
  const nDeleg = derived?.delegations.length ?? 0;
  // A training node's delegators are escrowed with the node until its rewards are released; a validator's are not.
  const delegationRows = (derived?.delegations ?? []).map((d, i) => {
    const pending =
      ((results[1 + i]?.result as readonly unknown[] | undefined)?.[2] as bigint | undefined) ?? 0n;
    const task = index.data?.tasks.get(d.taskId);
    const release = task ? delegationRewardsRelease(task, d.delegatee, now) : undefined;
    return { ...d, pending, release };
  });
  const pendingDelegation = delegationRows.filter((d) => d.release?.ok).reduce((s, d) => s + d.pending, 0n);
  const escrowedDelegation = delegationRows
    .filter((d) => d.release && !d.release.ok)
    .reduce((s, d) => s + d.pending, 0n);
  const nodeEscrow = (derived?.nodeTasks ?? []).map((id, i) => {
    const amount = (results[1 + nDeleg + i]?.result as bigint | undefined) ?? 0n;
    const task = index.data?.tasks.get(id);
    return { id, amount, release: task ? nodeRewardsRelease(task, account, now) : undefined };
  });
  const releasedNode = nodeEscrow.filter((e) => e.release?.ok).reduce((s, e) => s + e.amount, 0n);
  const escrowed =
    nodeEscrow.filter((e) => e.release && !e.release.ok).reduce((s, e) => s + e.amount, 0n) +
    escrowedDelegation;
  const claimNow = claimable + pendingDelegation + releasedNode;

  const history = useMemo(() => {
    const byEpochTime = new Map<number, Record<string, number>>();
    for (const e of derived?.earnings ?? []) {
      if (e.time === undefined) continue;
      const day = Math.floor(e.time / 86_400);
      const row = byEpochTime.get(day) ?? { day, node: 0, validator: 0, delegator: 0, challenger: 0 };
      row[e.source] = (row[e.source] ?? 0) + Number(e.amount) / 1e18;
      byEpochTime.set(day, row);
    }
    return [...byEpochTime.values()]
      .sort((a, b) => (a.day ?? 0) - (b.day ?? 0))
      .map((r) => ({ ...r, day: new Date((r.day ?? 0) * 86_400_000).toISOString().slice(0, 10) }));
  }, [derived]);

  return (
    <QueryState
      loading={index.isLoading || chainTime.isLoading}
      error={index.error ?? chainTime.error}
      empty={false}
      emptyText=""
    >
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat label="Claimable now" value={`${formatTokenAmount(claimNow)} ARENA`} testId="claimable" />
          <Stat
            label="Escrowed until the tasks' challenges are resolved"
            value={`${formatTokenAmount(escrowed)} ARENA`}
            testId="escrowed"
          />
          <Stat
            label="Earned in all"
            value={`${formatTokenAmount(Object.values(derived?.totals ?? {}).reduce((a, b) => a + b, 0n))} ARENA`}
          />
        </div>
        <Card
          title="By source"
          actions={
            <button
              type="button"
              disabled={claimNow === 0n}
              title={claimNow === 0n ? "Nothing is claimable yet" : undefined}
              onClick={() =>
                run({
                  label: "Claim all rewards",
                  abi: arenaTasksAbi,
                  address: arena,
                  functionName: "claim",
                  args: [derived?.claimIds ?? []],
                })
              }
              className="rounded-md bg-teal-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
            >
              Claim all
            </button>
          }
        >
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="earnings-by-source">
            {SOURCES.map((s) => (
              <div key={s.key}>
                <dt className="text-zinc-500">{s.label}</dt>
                <dd className="font-medium">{formatTokenAmount(derived?.totals[s.key] ?? 0n)} ARENA</dd>
              </div>
            ))}
          </dl>
          {pendingDelegation > 0n && (
            <p className="mt-2 text-sm text-zinc-600">
              Includes {formatTokenAmount(pendingDelegation)} ARENA of delegator rewards not yet harvested;
              claiming collects them.
            </p>
          )}
          {escrowedDelegation > 0n && (
            <p className="mt-2 text-sm text-amber-800" data-testid="escrowed-delegation">
              {formatTokenAmount(escrowedDelegation)} ARENA of your rewards as a training node&apos;s
              delegator are escrowed until the task&apos;s challenges are resolved; they are not claimable
              yet.
            </p>
          )}
        </Card>
        <LazyChart
          title="Rewards per day by source (ARENA)"
          kind="bar"
          data={history}
          xKey="day"
          series={SOURCES.slice(0, 2).map((s) => ({ key: s.key, label: s.label }))}
          empty="No settled reward yet."
        />
        <Card title="My stakes and delegations">
          {derived && derived.stakes.length + derived.delegations.length === 0 ? (
            <p className="text-sm text-zinc-500">You have no stake or delegation.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {derived?.stakes.map((s) => (
                <li key={`s${s.taskId}`}>
                  Task #{s.taskId.toString()} {s.title}: {formatTokenAmount(s.stake)} ARENA as {s.role}
                </li>
              ))}
              {delegationRows.map((d) => (
                <li key={`d${d.taskId}${d.delegatee}`} data-testid="my-delegation">
                  Task #{d.taskId.toString()}: {formatTokenAmount(d.amount)} ARENA delegated to{" "}
                  <span className="font-mono">{shortAddress(d.delegatee)}</span>
                  {d.pending > 0n && (
                    <span className={d.release?.ok ? "text-emerald-700" : "text-amber-800"}>
                      {" "}
                      · {formatTokenAmount(d.pending)} ARENA{" "}
                      {d.release?.ok ? "claimable" : `escrowed: ${d.release?.reason ?? "…"}`}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </QueryState>
  );
}
