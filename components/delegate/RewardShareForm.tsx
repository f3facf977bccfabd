"use client";

import { useState } from "react";
import { useReadContract } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { REWARD_SHARE_COOLDOWN_TEXT, rewardShareGate, type Delegatee } from "@/lib/arena/delegatees";
import { percentToWad, wadToPercent } from "@/lib/units";
import { AmountInput } from "@/components/arena/AmountInput";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/**
 * The connected node's or validator's ρ in one task. Its parent keys it by account and task, so a switch of
 * account starts from that account's own ρ (never from the previous account's input). Set is disabled while ρ
 * is locked (`RewardShareChangeTooSoon`), with the date it frees up.
 */
export function RewardShareForm({ delegatee, now }: { delegatee: Delegatee; now: number }) {
  const arena = useContractAddress("ArenaTasks");
  const { address, chainId } = useArenaChain();
  const { run } = useTransactor();
  const participant = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getParticipant",
    args: [delegatee.taskId, address ?? delegatee.account],
    chainId,
    query: { enabled: Boolean(arena && address) },
  });
  const [value, setValue] = useState(() => wadToPercent(delegatee.rewardShare));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const parsed = percentToWad(value, { label: "ρ" });
  const next = parsed.ok ? parsed.value : undefined;
  const last = participant.data ? Number(participant.data.lastRewardShareChange) : undefined;
  const gate =
    last === undefined
      ? ({ ok: false, reason: "Reading your last ρ change…" } as const)
      : rewardShareGate(last, now, delegatee.rewardShare, next);
  return (
    <div className="flex flex-wrap items-end gap-3 text-sm" data-testid="reward-share-form">
      <AmountInput
        label={`ρ in task #${delegatee.taskId}`}
        value={value}
        onChange={setValue}
        error={error}
        suffix="%"
      />
      <span className="inline-flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-label={`Set ρ in task #${delegatee.taskId}`}
          disabled={!gate.ok || busy}
          title={gate.ok ? undefined : gate.reason}
          className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
          onClick={async () => {
            if (!parsed.ok) return setError(parsed.error);
            setError(undefined);
            setBusy(true);
            try {
              await run({
                label: "Set reward share",
                abi: arenaTasksAbi,
                address: arena,
                functionName: "setRewardShare",
                args: [delegatee.taskId, parsed.value],
              });
            } finally {
              setBusy(false);
            }
          }}
        >
          Set ρ
        </button>
        {!gate.ok && (
          <span className="text-xs text-zinc-500" data-testid="reward-share-reason">
            {gate.reason}
          </span>
        )}
      </span>
      <span className="text-xs text-zinc-500">
        Now {wadToPercent(delegatee.rewardShare)} %. A change takes effect next epoch and locks ρ for{" "}
        {REWARD_SHARE_COOLDOWN_TEXT}.
      </span>
    </div>
  );
}
