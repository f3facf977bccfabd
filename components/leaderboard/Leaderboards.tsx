"use client";

import { useMemo, useState } from "react";
import {
  nodeLeaderboard,
  validatorLeaderboard,
  type NodeRow,
  type ValidatorRow,
} from "@/lib/arena/leaderboard";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { Card, QueryState } from "@/components/ui/Card";
import { useArenaIndex } from "@/components/arena/useArenaIndex";
import { useArenaChain } from "@/components/wallet/useArenaChain";

type SortKey = "rewards" | "score" | "activity";

function cmp(a: bigint | number | null, b: bigint | number | null): number {
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function AddressCell({ address }: { address: string }) {
  const { chain } = useArenaChain();
  const explorer = chain.blockExplorers?.default.url;
  return explorer ? (
    <a
      href={`${explorer}/address/${address}`}
      target="_blank"
      rel="noreferrer"
      className="font-mono underline"
      title={address}
    >
      {shortAddress(address)}
    </a>
  ) : (
    <span className="font-mono" title={address}>
      {shortAddress(address)}
    </span>
  );
}

function SortButton({ label, active, onClick }: { label: string; active: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      className="font-medium aria-pressed:text-teal-800 aria-pressed:underline"
    >
      {label}
    </button>
  );
}

export function Leaderboards() {
  const index = useArenaIndex();
  const [taskId, setTaskId] = useState<string>("all");
  const [nodeSort, setNodeSort] = useState<SortKey>("rewards");
  const [validatorSort, setValidatorSort] = useState<SortKey>("rewards");
  const tasks = useMemo(() => [...(index.data?.tasks.values() ?? [])], [index.data]);
  const selected = taskId === "all" ? tasks : tasks.filter((t) => t.id.toString() === taskId);
  const singleMetric = selected.length === 1 ? selected[0]!.metric : undefined;

  const nodes = useMemo(() => {
    const rows = nodeLeaderboard(selected);
    const by: Record<SortKey, (a: NodeRow, b: NodeRow) => number> = {
      rewards: (a, b) => cmp(b.rewards, a.rewards),
      score: (a, b) => (singleMetric === 0 ? cmp(a.bestScore, b.bestScore) : cmp(b.bestScore, a.bestScore)),
      activity: (a, b) => cmp(b.epochs, a.epochs),
    };
    return rows.sort(by[nodeSort]);
  }, [selected, nodeSort, singleMetric]);
  const validators = useMemo(() => {
    const rows = validatorLeaderboard(selected);
    const by: Record<SortKey, (a: ValidatorRow, b: ValidatorRow) => number> = {
      rewards: (a, b) => cmp(b.rewards, a.rewards),
      score: (a, b) => cmp(a.consensusDistance, b.consensusDistance),
      activity: (a, b) => cmp(b.scored, a.scored),
    };
    return rows.sort(by[validatorSort]);
  }, [selected, validatorSort]);

  return (
    <QueryState loading={index.isLoading} error={index.error} empty={false} emptyText="">
      <div className="space-y-6">
        <label className="flex items-center gap-2 text-sm">
          Task
          <select
            value={taskId}
            onChange={(e) => setTaskId(e.target.value)}
            className="rounded border border-zinc-300 px-2 py-1"
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
          {nodes.length === 0 ? (
            <p className="text-sm text-zinc-500">No settled epoch yet.</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="node-leaderboard">
              <thead className="text-zinc-500">
                <tr>
                  <th className="py-1">Rank</th>
                  <th className="py-1">Node</th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Best score"
                      active={nodeSort === "score"}
                      onClick={() => setNodeSort("score")}
                    />
                  </th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Epochs"
                      active={nodeSort === "activity"}
                      onClick={() => setNodeSort("activity")}
                    />
                  </th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Rewards"
                      active={nodeSort === "rewards"}
                      onClick={() => setNodeSort("rewards")}
                    />
                  </th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((r, i) => (
                  <tr key={r.account} className="border-t border-zinc-100">
                    <td className="py-1">{i + 1}</td>
                    <td className="py-1">
                      <AddressCell address={r.account} />
                    </td>
                    <td className="py-1 text-right">
                      {r.bestScore.toFixed(4)}{" "}
                      <span className="text-zinc-500">(task #{r.bestTaskId.toString()})</span>
                    </td>
                    <td className="py-1 text-right">{r.epochs}</td>
                    <td className="py-1 text-right">{formatTokenAmount(r.rewards)} ARENA</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Validators">
          {validators.length === 0 ? (
            <p className="text-sm text-zinc-500">No revealed score yet.</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="validator-leaderboard">
              <thead className="text-zinc-500">
                <tr>
                  <th className="py-1">Rank</th>
                  <th className="py-1">Validator</th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Distance to consensus"
                      active={validatorSort === "score"}
                      onClick={() => setValidatorSort("score")}
                    />
                  </th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Scores"
                      active={validatorSort === "activity"}
                      onClick={() => setValidatorSort("activity")}
                    />
                  </th>
                  <th className="py-1 text-right">
                    <SortButton
                      label="Rewards"
                      active={validatorSort === "rewards"}
                      onClick={() => setValidatorSort("rewards")}
                    />
                  </th>
                </tr>
              </thead>
              <tbody>
                {validators.map((r, i) => (
                  <tr key={r.account} className="border-t border-zinc-100">
                    <td className="py-1">{i + 1}</td>
                    <td className="py-1">
                      <AddressCell address={r.account} />
                    </td>
                    <td className="py-1 text-right">
                      {r.consensusDistance === null ? "—" : r.consensusDistance.toFixed(4)}
                    </td>
                    <td className="py-1 text-right">{r.scored}</td>
                    <td className="py-1 text-right">{formatTokenAmount(r.rewards)} ARENA</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </QueryState>
  );
}
