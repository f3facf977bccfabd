"use client";

import { useMemo, useState } from "react";
import type { Address } from "viem";
import type { TaskView } from "@/lib/arena/indexer";
import { formatSignificant, shortAddress } from "@/lib/format";
import { amountOf, readable, type AddressExplanation, type EpochExplanation } from "@/lib/rewards/explain";
import { LazyChart } from "@/components/charts/LazyChart";
import { StepsTable } from "./RewardSteps";
import { useEpochExplanation } from "@/lib/hooks/useEpochExplanation";
import { wadToNumber } from "@/lib/units";

import { sameAddress as same } from "@/lib/address";

/**
 * "Why this reward": every payout of a settled epoch, per address, step by step, in wei and in readable units,
 * checked against what the contract paid (lib/rewards/explain.ts). `account` shows only that address's rows.
 */
export function RewardExplanation({ task, account }: { task: TaskView; account?: Address }) {
  const epochs = useMemo(
    () =>
      [...task.epochs.values()]
        .filter((e) => e.scored > 0)
        .filter((e) => !account || paidIn(task, e.epoch, account))
        .map((e) => e.epoch)
        .sort((a, b) => b - a),
    [task, account],
  );
  const [picked, setPicked] = useState<number>();
  const epoch = picked !== undefined && epochs.includes(picked) ? picked : epochs[0];
  if (epoch === undefined)
    return (
      <p className="text-sm text-zinc-500">
        {account
          ? "You were paid in no settled epoch of this task yet."
          : "No epoch with scores is settled yet."}
      </p>
    );
  return (
    <div className="space-y-3" data-testid="reward-explanation">
      <label className="block text-sm">
        <span className="text-zinc-600">Epoch</span>
        <select
          className="ml-2 rounded border border-zinc-300 bg-white px-2 py-1"
          value={epoch}
          onChange={(e) => setPicked(Number(e.target.value))}
          aria-label="Epoch to explain"
        >
          {epochs.map((e) => (
            <option key={e} value={e}>
              Epoch {e}
            </option>
          ))}
        </select>
      </label>
      <EpochExplained task={task} epoch={epoch} account={account} />
    </div>
  );
}

/** Epochs the account may have been paid in: its node or validator results, or any scored epoch for a delegator. */
function paidIn(task: TaskView, epoch: number, account: Address): boolean {
  return (
    task.nodeResults.some((r) => r.epoch === epoch && same(r.node, account)) ||
    task.validatorResults.some((r) => r.epoch === epoch && same(r.validator, account)) ||
    [...task.participants.values()].some((p) => [...p.delegators.keys()].some((d) => same(d, account)))
  );
}

function EpochExplained({ task, epoch, account }: { task: TaskView; epoch: number; account?: Address }) {
  const q = useEpochExplanation(task.id, epoch);
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<string>();
  if (q.error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not explain epoch {epoch}: {q.error.message.split("\n")[0]}
      </p>
    );
  if (!q.explanation)
    return <p className="text-sm text-zinc-500">Reading the epoch&apos;s reveals and stakes…</p>;
  const ex = q.explanation;
  const rows = rowsOf(ex).filter((r) => (account ? same(r.x.id, account) : !filter || same(r.x.id, filter)));
  const addresses = [...new Set(rowsOf(ex).map((r) => r.x.id))];
  return (
    <div className="space-y-3">
      {q.mismatches.length === 0 ? (
        <p className="text-sm text-teal-800" data-testid="explain-check">
          ✓ Adds up to what the contract paid in epoch {epoch}, to the wei: R₀{" "}
          {readable(ex.trace.reward, "tokens")} ARENA, paid {readable(ex.trace.paid, "tokens")} ARENA.
        </p>
      ) : (
        <div role="alert" className="text-sm text-rose-700" data-testid="explain-check">
          The explanation differs from what the indexer recorded (it may be behind, or a stake changed):
          <ul className="list-disc pl-5">
            {q.mismatches.slice(0, 5).map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-700">How the epoch&apos;s reward R₀ was split</summary>
        <StepsTable steps={ex.epochSteps} />
      </details>
      {!account && (
        <label className="block text-sm">
          <span className="text-zinc-600">Address</span>
          <select
            className="mt-1 block w-full max-w-md rounded border border-zinc-300 bg-white px-2 py-1 font-mono"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Address to explain"
          >
            <option value="">Everyone paid</option>
            {addresses.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      )}
      {rows.length === 0 && (
        <p className="text-sm text-zinc-500">
          Nothing was paid to {account ? "you" : "this address"} in epoch {epoch}.
        </p>
      )}
      <div className="overflow-x-auto" data-overflow-scroll>
        <table className="w-full text-left text-sm">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1">Address</th>
              <th>Role</th>
              <th className="text-right">Paid (ARENA)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, x }) => (
              <RowAndDetail
                key={key}
                rowKey={key}
                x={x}
                ex={ex}
                task={task}
                open={open === key}
                onToggle={() => setOpen(open === key ? undefined : key)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function rowsOf(ex: EpochExplanation): { key: string; x: AddressExplanation }[] {
  return [
    ...ex.nodes.map((x) => ({ key: `node:${x.id}`, x })),
    ...ex.validators.map((x) => ({ key: `validator:${x.id}`, x })),
    ...ex.delegators.map((x) => ({ key: `delegator:${x.id}:${x.delegatee}`, x })),
  ];
}

function roleText(x: AddressExplanation): string {
  if (x.role === "delegator") return `Delegator of ${shortAddress(x.delegatee)} (${x.delegateeRole})`;
  return x.role === "node" ? "Node" : "Validator";
}

function RowAndDetail({
  rowKey,
  x,
  ex,
  task,
  open,
  onToggle,
}: {
  rowKey: string;
  x: AddressExplanation;
  ex: EpochExplanation;
  task: TaskView;
  open: boolean;
  onToggle: () => void;
}) {
  const amount = amountOf(x);
  return (
    <>
      <tr
        className="border-t border-zinc-100"
        data-testid="why-row"
        data-address={x.id.toLowerCase()}
        data-role={x.role}
      >
        <td className="py-1 font-mono" title={x.id}>
          {shortAddress(x.id)}
        </td>
        <td>{roleText(x)}</td>
        <td className="text-right tabular-nums" data-testid="why-amount" data-wei={amount.toString()}>
          {readable(amount, "tokens")}
        </td>
        <td className="text-right">
          <button
            type="button"
            className="text-teal-800 underline"
            aria-expanded={open}
            aria-controls={`why-${rowKey}`}
            onClick={onToggle}
          >
            Why this reward
          </button>
        </td>
      </tr>
      {open && (
        <tr id={`why-${rowKey}`}>
          <td colSpan={4} className="bg-zinc-50 p-3" data-testid="why-detail">
            <Detail x={x} ex={ex} task={task} />
          </td>
        </tr>
      )}
    </>
  );
}

function Detail({ x, ex, task }: { x: AddressExplanation; ex: EpochExplanation; task: TaskView }) {
  if (x.role === "delegator")
    return (
      <div className="space-y-2">
        <p className="text-sm text-zinc-700">
          The delegatee&apos;s delegators share its delegators&apos; part in proportion to what each delegated
          in the epoch.
        </p>
        <StepsTable steps={x.steps} />
      </div>
    );
  if (x.role === "node") {
    const chart = ex.nodes.map((n) => ({ node: shortAddress(n.id), weight: wadToNumber(n.trace.weight) }));
    return (
      <div className="space-y-3">
        <p className="text-sm text-zinc-700">
          Aggregate score from {x.raters.length} validator{x.raters.length === 1 ? "" : "s"} (stake-weighted
          mean):
        </p>
        <div className="overflow-x-auto" data-overflow-scroll>
          <table className="text-sm">
            <thead className="text-zinc-500">
              <tr>
                <th className="pr-4 text-left">Validator</th>
                <th className="pr-4 text-right">Score</th>
                <th className="text-right">Stake (ARENA)</th>
              </tr>
            </thead>
            <tbody>
              {x.raters.map((r) => (
                <tr key={r.validator}>
                  <td className="pr-4 font-mono">{shortAddress(r.validator)}</td>
                  <td className="pr-4 text-right tabular-nums">{readable(r.score, "score6")}</td>
                  <td className="text-right tabular-nums">{readable(r.stake, "tokens", 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <StepsAndChart
          steps={x.steps}
          title="Weight g_k·t^α of each scored node"
          data={chart}
          xKey="node"
          series={{ key: "weight", label: "Weight" }}
        />
      </div>
    );
  }
  const nodeName = (id: string) => shortAddress(id);
  const chart = x.trace.scores.map((s) => ({ submission: nodeName(s.node), share: wadToNumber(s.phi) }));
  const lambda = task.config?.mechanism.lambdaV ?? 0n;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700">
        Per submission it scored: Δ (distance to the aggregate), its weight e^(−λΔ)·s^α (λ ={" "}
        {readable(lambda, "wad")}) and its share φ of the submission&apos;s softmax.
      </p>
      <div className="overflow-x-auto" data-overflow-scroll>
        <table className="text-sm" data-testid="why-submissions">
          <thead className="text-zinc-500">
            <tr>
              <th className="pr-4 text-left">Submission</th>
              <th className="pr-4 text-right">Its score</th>
              <th className="pr-4 text-right">Aggregate r̄</th>
              <th className="pr-4 text-right">Δ</th>
              <th className="pr-4 text-right">e^(−λΔ)·s^α</th>
              <th className="text-right">Share φ</th>
            </tr>
          </thead>
          <tbody>
            {x.trace.scores.map((s) => (
              <tr key={s.node}>
                <td className="pr-4 font-mono">{nodeName(s.node)}</td>
                <td className="pr-4 text-right tabular-nums">{readable(s.score, "score6")}</td>
                <td className="pr-4 text-right tabular-nums">{readable(s.mean, "score18")}</td>
                <td className="pr-4 text-right tabular-nums">{readable(s.delta, "score18")}</td>
                <td className="pr-4 text-right tabular-nums" title={`v = ${s.v} wei·2^−${s.k}`}>
                  {formatSignificant(wadToNumber(s.v) / 2 ** Number(s.k), 6)}
                </td>
                <td className="text-right tabular-nums" data-wei={s.phi.toString()}>
                  {readable(s.phi, "wad")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StepsAndChart
        steps={x.steps}
        title="Share φ per scored submission"
        data={chart}
        xKey="submission"
        series={{ key: "share", label: "φ" }}
      />
    </div>
  );
}

/** The steps of a computation, then a bar chart of what it gave each scored row. */
function StepsAndChart<K extends string, V extends string>({
  steps,
  title,
  data,
  xKey,
  series,
}: {
  steps: Parameters<typeof StepsTable>[0]["steps"];
  title: string;
  data: Record<K | V, string | number>[];
  xKey: K;
  series: { key: V; label: string };
}) {
  return (
    <>
      <StepsTable steps={steps} />
      <LazyChart title={title} kind="bar" data={data} xKey={xKey} series={[series]} height={200} />
    </>
  );
}
