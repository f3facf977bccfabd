"use client";

import { useState } from "react";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { formatTokenAmount } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/components/arena/useApproval";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";
import { useTokenBalance } from "@/components/wallet/useTokenBalance";

const ROLE = { node: 1, validator: 2 } as const;

/** Stake, unstake and withdraw in one task, as a training node or a validator (never both). */
export function StakePanel({ task, epoch }: { task: TaskView; epoch: number }) {
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const ensureAllowance = useEnsureAllowance();
  const balance = useTokenBalance();
  const me = address ? task.participants.get(address) : undefined;
  const existing = me && me.ownStake > 0n ? me.role : undefined;
  const [role, setRole] = useState<"node" | "validator">(existing ?? "node");
  const [amount, setAmount] = useState("");
  const [unstake, setUnstake] = useState("");
  const [errors, setErrors] = useState<{ stake?: string; unstake?: string }>({});
  const reads = useReadContracts({
    contracts: [
      { abi: arenaTasksAbi, address: arena, functionName: "unbondingOf", args: [task.id, address!], chainId },
    ],
    query: { enabled: Boolean(arena && address) },
  });
  const unbonding = reads.data?.[0]?.result;
  const activeRole = existing ?? role;
  const min = activeRole === "node" ? task.config?.minNodeStake : task.config?.minValidatorStake;

  const stake = async () => {
    const parsed = parseAmount(amount, { max: balance.data });
    if (!parsed.ok) return setErrors({ stake: parsed.error });
    if (min !== undefined && !existing && parsed.value < min) {
      return setErrors({ stake: `The minimum ${activeRole} stake is ${formatTokenAmount(min)} ARENA.` });
    }
    setErrors({});
    const approved = await ensureAllowance(arena, parsed.value);
    if (!approved.ok) return;
    const result = await run({
      label: `Stake as ${activeRole}`,
      abi: arenaTasksAbi,
      address: arena,
      functionName: "stake",
      args: [task.id, ROLE[activeRole], parsed.value],
    });
    if (result.ok) setAmount("");
  };

  const requestUnstake = async () => {
    const parsed = parseAmount(unstake, { max: me?.ownStake ?? 0n });
    if (!parsed.ok) return setErrors({ unstake: parsed.error.replace("you have", "your stake") });
    setErrors({});
    const result = await run({
      label: "Unstake",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "requestUnstake",
      args: [task.id, parsed.value],
    });
    if (result.ok) setUnstake("");
  };

  return (
    <div className="space-y-4" data-testid="stake-panel">
      <p className="text-sm text-zinc-600">
        Your stake: <strong>{formatTokenAmount(me?.ownStake ?? 0n)} ARENA</strong>
        {existing ? ` as ${existing}` : ""}. Stake counts from the next epoch; unstaking waits{" "}
        {task.config?.unbondingEpochs ?? 1} epoch(s) before withdrawal.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        {!existing && (
          <label className="flex flex-col gap-1 text-sm">
            Role
            <select
              value={role}
              onChange={(e) => setRole(e.target.value as "node" | "validator")}
              className="rounded border border-zinc-300 px-2 py-1"
            >
              <option value="node">Training node</option>
              <option value="validator">Validator</option>
            </select>
          </label>
        )}
        <AmountInput label="Amount to stake" value={amount} onChange={setAmount} error={errors.stake} />
        <button
          type="button"
          onClick={stake}
          className="rounded-md bg-teal-700 px-3 py-1.5 text-sm text-white"
        >
          Approve and stake
        </button>
      </div>
      {me && me.ownStake > 0n && (
        <div className="flex flex-wrap items-end gap-3">
          <AmountInput
            label="Amount to unstake"
            value={unstake}
            onChange={setUnstake}
            error={errors.unstake}
          />
          <button
            type="button"
            onClick={requestUnstake}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm"
          >
            Unstake
          </button>
        </div>
      )}
      {unbonding && (unbonding.amount > 0n || unbonding.released > 0n) && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            {unbonding.released > 0n && (
              <>Free to withdraw: {formatTokenAmount(unbonding.released)} ARENA. </>
            )}
            {unbonding.amount > 0n && (
              <>
                Unbonding: {formatTokenAmount(unbonding.amount)} ARENA, free from epoch{" "}
                {unbonding.releaseEpoch}
                {unbonding.releaseEpoch > epoch ? ` (now ${epoch})` : ""}.
              </>
            )}
          </span>
          <button
            type="button"
            className="rounded-md border border-zinc-300 px-3 py-1.5"
            onClick={() =>
              run({
                label: "Withdraw unbonded stake",
                abi: arenaTasksAbi,
                address: arena,
                functionName: "withdraw",
                args: [task.id],
              })
            }
          >
            Withdraw
          </button>
        </div>
      )}
    </div>
  );
}
