import type { TaskView } from "@/lib/arena/indexer";
import { formatDuration, formatTokenAmount } from "@/lib/format";

const wad = (x: bigint) => (Number(x) / 1e18).toString();

export function TaskParameters({ task }: { task: TaskView }) {
  const c = task.config;
  const rows: [string, string][] = [
    ["Base model", task.baseModel],
    ["Training data", task.dataURI],
    ["Evaluation set", task.evalSetURI],
    ["Held-back evaluation set", task.finalEvalURI ?? "committed, revealed in final validation"],
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
      [
        "γ, q, α_t, λ_v, α_v, β",
        [
          c.mechanism.gamma,
          c.mechanism.q,
          c.mechanism.alphaT,
          c.mechanism.lambdaV,
          c.mechanism.alphaV,
          c.mechanism.beta,
        ]
          .map(wad)
          .join(", "),
      ],
    );
  }
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[16rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
