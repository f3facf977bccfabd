"use client";

import Link from "next/link";
import { useMemo } from "react";
import { PHASE_LABELS, type PhaseName } from "@/lib/arena/phases";
import { summarizeTask } from "@/lib/arena/taskSummary";
import { formatTokenAmount } from "@/lib/format";
import { LazyChart } from "@/components/charts/LazyChart";
import { QueryState, Stat } from "@/components/ui/Card";
import { useChainTime } from "@/lib/hooks/useChainTime";
import { useTaskList } from "@/lib/hooks/useTaskList";
import { wadToNumber } from "@/lib/units";

const LIVE: PhaseName[] = ["Submission", "FinalValidation", "Challenge"];

/** Network overview: live tasks by phase, total stake, rewards paid, participants, and their history. */
export function ProtocolOverview() {
  const index = useTaskList();
  const now = useChainTime();
  const data = useMemo(() => {
    if (!index.data || now.data === undefined) return undefined;
    const tasks = [...index.data.tasks.values()];
    const summaries = tasks.map((t) => summarizeTask(t, now.data));
    const byPhase = Object.fromEntries(LIVE.map((p) => [p, summaries.filter((s) => s.phase === p).length]));
    const perDay = new Map<string, { day: string; nodes: number; validators: number }>();
    for (const t of tasks) {
      for (const e of t.epochs.values()) {
        const end = t.config ? t.start + (e.epoch + 1) * t.config.epochLength : t.start;
        const day = new Date(end * 1000).toISOString().slice(0, 10);
        const row = perDay.get(day) ?? { day, nodes: 0, validators: 0 };
        row.nodes += wadToNumber(e.rewardNodes);
        row.validators += wadToNumber(e.rewardValidators);
        perDay.set(day, row);
      }
    }
    return {
      live: summaries.filter((s) => LIVE.includes(s.phase)),
      byPhase,
      totalStake: summaries.reduce((s, t) => s + t.totalStake, 0n),
      paid: summaries.reduce((s, t) => s + t.paid, 0n),
      participants: index.data.uniqueParticipants,
      rewards: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
      stakes: summaries
        .filter((s) => s.totalStake > 0n)
        .map((s) => ({ task: `#${s.id}`, stake: wadToNumber(s.totalStake) })),
    };
  }, [index.data, now.data]);

  return (
    <QueryState
      loading={index.isLoading || now.isLoading}
      error={index.error ?? now.error}
      empty={!data}
      emptyText=""
    >
      {data && (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-4">
            <Stat label="Live tasks" value={data.live.length} testId="live-tasks" />
            <Stat
              label="Total stake"
              value={`${formatTokenAmount(data.totalStake, 0)} ARENA`}
              testId="total-stake"
            />
            <Stat
              label="Rewards paid"
              value={`${formatTokenAmount(data.paid, 0)} ARENA`}
              testId="rewards-paid"
            />
            <Stat label="Participants" value={data.participants} />
          </div>
          <p className="text-sm text-zinc-600">
            {LIVE.map((p) => `${PHASE_LABELS[p]}: ${data.byPhase[p]}`).join(" · ")} ·{" "}
            <Link href="/tasks" className="text-teal-800 underline">
              all tasks
            </Link>
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <LazyChart
              title="Stake per task (ARENA)"
              kind="bar"
              data={data.stakes}
              xKey="task"
              series={[{ key: "stake", label: "Stake" }]}
            />
            <LazyChart
              title="Rewards settled per day (ARENA)"
              kind="bar"
              data={data.rewards}
              xKey="day"
              series={[
                { key: "nodes", label: "Nodes" },
                { key: "validators", label: "Validators" },
              ]}
            />
          </div>
        </div>
      )}
    </QueryState>
  );
}
