"use client";

import { useState } from "react";
import { arenaTasksAbi } from "@/contracts-abi";
import type { Delegatee } from "@/lib/arena/delegatees";
import type { TaskView } from "@/lib/arena/indexer";
import { formatWadPercent, shortAddress } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/lib/hooks/useEnsureAllowance";
import { Card } from "@/components/ui/Card";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { useTokenBalance } from "@/lib/hooks/useTokenBalance";
import { SettleFirst } from "./SettleFirst";
import { useDelegationPosition } from "@/lib/hooks/useDelegationPosition";

export function DelegateForm({
  delegatee,
  task,
  now,
}: {
  delegatee: Delegatee;
  task?: TaskView;
  now: number;
}) {
  const arena = useContractAddress("ArenaTasks");
  const position = useDelegationPosition(task, delegatee.account, now);
  const ensureAllowance = useEnsureAllowance();
  const { run } = useTransactor();
  const balance = useTokenBalance();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reason = !delegatee.delegating.ok
    ? delegatee.delegating.reason
    : position.settleFirst !== undefined
      ? `Settle epoch ${position.settleFirst} first`
      : undefined;
  const submit = async () => {
    const parsed = parseAmount(amount, { max: balance.data });
    if (!parsed.ok) return setError(parsed.error);
    setError(undefined);
    setBusy(true);
    try {
      if (!(await ensureAllowance(arena, parsed.value)).ok) return;
      const r = await run({
        label: `Delegate to ${shortAddress(delegatee.account)}`,
        abi: arenaTasksAbi,
        address: arena,
        functionName: "delegate",
        args: [delegatee.taskId, delegatee.account, parsed.value],
      });
      if (r.ok) setAmount("");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={`Delegate to ${shortAddress(delegatee.account)} in task #${delegatee.taskId}`}>
      <div className="flex flex-wrap items-end gap-3">
        <AmountInput label="Amount to delegate" value={amount} onChange={setAmount} error={error} />
        <button
          type="button"
          onClick={submit}
          disabled={reason !== undefined || busy}
          title={reason}
          className="rounded-md bg-teal-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Approve and delegate
        </button>
        {reason && <span className="text-xs text-zinc-500">{reason}</span>}
      </div>
      {task && position.settleFirst !== undefined && (
        <SettleFirst task={task} epoch={position.settleFirst} now={now} />
      )}
      <p className="mt-2 text-xs text-zinc-500">
        Delegated stake counts from the next epoch. You earn ρ = {formatWadPercent(delegatee.rewardShare)} of
        the pool&apos;s rewards in proportion to your stake.
        {delegatee.role === "node" &&
          " A training node's delegators are paid with the node: escrowed until the task's challenges are resolved, and lost with the node's own rewards if a challenge of its model is upheld."}
      </p>
    </Card>
  );
}
