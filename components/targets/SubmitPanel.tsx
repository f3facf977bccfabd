"use client";

import { useState } from "react";
import { usePublicClient, useReadContract, useSignMessage } from "wagmi";
import { arenaTargetsAbi } from "@/contracts-abi";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";
import { formatTokenAmount } from "@/lib/format";
import { InputError } from "@/lib/metrics/errors";
import { parseDataset } from "@/lib/metrics/parsers";
import {
  bondFor,
  planSubmission,
  randomSalt,
  submissionCommitment,
  type SubmissionPlan,
  type SubmitArgs,
} from "@/lib/targets";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useEnsureAllowance } from "@/lib/hooks/useEnsureAllowance";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { uploadBlob } from "@/lib/blobs/blobClient";
import { DataInput, type DataValue } from "./DataInput";
import { ScoreResults } from "./ScoreResults";
import type { MarketLive, ModelInfo, TargetInfo } from "@/lib/targets/market";
import { useLocalScoring } from "@/lib/hooks/useLocalScoring";

type Step = "upload" | "approve" | "commit" | "submit";
const STEP_LABEL: Record<Step, string> = {
  upload: "Upload the data to the blob store",
  approve: "Approve the bond",
  commit: "Commit to the submission (hidden, names you)",
  submit: "Reveal it in a later block (fills the target)",
};

/**
 * Drop data → score it with every assigned model locally → see where it lands → upload, commit, reveal. The
 * commit (a hash naming the submitter) is mined before the reveal, so nobody who sees the reveal can copy it.
 */
export function SubmitPanel({
  market,
  target,
  models,
  vector,
}: {
  market: MarketLive;
  target: TargetInfo;
  models: ModelInfo[];
  vector: readonly bigint[];
}) {
  const [data, setData] = useState<DataValue>(null);
  const [plan, setPlan] = useState<SubmissionPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<{ step: Step; state: "running" | "done" | "failed" } | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const scoring = useLocalScoring();
  const { run } = useTransactor();
  const { address, isConnected, chainId } = useArenaChain();
  const ensureAllowance = useEnsureAllowance();
  const client = usePublicClient({ chainId });
  const { signMessageAsync } = useSignMessage();

  const size = data?.bytes.length ?? 0;
  const bond = bondFor(BigInt(size), market.bondPerByte, market.minBond);
  const tooLarge = size > market.maxDataSize;
  const fills = useReadContract({
    abi: arenaTargetsAbi,
    address: market.address,
    functionName: "fillsBy",
    args: address ? [market.currentEpoch, address] : undefined,
    chainId,
    query: { enabled: Boolean(address) },
  });
  const capReached = fills.data !== undefined && fills.data >= BigInt(market.maxFills);

  const choose = (value: DataValue) => {
    setData(value);
    setPlan(null);
    setError(null);
    setStep(null);
  };

  const score = async () => {
    if (!data) return;
    setError(null);
    setPlan(null);
    try {
      const dataset = parseDataset(data.bytes);
      const scores = await scoring.scoreAll(models, dataset);
      setPlan(planSubmission(scores, vector, target.threshold));
    } catch (e) {
      if (e instanceof InputError) {
        setError(`Your data could not be read: ${e.message}${e.line ? ` (line ${e.line})` : ""}`);
      } else setError(`Scoring failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const waitForBlockAfter = async (block: bigint) => {
    if (!client) throw new Error("No connection to the chain.");
    if (appConfig.localTools && LOCAL_RPC_URL && chainId === LOCAL_CHAIN_ID) {
      const { advanceTime } = await import("@/lib/chain/devTime");
      if ((await client.getBlockNumber()) <= block) await advanceTime(LOCAL_RPC_URL, 0);
      return;
    }
    for (let i = 0; i < 120 && (await client.getBlockNumber()) <= block; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if ((await client.getBlockNumber()) <= block)
      throw new Error("No new block after the commit for 2 minutes.");
  };

  const submit = async () => {
    if (!data || !plan || !address) return;
    setError(null);
    const fail = (s: Step, message: string) => {
      setStep({ step: s, state: "failed" });
      setError(message);
    };
    setStep({ step: "upload", state: "running" });
    let blob;
    try {
      blob = await uploadBlob(data.bytes, {
        address,
        signMessage: (message) => signMessageAsync({ message }),
      });
    } catch (e) {
      return fail("upload", e instanceof Error ? e.message : String(e));
    }
    setStep({ step: "approve", state: "running" });
    let approved;
    try {
      approved = await ensureAllowance(
        market.address,
        bond,
        `Approve the ${formatTokenAmount(bond)} ARENA bond`,
      );
    } catch (e) {
      return fail(
        "approve",
        `Could not read your ARENA allowance: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (!approved.ok) return fail("approve", approved.error.message);
    const params: SubmitArgs = {
      targetId: target.id,
      dataUri: blob.uri,
      dataHash: `0x${blob.sha256}`,
      dataSize: blob.size,
      modelId: plan.winner.modelId,
      loss: plan.lossMicro,
      embedding: plan.packedEmbedding,
      distance: plan.distance,
    };
    const salt = randomSalt();
    setStep({ step: "commit", state: "running" });
    const committed = await run({
      label: `Commit to target #${target.id}`,
      abi: arenaTargetsAbi,
      address: market.address,
      functionName: "commit",
      args: [target.id, submissionCommitment(address, params, salt)],
    });
    if (!committed.ok) return fail("commit", committed.error.message);
    // The reveal must land in a later block than the commit, and its simulation runs in the latest block: wait
    // for the next block (on the local chain, which mines only on transactions, mine it).
    try {
      await waitForBlockAfter(committed.receipt.blockNumber);
    } catch (e) {
      return fail("submit", e instanceof Error ? e.message : String(e));
    }
    setStep({ step: "submit", state: "running" });
    const result = await run({
      label: `Reveal the submission to target #${target.id}`,
      abi: arenaTargetsAbi,
      address: market.address,
      functionName: "submit",
      args: [params, salt],
    });
    if (!result.ok) return fail("submit", result.error.message);
    setStep({ step: "submit", state: "done" });
    setSubmitted(true);
  };

  const blocked = !isConnected
    ? "Connect a wallet to submit."
    : tooLarge
      ? `The data is ${size} bytes; targets accept at most ${market.maxDataSize} bytes.`
      : capReached
        ? `You already filled ${market.maxFills} targets in epoch ${market.currentEpoch}, the most one address may fill per epoch. Try again next epoch.`
        : null;

  return (
    <section aria-labelledby="submit-heading" className="space-y-4">
      <h2 id="submit-heading" className="text-lg font-semibold">
        Submit data
      </h2>
      <DataInput value={data} onChange={choose} />
      {tooLarge && (
        <p role="alert" className="text-rose-800">
          The data is {size} bytes; targets accept at most {market.maxDataSize} bytes. Choose smaller data.
        </p>
      )}
      <button
        type="button"
        disabled={!data || scoring.running || tooLarge}
        onClick={() => void score()}
        className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {scoring.running ? "Scoring…" : "Score in my browser"}
      </button>
      <ScoreResults runs={scoring.runs} device={scoring.device} plan={plan} threshold={target.threshold} />
      {plan && !plan.accepted && (
        <p role="alert" data-testid="submit-verdict" className="rounded bg-rose-50 p-3 text-rose-800">
          This data would be rejected, so nothing was sent. {plan.reason}
        </p>
      )}
      {plan?.accepted && !submitted && (
        <div className="space-y-2 rounded border border-teal-200 bg-teal-50 p-3" data-testid="submit-verdict">
          <p className="text-teal-900">
            Within the threshold: {plan.winner.name} wins. Submitting takes a bond of{" "}
            {formatTokenAmount(bond)} ARENA (the larger of {size} bytes ×{" "}
            {formatTokenAmount(market.bondPerByte)} and the minimum {formatTokenAmount(market.minBond)}),
            returned with your reward after the audit epoch. Two transactions: a commit, then the reveal in a
            later block. You may fill {market.maxFills} targets per epoch
            {fills.data !== undefined ? ` (${fills.data.toString()} so far)` : ""}.
          </p>
          {blocked ? (
            <p className="text-amber-900">{blocked}</p>
          ) : (
            <button
              type="button"
              disabled={step?.state === "running"}
              onClick={() => void submit()}
              className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
            >
              Upload and submit
            </button>
          )}
        </div>
      )}
      {step && (
        <ol className="space-y-1 text-sm" aria-label="Submission steps">
          {(Object.keys(STEP_LABEL) as Step[]).map((s, i, all) => {
            const current = all.indexOf(step.step);
            const state = i < current ? "done" : i === current ? step.state : "waiting";
            return (
              <li key={s} data-state={state}>
                {state === "done" ? "✓" : state === "failed" ? "✗" : state === "running" ? "…" : "○"}{" "}
                {STEP_LABEL[s]}
              </li>
            );
          })}
        </ol>
      )}
      {submitted && (
        <p className="rounded bg-teal-50 p-3 text-teal-900">
          Submitted: target #{target.id.toString()} is filled by your data.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
          {error}
        </p>
      )}
    </section>
  );
}
