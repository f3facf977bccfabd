"use client";

import dynamic from "next/dynamic";
import { useCallback, useMemo, useState } from "react";
import type { Address } from "viem";
import { formatTimestamp, formatTokenAmount } from "@/lib/format";
import { claimAll, portfolioLines, type Holdings, type Line } from "@/lib/portfolio/lines";
import { Card, Stat } from "@/components/ui/Card";
import { GatedButton } from "@/components/tasks/GatedButton";
import { PortfolioTable } from "./PortfolioTable";
import { useHoldings } from "@/lib/hooks/useHoldings";
import { useSendCall } from "@/lib/hooks/useSendCall";

const RewardExplanations = dynamic(() => import("./RewardExplanations").then((m) => m.RewardExplanations), {
  ssr: false,
});

const REWARD_KINDS = new Set<Line["kind"]>(["Node rewards", "Delegator rewards", "Target reward"]);

/** Sums of the portfolio: what a claim pays now, rewards still escrowed (and the earliest date one frees up). */
export function summarize(h: Holdings, lines: Line[]) {
  const all = claimAll(h);
  const escrowed = lines.filter((l) => REWARD_KINDS.has(l.kind) && !l.action?.gate.ok);
  const times = escrowed.flatMap((l) => (l.action?.at ? [l.action.at.time] : []));
  return {
    all,
    held: lines.reduce((s, l) => s + l.amount, 0n),
    escrowed: escrowed.reduce((s, l) => s + l.amount, 0n),
    nextFree: times.length > 0 ? Math.min(...times) : undefined,
  };
}

/** Everything the account holds in Arena, each line with the call that brings it back. */
export function Portfolio({ account }: { account: Address }) {
  const holdings = useHoldings(account);
  const send = useSendCall();
  const [busy, setBusy] = useState<string>();
  const lines = useMemo(() => (holdings.data ? portfolioLines(holdings.data) : []), [holdings.data]);
  const sums = holdings.data ? summarize(holdings.data, lines) : undefined;

  const onAction = useCallback(
    async (line: Line) => {
      if (!line.action || busy) return;
      setBusy(line.key);
      try {
        await send(`${line.action.label} (${line.scope})`, line.action.call);
        await holdings.refetch();
      } finally {
        setBusy(undefined);
      }
    },
    [busy, holdings, send],
  );
  const claimEverything = async () => {
    if (!sums || busy) return;
    setBusy("claim-all");
    try {
      await send("Claim all rewards", { contract: "ArenaTasks", fn: "claim", args: [sums.all.ids] });
      await holdings.refetch();
    } finally {
      setBusy(undefined);
    }
  };

  if (holdings.error)
    return (
      <p role="alert" className="text-rose-700">
        Could not read your holdings: {holdings.error.message.split("\n")[0]}
      </p>
    );
  if (!holdings.data || !sums) return <p className="text-zinc-500">Loading your holdings…</p>;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label="Claimable now"
          value={`${formatTokenAmount(sums.all.amount)} ARENA`}
          testId="claimable"
        />
        <Stat
          label={
            sums.nextFree
              ? `Rewards escrowed (first frees up ${formatTimestamp(sums.nextFree)})`
              : "Rewards escrowed"
          }
          value={`${formatTokenAmount(sums.escrowed)} ARENA`}
          testId="escrowed"
        />
        <Stat label="Held in Arena" value={`${formatTokenAmount(sums.held)} ARENA`} testId="held" />
      </div>
      <Card
        title="Portfolio"
        actions={
          <GatedButton
            gate={sums.all.gate}
            primary
            busy={busy !== undefined}
            onClick={() => void claimEverything()}
          >
            Claim all
          </GatedButton>
        }
      >
        <PortfolioTable lines={lines} onAction={(l) => void onAction(l)} busy={busy} />
      </Card>
      <Card title="Why this reward">
        <RewardExplanations account={account} />
      </Card>
    </div>
  );
}
