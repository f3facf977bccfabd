"use client";

import { useState, type FormEvent } from "react";
import { bytesToHex, type Address, type Hex } from "viem";
import { machineRegistryAbi } from "@/contracts-abi";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { MAX_INFER_TOKENS, MAX_PROMPT_CHARS } from "@/lib/selection/agentProtocol";
import type { ScoredMachine } from "@/lib/selection/select";
import { jobWeightWad, MAX_JOB_WEIGHT_UNITS, MAX_LATENCY_MS } from "@/lib/selection/taskScore";
import { callAgent, type AgentCall } from "@/lib/selection/agentClient";
import type { MachineRow } from "@/lib/hooks/useMachines";
import { formatNumber } from "@/lib/format";
import { ErrorLine } from "@/components/ui/ErrorLine";

type Outcome = { machine: MachineRow; how: string; call: AgentCall; weight: number; reported: boolean };

export type SendPromptProps = {
  registry: Address | undefined;
  machines: MachineRow[];
  /** Draws a machine under the current strategy; undefined when the strategy is invalid or nothing is active. */
  pick: (() => ScoredMachine<bigint> | undefined) | undefined;
  blockedReason: string | undefined;
};

/** "Send a prompt": picks a machine (or the one chosen), calls it from the browser, shows the answer and reports it. */
export function SendPrompt({ registry, machines, pick, blockedReason }: SendPromptProps) {
  const { run } = useTransactor();
  const { isConnected } = useArenaChain();
  const [prompt, setPrompt] = useState("Hello! What can you do?");
  const [weight, setWeight] = useState("1");
  const [target, setTarget] = useState("auto");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const report = async (o: Outcome, jobId: Hex, success: boolean) => {
    const result = await run({
      label: `Report ${success ? "job" : "failed job"} of machine #${o.machine.id}`,
      abi: machineRegistryAbi,
      address: registry,
      functionName: "reportJob",
      args: [
        o.machine.id,
        jobId,
        jobWeightWad(o.weight),
        success,
        BigInt(Math.min(o.call.measuredMs, MAX_LATENCY_MS)),
      ],
    });
    if (result.ok) setOutcome({ ...o, reported: true });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const units = Number(weight);
    if (prompt.trim() === "") return setError("Write a prompt first.");
    if (prompt.length > MAX_PROMPT_CHARS)
      return setError(`The prompt is longer than ${MAX_PROMPT_CHARS} characters.`);
    if (!/^\d+$/.test(weight.trim()) || units < 1 || units > MAX_JOB_WEIGHT_UNITS)
      return setError(`The job weight must be a whole number from 1 to ${MAX_JOB_WEIGHT_UNITS}.`);
    let machine: MachineRow | undefined;
    let how: string;
    if (target === "auto") {
      if (!pick) return setError(blockedReason ?? "No machine can be picked.");
      const picked = pick();
      machine = machines.find((m) => m.id === picked?.id);
      if (!picked || !machine) return setError("No active machine to pick from.");
      how = `picked by the strategy (chance ${formatNumber(picked.probability * 100, 1)}%)`;
    } else {
      machine = machines.find((m) => String(m.id) === target);
      if (!machine) return setError("That machine is not registered.");
      how = "chosen by you";
    }
    setBusy(true);
    setOutcome(undefined);
    const call = await callAgent(machine.endpoint, prompt, MAX_INFER_TOKENS / 2);
    setBusy(false);
    const next: Outcome = { machine, how, call, weight: units, reported: false };
    setOutcome(next);
    if (call.ok && isConnected) await report(next, call.response.jobId, true);
  };

  const randomJobId = () => bytesToHex(crypto.getRandomValues(new Uint8Array(32)));

  return (
    <section aria-labelledby="send-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="send-title" className="text-lg font-semibold">
        Send a prompt
      </h2>
      <form onSubmit={submit} className="mt-3 space-y-3" noValidate>
        <label className="block text-sm">
          Prompt
          <textarea
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={3}
            className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1"
          />
        </label>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            Job weight
            <input
              type="text"
              inputMode="numeric"
              value={weight}
              onChange={(e) => setWeight(e.target.value)}
              className="w-14 rounded border border-zinc-300 px-2 py-1 text-right"
            />
          </label>
          <label className="flex items-center gap-2">
            Machine
            <select
              aria-label="Machine to send to"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              className="rounded border border-zinc-300 px-2 py-1"
            >
              <option value="auto">Picked by the strategy</option>
              {machines.map((m) => (
                <option key={String(m.id)} value={String(m.id)}>
                  #{String(m.id)} {m.endpoint}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!isConnected && (
          <p className="text-sm text-zinc-600">Connect a wallet to report results on chain.</p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          {busy ? "Waiting for the machine…" : "Send prompt"}
        </button>
        <ErrorLine>{error}</ErrorLine>
      </form>
      {outcome && (
        <div className="mt-4 space-y-2 text-sm" data-testid="job-outcome">
          <p className="text-zinc-600">
            Machine <span data-testid="job-machine">#{String(outcome.machine.id)}</span> at{" "}
            {outcome.machine.endpoint}, {outcome.how}.
          </p>
          {outcome.call.ok ? (
            <>
              <blockquote
                data-testid="job-answer"
                className="rounded bg-zinc-50 p-3 font-mono whitespace-pre-wrap"
              >
                {outcome.call.response.text || "(empty answer)"}
              </blockquote>
              <p data-testid="job-latency">
                Measured latency {outcome.call.measuredMs} ms (the machine spent {outcome.call.response.ms}{" "}
                ms; {outcome.call.response.tokens} tokens from {outcome.call.response.model}).{" "}
                {outcome.reported ? "Reported on chain." : ""}
              </p>
              {!outcome.reported && isConnected && (
                <button
                  type="button"
                  className="rounded border border-zinc-300 px-2 py-1"
                  onClick={() => outcome.call.ok && void report(outcome, outcome.call.response.jobId, true)}
                >
                  Report the result on chain
                </button>
              )}
            </>
          ) : (
            <div role="alert" className="rounded border border-rose-300 bg-rose-50 p-3 text-rose-800">
              <p>
                Machine #{String(outcome.machine.id)} {outcome.call.message}. Nothing was answered; try
                another machine or the strategy&apos;s pick.
              </p>
              {!outcome.reported && isConnected && (
                <button
                  type="button"
                  className="mt-2 rounded border border-rose-400 px-2 py-1"
                  onClick={() => void report(outcome, randomJobId(), false)}
                >
                  Report the failure on chain
                </button>
              )}
              {outcome.reported && <p className="mt-1">Failure reported on chain.</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
