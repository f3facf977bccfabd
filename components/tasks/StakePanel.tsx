"use client";

import { useState } from "react";
import { useReadContracts } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { formatTimestamp, formatTokenAmount } from "@/lib/format";
import {
  epochStart,
  phaseAt,
  releaseEpochIfRequestedNow,
  requestJoinsPending,
  withdrawable,
} from "@/lib/portfolio/arena";
import { useTaskChain } from "@/lib/hooks/useTaskChain";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/lib/hooks/useEnsureAllowance";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { useTokenBalance } from "@/lib/hooks/useTokenBalance";
import { GatedButton } from "./GatedButton";

const ROLE = { node: 1, validator: 2 } as const;

/**
 * Stake (in the scoring phases), unstake and withdraw (in every phase, after the end too) in one task, as a
 * training node or a validator (never both).
 */
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
  const [staked, setStaked] = useState<string>();
  const [withdrawing, setWithdrawing] = useState(false);
  const chainTask = useTaskChain(task.id);
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
    setStaked(undefined);
    const approved = await ensureAllowance(arena, parsed.value);
    if (!approved.ok) return;
    const result = await run({
      label: `Stake as ${activeRole}`,
      abi: arenaTasksAbi,
      address: arena,
      functionName: "stake",
      args: [task.id, ROLE[activeRole], parsed.value],
    });
    if (result.ok) {
      setAmount("");
      setStaked(
        `Staked ${formatTokenAmount(parsed.value)} ARENA as ${activeRole}; it counts from epoch ${epoch + 1}.`,
      );
    }
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

  const withdraw = async () => {
    setWithdrawing(true);
    await run({
      label: "Withdraw unbonded stake",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "withdraw",
      args: [task.id],
    });
    setWithdrawing(false);
  };

  const now = chainTask;
  const canStake = now ? ["Submission", "FinalValidation"].includes(phaseAt(now, now.epoch)) : false;
  const release = now ? releaseEpochIfRequestedNow(now) : undefined;
  const u = unbonding ?? { amount: 0n, releaseEpoch: 0, released: 0n };
  const w = now ? withdrawable(now, u) : undefined;
  const releaseText =
    now && release !== undefined
      ? `epoch ${release} (${formatTimestamp(epochStart(now, release))})`
      : "a later epoch";
  if (!canStake && !(me && me.ownStake > 0n) && !(w && w.now + w.later > 0n)) return null;

  return (
    <div className="space-y-4" data-testid="stake-panel">
      <p className="text-sm text-zinc-600">
        Your stake: <strong>{formatTokenAmount(me?.ownStake ?? 0n)} ARENA</strong>
        {existing ? ` as ${existing}` : ""}.{" "}
        {canStake && <>Stake counts from the next epoch ({epoch + 1}). </>}
        Unstaking now stops it counting from epoch {epoch + 1} and frees it for withdrawal at {releaseText} (
        {task.config?.unbondingEpochs ?? 1} epoch{task.config?.unbondingEpochs === 1 ? "" : "s"} of unbonding
        after the next epoch starts).
      </p>
      {canStake && (
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
      )}
      {staked && (
        <p role="status" className="text-sm text-emerald-700">
          {staked}
        </p>
      )}
      {me && me.ownStake > 0n && (
        <div className="space-y-1">
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
            <button
              type="button"
              onClick={() => setUnstake(formatTokenAmount(me.ownStake, 18).replaceAll(",", ""))}
              className="text-sm text-teal-800 underline"
            >
              All
            </button>
          </div>
          {now && requestJoinsPending(now, u) && (
            <p className="text-xs text-amber-800">
              {formatTokenAmount(u.amount)} ARENA still unbonding joins this request and is freed with it at{" "}
              {releaseText}.
            </p>
          )}
        </div>
      )}
      {w && w.now + w.later > 0n && (
        <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="unbonding">
          <span>
            {w.now > 0n && <>Free to withdraw: {formatTokenAmount(w.now)} ARENA. </>}
            {w.later > 0n && w.at && (
              <>
                Unbonding: {formatTokenAmount(w.later)} ARENA, free at epoch {w.at.epoch} (
                {formatTimestamp(w.at.time)}); it is epoch {now?.epoch}.
              </>
            )}
          </span>
          <GatedButton gate={w.gate} busy={withdrawing} onClick={() => void withdraw()}>
            Withdraw
          </GatedButton>
        </div>
      )}
    </div>
  );
}
