"use client";

import { previewEpoch, sybilGain } from "@/lib/arena/preview";
import type { TaskFormValues } from "@/lib/arena/params";

const num = (s: string) => Number(s.trim());

/** Live "what would each rank earn" for the form's values, with what α and β imply for sybil splitting. */
export function RewardPreview({ values, valid }: { values: TaskFormValues; valid: boolean }) {
  const input = {
    pool: num(values.rewardPool),
    scoringEpochs: num(values.submissionEpochs) + num(values.finalEpochs),
    gamma: num(values.gamma),
    q: num(values.q),
    alphaT: num(values.alphaT),
    lambdaV: num(values.lambdaV),
    alphaV: num(values.alphaV),
    nodes: 5,
    validators: 3,
    nodeStake: num(values.minNodeStake) * 2,
    validatorStake: num(values.minValidatorStake) * 2,
  };
  const finite = Object.values(input).every((v) => Number.isFinite(v));
  const preview = finite && input.q > 0 && input.q < 1 ? previewEpoch(input) : undefined;
  return (
    <section
      className="rounded-lg border border-zinc-200 bg-white p-4 text-sm"
      aria-label="Reward preview"
      data-testid="reward-preview"
    >
      <h2 className="font-semibold">Reward preview</h2>
      {!preview || preview.nodes.length === 0 ? (
        <p className="mt-2 text-zinc-500">Fill in the pool, epochs and mechanism to see the split.</p>
      ) : (
        <>
          <p className="mt-2 text-zinc-600">
            Per scoring epoch R₀ = {preview.r0.toFixed(2)} ARENA. With 5 nodes and 3 validators each staking
            twice the minimum:
          </p>
          <ol className="mt-2 space-y-0.5">
            {preview.nodes.map((n) => (
              <li key={n.rank} className="flex justify-between">
                <span>Rank {n.rank} gets</span>
                <span>
                  {n.reward.toFixed(2)} ARENA ({(n.share * 100).toFixed(1)} %)
                </span>
              </li>
            ))}
            <li className="flex justify-between border-t border-zinc-100 pt-1">
              <span>Each validator</span>
              <span>{preview.perValidator.toFixed(2)} ARENA</span>
            </li>
          </ol>
          <p className="mt-2 text-xs text-zinc-500">
            Splitting stake over 4 identities multiplies its weight by ×
            {sybilGain(input.alphaT, 4).toFixed(2)} for nodes (α_t), ×{sybilGain(input.alphaV, 4).toFixed(2)}{" "}
            for validators (α_v) and ×{sybilGain(num(values.beta), 4).toFixed(2)} in sortition (β); minimum
            stakes per identity limit it.
          </p>
        </>
      )}
      {!valid && (
        <p className="mt-2 text-amber-800">Some values are out of range; the contract would refuse them.</p>
      )}
    </section>
  );
}
