"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { bytesToHex, stringToBytes, type Address, type Hex } from "viem";
import { usePublicClient, useReadContract, useSignMessage } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import {
  checkCommitBackup,
  latestCommitment,
  loadCommit,
  parseCommitBackup,
  saveCommit,
  type CommitSecret,
} from "@/lib/arena/commitStore";
import type { TaskView } from "@/lib/arena/indexer";
import type { Timeline } from "@/lib/arena/phases";
import { toScoreUnits } from "@/lib/rewards/convert";
import { scoreCommitment } from "@/lib/sortition";
import { formatDuration, shortAddress } from "@/lib/format";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import type { ScoringContext, SubmissionScore } from "@/lib/hooks/useScoreSubmissions";
import { scorerModelId } from "@/lib/scoring/modelUri";
import { metricName } from "@/lib/arena/metric";
import { buildReceipt, encodeReceipt, receiptHash, type ReceiptMetric } from "@/lib/scoring/receipt";
import { ensureReceiptStored } from "@/lib/scoring/receiptUpload";
import { scoringSet } from "@/lib/arena/seed";
import { SeedDraw } from "./SeedDraw";
import { useEpochSeed } from "@/lib/hooks/useEpochSeed";

/** The in-browser scorer loads only when a validator opens this panel, never with the page. */
const ScoreSubmissions = dynamic(
  () => import("@/components/scorer/ScoreSubmissions").then((m) => m.ScoreSubmissions),
  {
    ssr: false,
    loading: () => <p className="text-zinc-500">Loading the scorer…</p>,
  },
);

function submissionFor(task: TaskView, nodeIndex: bigint, epoch: number) {
  for (const p of task.participants.values()) {
    if (p.nodeIndex !== Number(nodeIndex)) continue;
    const latest = p.submissions.filter((s) => s.epoch <= epoch).at(-1);
    return { node: p.account, submission: latest };
  }
  return undefined;
}

/**
 * The validator's epoch: draw the seed once submissions close (two steps, ArenaLifecycle.drawSeed), then the
 * submissions it must score (sortition), its scores on the right evaluation set, the commit (the salt stays in
 * this browser until the reveal), and the reveal.
 */
export function ValidatePanel({ task, timeline }: { task: TaskView; timeline: Timeline }) {
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const publicClient = usePublicClient({ chainId });
  const epoch = timeline.epoch;
  const seed = useEpochSeed(task, epoch, timeline.window);
  const seedReady = seed.step.step === "ready";
  const assignments = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "assignmentsOf",
    args: [task.id, BigInt(epoch), address as Address],
    chainId,
    query: { enabled: Boolean(arena && address && seedReady) },
  });
  const { signMessageAsync } = useSignMessage();
  const [scores, setScores] = useState<Record<string, string>>({});
  /** What the in-browser scorer found, per submission: the receipt's per-example values. */
  const [scored, setScored] = useState<{ results: Map<string, SubmissionScore>; context: ScoringContext }>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [, setVersion] = useState(0);
  const assigned = seedReady ? (assignments.data ?? []) : [];
  const stored =
    address && typeof localStorage !== "undefined"
      ? safeLoad(() => loadCommit(localStorage, chainId, task.id, epoch, address))
      : undefined;
  const evalSet = scoringSet(task, epoch, seed.recordedSet);
  const evalSetUrl = evalSet.url;
  const evalSetSha256 = evalSet.sha256;
  const metric: ReceiptMetric = metricName(task.metric) ?? "loss";
  const toScore = assigned.flatMap((i) => {
    const submission = submissionFor(task, i, epoch)?.submission;
    return submission?.uri
      ? [
          {
            submissionId: i.toString(),
            modelId: scorerModelId(submission.uri),
            modelUri: submission.uri,
            manifest: submission.contentHash,
          },
        ]
      : [];
  });
  const fillScores = (results: SubmissionScore[], context: ScoringContext) => {
    setScored({ results: new Map(results.map((r) => [String(r.submissionId), r])), context });
    setScores((current) => {
      const next = { ...current };
      for (const r of results) next[String(r.submissionId)] = r.score.toFixed(6);
      return next;
    });
  };

  /**
   * The receipt of these scores: per submission, the scorer's per-example values when the score is the one it
   * found, else the score as entered by hand (no values: verifying it has nothing to re-check).
   */
  const receiptOf = (units: number[]) => {
    const ZERO: Hex = `0x${"0".repeat(64)}`;
    const doc = buildReceipt({
      chainId,
      arenaTasks: arena!,
      taskId: task.id,
      epoch,
      validator: address!,
      metric,
      evaluationSet: scored?.context.evaluationSet ?? { uri: evalSetUrl, sha256: evalSetSha256 },
      scorer: scored?.context.scorer ?? {
        version: "none",
        runtime: { transformers: "none", onnxruntime: "none" },
        backend: "cpu",
        dtype: "none",
        threads: 0,
      },
      submissions: assigned.map((i, k) => {
        const submission = submissionFor(task, i, epoch)?.submission;
        const result = scored?.results.get(i.toString());
        const fromScorer = result && toScoreUnits(result.score) === units[k];
        return {
          nodeIndex: i,
          model: { uri: submission?.uri ?? "", manifest: submission?.contentHash ?? ZERO },
          examples: fromScorer ? result.examples : [],
          score: units[k]!,
        };
      }),
    });
    const bytes = encodeReceipt(doc);
    return { bytes, receipt: receiptHash(bytes), text: new TextDecoder().decode(bytes) };
  };
  const uploadSigner = () => ({
    address: address!,
    signMessage: (message: string) => signMessageAsync({ message }),
  });
  const committed = task.commits.some((c) => c.epoch === epoch && c.validator === address);
  const revealed = task.reveals.some((r) => r.epoch === epoch && r.validator === address);

  const commit = async () => {
    if (!address) return;
    const values = assigned.map((i) => scores[i.toString()]?.trim() ?? "");
    const bad = values.findIndex((v) => !/^\d+(\.\d+)?$/.test(v) || toScoreUnits(Number(v)) >= 2 ** 32);
    if (bad >= 0) {
      setMessage({ ok: false, text: `Enter a score ≥ 0 for submission #${assigned[bad]} (metric units).` });
      return;
    }
    const units = values.map((v) => toScoreUnits(Number(v)));
    const { bytes, receipt, text } = receiptOf(units);
    const salt = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    const commitment = scoreCommitment(task.id, BigInt(epoch), address, assigned, units, receipt, salt);
    const secret: CommitSecret = {
      chainId,
      taskId: task.id.toString(),
      epoch,
      validator: address,
      nodeIndices: assigned.map(String),
      scores: units,
      receipt,
      receiptDocument: text,
      salt,
      commitment,
    };
    setMessage(null);
    try {
      await ensureReceiptStored(bytes, receipt, uploadSigner());
    } catch (error) {
      setMessage({
        ok: false,
        text: `Your scoring receipt could not be uploaded, so nothing was committed: ${(error as Error).message} Your scores are kept here; press Commit scores to try again.`,
      });
      return;
    }
    saveCommit(localStorage, secret);
    await run({
      label: `Commit scores for epoch ${epoch}`,
      abi: arenaTasksAbi,
      address: arena,
      functionName: "commitScores",
      args: [task.id, commitment],
    });
    setVersion((v) => v + 1);
  };

  const reveal = async (secret: CommitSecret | undefined) => {
    if (!secret) {
      setMessage({
        ok: false,
        text: "The salt of this commitment is not in this browser, so the scores cannot be revealed. Import your commit backup to reveal.",
      });
      return;
    }
    setMessage(null);
    try {
      // Uploaded at commit; uploaded again from this browser's copy if the store lost it (or it never got there).
      await ensureReceiptStored(stringToBytes(secret.receiptDocument), secret.receipt, uploadSigner());
    } catch (error) {
      setMessage({
        ok: false,
        text: `Your scoring receipt is not in the blob store and could not be uploaded again, so nothing was revealed: ${(error as Error).message} The receipt is kept in this browser; press Reveal scores to try again.`,
      });
      return;
    }
    await run({
      label: `Reveal scores for epoch ${secret.epoch}`,
      abi: arenaTasksAbi,
      address: arena,
      functionName: "revealScores",
      args: [
        task.id,
        BigInt(secret.epoch),
        secret.nodeIndices.map(BigInt),
        secret.scores,
        secret.receipt,
        secret.salt,
      ],
    });
  };

  /** The validator's commitment standing on chain for this epoch: its latest ScoresCommitted. */
  const onChainCommitment = async () => {
    if (!publicClient || !arena || !address) throw new Error("Connect a wallet to import a commit backup.");
    const logs = await publicClient.getContractEvents({
      abi: arenaTasksAbi,
      address: arena,
      eventName: "ScoresCommitted",
      args: { taskId: task.id, epoch: BigInt(epoch), validator: address },
      fromBlock: 0n,
    });
    return latestCommitment(logs.map((l) => ({ ...l, commitment: l.args.commitment })));
  };

  const importBackup = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (!file || !address) return;
    try {
      const secret = parseCommitBackup(await file.text());
      const slot = { chainId, taskId: task.id, epoch, validator: address };
      checkCommitBackup(secret, slot, await onChainCommitment());
      saveCommit(localStorage, secret);
      setMessage({ ok: true, text: "Commit backup imported: it matches your commitment on chain." });
      setVersion((v) => v + 1);
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };

  return (
    <div className="space-y-3 text-sm" data-testid="validate-panel">
      <p className="text-zinc-600">
        Epoch {epoch}:{" "}
        {timeline.window === "submit" &&
          `nodes submit for ${formatDuration(timeline.windowLeft)}; then the seed is drawn and you commit.`}
        {timeline.window === "commit" && `commit your scores within ${formatDuration(timeline.windowLeft)}.`}
        {timeline.window === "reveal" && `reveal your scores within ${formatDuration(timeline.windowLeft)}.`}
      </p>
      {!committed && <SeedDraw epoch={epoch} seed={seed} />}
      {seed.error && <p role="alert">Could not read this epoch&apos;s seed: {seed.error.message}</p>}
      {assignments.isError && (
        <p role="alert">Could not read your assignments: {assignments.error.message}</p>
      )}
      {seedReady && (
        <p className="text-zinc-600" data-testid="scoring-set">
          2. Score on {evalSet.note}.
        </p>
      )}
      {!seedReady ? null : assigned.length === 0 ? (
        <p className="text-zinc-500">No submission is assigned to you this epoch.</p>
      ) : (
        <table className="w-full text-left">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1">Submission</th>
              <th className="py-1">Model</th>
              <th className="py-1">Your score</th>
            </tr>
          </thead>
          <tbody>
            {assigned.map((i) => {
              const s = submissionFor(task, i, epoch);
              return (
                <tr key={i.toString()} className="border-t border-zinc-100">
                  <td className="py-1">
                    #{i.toString()} {s ? shortAddress(s.node) : ""}
                  </td>
                  <td className="max-w-64 truncate py-1 font-mono text-xs">{s?.submission?.uri ?? "—"}</td>
                  <td className="py-1">
                    <input
                      aria-label={`Score for submission ${i}`}
                      inputMode="decimal"
                      value={scores[i.toString()] ?? ""}
                      disabled={committed}
                      onChange={(e) => setScores({ ...scores, [i.toString()]: e.target.value })}
                      className="w-28 rounded border border-zinc-300 px-2 py-0.5"
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!committed && toScore.length > 0 && (
        <ScoreSubmissions
          metric={metric}
          evalSetUrl={evalSetUrl}
          evalSetSha256={evalSet.sha256}
          submissions={toScore}
          onScores={(results, _failures, context) => fillScores(results, context)}
        />
      )}
      <div className="flex flex-wrap items-center gap-2">
        {timeline.window === "commit" && !committed && assigned.length > 0 && (
          <button type="button" onClick={commit} className="rounded-md bg-teal-700 px-3 py-1.5 text-white">
            Commit scores
          </button>
        )}
        {committed && !revealed && (
          <button
            type="button"
            onClick={() => reveal(stored)}
            disabled={timeline.window !== "reveal"}
            title={timeline.window !== "reveal" ? "Reveals open when the commit window closes" : undefined}
            className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
          >
            Reveal scores
          </button>
        )}
        {stored && !revealed && (
          <a
            download={`arena-commit-task${task.id}-epoch${epoch}.json`}
            href={`data:application/json,${encodeURIComponent(JSON.stringify(stored))}`}
            className="rounded-md border border-zinc-300 px-3 py-1.5"
          >
            Download commit backup
          </a>
        )}
        {committed && !revealed && (
          <label className="cursor-pointer rounded-md border border-zinc-300 px-3 py-1.5">
            Import backup
            <input
              type="file"
              accept="application/json"
              className="sr-only"
              onChange={(e) => void importBackup(e.currentTarget)}
            />
          </label>
        )}
        {revealed && <span className="text-emerald-700">Your scores for epoch {epoch} are revealed.</span>}
      </div>
      {committed && !revealed && (
        <p className="text-amber-800">
          Keep this browser&apos;s data until you reveal: the salt that proves your scores is stored only
          here. Download the backup if you may clear it.
        </p>
      )}
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={message.ok ? "text-emerald-700" : "text-rose-700"}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

function safeLoad<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}
