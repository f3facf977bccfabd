"use client";

import { useState } from "react";
import { arenaTasksAbi } from "@/contracts-abi";
import { delegationGates } from "@/lib/arena/delegatees";
import { delegationRewardsRelease } from "@/lib/arena/escrow";
import type { ArenaIndex, TaskView } from "@/lib/arena/indexer";
import { formatTimestamp, formatTokenAmount, shortAddress } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { GatedButton } from "@/components/tasks/GatedButton";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { Card } from "@/components/ui/Card";
import { SettleFirst } from "./SettleFirst";
import { useMyDelegations, type MyDelegation } from "@/lib/hooks/useMyDelegations";

/** Every delegation of the connected account, in every phase of its task, with the actions that bring it home. */
export function MyDelegations({ index, now }: { index: ArenaIndex; now: number }) {
  const { address } = useArenaChain();
  const mine = useMyDelegations(index, address);
  if (!address) return null;
  return (
    <Card title="My delegations">
      {mine.error ? (
        <p className="text-sm text-rose-700">Could not read your delegations: {mine.error.message}</p>
      ) : mine.isLoading ? (
        <p className="text-sm text-zinc-500">Reading your delegations…</p>
      ) : mine.data.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="no-delegations">
          You have no delegation in any task.
        </p>
      ) : (
        <ul className="space-y-4 text-sm">
          {mine.data.map((d) => {
            const task = index.tasks.get(d.taskId);
            return task ? (
              <DelegationLine key={`${d.taskId}-${d.delegatee}`} d={d} task={task} now={now} />
            ) : null;
          })}
        </ul>
      )}
    </Card>
  );
}

function DelegationLine({ d, task, now }: { d: MyDelegation; task: TaskView; now: number }) {
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const gates = delegationGates(task, d, now, d.settledEpochs);
  const release = delegationRewardsRelease(task, d.delegatee, now);
  const role = task.participants.get(d.delegatee)?.role ?? "node";
  const send = async (write: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await write();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className="flex flex-wrap items-end gap-3 border-t border-zinc-100 pt-3 first:border-0 first:pt-0"
      data-testid="my-delegation"
    >
      <div className="min-w-64 flex-1">
        <p>
          Task #{d.taskId.toString()}: {formatTokenAmount(gates.delegated)} ARENA to{" "}
          <span className="font-mono">{shortAddress(d.delegatee)}</span> ({role})
        </p>
        {gates.unbonding > 0n && (
          <p className="text-zinc-600" data-testid="delegation-unbonding">
            {formatTokenAmount(gates.unbonding)} ARENA unbonding until epoch {gates.releaseEpoch} (
            {formatTimestamp(gates.releaseAt)})
          </p>
        )}
        {gates.withdrawable > 0n && (
          <p className="text-emerald-700" data-testid="delegation-withdrawable">
            {formatTokenAmount(gates.withdrawable)} ARENA unbonded, ready to withdraw
          </p>
        )}
        {d.pendingRewards > 0n && (
          <p className={release.ok ? "text-emerald-700" : "text-amber-800"} data-testid="delegation-rewards">
            {formatTokenAmount(d.pendingRewards)} ARENA earned:{" "}
            {release.ok
              ? "claimable on the rewards page"
              : `escrowed until the task's challenges are resolved (${release.reason})`}
          </p>
        )}
      </div>
      {gates.delegated > 0n && (
        <AmountInput
          label={`Undelegate from ${shortAddress(d.delegatee)} in task ${d.taskId}`}
          value={value}
          onChange={setValue}
          error={error}
        />
      )}
      <GatedButton
        gate={gates.undelegate}
        busy={busy}
        onClick={() => {
          const parsed = parseAmount(value, { max: gates.delegated });
          if (!parsed.ok) return setError(parsed.error.replace("you have", "you delegated"));
          setError(undefined);
          void send(async () => {
            const r = await run({
              label: "Undelegate",
              abi: arenaTasksAbi,
              address: arena,
              functionName: "undelegate",
              args: [d.taskId, d.delegatee, parsed.value],
            });
            if (r.ok) setValue("");
          });
        }}
      >
        Undelegate
      </GatedButton>
      <GatedButton
        gate={gates.withdraw}
        busy={busy}
        onClick={() =>
          void send(() =>
            run({
              label: "Withdraw delegation",
              abi: arenaTasksAbi,
              address: arena,
              functionName: "withdrawDelegation",
              args: [d.taskId, d.delegatee],
            }),
          )
        }
      >
        {gates.withdrawable > 0n ? `Withdraw ${formatTokenAmount(gates.withdrawable)} ARENA` : "Withdraw"}
      </GatedButton>
      {gates.settleFirst !== undefined && <SettleFirst task={task} epoch={gates.settleFirst} now={now} />}
    </li>
  );
}
