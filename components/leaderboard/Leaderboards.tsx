"use client";

import { useMemo, useState } from "react";
import { lowerIsBetter } from "@/lib/arena/metric";
import { LEADERBOARD_ROWS } from "@/lib/indexer/views";
import { Card, QueryState } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { useLeaderboardView } from "@/lib/hooks/useLeaderboardView";
import { nodeColumns, ranked, SEARCHABLE_BOARD, VALIDATOR_COLUMNS } from "./columns";

/** The node and validator boards, computed by the indexer over every settled result of the tasks chosen. */
export function Leaderboards() {
  const [taskId, setTaskId] = useState<string>("all");
  // The "all" answer also lists the tasks to choose from; a chosen task's board is one more (cached) read.
  const all = useLeaderboardView("all");
  const chosen = useLeaderboardView(taskId === "all" ? "all" : BigInt(taskId));
  const board = taskId === "all" ? all : chosen;
  const tasks = useMemo(() => all.data?.tasks ?? [], [all.data]);
  const selected = useMemo(
    () => (taskId === "all" ? tasks : tasks.filter((t) => t.id.toString() === taskId)),
    [tasks, taskId],
  );
  const lossOnly = selected.length > 0 && selected.every((t) => lowerIsBetter(t.metric));
  const nodes = useMemo(() => ranked(board.data?.nodes ?? []), [board.data]);
  const validators = useMemo(() => ranked(board.data?.validators ?? []), [board.data]);
  const nodeCols = useMemo(() => nodeColumns(lossOnly), [lossOnly]);
  const more = (shown: number, count: number | undefined) =>
    count !== undefined && count > shown ? ` (the best ${LEADERBOARD_ROWS} of ${count})` : "";

  return (
    <QueryState loading={all.isLoading} error={all.error ?? board.error} empty={false} emptyText="">
      <div className="space-y-6">
        <label className="flex items-center gap-2 text-sm">
          Task
          <select
            value={taskId}
            onChange={(e) => setTaskId(e.target.value)}
            className="min-w-0 flex-1 rounded border border-zinc-300 px-2 py-1 sm:flex-none"
          >
            <option value="all">All tasks</option>
            {tasks.map((t) => (
              <option key={t.id.toString()} value={t.id.toString()}>
                #{t.id.toString()} {t.title}
              </option>
            ))}
          </select>
        </label>
        <Card title={`Training nodes${more(nodes.length, board.data?.nodeCount)}`}>
          <DataTable
            key={`nodes-${taskId}`}
            label="Training nodes"
            testId="node-leaderboard"
            {...SEARCHABLE_BOARD}
            columns={nodeCols}
            data={nodes}
            emptyText={board.isLoading ? "Loading…" : "No settled epoch yet."}
          />
        </Card>
        <Card title={`Validators${more(validators.length, board.data?.validatorCount)}`}>
          <DataTable
            key={`validators-${taskId}`}
            label="Validators"
            testId="validator-leaderboard"
            {...SEARCHABLE_BOARD}
            columns={VALIDATOR_COLUMNS}
            data={validators}
            emptyText={board.isLoading ? "Loading…" : "No revealed score yet."}
          />
        </Card>
      </div>
    </QueryState>
  );
}
