import type { TaskView } from "@/lib/arena/indexer";
import { formatMeanScore } from "@/lib/arena/metric";
import { submissionRows } from "@/lib/arena/submissions";
import { formatTokenAmount, shortAddress } from "@/lib/format";

/**
 * Every submission by epoch with its settled aggregate score and its pool's reward, shown once: on the
 * submission that counted (the node's last in the epoch); earlier ones in the same epoch are marked superseded.
 */
export function Submissions({ task }: { task: TaskView }) {
  const rows = submissionRows(task);
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No model submitted yet.</p>;
  return (
    <div className="overflow-x-auto" data-overflow-scroll>
      <table className="w-full text-left text-sm" data-testid="submissions">
        <thead className="text-zinc-500">
          <tr>
            <th className="py-1">Epoch</th>
            <th className="py-1">Node</th>
            <th className="py-1">Model</th>
            <th className="py-1 text-right">Aggregate score</th>
            <th className="py-1 text-right">Reward</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr
              key={`${s.epoch}-${s.node}-${s.block}`}
              className={`border-t border-zinc-100 ${s.counted ? "" : "text-zinc-400"}`}
              data-testid="submission-row"
              data-counted={s.counted}
            >
              <td className="py-1">{s.epoch}</td>
              <td className="py-1 font-mono">{shortAddress(s.node)}</td>
              <td className="max-w-72 truncate py-1 font-mono text-xs" title={`${s.uri} ${s.contentHash}`}>
                {s.uri}
              </td>
              {s.counted ? (
                <>
                  <td className="py-1 text-right">{s.result ? formatMeanScore(s.result.meanScore) : "—"}</td>
                  <td className="py-1 text-right">{s.result ? formatTokenAmount(s.result.reward) : "—"}</td>
                </>
              ) : (
                <td
                  colSpan={2}
                  className="py-1 text-right text-xs"
                  title={`Replaced by the node's submission in block ${s.supersededBy}; only the last submission of an epoch is scored and paid.`}
                >
                  superseded (not scored)
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
