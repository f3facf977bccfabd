"use client";

import { useState } from "react";
import type { Address, Hex } from "viem";
import type { Reveal, TaskView } from "@/lib/arena/indexer";
import { formatNumber, shortAddress } from "@/lib/format";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { verifyRevealedScore, type VerifyOutcome, type VerifyStep } from "@/lib/scoring/verifyScore";
import { scoreToMetric } from "@/lib/arena/metric";

const K = 3;

/**
 * The revealed scores of the task, each with a link to its scoring receipt and "Verify this score": the browser
 * fetches the receipt, checks it against the chain, and re-scores a few random examples of that submission with
 * the same model and evaluation set (docs/ARCHITECTURE.md §3.4).
 */
export function RevealedScores({ task }: { task: TaskView }) {
  const rows = task.reveals.flatMap((r) =>
    r.nodeIndices.map((nodeIndex, i) => ({ reveal: r, nodeIndex, score: r.scores[i]! })),
  );
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No score revealed yet.</p>;
  return (
    // Scrolls inside its card on a phone rather than widening the page.
    <div className="overflow-x-auto" data-overflow-scroll>
      <table className="w-full text-left text-sm" data-testid="revealed-scores">
        <thead className="text-zinc-500">
          <tr>
            <th className="py-1">Epoch</th>
            <th className="py-1">Validator</th>
            <th className="py-1">Submission</th>
            <th className="py-1 text-right">Score</th>
            <th className="py-1">Receipt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ScoreRow
              key={`${row.reveal.epoch}-${row.reveal.validator}-${row.nodeIndex}`}
              task={task}
              {...row}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScoreRow({
  task,
  reveal,
  nodeIndex,
  score,
}: {
  task: TaskView;
  reveal: Reveal;
  nodeIndex: bigint;
  score: number;
}) {
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const [step, setStep] = useState<VerifyStep | null>(null);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const running = step !== null && outcome === null;
  const verify = async () => {
    setOutcome(null);
    setStep({ text: "Fetching the receipt…" });
    const result = await verifyRevealedScore({
      onChain: {
        receipt: reveal.receipt,
        chainId,
        arenaTasks: arena as Address,
        taskId: task.id,
        epoch: reveal.epoch,
        validator: reveal.validator,
        nodeIndices: reveal.nodeIndices,
        scores: reveal.scores,
      },
      nodeIndex,
      k: K,
      onStep: setStep,
    });
    setOutcome(result);
  };
  return (
    <tr className="border-t border-zinc-100 align-top" data-testid="revealed-score">
      <td className="py-1">{reveal.epoch}</td>
      <td className="py-1 font-mono">{shortAddress(reveal.validator)}</td>
      <td className="py-1">#{nodeIndex.toString()}</td>
      <td className="py-1 text-right">{formatNumber(scoreToMetric(score), 6)}</td>
      <td className="space-y-1 py-1">
        <div className="flex flex-wrap items-center gap-2">
          <a
            href={receiptHref(reveal.receipt)}
            className="font-mono text-xs text-teal-800 underline"
            title={`Scoring receipt sha256 ${reveal.receipt}`}
          >
            receipt {shortAddress(reveal.receipt)}
          </a>
          <button
            type="button"
            onClick={() => void verify()}
            disabled={running || !arena}
            title={!arena ? "ArenaTasks is not deployed on this chain" : undefined}
            className="rounded border border-zinc-300 px-2 py-0.5 text-xs disabled:opacity-50"
          >
            Verify this score
          </button>
        </div>
        {running && step && (
          <p className="text-xs text-zinc-600" role="status">
            {step.text}
          </p>
        )}
        {outcome && (
          <div
            role={outcome.ok ? "status" : "alert"}
            data-testid="verify-outcome"
            className={`text-xs ${outcome.ok ? "text-emerald-700" : "text-rose-700"}`}
          >
            <p>{outcome.summary}</p>
            {outcome.details.length > 0 && (
              <ul className="list-disc pl-4">
                {outcome.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

const receiptHref = (receipt: Hex) => `/api/blobs/${receipt.slice(2).toLowerCase()}`;
