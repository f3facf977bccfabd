"use client";

import { previewEpoch, sybilGain } from "@/lib/arena/preview";
import { formatPercent } from "@/lib/arena/apy";
import { FIELD_SPECS, type FieldErrors, type FieldName, type TaskFormValues } from "@/lib/arena/params";

/** The fields the preview is computed from. */
const PREVIEW_FIELDS: FieldName[] = [
  "rewardPool",
  "submissionEpochs",
  "finalEpochs",
  "minNodeStake",
  "minValidatorStake",
  "gamma",
  "q",
  "alphaT",
  "lambdaV",
  "alphaV",
  "beta",
];

const num = (s: string) => Number(s.trim());
/** Grouped digits, two decimals, never exponent notation. */
const tokens = (x: number) =>
  x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Live "what would each rank earn" for the form's values, with what α and β imply for sybil splitting. */
export function RewardPreview({ values, errors }: { values: TaskFormValues; errors: FieldErrors }) {
  const invalid = PREVIEW_FIELDS.filter((f) => errors[f] !== undefined);
  const valid = invalid.length === 0;
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
  // Only on values the contract would take: on others (a pool of 1e30) it would compute nonsense such as
  // "Rank 1 gets 1.67e+28".
  const finite = Object.values(input).every((v) => Number.isFinite(v));
  const preview = valid && finite && input.q > 0 && input.q < 1 ? previewEpoch(input) : undefined;
  return (
    <section
      className="rounded-lg border border-zinc-200 bg-white p-4 text-sm"
      aria-label="Reward preview"
      data-testid="reward-preview"
    >
      <h2 className="font-semibold">Reward preview</h2>
      {!valid ? (
        <p className="mt-2 text-amber-800" data-testid="reward-preview-invalid">
          Fix {invalid.map((f) => FIELD_SPECS[f].label).join(", ")} to see the split: the contract would
          refuse
          {invalid.length > 1 ? " these values" : " this value"}.
        </p>
      ) : !preview || preview.nodes.length === 0 ? (
        <p className="mt-2 text-zinc-500">Fill in the pool, epochs and mechanism to see the split.</p>
      ) : (
        <>
          <p className="mt-2 text-zinc-600">
            Per scoring epoch R₀ = {tokens(preview.r0)} ARENA. With 5 nodes and 3 validators each staking
            twice the minimum:
          </p>
          <ol className="mt-2 space-y-0.5">
            {preview.nodes.map((n) => (
              <li key={n.rank} className="flex justify-between">
                <span>Rank {n.rank} gets</span>
                <span>
                  {tokens(n.reward)} ARENA ({formatPercent(n.share)})
                </span>
              </li>
            ))}
            <li className="flex justify-between border-t border-zinc-100 pt-1">
              <span>Each validator</span>
              <span>{tokens(preview.perValidator)} ARENA</span>
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
    </section>
  );
}
