"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import type { TaskView } from "@/lib/arena/indexer";
import { meanToMetric, metricLabel } from "@/lib/arena/metric";
import { summarizeTask } from "@/lib/arena/taskSummary";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { LazyChart } from "@/components/charts/LazyChart";
import { Card, QueryState, Stat } from "@/components/ui/Card";
import { useTaskIndex } from "@/lib/hooks/useTaskIndex";
import { useChainClock } from "@/lib/hooks/useChainClock";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useFinalEvalCommit } from "@/lib/hooks/useFinalEvalCommit";
import { Participants } from "./Participants";
import { Submissions } from "./Submissions";
import { TaskParameters } from "./TaskParameters";
import { TaskTimeline } from "./TaskTimeline";
import { wadToNumber } from "@/lib/units";

/** Actions load after the page (they only show for a connected account), keeping first-load JS small. */
const StakePanel = dynamic(() => import("./StakePanel").then((m) => m.StakePanel), { ssr: false });
const SubmitModelPanel = dynamic(() => import("./SubmitModelPanel").then((m) => m.SubmitModelPanel), {
  ssr: false,
});
const ValidatePanel = dynamic(() => import("./ValidatePanel").then((m) => m.ValidatePanel), { ssr: false });
// Sortable (TanStack Table): loaded after the page, not first-load JS.
const TaskLeaderboard = dynamic(
  () => import("@/components/leaderboard/TaskLeaderboard").then((m) => m.TaskLeaderboard),
  { ssr: false, loading: () => <p className="text-sm text-zinc-500">Loading the leaderboard…</p> },
);
const RevealedScores = dynamic(() => import("./VerifyScore").then((m) => m.RevealedScores), { ssr: false });
const SettlePanel = dynamic(() => import("./SettlePanel").then((m) => m.SettlePanel), { ssr: false });
const CreatorPanel = dynamic(() => import("./CreatorPanel").then((m) => m.CreatorPanel), { ssr: false });
const TaskRewards = dynamic(() => import("@/components/portfolio/TaskRewards").then((m) => m.TaskRewards), {
  ssr: false,
});
const RewardExplanation = dynamic(() => import("./RewardExplanation").then((m) => m.RewardExplanation), {
  ssr: false,
});
const PreflightPanel = dynamic(() => import("./PreflightPanel").then((m) => m.PreflightPanel), {
  ssr: false,
});
const ChallengePanel = dynamic(() => import("./ChallengePanel").then((m) => m.ChallengePanel), {
  ssr: false,
});

export function TaskDetail({ id }: { id: bigint }) {
  const index = useTaskIndex(id);
  // Ticks every second between blocks, so every countdown on the page (timeline, commit/reveal windows) moves.
  const now = useChainClock();
  const task = index.data?.tasks.get(id);
  return (
    <QueryState
      loading={index.isLoading || now.isLoading}
      error={index.error ?? now.error}
      empty={!task}
      emptyText={`Task #${id} does not exist on this chain.`}
    >
      {task && now.now !== undefined && <TaskBody task={task} now={now.now} />}
    </QueryState>
  );
}

function TaskBody({ task, now }: { task: TaskView; now: number }) {
  const { address, isConnected } = useArenaChain();
  const summary = summarizeTask(task, now, address);
  const timeline = summary.timeline;
  const me = address ? task.participants.get(address) : undefined;
  const active = summary.phase === "Submission" || summary.phase === "FinalValidation";
  const { scoreData, nodes, rewardData } = useMemo(() => chartData(task), [task]);
  const finalEvalCommit = useFinalEvalCommit(task.id);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-zinc-500">
          Task #{task.id.toString()} · {metricLabel(task.metric)} · by {shortAddress(task.creator)}
        </p>
        <h1 className="text-2xl font-semibold">{task.title}</h1>
        {task.description && <p className="mt-2 max-w-3xl text-zinc-700">{task.description}</p>}
      </div>
      {timeline && <TaskTimeline timeline={timeline} now={now} />}
      <div className="grid gap-4 sm:grid-cols-4">
        <Stat label="Pool left" value={`${formatTokenAmount(summary.pool, 0)} ARENA`} testId="pool-left" />
        <Stat label="Total stake" value={`${formatTokenAmount(summary.totalStake, 0)} ARENA`} />
        <Stat label="Nodes" value={summary.nodes} />
        <Stat label="Validators" value={summary.validators} />
      </div>

      {isConnected && timeline && (
        <Card title="Your actions">
          <div className="space-y-6">
            <StakePanel task={task} epoch={timeline.epoch} />
            {active && me?.role === "node" && me.ownStake > 0n && timeline.window === "submit" && (
              <SubmitModelPanel task={task} epoch={timeline.epoch} />
            )}
            {active && me?.role === "validator" && me.ownStake > 0n && (
              <ValidatePanel task={task} timeline={timeline} />
            )}
            <SettlePanel task={task} now={now} />
            {address === task.creator && (
              <CreatorPanel task={task} phase={summary.phase} finalEvalCommit={finalEvalCommit} />
            )}
            {address && <TaskRewards taskId={task.id} account={address} />}
          </div>
        </Card>
      )}

      <Card title="Participants">
        <Participants task={task} epoch={timeline?.epoch ?? 0} />
      </Card>
      <Card title="Submissions">
        <Submissions task={task} />
      </Card>
      <Card title="Revealed scores">
        <RevealedScores task={task} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <LazyChart
          title="Aggregate score per submission and epoch"
          kind="line"
          data={scoreData}
          xKey="epoch"
          series={nodes.map((n) => ({ key: n, label: shortAddress(n) }))}
          empty="No settled epoch yet."
        />
        <LazyChart
          title="Rewards per epoch (ARENA)"
          kind="bar"
          data={rewardData}
          xKey="epoch"
          series={[
            { key: "nodes", label: "Nodes" },
            { key: "validators", label: "Validators" },
          ]}
          empty="No settled epoch yet."
        />
      </div>
      <Card title="Leaderboard">
        <TaskLeaderboard task={task} />
      </Card>
      <Card title="Why this reward">
        <RewardExplanation task={task} />
      </Card>
      {active && timeline && (
        <Card title="Preflight: your projected rank and reward">
          <PreflightPanel task={task} epoch={timeline.epoch} account={address} />
        </Card>
      )}
      <Card title="Challenges">
        <ChallengePanel task={task} phase={summary.phase} now={now} />
      </Card>
      <Card title="Parameters">
        <TaskParameters task={task} />
      </Card>
    </div>
  );
}

function chartData(task: TaskView) {
  const nodes = [...new Set(task.nodeResults.map((r) => r.node))];
  const epochs = [...new Set(task.nodeResults.map((r) => r.epoch))].sort((a, b) => a - b);
  const scoreData = epochs.map((epoch) => {
    const row: Record<string, number | string> = { epoch };
    for (const r of task.nodeResults.filter((x) => x.epoch === epoch))
      row[r.node] = meanToMetric(r.meanScore);
    return row;
  });
  const rewardData = [...task.epochs.values()]
    .sort((a, b) => a.epoch - b.epoch)
    .map((e) => ({
      epoch: e.epoch,
      nodes: wadToNumber(e.rewardNodes),
      validators: wadToNumber(e.rewardValidators),
    }));
  return { scoreData, nodes, rewardData };
}
