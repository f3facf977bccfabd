"use client";

import { useState } from "react";
import { usePublicClient, useReadContract } from "wagmi";
import { arenaTargetsAbi } from "@/contracts-abi";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { parseDataset } from "@/lib/metrics/parsers";
import { auditSubmission, cosineDistanceMicro, quantize, type AuditVerdict } from "@/lib/targets";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { fetchSubmittedData } from "./blobClient";
import { micro } from "./format";
import type { MarketSnapshot, ModelInfo, SubmissionInfo, TargetInfo } from "./market";
import { ScoreResults } from "./ScoreResults";
import { useLocalScoring } from "./useLocalScoring";

/**
 * The audit of a filled target: anyone can re-score the submitted data in the browser and compare it with
 * the claim (tolerance 1% relative or 0.01 absolute); in the audit epoch the drawn auditor confirms or opens a
 * report, and other eligible validators join it.
 */
export function AuditPanel({
  market,
  target,
  submission,
  models,
  vector,
}: {
  market: MarketSnapshot;
  target: TargetInfo;
  submission: SubmissionInfo;
  models: ModelInfo[];
  vector: readonly bigint[];
}) {
  const { chainId, address } = useArenaChain();
  const client = usePublicClient({ chainId });
  const { run } = useTransactor();
  const scoring = useLocalScoring();
  const [verdict, setVerdict] = useState<(AuditVerdict & { loss: number; distance: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const auditEpoch = submission.fillEpoch + 1n;
  const inAuditEpoch = market.currentEpoch === auditEpoch && target.phase === "in-audit";
  const auditor = useReadContract({
    abi: arenaTargetsAbi,
    address: market.address,
    functionName: "auditorOf",
    args: [target.id],
    chainId,
  });
  const drawn =
    auditor.data && auditor.data !== "0x0000000000000000000000000000000000000000" ? auditor.data : undefined;
  const claimedLoss = Number(submission.loss) / 1e6;
  const claimedDistance = Number(submission.distance) / 1e6;

  const rescore = async () => {
    setError(null);
    setVerdict(null);
    try {
      if (!client) throw new Error("No connection to the chain.");
      const [log] = await client.getContractEvents({
        abi: arenaTargetsAbi,
        address: market.address,
        eventName: "Submitted",
        args: { targetId: target.id },
        fromBlock: 0n,
      });
      if (!log?.args.dataUri) throw new Error("The submission's data URI was not found in the chain's logs.");
      const bytes = await fetchSubmittedData(log.args.dataUri, submission.dataHash);
      const scores = await scoring.scoreAll(models, parseDataset(bytes));
      const winner = scores.reduce((best, s) => (s.loss < best.loss ? s : best));
      const distance = Number(cosineDistanceMicro(quantize(winner.embedding), vector)) / 1e6;
      const result = auditSubmission(
        { loss: claimedLoss, distance: claimedDistance, modelId: submission.modelId },
        { winnerModelId: winner.modelId, loss: winner.loss, distance },
      );
      setVerdict({ ...result, loss: winner.loss, distance });
    } catch (e) {
      setError(`The re-score failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const write = (functionName: "confirm" | "report", label: string) =>
    void run({ label, abi: arenaTargetsAbi, address: market.address, functionName, args: [target.id] });
  const isAuditor = drawn !== undefined && drawn.toLowerCase() === address?.toLowerCase();

  return (
    <section aria-labelledby="audit-heading" className="space-y-3 rounded-lg border border-zinc-200 p-4">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Audit
      </h2>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <div>
          <dt className="text-zinc-500">Claimed loss</dt>
          <dd>{claimedLoss.toFixed(4)} bits/byte</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Claimed distance</dt>
          <dd>{micro(submission.distance)}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Bond</dt>
          <dd>{formatTokenAmount(submission.bond)} ARENA</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Audit epoch</dt>
          <dd>
            {auditEpoch.toString()}
            {drawn ? `, auditor ${shortAddress(drawn)}` : ""}
          </dd>
        </div>
      </dl>
      {submission.confirmed && <p className="text-teal-800">The auditor confirmed this submission.</p>}
      {submission.reportStake > 0n && target.phase === "in-audit" && (
        <p className="text-amber-900">
          Reported as fraudulent by validators holding {formatTokenAmount(submission.reportStake)} ARENA of
          stake; 2/3 of the eligible stake forfeits the bond.
        </p>
      )}
      <button
        type="button"
        disabled={scoring.running}
        onClick={() => void rescore()}
        className="rounded-md border border-teal-700 px-3 py-1.5 text-sm font-medium text-teal-800 disabled:opacity-50"
      >
        {scoring.running ? "Re-scoring…" : "Re-score the submission in my browser"}
      </button>
      <ScoreResults runs={scoring.runs} device={scoring.device} plan={null} threshold={target.threshold} />
      {verdict && (
        <div
          data-testid="audit-verdict"
          data-honest={verdict.honest}
          className={`rounded p-3 ${verdict.honest ? "bg-teal-50 text-teal-900" : "bg-rose-50 text-rose-800"}`}
        >
          <p>
            Measured loss {verdict.loss.toFixed(4)} and distance {verdict.distance.toFixed(4)}:{" "}
            {verdict.honest
              ? "the claim holds within the tolerance (1% relative or 0.01 absolute)."
              : "the claim does not hold."}
          </p>
          {verdict.reasons.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {verdict.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {inAuditEpoch && !submission.confirmed && (
        <div className="flex flex-wrap items-center gap-3">
          {submission.reportStake === 0n ? (
            <>
              <button
                type="button"
                onClick={() => write("confirm", `Confirm target #${target.id}`)}
                className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white"
              >
                Confirm the submission
              </button>
              <button
                type="button"
                onClick={() => write("report", `Report target #${target.id}`)}
                className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white"
              >
                Report fraud
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => write("report", `Join the report on target #${target.id}`)}
              className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white"
            >
              Join the report
            </button>
          )}
          <span className="text-sm text-zinc-600">
            {isAuditor
              ? "You are the drawn auditor."
              : submission.reportStake === 0n
                ? "Only the drawn auditor may confirm or open a report."
                : "Eligible validators may join the report."}
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
          {error}
        </p>
      )}
    </section>
  );
}
