"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ErrorAlert } from "./ErrorAlert";
import {
  useScoreSubmissions,
  type ScoreSubmissionsOptions,
  type SubmissionRow,
} from "@/lib/hooks/useScoreSubmissions";
import { formatNumber } from "@/lib/format";
import { DataTable } from "@/components/ui/DataTable";

const STATUS: Record<SubmissionRow["status"], string> = {
  waiting: "Waiting",
  loading: "Loading the model",
  scoring: "Scoring",
  scored: "Scored",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** In the order the submissions are scored (no sorting: the order is the queue's). */
const COLUMNS = (
  [
    { id: "submission", header: "Submission", cell: ({ row }) => String(row.original.submissionId) },
    {
      id: "model",
      header: "Model",
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.modelId}</span>,
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: row } }) => (
        <>
          {STATUS[row.status]}
          {row.fraction !== null && (row.status === "loading" || row.status === "scoring")
            ? ` (${Math.round(row.fraction * 100)}%)`
            : ""}
          {row.error && <span className="block text-rose-700">{row.error.message}</span>}
        </>
      ),
    },
    {
      id: "score",
      header: "Score",
      cell: ({ row }) => (
        <span className="tabular-nums" data-value={row.original.score}>
          {row.original.score === undefined ? "—" : formatNumber(row.original.score, 4)}
        </span>
      ),
    },
  ] satisfies ColumnDef<SubmissionRow>[]
).map((column): ColumnDef<SubmissionRow> => ({ ...column, enableSorting: false }));

/**
 * "Score my assigned submissions": loads each submitted model in turn, scores it on the task's
 * evaluation set with the task's metric in this browser, and hands the scores to `onScores` (e.g. to fill
 * a commit form). Embeddable anywhere; the ML runtime loads in a worker only when the button is pressed.
 */
export function ScoreSubmissions({
  buttonLabel = "Score my assigned submissions",
  ...options
}: ScoreSubmissionsOptions & { buttonLabel?: string }) {
  const { rows, running, error, run, cancel } = useScoreSubmissions(options);
  const done = rows.filter((row) => row.status === "scored" || row.status === "failed").length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="rounded border border-teal-700 bg-teal-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          disabled={running || options.submissions.length === 0}
          onClick={() => void run()}
        >
          {buttonLabel}
        </button>
        {running && (
          <button
            type="button"
            className="rounded border border-zinc-300 bg-white px-3 py-1.5 text-sm"
            onClick={cancel}
          >
            Cancel scoring
          </button>
        )}
      </div>
      {running && (
        <label className="block text-sm">
          <span className="text-zinc-600">
            Submissions scored: {done} of {rows.length}
          </span>
          <progress className="block w-full" max={Math.max(1, rows.length)} value={done} />
        </label>
      )}
      {error && <ErrorAlert title="Could not score the submissions" error={error} />}
      {rows.length > 0 && (
        <DataTable
          label="Submission scores"
          columns={COLUMNS}
          data={rows}
          rowId={(row) => String(row.submissionId)}
          rowTestId="submission-row"
          emptyText=""
        />
      )}
    </div>
  );
}
