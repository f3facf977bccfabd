import type { TaskView } from "@/lib/arena/indexer";
import { MEAN_SCALE } from "@/lib/arena/leaderboard";
import { formatTokenAmount, shortAddress } from "@/lib/format";

/** Every submission by epoch with its settled aggregate score and its pool's reward. */
export function Submissions({ task }: { task: TaskView }) {
  const rows = [...task.participants.values()]
    .flatMap((p) => p.submissions.map((s) => ({ node: p.account, ...s })))
    .sort((a, b) => b.epoch - a.epoch || a.nodeIndex - b.nodeIndex);
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No model submitted yet.</p>;
  return (
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
        {rows.map((s) => {
          const result = task.nodeResults.find((r) => r.epoch === s.epoch && r.node === s.node);
          return (
            <tr key={`${s.epoch}-${s.node}-${s.block}`} className="border-t border-zinc-100">
              <td className="py-1">{s.epoch}</td>
              <td className="py-1 font-mono">{shortAddress(s.node)}</td>
              <td className="max-w-72 truncate py-1 font-mono text-xs" title={`${s.uri} ${s.contentHash}`}>
                {s.uri}
              </td>
              <td className="py-1 text-right">
                {result ? (Number(result.meanScore) / MEAN_SCALE).toFixed(4) : "—"}
              </td>
              <td className="py-1 text-right">{result ? formatTokenAmount(result.reward) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
