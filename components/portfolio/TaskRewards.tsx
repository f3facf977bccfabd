"use client";

import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import { formatTokenAmount } from "@/lib/format";
import { claimTask, portfolioLines } from "@/lib/portfolio/lines";
import { GatedButton } from "@/components/tasks/GatedButton";
import { useHoldings } from "@/lib/hooks/useHoldings";
import { useSendCall } from "@/lib/hooks/useSendCall";

const SHOWN = new Set(["Node rewards", "Delegator rewards", "Challenge bond"]);

/** The task page's claim: this task's rewards (and the credited balance), whatever the phase. */
export function TaskRewards({ taskId, account }: { taskId: bigint; account: Address }) {
  const holdings = useHoldings(account, { tasksOnly: true });
  const send = useSendCall();
  const [busy, setBusy] = useState(false);
  const portfolio = (
    <p className="text-sm text-zinc-500">
      Everything you hold in every task is on{" "}
      <Link href="/rewards" className="text-teal-800 underline">
        your portfolio
      </Link>
      .
    </p>
  );
  if (!holdings.data) return portfolio;
  const lines = portfolioLines(holdings.data).filter((l) => l.taskId === taskId && SHOWN.has(l.kind));
  const claim = claimTask(holdings.data, taskId);
  if (lines.length === 0 && claim.amount === 0n) return portfolio;
  const go = async () => {
    setBusy(true);
    await send(`Claim rewards (task #${taskId})`, { contract: "ArenaTasks", fn: "claim", args: [[taskId]] });
    await holdings.refetch();
    setBusy(false);
  };
  return (
    <div className="space-y-2">
      <div className="space-y-2 text-sm" data-testid="task-rewards">
        <ul className="space-y-1">
          {lines.map((l) => (
            <li key={l.key}>
              {l.what}: <strong>{formatTokenAmount(l.amount)} ARENA</strong>{" "}
              <span className="text-zinc-500">
                · {l.action && !l.action.gate.ok ? l.action.gate.reason : l.status}
              </span>
            </li>
          ))}
        </ul>
        <GatedButton gate={claim.gate} primary busy={busy} onClick={() => void go()}>
          Claim {formatTokenAmount(claim.amount)} ARENA
        </GatedButton>
        {holdings.data.claimable > 0n && (
          <p className="text-xs text-zinc-500">
            Includes {formatTokenAmount(holdings.data.claimable)} ARENA already credited to you (any task).
          </p>
        )}
      </div>
      {portfolio}
    </div>
  );
}
