"use client";

import { useState } from "react";
import { useConfig, useReadContract } from "wagmi";
import { readContract } from "wagmi/actions";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** Steps per settle transaction: keeps every page far below the 16,777,216 gas cap at any task size. */
export const SETTLE_STEPS = 96;

/** Settles the next due epoch page by page (anyone may), showing progress until it is done. */
export function SettlePanel({ task, now }: { task: TaskView; now: number }) {
  const config = useConfig();
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getTask",
    args: [task.id],
    chainId,
    query: { enabled: Boolean(arena) },
  });
  const c = task.config;
  if (!c || !state.data) return null;
  const settled = state.data[0].settledEpochs;
  const scoring = c.submissionEpochs + c.finalEpochs;
  const epochEnd = task.start + (settled + 1) * c.epochLength;
  if (settled >= scoring)
    return <p className="text-sm text-zinc-600">All {scoring} scoring epochs are settled.</p>;
  const due = now >= epochEnd;

  const settle = async () => {
    setBusy(true);
    try {
      for (let page = 1; page <= 1000; page++) {
        setProgress(`Settling epoch ${settled}: page ${page}…`);
        const result = await run({
          label: `Settle epoch ${settled} (page ${page})`,
          abi: arenaTasksAbi,
          address: arena,
          functionName: "settle",
          args: [task.id, BigInt(settled), BigInt(SETTLE_STEPS)],
        });
        if (!result.ok) {
          setProgress(`Stopped at page ${page}; settling can resume from where it stopped.`);
          return;
        }
        const [fresh] = await readContract(config, {
          abi: arenaTasksAbi,
          address: arena!,
          functionName: "getTask",
          args: [task.id],
          chainId,
        });
        if (fresh.settledEpochs > settled) {
          setProgress(`Epoch ${settled} settled in ${page} transaction${page > 1 ? "s" : ""}.`);
          return;
        }
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="settle-panel">
      <span>
        Next to settle: epoch {settled}
        {due ? " (due now)" : " (due when it ends)"}.
      </span>
      <button
        type="button"
        disabled={!due || busy}
        onClick={settle}
        className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
      >
        Settle epoch {settled}
      </button>
      {progress && (
        <span role="status" className="text-zinc-700">
          {progress}
        </span>
      )}
    </div>
  );
}
