"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { parseUnits, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { weeklyGrowth } from "@/lib/arena/apy";
import { listDelegatees, type Delegatee } from "@/lib/arena/delegatees";
import { delegationsOf } from "@/lib/arena/earnings";
import type { TaskView } from "@/lib/arena/indexer";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/components/arena/useApproval";
import { Card, QueryState } from "@/components/ui/Card";
import { useArenaIndex, useChainTime } from "@/components/arena/useArenaIndex";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";
import { useTokenBalance } from "@/components/wallet/useTokenBalance";
import { useDelegationPosition } from "./useDelegationPosition";

const SettlePanel = dynamic(() => import("@/components/tasks/SettlePanel").then((m) => m.SettlePanel), {
  ssr: false,
});

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

export function DelegateView() {
  const index = useArenaIndex();
  const now = useChainTime();
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const rows = useMemo(
    () => (index.data && now.data !== undefined ? listDelegatees(index.data, now.data) : []),
    [index.data, now.data],
  );
  const growth = useReadContracts({
    contracts: rows.map(
      (r) =>
        ({
          abi: arenaTasksAbi,
          address: arena,
          functionName: "stakeAt",
          args: [r.taskId, r.account, BigInt(r.weekAgoEpoch ?? 0)],
          chainId,
        }) as const,
    ),
    query: { enabled: Boolean(arena && rows.length) },
  });
  const mine = index.data && address ? delegationsOf(index.data, address) : [];
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <QueryState
      loading={index.isLoading || now.isLoading}
      error={index.error ?? now.error}
      empty={rows.length === 0}
      emptyText="No node or validator takes delegations right now."
    >
      <div className="space-y-6">
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="delegatees">
            <thead className="bg-zinc-50 text-zinc-600">
              <tr>
                <th className="px-3 py-2">Delegatee</th>
                <th className="px-3 py-2">Task</th>
                <th className="px-3 py-2 text-right">ρ</th>
                <th className="px-3 py-2 text-right">Total stake</th>
                <th className="px-3 py-2 text-right">Delegators</th>
                <th className="px-3 py-2 text-right">Weekly growth</th>
                <th className="px-3 py-2 text-right">eAPY 14d</th>
                <th className="px-3 py-2 text-right">eAPY 30d</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const key = `${r.taskId}-${r.account}`;
                const before = growth.data?.[i]?.result as readonly [bigint, bigint] | undefined;
                const g =
                  r.weekAgoEpoch === undefined || !before
                    ? null
                    : weeklyGrowth(r.ownStake + r.delegated, before[0] + before[1]);
                return (
                  <tr key={key} className="border-t border-zinc-100" data-testid="delegatee-row">
                    <td className="px-3 py-2">
                      <span className="font-mono">{shortAddress(r.account)}</span>{" "}
                      <span className="text-zinc-500">{r.role === "node" ? "node" : "validator"}</span>
                    </td>
                    <td className="px-3 py-2">
                      #{r.taskId.toString()} {r.taskTitle}
                    </td>
                    <td className="px-3 py-2 text-right">{(Number(r.rewardShare) / 1e16).toFixed(0)} %</td>
                    <td className="px-3 py-2 text-right">{formatTokenAmount(r.ownStake + r.delegated, 0)}</td>
                    <td className="px-3 py-2 text-right">{r.delegators}</td>
                    <td className="px-3 py-2 text-right">{pct(g)}</td>
                    <td
                      className="px-3 py-2 text-right"
                      title={r.apy14.young ? "Pool younger than 14 days" : undefined}
                    >
                      {pct(r.apy14.apy)}
                      {r.apy14.young && (
                        <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">new</span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right">{pct(r.apy30.apy)}</td>
                    <td className="px-3 py-2">
                      {address && r.account !== address && (
                        <button
                          type="button"
                          onClick={() => setSelected(selected === key ? null : key)}
                          className="rounded-md border border-teal-700 px-2 py-1 text-teal-800"
                        >
                          Delegate
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {selected && rows.find((r) => `${r.taskId}-${r.account}` === selected) && (
          <DelegateForm
            delegatee={rows.find((r) => `${r.taskId}-${r.account}` === selected)!}
            task={index.data?.tasks.get(rows.find((r) => `${r.taskId}-${r.account}` === selected)!.taskId)}
            now={now.data ?? 0}
          />
        )}
        {address && mine.length > 0 && (
          <Card title="My delegations">
            <ul className="space-y-2 text-sm">
              {mine.map((d) => (
                <MyDelegation
                  key={`${d.taskId}-${d.delegatee}`}
                  {...d}
                  task={index.data?.tasks.get(d.taskId)}
                  now={now.data ?? 0}
                />
              ))}
            </ul>
          </Card>
        )}
        {address && rows.some((r) => r.account === address) && (
          <Card title="My reward share (ρ)">
            {rows
              .filter((r) => r.account === address)
              .map((r) => (
                <RewardShareForm key={r.taskId.toString()} delegatee={r} />
              ))}
          </Card>
        )}
      </div>
    </QueryState>
  );
}

/** Why a delegation change would revert `SettlementPending`, with the settle action that unblocks it. */
function SettleFirst({ task, epoch, now }: { task: TaskView; epoch: number; now: number }) {
  return (
    <div className="mt-2 space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-sm" role="note">
      <p className="text-amber-900">
        Your previous change to this delegation took effect in an epoch whose rewards are not settled yet, so
        the contract waits for settlement before it changes again. Settle epoch {epoch} first (anyone may),
        then try again.
      </p>
      <SettlePanel task={task} now={now} />
    </div>
  );
}

function DelegateForm({ delegatee, task, now }: { delegatee: Delegatee; task?: TaskView; now: number }) {
  const arena = useContractAddress("ArenaTasks");
  const position = useDelegationPosition(task, delegatee.account, now);
  const blocked = position.settleFirst !== undefined;
  const ensureAllowance = useEnsureAllowance();
  const { run } = useTransactor();
  const balance = useTokenBalance();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string>();
  const submit = async () => {
    const parsed = parseAmount(amount, { max: balance.data });
    if (!parsed.ok) return setError(parsed.error);
    setError(undefined);
    if (!(await ensureAllowance(arena, parsed.value)).ok) return;
    const r = await run({
      label: `Delegate to ${shortAddress(delegatee.account)}`,
      abi: arenaTasksAbi,
      address: arena,
      functionName: "delegate",
      args: [delegatee.taskId, delegatee.account, parsed.value],
    });
    if (r.ok) setAmount("");
  };
  return (
    <Card title={`Delegate to ${shortAddress(delegatee.account)} in task #${delegatee.taskId}`}>
      <div className="flex flex-wrap items-end gap-3">
        <AmountInput label="Amount to delegate" value={amount} onChange={setAmount} error={error} />
        <button
          type="button"
          onClick={submit}
          disabled={blocked}
          title={blocked ? `Settle epoch ${position.settleFirst} first` : undefined}
          className="rounded-md bg-teal-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Approve and delegate
        </button>
      </div>
      {task && position.settleFirst !== undefined && (
        <SettleFirst task={task} epoch={position.settleFirst} now={now} />
      )}
      <p className="mt-2 text-xs text-zinc-500">
        Delegated stake counts from the next epoch. You earn ρ ={" "}
        {(Number(delegatee.rewardShare) / 1e16).toFixed(0)} % of the pool&apos;s rewards in proportion to your
        stake.
        {delegatee.role === "node" &&
          " A training node's delegators are paid with the node: escrowed until the task's challenges are resolved, and lost with the node's own rewards if a challenge of its model is upheld."}
      </p>
    </Card>
  );
}

function MyDelegation({
  taskId,
  delegatee,
  amount,
  task,
  now,
}: {
  taskId: bigint;
  delegatee: Address;
  amount: bigint;
  task?: TaskView;
  now: number;
}) {
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const position = useDelegationPosition(task, delegatee, now);
  const blocked = position.settleFirst !== undefined;
  return (
    <li className="flex flex-wrap items-end gap-3" data-testid="my-delegation">
      <span>
        Task #{taskId.toString()}: {formatTokenAmount(amount)} ARENA to{" "}
        <span className="font-mono">{shortAddress(delegatee)}</span>
        {position.pendingRewards > 0n && (
          <span
            className={position.release?.ok ? "block text-emerald-700" : "block text-amber-800"}
            data-testid="delegation-rewards"
          >
            {formatTokenAmount(position.pendingRewards)} ARENA earned:{" "}
            {position.release?.ok
              ? "claimable on the rewards page"
              : `escrowed until the task's challenges are resolved (${position.release?.reason ?? "…"})`}
          </span>
        )}
      </span>
      <AmountInput
        label={`Undelegate from ${shortAddress(delegatee)} in task ${taskId}`}
        value={value}
        onChange={setValue}
        error={error}
      />
      <button
        type="button"
        className="rounded-md border border-zinc-300 px-2 py-1 disabled:opacity-50"
        disabled={blocked}
        title={blocked ? `Settle epoch ${position.settleFirst} first` : undefined}
        onClick={async () => {
          const parsed = parseAmount(value, { max: amount });
          if (!parsed.ok) return setError(parsed.error.replace("you have", "you delegated"));
          setError(undefined);
          await run({
            label: "Undelegate",
            abi: arenaTasksAbi,
            address: arena,
            functionName: "undelegate",
            args: [taskId, delegatee, parsed.value],
          });
        }}
      >
        Undelegate
      </button>
      <button
        type="button"
        className="rounded-md border border-zinc-300 px-2 py-1"
        onClick={() =>
          run({
            label: "Withdraw delegation",
            abi: arenaTasksAbi,
            address: arena,
            functionName: "withdrawDelegation",
            args: [taskId, delegatee],
          })
        }
      >
        Withdraw unbonded
      </button>
      {task && position.settleFirst !== undefined && (
        <SettleFirst task={task} epoch={position.settleFirst} now={now} />
      )}
    </li>
  );
}

function RewardShareForm({ delegatee }: { delegatee: Delegatee }) {
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [value, setValue] = useState((Number(delegatee.rewardShare) / 1e16).toString());
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-wrap items-end gap-3 text-sm">
      <AmountInput
        label={`ρ in task #${delegatee.taskId}`}
        value={value}
        onChange={setValue}
        error={error}
        suffix="%"
      />
      <button
        type="button"
        className="rounded-md bg-teal-700 px-3 py-1.5 text-white"
        aria-label={`Set ρ in task #${delegatee.taskId}`}
        onClick={async () => {
          const v = value.trim();
          if (!/^\d+(\.\d{1,16})?$/.test(v) || Number(v) > 100)
            return setError("ρ is a percentage from 0 to 100.");
          setError(undefined);
          await run({
            label: "Set reward share",
            abi: arenaTasksAbi,
            address: arena,
            functionName: "setRewardShare",
            args: [delegatee.taskId, parseUnits(v, 16)],
          });
        }}
      >
        Set ρ
      </button>
      <span className="text-xs text-zinc-500">Takes effect next epoch; at most one change per 30 days.</span>
    </div>
  );
}
