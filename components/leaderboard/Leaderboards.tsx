"use client";

import { useMemo, useState } from "react";
import { lowerIsBetter, nodeLeaderboard, validatorLeaderboard } from "@/lib/arena/leaderboard";
import { Card, QueryState } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { useArenaIndex } from "@/components/arena/useArenaIndex";
import { nodeColumns, ranked, SEARCHABLE_BOARD, VALIDATOR_COLUMNS } from "./columns";

export function Leaderboards() {
  const index = useArenaIndex();
  const [taskId, setTaskId] = useState<string>("all");
  const tasks = useMemo(() => [...(index.data?.tasks.values() ?? [])], [index.data]);
  const selected = useMemo(
    () => (taskId === "all" ? tasks : tasks.filter((t) => t.id.toString() === taskId)),
    [tasks, taskId],
  );
  const lossOnly = selected.length > 0 && selected.every((t) => lowerIsBetter(t.metric));
  const nodes = useMemo(() => ranked(nodeLeaderboard(selected)), [selected]);
  const validators = useMemo(() => ranked(validatorLeaderboard(selected)), [selected]);
  const nodeCols = useMemo(() => nodeColumns(lossOnly), [lossOnly]);

  return (
    <QueryState loading={index.isLoading} error={index.error} empty={false} emptyText="">
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
        <Card title="Training nodes">
          <DataTable
            key={`nodes-${taskId}`}
            label="Training nodes"
            testId="node-leaderboard"
            {...SEARCHABLE_BOARD}
            columns={nodeCols}
            data={nodes}
            emptyText="No settled epoch yet."
          />
        </Card>
        <Card title="Validators">
          <DataTable
            key={`validators-${taskId}`}
            label="Validators"
            testId="validator-leaderboard"
            {...SEARCHABLE_BOARD}
            columns={VALIDATOR_COLUMNS}
            data={validators}
            emptyText="No revealed score yet."
          />
        </Card>
      </div>
    </QueryState>
  );
}
