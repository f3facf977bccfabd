import type { ReactNode } from "react";
import type { TaskView } from "@/lib/arena/indexer";
import { formatDuration, formatTokenAmount, formatWadPercent } from "@/lib/format";
import { formatWad, WAD } from "@/lib/units";
import { HashValue } from "./HashValue";

/**
 * γ is not the split itself: nodes get R₀·(γ + (1 − 2γ)·T/(T+S)), T and S the node and validator stakes of the
 * epoch (docs/ARCHITECTURE.md §3.5), so with equal stakes any γ pays 50/50. Says so, with the last settled epoch.
 */
function gammaText(task: TaskView, gammaWad: bigint): string {
  const range =
    gammaWad === WAD / 2n
      ? "nodes always get 50 % of R₀"
      : `nodes get R₀·(γ + (1 − 2γ)·T/(T+S)), T and S the epoch's node and validator stakes: ${formatWadPercent(gammaWad)} when nodes hold almost no stake, ${formatWadPercent(WAD - gammaWad)} when they hold it all, 50 % when both sides stake equally`;
  const last = [...task.epochs.values()]
    .filter((e) => e.rewardNodes + e.rewardValidators > 0n)
    .sort((a, b) => b.epoch - a.epoch)[0];
  if (!last) return `γ = ${formatWad(gammaWad)}: ${range}. No epoch settled yet.`;
  const total = last.rewardNodes + last.rewardValidators;
  const share = (last.rewardNodes * WAD) / total;
  return `γ = ${formatWad(gammaWad)}: ${range}. Epoch ${last.epoch} paid ${formatTokenAmount(last.rewardNodes)} ARENA to nodes and ${formatTokenAmount(last.rewardValidators)} to validators (${formatWadPercent(share)} / ${formatWadPercent(WAD - share)}).`;
}

/** The task's configuration, each value in words (γ with the split the last epoch actually paid). */
export function TaskParametersList({ task }: { task: TaskView }) {
  const c = task.config;
  const rows: [string, ReactNode][] = [
    ["Base model", task.baseModel],
    ["Training data", task.dataURI],
    ["Evaluation set", task.evalSetURI],
    ["Evaluation set sha256", <HashValue key="h" hash={task.evalSetHash} testId="eval-set-hash" />],
    ["Held-back evaluation set", task.finalEvalURI ?? "committed, revealed in final validation"],
    [
      "Held-back set sha256",
      task.heldBackEvalSetHash ? (
        <HashValue key="hb" hash={task.heldBackEvalSetHash} testId="held-back-set-hash" />
      ) : (
        "committed, revealed with the set"
      ),
    ],
    ["Context length", String(task.contextLength ?? "—")],
    ["Max parameters", String(task.maxParams ?? "—")],
    ["Reward pool", `${formatTokenAmount(task.rewardPool)} ARENA`],
  ];
  if (c) {
    rows.push(
      ["Epoch length", formatDuration(c.epochLength)],
      ["Commit / reveal windows", `${formatDuration(c.commitWindow)} / ${formatDuration(c.revealWindow)}`],
      [
        "Epochs (submission / final / challenge)",
        `${c.submissionEpochs} / ${c.finalEpochs} / ${c.challengeEpochs}`,
      ],
      ["Unbonding", `${c.unbondingEpochs} epoch(s)`],
      [
        "Minimum stakes (node / validator)",
        `${formatTokenAmount(c.minNodeStake)} / ${formatTokenAmount(c.minValidatorStake)} ARENA`,
      ],
      ["Challenge bond", `${formatTokenAmount(c.challengeBond)} ARENA`],
      [
        "Validators per submission / max assignments",
        `${c.validatorsPerSubmission} / ${c.maxAssignmentsPerEpoch}`,
      ],
      ["Max nodes", String(c.maxNodes)],
      ["γ (share of each epoch's reward R₀ for nodes)", gammaText(task, c.mechanism.gamma)],
      [
        "q, α_t, λ_v, α_v, β",
        [c.mechanism.q, c.mechanism.alphaT, c.mechanism.lambdaV, c.mechanism.alphaV, c.mechanism.beta]
          .map(formatWad)
          .join(", "),
      ],
    );
  }
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[16rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd className={k.startsWith("γ") ? "break-words" : "break-all"}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
