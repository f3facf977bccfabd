import type { ParticipantView, TaskView } from "@/lib/arena/indexer";
import { pendingRewardShare, pendingStake, rewardShareAt } from "@/lib/arena/pending";
import { formatTokenAmount, formatWadPercent, shortAddress } from "@/lib/format";

/** Nodes and validators with their own and delegated stake and reward share ρ. */
export function Participants({ task, epoch }: { task: TaskView; epoch: number }) {
  const rows = [...task.participants.values()]
    .filter((p) => p.ownStake > 0n || p.delegated > 0n)
    .sort((a, b) =>
      a.role === b.role
        ? Number(b.ownStake + b.delegated - a.ownStake - a.delegated)
        : a.role === "node"
          ? -1
          : 1,
    );
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No one has staked yet.</p>;
  const all = task.totals?.participants ?? rows.length;
  return (
    <>
      {all > rows.length && (
        <p className="mb-2 text-sm text-zinc-500" data-testid="participants-cut">
          Showing {rows.length} of {all}: every training node, and the validators with the most stake.
        </p>
      )}
      <div className="overflow-x-auto" data-overflow-scroll>
        <table className="w-full text-left text-sm" data-testid="participants">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1">Account</th>
              <th className="py-1">Role</th>
              <th className="py-1 text-right">Own stake</th>
              <th className="py-1 text-right">Delegated</th>
              <th className="py-1 text-right">Delegators</th>
              <th className="py-1 text-right">ρ</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.account} className="border-t border-zinc-100">
                <td className="py-1 font-mono" title={p.account}>
                  {shortAddress(p.account)}
                </td>
                <td className="py-1">
                  {p.role === "node" ? "Training node" : "Validator"}
                  {p.forfeited && (
                    <span className="ml-1 text-rose-700">(rewards forfeited to a challenge)</span>
                  )}
                </td>
                <td className="py-1 text-right">
                  {formatTokenAmount(p.ownStake)}
                  <PendingStake p={p} epoch={epoch} />
                </td>
                <td className="py-1 text-right">{formatTokenAmount(p.delegated)}</td>
                <td className="py-1 text-right">{p.delegators.size}</td>
                <td className="py-1 text-right" data-testid="participant-rho">
                  {formatWadPercent(rewardShareAt(p, epoch))}
                  <PendingShare p={p} epoch={epoch} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** ρ set to apply from a later epoch: shown beside the one in force, never as it. */
function PendingShare({ p, epoch }: { p: ParticipantView; epoch: number }) {
  const next = pendingRewardShare(p, epoch);
  if (!next) return null;
  return (
    <span className="block text-xs text-zinc-500">
      → {formatWadPercent(next.rewardShare)} from epoch {next.fromEpoch}
    </span>
  );
}

/** Stake that counts only from a later epoch (it earns from then on). */
function PendingStake({ p, epoch }: { p: ParticipantView; epoch: number }) {
  const next = pendingStake(p, epoch);
  if (!next) return null;
  return (
    <span className="block text-xs text-zinc-500">
      incl. {formatTokenAmount(next.amount)} counted from epoch {next.fromEpoch}
    </span>
  );
}
