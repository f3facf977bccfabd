"use client";

import { previewEpoch, sybilGain } from "@/lib/arena/preview";
import { FIELD_SPECS, type FieldErrors, type FieldName, type TaskFormValues } from "@/lib/arena/params";
import { formatNumber, formatPercent } from "@/lib/format";
import {
  parseDecimal,
  parseInteger,
  parseWad,
  TOKEN_DECIMALS,
  toDisplayNumber,
  wadToNumber,
} from "@/lib/units";

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

/** A field's value as the form validates it, as a float for the preview (NaN when the field does not parse). */
const tokenField = (s: string) => {
  const p = parseDecimal(s, TOKEN_DECIMALS);
  return p.ok ? toDisplayNumber(p.value, TOKEN_DECIMALS) : Number.NaN;
};
const wadField = (s: string) => {
  const p = parseWad(s);
  return p.ok ? wadToNumber(p.value) : Number.NaN;
};
const intField = (s: string) => {
  const p = parseInteger(s);
  return p.ok ? Number(p.value) : Number.NaN;
};
/** Grouped digits, two decimals, never exponent notation. */
const tokens = (x: number) => formatNumber(x, 2);

/** Live "what would each rank earn" for the form's values, with what α and β imply for sybil splitting. */
export function RewardPreview({ values, errors }: { values: TaskFormValues; errors: FieldErrors }) {
  const invalid = PREVIEW_FIELDS.filter((f) => errors[f] !== undefined);
  const valid = invalid.length === 0;
  const input = {
    pool: tokenField(values.rewardPool),
    scoringEpochs: intField(values.submissionEpochs) + intField(values.finalEpochs),
    gamma: wadField(values.gamma),
    q: wadField(values.q),
    alphaT: wadField(values.alphaT),
    lambdaV: wadField(values.lambdaV),
    alphaV: wadField(values.alphaV),
    nodes: 5,
    validators: 3,
    nodeStake: tokenField(values.minNodeStake) * 2,
    validatorStake: tokenField(values.minValidatorStake) * 2,
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
            {formatNumber(sybilGain(input.alphaT, 4), 2)} for nodes (α_t), ×
            {formatNumber(sybilGain(input.alphaV, 4), 2)} for validators (α_v) and ×
            {formatNumber(sybilGain(wadField(values.beta), 4), 2)} in sortition (β); minimum stakes per
            identity limit it.
          </p>
        </>
      )}
    </section>
  );
}
