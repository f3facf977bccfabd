"use client";

import { useMemo, useRef, useState } from "react";
import { formatClockTime } from "@/lib/chain/rpcHealth";
import { createRng, type Rng } from "@/lib/metrics/rng";
import { rankMachines, pickIndex, type MachineMetrics, type ScoredMachine } from "@/lib/selection/select";
import { MAX_JOB_WEIGHT_UNITS, MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS } from "@/lib/selection/taskScore";
import { parseWeights, STRATEGY_PRESETS, weightsToInput, type WeightsInput } from "@/lib/selection/weights";
import { MachineCharts } from "./MachineCharts";
import { MachinesTable } from "./MachinesTable";
import { RecentJobs } from "./RecentJobs";
import { SendPrompt } from "./SendPrompt";
import { StrategyForm } from "./StrategyForm";
import { useMachines, type MachineRow } from "@/lib/hooks/useMachines";
import { wadToNumber } from "@/lib/units";

function toMetrics(row: MachineRow): MachineMetrics<bigint> {
  return { id: row.id, stake: wadToNumber(row.stake), uptime: row.uptime, latencyMs: row.latencyMs };
}

/** The /machines page: machines, the strategy that ranks them, a prompt to dispatch and per-epoch charts. */
export function MachinesView() {
  const machines = useMachines();
  const { registry, epoch, rows, isLoading, error } = machines;
  const [input, setInput] = useState<WeightsInput>(weightsToInput(STRATEGY_PRESETS.balanced));
  const [k, setK] = useState("3");
  const [seed, setSeed] = useState("42");
  const check = parseWeights(input);
  const kValue = Number(k);
  const kError =
    /^\d+$/.test(k.trim()) && kValue >= 1 && kValue <= 100
      ? undefined
      : "Top K must be a whole number from 1 to 100.";
  const seedError =
    /^\d+$/.test(seed.trim()) && Number(seed) <= 0xffffffff
      ? undefined
      : "The seed must be a whole number from 0 to 4294967295.";

  // One random source per seed: the sequence of picks is reproducible from the seed.
  const rng = useRef<{ seed: string; rng: Rng }>(undefined);
  const active = useMemo(() => rows.filter((r) => r.active), [rows]);
  const ranked = useMemo(
    () =>
      check.ok && !kError && active.length > 0
        ? rankMachines(active.map(toMetrics), check.weights, kValue)
        : undefined,
    [check, kError, kValue, active],
  );
  const scored = ranked && new Map<bigint, ScoredMachine<bigint>>(ranked.map((m) => [m.id, m]));
  const blockedReason = !check.ok
    ? "Fix the strategy weights first."
    : (kError ?? seedError ?? (active.length === 0 ? "No active machine is registered." : undefined));
  const pick =
    ranked && !blockedReason
      ? () => {
          if (rng.current?.seed !== seed) rng.current = { seed, rng: createRng(Number(seed)) };
          return ranked[
            pickIndex(
              ranked.map((m) => m.probability),
              rng.current.rng,
            )
          ];
        }
      : undefined;

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold">Machines</h1>
        <p className="mt-2 max-w-3xl text-zinc-700">
          Inference machines stake ARENA behind an endpoint, prove they are up with a heartbeat every slot,
          and are scored per epoch. A job goes to one of the top K machines by{" "}
          <code>final = w_stake·stake′ + w_uptime·uptime′ + w_latency·(1 − latency′)</code>, with probability
          proportional to its score; the AI task score is <code>1 + min(1, Σ weight × success / 10)</code>.
          Uptime counts every slot since a machine registered, so time it spent away counts as down. One
          reported job weighs at most {MAX_JOB_WEIGHT_UNITS}, and one reporter adds at most{" "}
          {MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS} to a machine per epoch.
        </p>
        <p className="mt-1 text-sm text-zinc-500">Epoch {epoch === undefined ? "…" : String(epoch)}</p>
      </section>
      {!registry && <p role="alert">The machine registry is not deployed on this chain.</p>}
      {error && (
        <p role="alert" className="text-rose-700">
          Cannot read the machine registry: {error.message.split("\n")[0]}
        </p>
      )}
      {registry && !isLoading && rows.length === 0 && !error && (
        <p className="text-zinc-600">
          No machine is registered yet. Start one with <code>npm run machine</code>.
        </p>
      )}
      {machines.historyError && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
          Could not read the machines&apos; history from the indexer:{" "}
          {machines.historyError.message.split("\n")[0]} Task scores, jobs, latencies and charts show once it
          answers; stakes, uptime and dispatch still work.
        </p>
      )}
      {machines.historyRefreshError && (
        <p role="status" className="rounded bg-amber-50 p-3 text-amber-900">
          Showing the machines&apos; history as read at {formatClockTime(machines.historyUpdatedAt)};
          refreshing it failed: {machines.historyRefreshError.message.split("\n")[0]}
        </p>
      )}
      {rows.length > 0 && <MachinesTable rows={rows} scored={scored} />}
      <div className="grid gap-6 lg:grid-cols-2">
        <StrategyForm
          input={input}
          check={check}
          onChange={setInput}
          k={k}
          kError={kError}
          onKChange={setK}
          seed={seed}
          seedError={seedError}
          onSeedChange={setSeed}
        />
        <SendPrompt registry={registry} machines={rows} pick={pick} blockedReason={blockedReason} />
      </div>
      <MachineCharts rows={rows} />
      {registry && !machines.historyError && <RecentJobs jobs={machines.recentJobs} />}
    </div>
  );
}
