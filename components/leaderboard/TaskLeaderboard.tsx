"use client";

import { useMemo } from "react";
import type { TaskView } from "@/lib/arena/indexer";
import { nodeLeaderboard } from "@/lib/arena/leaderboard";
import { lowerIsBetter } from "@/lib/arena/metric";
import { DataTable } from "@/components/ui/DataTable";
import { BOARD, nodeColumns, ranked } from "./columns";

/** One task's node board (the task page loads it lazily: TanStack Table is not first-load JS there). */
export function TaskLeaderboard({ task }: { task: TaskView }) {
  const rows = useMemo(() => ranked(nodeLeaderboard([task])), [task]);
  const columns = useMemo(() => nodeColumns(lowerIsBetter(task.metric), true), [task.metric]);
  return (
    <DataTable
      label="Leaderboard"
      testId="task-leaderboard"
      {...BOARD}
      columns={columns}
      data={rows}
      emptyText="The leaderboard fills in as epochs settle."
    />
  );
}
