import { assignmentLimit, sortitionWeight } from "../sortition/index.ts";
import { explainEpoch, type NodeExplanation } from "./explain.ts";
import { splitReward, stakePow } from "./fixed.ts";
import type { EpochInput, Mechanism, ScoringValidator, Staker } from "./types.ts";
import { WAD, mulDiv, mulWad } from "./wadMath.ts";
import { sameAddress as same } from "../address.ts";

/**
 * The preflight (docs/ARCHITECTURE.md §3.7): what a node or validator would earn in the current epoch, before it
 * stakes or submits, from the same settlement code that explains a settled epoch (explain.ts → fixed.ts).
 */

export type NodeProjectionInput = {
  /** The current epoch as known: R₀ (pool left over scoring epochs left), nodes with their stakes. */
  epoch: Omit<EpochInput, "validators">;
  /** Reveals so far this epoch, in reveal order (empty before the reveal window). */
  revealed: readonly ScoringValidator[];
  /** Validators that can score this epoch, with their stakes (used when nobody has revealed yet). */
  staked: readonly Staker[];
  /** The projected node: its address (or any id), the stake it would have and its preflight score (1e-6 units). */
  me: { id: string; stake: bigint; score: number };
};

export type NodeAssumption = "revealed" | "no-reveals";

export type NodeProjection =
  | { ok: false; reason: string }
  | {
      ok: true;
      assumption: NodeAssumption;
      /** What the projection assumes, in a sentence for the page. */
      assumes: string;
      rank: number;
      of: number;
      explanation: NodeExplanation;
      earned: bigint;
      kept: bigint;
    };

/**
 * The node's projected rank and reward: every validator that revealed (or, before any reveal, every staked
 * validator) scores its model as the preflight did, the other nodes keep the scores revealed so far, and its
 * stake is `me.stake` (own, no delegation, ρ = 0).
 */
export function projectNode(input: NodeProjectionInput): NodeProjection {
  const { me } = input;
  if (me.stake <= 0n) return { ok: false, reason: "Enter a stake above 0 to project a reward." };
  const noReveals = input.revealed.length === 0;
  const stakers = noReveals ? input.staked.filter((v) => v.own + v.delegated > 0n) : input.revealed;
  if (stakers.length === 0)
    return { ok: false, reason: "No validator has stake in this task yet: nobody would score a submission." };
  // Every rater scores the projected model as the preflight did (replacing any score of an earlier submission).
  const raters: ScoringValidator[] = stakers.map((v) => {
    const revealed = "scores" in v ? (v as ScoringValidator).scores : new Map<string, number>();
    const scores = new Map([...revealed].filter(([id]) => !same(id, me.id)));
    scores.set(me.id, me.score);
    return { id: v.id, own: v.own, delegated: v.delegated, rewardShare: v.rewardShare, scores };
  });
  const nodes: Staker[] = [
    ...input.epoch.nodes.filter((n) => !same(n.id, me.id)),
    { id: me.id, own: me.stake, delegated: 0n, rewardShare: 0n },
  ];
  const ex = explainEpoch({ ...input.epoch, nodes, validators: raters });
  const explanation = ex.nodes.find((n) => n.id === me.id);
  if (!explanation) return { ok: false, reason: "The projection found no score for this model." };
  const others = ex.nodes.length - 1;
  const assumes = noReveals
    ? `No scores are revealed yet this epoch: this assumes every staked validator (${raters.length}) scores your model as the preflight did and that no other submission is scored.`
    : `Assumes the ${raters.length} validators that revealed score your model as the preflight did, and the other ${others} submissions keep the scores revealed so far.`;
  return {
    ok: true,
    assumption: noReveals ? "no-reveals" : "revealed",
    assumes,
    rank: explanation.trace.rank + 1,
    of: ex.nodes.length,
    explanation,
    earned: explanation.trace.payout.earned,
    kept: explanation.trace.payout.kept,
  };
}

export type ValidatorProjectionInput = {
  mechanism: Mechanism & { beta: bigint };
  /** R₀ of the epoch and Σ stake of the nodes whose submissions are scored (T). */
  reward: bigint;
  nodeStake: bigint;
  /** Submissions this epoch (n) and the task's k and assignment cap. */
  submissions: number;
  validatorsPerSubmission: number;
  maxAssignments: number;
  /** Validators that can commit this epoch (own stake at the minimum), without the projected one. */
  validators: readonly Staker[];
  me: { id: string; stake: bigint };
};

export type ValidatorProjection =
  | { ok: false; reason: string }
  | {
      ok: true;
      assumes: string;
      /** Probability of being assigned one submission (WAD), expected assignments (WAD). */
      probability: bigint;
      expectedAssignments: bigint;
      /** E[φ] on a submission it scores (WAD), R_v, and the expected reward. */
      share: bigint;
      rewardValidators: bigint;
      expectedReward: bigint;
    };

const MAX_UINT = (1n << 256n) - 1n;

/**
 * A validator's expected assignments and reward for `me.stake`: each submission is assigned with probability
 * min(1, k·w/Σw), w = s^β (lib/sortition, as the contract draws); on a submission it scores, its softmax share is
 * s^α_v / (s^α_v + Σ_j p_j·s_j^α_v), all raters agreeing with the aggregate (Δ = 0); R_v from docs/ARCHITECTURE.md §3.5's split with
 * every validator revealing.
 */
export function projectValidator(input: ValidatorProjectionInput): ValidatorProjection {
  const { me, mechanism: m } = input;
  if (me.stake <= 0n) return { ok: false, reason: "Enter a stake above 0 to project assignments." };
  if (input.submissions === 0)
    return { ok: false, reason: "No submission this epoch yet: there is nothing to be assigned." };
  const others = input.validators.filter((v) => !same(v.id, me.id) && v.own + v.delegated > 0n);
  const weightOf = (stake: bigint) => sortitionWeight(stake, m.beta);
  const myWeight = weightOf(me.stake);
  const sumWeight = others.reduce((s, v) => s + weightOf(v.own + v.delegated), myWeight);
  const k = BigInt(input.validatorsPerSubmission);
  const probabilityOf = (w: bigint) => (assignmentLimit(k, w, sumWeight) * WAD) / MAX_UINT;
  const probability = probabilityOf(myWeight);
  const n = BigInt(input.submissions);
  const cap = BigInt(input.maxAssignments) * WAD;
  const uncapped = probability * n;
  const expectedAssignments = uncapped < cap ? uncapped : cap;
  const mine = stakePow(me.stake, m.alphaV);
  const rivals = others.reduce(
    (s, v) =>
      s + mulWad(probabilityOf(weightOf(v.own + v.delegated)), stakePow(v.own + v.delegated, m.alphaV)),
    0n,
  );
  const share = mine + rivals === 0n ? 0n : mulDiv(mine, WAD, mine + rivals);
  const sumValidatorStake = others.reduce((s, v) => s + v.own + v.delegated, me.stake);
  const { rv } = splitReward(input.reward, m.gamma, input.nodeStake, sumValidatorStake);
  const expectedReward = mulDiv(rv, mulWad(expectedAssignments, share), n * WAD);
  return {
    ok: true,
    assumes: `Assumes the ${input.submissions} submissions so far, every validator (${others.length} besides you) revealing, and your scores agreeing with the aggregate (Δ = 0): a score further from it earns less (e^(−λΔ)).`,
    probability,
    expectedAssignments,
    share,
    rewardValidators: rv,
    expectedReward,
  };
}
