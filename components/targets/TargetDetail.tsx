"use client";

import Link from "next/link";
import { useReadContract } from "wagmi";
import { arenaTargetsAbi } from "@/contracts-abi";
import { formatDuration, formatTokenAmount, shortAddress } from "@/lib/format";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { AuditPanel } from "./AuditPanel";
import { secondsLeft, toModelInfo } from "@/lib/targets/market";
import { formatMicro, PHASE_LABEL, PHASE_STYLE, splitReward, TARGET_STATUS_VALUE } from "@/lib/targets";
import { SeedDraw } from "./SeedDraw";
import { SubmitPanel } from "./SubmitPanel";
import { TargetRecord } from "./TargetRecord";
import { useTargetHistory } from "@/lib/hooks/useTargetHistory";
import { useTargetState } from "@/lib/hooks/useTargetState";
import { useTargetsMarket } from "@/lib/hooks/useTargetsMarket";

/**
 * /targets/[id]: the target, local scoring and submission while open, the audit once filled. Its status and
 * submission are read from the chain (the actions depend on them); its models, data URI, reports and claim
 * come from the indexer.
 */
export function TargetDetail({ id }: { id: string }) {
  const market = useTargetsMarket();
  const { chainId, address } = useArenaChain();
  const targetId = /^\d+$/.test(id) ? BigInt(id) : undefined;
  const data = market.data;
  const state = useTargetState(targetId, data?.currentEpoch);
  const history = useTargetHistory(targetId);
  const target = state.data;
  const exists = target !== undefined && target.status !== TARGET_STATUS_VALUE.none;
  const vector = useReadContract({
    abi: arenaTargetsAbi,
    address: data?.address,
    functionName: "targetEmbedding",
    args: targetId !== undefined ? [targetId] : undefined,
    chainId,
    query: { enabled: exists, staleTime: Infinity },
  });

  const error = market.error ?? state.error;
  if (error) {
    return (
      <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
        Could not read the targets market: {error.message.split("\n")[0]}
      </p>
    );
  }
  if (targetId !== undefined && (!data || !target)) return <p>Loading the target…</p>;
  if (!data || !target || !exists) {
    return (
      <p className="rounded bg-amber-50 p-3 text-amber-900">
        There is no target #{id}. <Link href="/targets">Back to all targets</Link>
      </p>
    );
  }
  const indexedModels = new Map((history.data?.models ?? []).map((m) => [m.id, toModelInfo(m)]));
  const models = target.models.map((m) => indexedModels.get(m)).filter((m) => m !== undefined);
  const modelsText = history.data
    ? models.map((m) => `${m.name} (#${m.id})`).join(", ")
    : target.models.map((m) => `#${m}`).join(", ");

  return (
    <section className="space-y-8">
      <header className="space-y-2">
        <Link href="/targets" className="text-sm text-teal-800 underline">
          ← All targets
        </Link>
        <h1 className="flex items-center gap-3 text-2xl font-semibold">
          Target #{target.id.toString()}
          <span
            className={`rounded px-2 py-0.5 text-sm ${PHASE_STYLE[target.phase]}`}
            data-testid="target-phase"
          >
            {PHASE_LABEL[target.phase]}
          </span>
        </h1>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-5">
          <Fact label="Reward" value={`${formatTokenAmount(target.reward)} ARENA`} />
          <Fact label="Threshold" value={formatMicro(target.threshold)} />
          <Fact label="Epoch" value={target.epoch.toString()} />
          <Fact
            label="Time left"
            value={target.phase === "open" ? formatDuration(secondsLeft(data, target.epoch)) : "—"}
          />
          <Fact label="Assigned models" value={modelsText} />
        </dl>
        <SeedDraw market={data} />
      </header>
      {history.error && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-rose-800">
          Could not read this target&apos;s history from the indexer: {history.error.message.split("\n")[0]}{" "}
          Scoring and audits need its models and data; they load by themselves when the indexer answers.
        </p>
      )}
      {target.phase === "open" &&
        (vector.data && history.data ? (
          <SubmitPanel market={data} target={target} models={models} vector={vector.data} />
        ) : (
          <p>
            {vector.error
              ? `Could not read the target's embedding: ${vector.error.message}`
              : "Reading the target embedding…"}
          </p>
        ))}
      {target.submission && vector.data && history.data && (
        <AuditPanel
          market={data}
          target={target}
          submission={target.submission}
          dataUri={history.data.fill?.dataUri}
          models={models}
          vector={vector.data}
        />
      )}
      {target.submission && target.submission.submitter.toLowerCase() === address?.toLowerCase() && (
        <p className="rounded bg-teal-50 p-3 text-teal-900" data-testid="submit-done">
          You filled this target. Your bond ({formatTokenAmount(target.submission.bond)} ARENA) comes back
          with {formatTokenAmount(splitReward(target.reward, true).toSubmitter)} ARENA (45% of the reward; 10%
          pays the audit) from epoch {(target.submission.fillEpoch + 2n).toString()}, unless validators
          auditing it in epoch {(target.submission.fillEpoch + 1n).toString()} find fraud.
        </p>
      )}
      {target.submission && (
        <p className="text-sm text-zinc-600">
          Filled by <span className="font-mono">{shortAddress(target.submission.submitter)}</span> in epoch{" "}
          {target.submission.fillEpoch.toString()}; claimable from epoch{" "}
          {(target.submission.fillEpoch + 2n).toString()}.
        </p>
      )}
      {history.data && <TargetRecord history={history.data} />}
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}
