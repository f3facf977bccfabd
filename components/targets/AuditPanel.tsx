"use client";

import { useState } from "react";
import { useReadContract } from "wagmi";
import { arenaTargetsAbi } from "@/contracts-abi";
import { formatDuration, formatNumber, formatTokenAmount, shortAddress } from "@/lib/format";
import { parseDataset } from "@/lib/metrics/parsers";
import { evalSetFetchUrl } from "@/lib/scoring/evalSet";
import { sha256Hex } from "@/lib/scoring/manifest";
import {
  auditSubmission,
  blobReasons,
  forfeitSplit,
  formatMicro,
  planSubmission,
  splitReward,
  type AuditVerdict,
  type FetchedBlob,
  type SubmissionPlan,
} from "@/lib/targets";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { connectRefusal } from "@/lib/security/appConnect";
import {
  secondsLeft,
  type MarketLive,
  type ModelInfo,
  type SubmissionInfo,
  type TargetInfo,
} from "@/lib/targets/market";
import { ScoreResults } from "./ScoreResults";
import { useLocalScoring } from "@/lib/hooks/useLocalScoring";
import { microToNumber } from "@/lib/units";

/** Downloads the submitted bytes as they are (no hash check here: a mismatch is a finding, not an error). */
async function fetchBlob(uri: string): Promise<{ bytes: Uint8Array; blob: FetchedBlob } | "missing"> {
  const refused = connectRefusal(evalSetFetchUrl(uri));
  if (refused) throw new Error(`Cannot download the submitted data from ${uri}. ${refused}`);
  let response: Response;
  try {
    response = await fetch(evalSetFetchUrl(uri));
  } catch {
    throw new Error(`Could not download the submitted data from ${uri}.`);
  }
  if (response.status === 404 || response.status === 410) return "missing";
  if (!response.ok) throw new Error(`The submitted data at ${uri} is not available (${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, blob: { sha256: await sha256Hex(bytes), size: bytes.length } };
}

/**
 * The audit of a filled target, fixed when it was filled: its window is the next epoch, and the validators that
 * joined before the fill's epoch (and stay bonded through the window) audit it. Anyone can re-score the data in
 * the browser: its sha256 and byte length must equal the submission's, and the claim must hold (tolerance 1%
 * relative or 0.01 absolute). In the window, any of those validators may open or join a report, and the drawn
 * auditor confirms (after a re-score here) to earn the audit fee.
 */
export function AuditPanel({
  market,
  target,
  submission,
  dataUri,
  models,
  vector,
}: {
  market: MarketLive;
  target: TargetInfo;
  submission: SubmissionInfo;
  /** Where the submitted data is, from the indexed Submitted event (undefined while the indexer lacks it). */
  dataUri: string | undefined;
  models: ModelInfo[];
  vector: readonly bigint[];
}) {
  const { chainId, address } = useArenaChain();
  const { run } = useTransactor();
  const scoring = useLocalScoring();
  const [verdict, setVerdict] = useState<(AuditVerdict & { loss: number; distance: number }) | null>(null);
  // Each model's distance to the target, from the re-score (the lowest loss wins, as at submission).
  const [plan, setPlan] = useState<SubmissionPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const auditEpoch = submission.fillEpoch + 1n;
  const inAuditEpoch = market.currentEpoch === auditEpoch && target.phase === "in-audit";
  const c = { abi: arenaTargetsAbi, address: market.address, chainId } as const;
  const auditor = useReadContract({ ...c, functionName: "auditorOf", args: [target.id] });
  const stake = useReadContract({ ...c, functionName: "auditStake", args: [submission.fillEpoch] });
  const mayAudit = useReadContract({
    ...c,
    functionName: "canAudit",
    args: address ? [address, submission.fillEpoch] : undefined,
    query: { enabled: Boolean(address) },
  });
  const reported = useReadContract({
    ...c,
    functionName: "hasReported",
    args: address ? [target.id, address] : undefined,
    query: { enabled: Boolean(address) },
  });
  const drawn =
    auditor.data && auditor.data !== "0x0000000000000000000000000000000000000000" ? auditor.data : undefined;
  const claimedLoss = microToNumber(submission.loss);
  const claimedDistance = microToNumber(submission.distance);

  const rescore = async () => {
    setError(null);
    setVerdict(null);
    setPlan(null);
    try {
      if (!dataUri)
        throw new Error("The indexer has not indexed this submission yet, so its data URI is unknown.");
      const fetched = await fetchBlob(dataUri);
      if (fetched === "missing") {
        const reasons = [`The submitted data at ${dataUri} cannot be downloaded, so nobody can audit it.`];
        return setVerdict({ honest: false, reasons, loss: NaN, distance: NaN });
      }
      const declared = { dataHash: submission.dataHash, dataSize: submission.dataSize };
      const mismatch = blobReasons(fetched.blob, declared);
      let scores;
      try {
        scores = await scoring.scoreAll(models, parseDataset(fetched.bytes));
      } catch (e) {
        if (mismatch.length === 0) throw e;
        return setVerdict({ honest: false, reasons: mismatch, loss: NaN, distance: NaN });
      }
      const measured = planSubmission(scores, vector, target.threshold);
      setPlan(measured);
      const winner = measured.winner;
      const distance = microToNumber(measured.distance);
      const result = auditSubmission(
        { loss: claimedLoss, distance: claimedDistance, modelId: submission.modelId, ...declared },
        { winnerModelId: winner.modelId, loss: winner.loss, distance },
        fetched.blob,
      );
      setVerdict({ ...result, loss: winner.loss, distance });
    } catch (e) {
      setError(`The re-score failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const write = (functionName: "confirm" | "report", label: string) =>
    void run({ label, abi: arenaTargetsAbi, address: market.address, functionName, args: [target.id] });
  const isAuditor = drawn !== undefined && drawn.toLowerCase() === address?.toLowerCase();
  const fee = splitReward(target.reward, true).toAuditor;
  const forfeit = forfeitSplit(target.reward, submission.bond);
  const windowText =
    market.currentEpoch < auditEpoch
      ? `opens in ${formatDuration(secondsLeft(market, market.currentEpoch))}`
      : market.currentEpoch === auditEpoch
        ? `ends in ${formatDuration(secondsLeft(market, auditEpoch))}`
        : "closed";
  const confirmBlocked = submission.confirmed
    ? "The drawn auditor already confirmed."
    : !drawn
      ? `The auditor is drawn with epoch ${auditEpoch}'s seed, which is not drawn yet.`
      : !isAuditor
        ? `Only the drawn auditor (${shortAddress(drawn)}) may confirm.`
        : reported.data
          ? "You reported this submission."
          : !verdict
            ? "Re-score the submission first: its data's sha256 and size must match and the claim must hold."
            : !verdict.honest
              ? "The re-score found the claim does not hold: report it instead."
              : null;
  const reportBlocked = !address
    ? "Connect a validator's wallet to report."
    : mayAudit.data === false
      ? `Only validators that joined before epoch ${submission.fillEpoch} and stay bonded through epoch ${auditEpoch} audit this fill.`
      : reported.data
        ? "You already reported this submission."
        : isAuditor && submission.confirmed
          ? "You confirmed this submission."
          : null;

  return (
    <section aria-labelledby="audit-heading" className="space-y-3 rounded-lg border border-zinc-200 p-4">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Audit
      </h2>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <div>
          <dt className="text-zinc-500">Claimed loss</dt>
          <dd>{formatNumber(claimedLoss, 4)} bits/byte</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Claimed distance</dt>
          <dd>{formatMicro(submission.distance)}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Bond</dt>
          <dd>{formatTokenAmount(submission.bond)} ARENA</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Audit window</dt>
          <dd data-testid="audit-window">
            epoch {auditEpoch.toString()}, {windowText}
            {drawn ? `; auditor ${shortAddress(drawn)}` : ""}
          </dd>
        </div>
      </dl>
      <p className="text-sm text-zinc-600" data-testid="audit-pay">
        The drawn auditor earns {formatTokenAmount(fee)} ARENA (10% of the reward) at the claim if it confirms
        and no fraud is found. Reports holding 2/3 of the fill&apos;s audit stake
        {stake.data !== undefined
          ? ` (${formatTokenAmount((stake.data * 2n + 2n) / 3n)} of ${formatTokenAmount(stake.data)} ARENA)`
          : ""}{" "}
        forfeit it: the reporters share the bond and the fee, {formatTokenAmount(forfeit.toReporters)} ARENA.
      </p>
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
      <ScoreResults runs={scoring.runs} device={scoring.device} plan={plan} threshold={target.threshold} />
      {verdict && (
        <div
          data-testid="audit-verdict"
          data-honest={verdict.honest}
          className={`rounded p-3 ${verdict.honest ? "bg-teal-50 text-teal-900" : "bg-rose-50 text-rose-800"}`}
        >
          <p>
            {Number.isFinite(verdict.loss)
              ? `Measured loss ${formatNumber(verdict.loss, 4)} and distance ${formatNumber(verdict.distance, 4)}: `
              : "The data could not be scored: "}
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
      {inAuditEpoch && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              disabled={confirmBlocked !== null}
              title={confirmBlocked ?? undefined}
              onClick={() => write("confirm", `Confirm target #${target.id}`)}
              className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              Confirm the submission
            </button>
            <button
              type="button"
              disabled={reportBlocked !== null}
              title={reportBlocked ?? undefined}
              onClick={() =>
                write(
                  "report",
                  submission.reportStake === 0n
                    ? `Report target #${target.id}`
                    : `Join the report on target #${target.id}`,
                )
              }
              className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {submission.reportStake === 0n ? "Report fraud" : "Join the report"}
            </button>
          </div>
          <ul className="text-sm text-zinc-600" data-testid="audit-why">
            {isAuditor && <li>You are the drawn auditor.</li>}
            {confirmBlocked && <li>Confirm: {confirmBlocked}</li>}
            {reportBlocked && <li>Report: {reportBlocked}</li>}
            {!reportBlocked && (
              <li>Any validator of this fill may open or join a report until the window ends.</li>
            )}
          </ul>
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
