"use client";

import { useMemo, useState, type ReactNode } from "react";
import type { Address } from "viem";
import { fetchVerifiedEvalSet } from "@/lib/scoring/evalSet";
import { epochInputFromTask } from "@/lib/arena/epochInput";
import { metricName } from "@/lib/arena/metric";
import type { TaskView } from "@/lib/arena/indexer";
import { rewardShareAt } from "@/lib/arena/pending";
import { epochReward } from "@/lib/rewards/fixed";
import { readable } from "@/lib/rewards/explain";
import { projectNode, projectValidator } from "@/lib/rewards/projection";
import { toScoreUnits } from "@/lib/rewards/convert";
import type { Staker } from "@/lib/rewards/types";
import { embeddingModelFor, modelSourceFor } from "@/lib/scoring/shipped-models";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { ErrorAlert } from "@/components/scorer/ErrorAlert";
import { HUB, ModelPicker, type ModelFormValue } from "@/components/scorer/ModelPicker";
import { useScorer } from "@/lib/hooks/useScorer";
import { useIndexerView } from "@/lib/hooks/useIndexerView";
import type { EpochView } from "@/lib/indexer/views";
import { StepsTable } from "./RewardSteps";
import { formatTokens, WAD } from "@/lib/units";
import { formatNumber } from "@/lib/format";
import { ErrorLine } from "@/components/ui/ErrorLine";

/**
 * Preflight (docs/ARCHITECTURE.md §3.7): before staking or submitting, a node scores its model on the task's public
 * evaluation set in this browser and sees its projected rank and reward for the current epoch; a validator sees
 * its expected assignments and reward for a stake (lib/rewards/projection.ts).
 */
export function PreflightPanel({
  task: page,
  epoch,
  account,
}: {
  task: TaskView;
  epoch: number;
  account?: Address;
}) {
  const [role, setRole] = useState<"node" | "validator">("node");
  // The task page holds only the account's own reveals: the epoch view has every reveal so far.
  const view = useIndexerView<EpochView>(`/v1/tasks/${page.id}/epochs/${epoch}`);
  const reveals = view.data?.tasks.get(page.id)?.reveals;
  const task = useMemo(() => (reveals ? { ...page, reveals } : page), [page, reveals]);
  return (
    <div className="space-y-3" data-testid="preflight">
      <div role="radiogroup" aria-label="Preflight as" className="flex gap-4 text-sm">
        {(["node", "validator"] as const).map((r) => (
          <label key={r} className="flex items-center gap-1.5">
            <input type="radio" name="preflight-role" checked={role === r} onChange={() => setRole(r)} />
            As a {r}
          </label>
        ))}
      </div>
      {role === "node" ? (
        <NodePreflight task={task} epoch={epoch} account={account} />
      ) : (
        <ValidatorPreflight task={task} epoch={epoch} account={account} />
      )}
    </div>
  );
}

function poolLeft(task: TaskView): bigint {
  return task.rewardPool - [...task.epochs.values()].reduce((s, e) => s + e.paid, 0n);
}

function currentReward(task: TaskView, epoch: number): bigint {
  const c = task.config;
  if (!c) return 0n;
  const scoring = c.submissionEpochs + c.finalEpochs;
  return epoch < scoring ? epochReward(poolLeft(task), scoring, epoch) : 0n;
}

function stakersOf(task: TaskView, role: "node" | "validator", epoch: number): Staker[] {
  const min = role === "node" ? (task.config?.minNodeStake ?? 0n) : (task.config?.minValidatorStake ?? 0n);
  return [...task.participants.values()]
    .filter((p) => p.role === role && p.ownStake > 0n && p.ownStake >= min)
    .map((p) => ({
      id: p.account,
      own: p.ownStake,
      delegated: p.delegated,
      rewardShare: rewardShareAt(p, epoch),
    }));
}

const DEFAULT_MODEL: ModelFormValue = { selected: "arena-lm-small", hubId: "", device: "auto" };

function NodePreflight({ task, epoch, account }: { task: TaskView; epoch: number; account?: Address }) {
  const scorer = useScorer();
  const [model, setModel] = useState(DEFAULT_MODEL);
  const [stake, setStake] = useState(formatTokens(task.config?.minNodeStake || 100n * WAD));
  const [fetchError, setFetchError] = useState<string>();
  const metric = metricName(task.metric) ?? "loss";
  const busy = scorer.state.status !== "idle";
  const score = scorer.state.result?.totals.value;
  const parsedStake = parseAmount(stake, {});
  const stakeWei = parsedStake.ok ? parsedStake.value : undefined;

  const run = async () => {
    setFetchError(undefined);
    const modelId = model.selected === HUB ? model.hubId : model.selected;
    if (!modelId) return setFetchError("Enter a model hub id, or pick a shipped model.");
    let dataset;
    try {
      // The set the task's hash names, or nothing: a projection from another set would mislead.
      dataset = await fetchVerifiedEvalSet(task.evalSetURI, task.evalSetHash);
    } catch (error) {
      return setFetchError(error instanceof Error ? error.message : String(error));
    }
    const embeddingModel = embeddingModelFor(metric, modelId);
    await scorer.score(
      { model: modelSourceFor(modelId), device: model.device, ...(embeddingModel ? { embeddingModel } : {}) },
      { metric, dataset },
    );
  };

  const projection = useMemo(() => {
    if (score === undefined || stakeWei === undefined) return undefined;
    const input = epochInputFromTask(task, epoch, new Map(), currentReward(task, epoch));
    if (!input) return undefined;
    const { validators, ...rest } = input;
    return projectNode({
      epoch: rest,
      revealed: validators,
      staked: stakersOf(task, "validator", epoch),
      me: { id: account ?? "you", stake: stakeWei, score: toScoreUnits(score) },
    });
  }, [score, stakeWei, task, epoch, account]);

  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600">
        Score a model on this task&apos;s public evaluation set in your browser, before you stake or submit,
        and see where it would rank this epoch (epoch {epoch}) and what it would earn.
      </p>
      <ModelPicker
        value={model}
        onChange={setModel}
        report={scorer.state.device}
        loaded={scorer.state.model}
        disabled={busy}
      />
      <AmountInput
        label="Stake you would put up"
        value={stake}
        onChange={setStake}
        error={parsedStake.ok ? undefined : parsedStake.error}
      />
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded bg-teal-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
          disabled={busy}
          onClick={() => void run()}
        >
          {busy
            ? scorer.state.status === "loading"
              ? "Loading the model…"
              : "Scoring…"
            : "Score on the public evaluation set"}
        </button>
        {busy && (
          <button type="button" className="rounded border px-3 py-1.5 text-sm" onClick={scorer.cancel}>
            Cancel
          </button>
        )}
      </div>
      {scorer.state.progress && busy && (
        <p className="text-sm text-zinc-500">
          {scorer.state.progress.done} / {scorer.state.progress.total} examples
        </p>
      )}
      <ErrorLine>{fetchError}</ErrorLine>
      {scorer.state.error && (
        <ErrorAlert error={scorer.state.error} title="The preflight could not score this model" />
      )}
      {score !== undefined && (
        <p className="text-sm" data-testid="preflight-score">
          Your score ({metric === "loss" ? "bits per byte, lower is better" : "higher is better"}):{" "}
          <strong>{formatNumber(score, 6)}</strong>
        </p>
      )}
      <Projected projection={projection} className="space-y-2" testId="preflight-node">
        {(projection) => (
          <>
            <p>
              Projected rank <strong data-testid="preflight-rank">{projection.rank}</strong> of{" "}
              {projection.of} · projected reward{" "}
              <strong data-testid="preflight-reward" data-wei={projection.earned.toString()}>
                {readable(projection.earned, "tokens")} ARENA
              </strong>{" "}
              this epoch
            </p>
            <p className="text-zinc-600" data-testid="preflight-assumes">
              {projection.assumes} Your stake counts with no delegation; stake put up now counts from the next
              epoch.
            </p>
            <details>
              <summary className="cursor-pointer">The steps</summary>
              <StepsTable steps={projection.explanation.steps} />
            </details>
          </>
        )}
      </Projected>
    </div>
  );
}

function ValidatorPreflight({ task, epoch, account }: { task: TaskView; epoch: number; account?: Address }) {
  const [stake, setStake] = useState(formatTokens(task.config?.minValidatorStake || 100n * WAD));
  const parsed = parseAmount(stake, {});
  const c = task.config;
  const submissions = [...task.participants.values()].filter(
    (p) =>
      p.role === "node" &&
      p.submissions.some((s) => (c && epoch >= c.submissionEpochs ? true : s.epoch === epoch)),
  );
  const projection =
    parsed.ok && c
      ? projectValidator({
          mechanism: c.mechanism,
          reward: currentReward(task, epoch),
          nodeStake: submissions.reduce((s, p) => s + p.ownStake + p.delegated, 0n),
          submissions: submissions.length,
          validatorsPerSubmission: c.validatorsPerSubmission,
          maxAssignments: c.maxAssignmentsPerEpoch,
          validators: stakersOf(task, "validator", epoch),
          me: { id: account ?? "you", stake: parsed.value },
        })
      : undefined;
  return (
    <div className="space-y-3">
      <AmountInput
        label="Stake you would validate with"
        value={stake}
        onChange={setStake}
        error={parsed.ok ? undefined : parsed.error}
      />
      {!c && <p className="text-sm text-zinc-500">The task&apos;s parameters are not indexed yet.</p>}
      <Projected projection={projection} className="space-y-1" testId="preflight-validator">
        {(projection) => (
          <>
            <p>
              Expected assignments this epoch:{" "}
              <strong data-testid="preflight-assignments">
                {readable(projection.expectedAssignments, "wad", 2) || "0"}
              </strong>{" "}
              of {submissions.length} submission{submissions.length === 1 ? "" : "s"} (each with probability{" "}
              {readable(projection.probability, "wad", 4)}, at most {c?.maxAssignmentsPerEpoch})
            </p>
            <p>
              Expected reward:{" "}
              <strong
                data-testid="preflight-validator-reward"
                data-wei={projection.expectedReward.toString()}
              >
                {readable(projection.expectedReward, "tokens")} ARENA
              </strong>{" "}
              of the validators&apos; {readable(projection.rewardValidators, "tokens")} ARENA
            </p>
            <p className="text-zinc-600">{projection.assumes} Stake put up now counts from the next epoch.</p>
          </>
        )}
      </Projected>
    </div>
  );
}

/** A projection: why it could not be made, or what it projects (`children`) in a highlighted box. */
function Projected<T extends { ok: true }>({
  projection,
  className,
  testId,
  children,
}: {
  projection: T | { ok: false; reason: string } | undefined;
  className: string;
  testId: string;
  children: (projection: T) => ReactNode;
}) {
  if (!projection) return null;
  if (!projection.ok)
    return (
      <p role="alert" className="text-sm text-amber-800">
        {projection.reason}
      </p>
    );
  return (
    <div
      className={`${className} rounded border border-teal-200 bg-teal-50 p-3 text-sm`}
      data-testid={testId}
    >
      {children(projection)}
    </div>
  );
}
