import { METRIC_SCALE, SCORE_SCALE } from "../arena/metric.ts";
import {
  delegatorReward,
  traceEpochFixed,
  type EpochTrace,
  type NodeTrace,
  type ValidatorTrace,
} from "./fixed.ts";
import type { EpochInput } from "./types.ts";
import { WAD } from "./wadMath.ts";
import { sameAddress as same } from "../address.ts";
import { formatInteger, formatScaled } from "../format.ts";

/**
 * "Why this reward": one settled epoch explained per address, step by step, from the same fixed-point trace that
 * `settleEpochFixed` pays from (lib/rewards/fixed.ts, which mirrors ArenaSettlement to the wei). No step is
 * recomputed here: every number is read off `traceEpochFixed`, so the explanation's amounts are the settlement's.
 */

/** How a step's integer reads: token wei, a WAD fraction, a score in 1e-6 or 1e-18 metric units, or a count. */
export type StepUnit = "tokens" | "wad" | "score6" | "score18" | "count";

export type Step = { key: string; label: string; formula: string; value: bigint; unit: StepUnit };

/** A delegation counted in the epoch: `amount` of `delegator` with `delegatee`. */
export type Delegation = { delegator: string; delegatee: string; amount: bigint };

export type NodeExplanation = {
  role: "node";
  id: string;
  trace: NodeTrace;
  steps: Step[];
  /** Per validator that scored it, in reveal order: its score and stake (the aggregate's terms). */
  raters: { validator: string; score: bigint; stake: bigint }[];
};

export type ValidatorExplanation = { role: "validator"; id: string; trace: ValidatorTrace; steps: Step[] };

export type DelegatorExplanation = {
  role: "delegator";
  id: string;
  delegatee: string;
  delegateeRole: "node" | "validator";
  amount: bigint;
  /** The delegatee's delegated stake, its delegators' part and the per-share increment (scaled by 1e18). */
  delegated: bigint;
  toDelegators: bigint;
  perShare: bigint;
  reward: bigint;
  steps: Step[];
};

export type AddressExplanation = NodeExplanation | ValidatorExplanation | DelegatorExplanation;

export type EpochExplanation = {
  trace: EpochTrace;
  /** Steps every address shares: R₀ and its split between nodes and validators. */
  epochSteps: Step[];
  nodes: NodeExplanation[];
  validators: ValidatorExplanation[];
  delegators: DelegatorExplanation[];
};

const step = (key: string, label: string, formula: string, value: bigint, unit: StepUnit): Step => ({
  key,
  label,
  formula,
  value,
  unit,
});

function epochSteps(t: EpochTrace): Step[] {
  return [
    step("r0", "Epoch reward R₀", "pool left ÷ scoring epochs left", t.reward, "tokens"),
    step("sumNodeStake", "Node stake T", "Σ stake of scored nodes", t.sumNodeStake, "tokens"),
    step(
      "sumValidatorStake",
      "Validator stake S",
      "Σ stake of revealing validators",
      t.sumValidatorStake,
      "tokens",
    ),
    step("nodeStakeFraction", "T/(T+S)", "⌊T·1e18/(T+S)⌋", t.nodeStakeFraction, "wad"),
    step("nodeCoefficient", "Node share of R₀", "γ + (1 − 2γ)·T/(T+S)", t.nodeCoefficient, "wad"),
    step("rewardNodes", "Node pool R_n", "⌊R₀·share⌋", t.rewardNodes, "tokens"),
    step("rewardValidators", "Validator pool R_v", "R₀ − R_n", t.rewardValidators, "tokens"),
  ];
}

function splitSteps(
  p: { earned: bigint; kept: bigint; toDelegators: bigint; perShare: bigint },
  rho: bigint,
) {
  return [
    step("rho", "Reward share ρ in force", "set by the pool, applies from the next epoch", rho, "wad"),
    step(
      "toDelegators",
      "To its delegators",
      "⌊⌊F·ρ⌋·delegated/(own + delegated)⌋",
      p.toDelegators,
      "tokens",
    ),
    step("perShare", "Per delegated token", "⌊to delegators·1e18/delegated⌋", p.perShare, "wad"),
    step("kept", "Kept", "F − to delegators", p.kept, "tokens"),
  ];
}

function explainNode(input: EpochInput, t: EpochTrace, n: NodeTrace): NodeExplanation {
  const rho = input.nodes.find((x) => same(x.id, n.id))?.rewardShare ?? 0n;
  const raters = input.validators.flatMap((v) => {
    const score = v.scores.get(n.id);
    return score === undefined ? [] : [{ validator: v.id, score: BigInt(score), stake: v.own + v.delegated }];
  });
  const tie =
    n.tiedWith > 1 ? `ranks ${n.tieStart + 1}–${n.tieStart + n.tiedWith} tied: mean of their q^(k−1)` : "";
  const steps = [
    step("scoreStakeSum", "Σ score × validator stake", "Σ_j r_j·s_j", n.scoreStakeSum, "count"),
    step("stakeSum", "Σ validator stake", "Σ_j s_j", n.stakeSum, "tokens"),
    step("mean", "Aggregate score r̄", "⌊Σ r·s·1e12/Σ s⌋", n.mean, "score18"),
    step("rank", "Rank", tie || "best first by r̄", BigInt(n.rank + 1), "count"),
    step("g", "Rank weight g_k", tie || "q^(k−1)", n.g, "wad"),
    step("stake", "Stake t", "own + delegated in the epoch", n.stake, "tokens"),
    step("stakePow", "Stake weight t^α", "t^α_t", n.stakePow, "wad"),
    step("weight", "Weight", "⌊g_k·t^α⌋", n.weight, "wad"),
    step("sumWeight", "Σ weights", "over scored nodes", t.sumWeight, "wad"),
    step("earned", "Pool earnings F", "⌊R_n·weight/Σ weights⌋", n.payout.earned, "tokens"),
    ...splitSteps(n.payout, rho),
  ];
  return { role: "node", id: n.id, trace: n, steps, raters };
}

function explainValidator(input: EpochInput, t: EpochTrace, v: ValidatorTrace): ValidatorExplanation {
  const rho = input.validators.find((x) => same(x.id, v.id))?.rewardShare ?? 0n;
  const steps = [
    step("stake", "Stake s", "own + delegated in the epoch", v.stake, "tokens"),
    step("stakePow", "Stake weight s^α", "s^α_v", v.stakePow, "wad"),
    step("scoredCount", "Submissions it scored", "each below", BigInt(v.scores.length), "count"),
    step("phiSum", "Σ shares φ", "Σ_i ⌊u_i·1e18/Z_i⌋", v.phiSum, "wad"),
    step("scored", "Scored submissions n", "the mean's divisor", BigInt(t.scored), "count"),
    step(
      "meanShare",
      "Mean share Σφ/n",
      "shown rounded; pay uses Σφ",
      t.scored ? v.phiSum / BigInt(t.scored) : 0n,
      "wad",
    ),
    step("earned", "Pool earnings F", "⌊R_v·Σφ/(n·1e18)⌋", v.payout.earned, "tokens"),
    ...splitSteps(v.payout, rho),
  ];
  return { role: "validator", id: v.id, trace: v, steps };
}

function explainDelegator(t: EpochTrace, input: EpochInput, d: Delegation): DelegatorExplanation | undefined {
  const node = t.nodes.find((n) => same(n.id, d.delegatee));
  const validator = t.validators.find((v) => same(v.id, d.delegatee));
  const pool = node?.payout ?? validator?.payout;
  const staker = [...input.nodes, ...input.validators].find((s) => same(s.id, d.delegatee));
  if (!pool || !staker) return undefined;
  const reward = delegatorReward(d.amount, pool.perShare);
  const steps = [
    step("poolEarned", "Delegatee's pool earnings F", "see the delegatee", pool.earned, "tokens"),
    step("delegated", "Delegated to it", "all delegations counted in the epoch", staker.delegated, "tokens"),
    step(
      "toDelegators",
      "Its delegators' part",
      "⌊⌊F·ρ⌋·delegated/(own + delegated)⌋",
      pool.toDelegators,
      "tokens",
    ),
    step("perShare", "Per delegated token", "⌊part·1e18/delegated⌋", pool.perShare, "wad"),
    step("amount", "Your delegation", "counted in the epoch", d.amount, "tokens"),
    step("reward", "Your reward", "⌊amount·per token/1e18⌋", reward, "tokens"),
  ];
  return {
    role: "delegator",
    id: d.delegator,
    delegatee: d.delegatee,
    delegateeRole: node ? "node" : "validator",
    amount: d.amount,
    delegated: staker.delegated,
    toDelegators: pool.toDelegators,
    perShare: pool.perShare,
    reward,
    steps,
  };
}

/** Explains every payout of an epoch: `input` as the contract saw it (stakes and ρ in the epoch, reveal order). */
export function explainEpoch(input: EpochInput, delegations: readonly Delegation[] = []): EpochExplanation {
  const trace = traceEpochFixed(input);
  return {
    trace,
    epochSteps: epochSteps(trace),
    nodes: trace.nodes.map((n) => explainNode(input, trace, n)),
    validators: trace.validators.map((v) => explainValidator(input, trace, v)),
    delegators: delegations.flatMap((d) => explainDelegator(trace, input, d) ?? []),
  };
}

/** What `address` earned in the epoch, in each of its roles. */
export function explanationsFor(e: EpochExplanation, address: string): AddressExplanation[] {
  return [
    ...e.nodes.filter((n) => same(n.id, address)),
    ...e.validators.filter((v) => same(v.id, address)),
    ...e.delegators.filter((d) => same(d.id, address)),
  ];
}

/** What an explanation says was paid to the address in that role (kept by a pool, or a delegator's reward). */
export function amountOf(x: AddressExplanation): bigint {
  return x.role === "delegator" ? x.reward : x.trace.payout.kept;
}

/** What the contract recorded for the epoch (SubmissionSettled, ValidatorRewarded, DelegatorsRewarded). */
export type PaidRecords = {
  nodes: readonly { node: string; meanScore: bigint; weight: bigint; reward: bigint }[];
  validators: readonly { validator: string; reward: bigint }[];
  delegatorRewards: readonly { delegatee: string; amount: bigint; perShare: bigint }[];
  /** EpochSettled: R₀, R_n, R_v and Σ paid. */
  epoch?: { reward: bigint; rewardNodes: bigint; rewardValidators: bigint; paid: bigint };
};

/** Differences between the explanation and what the contract recorded (empty: it explains every wei). */
export function mismatches(e: EpochExplanation, paid: PaidRecords): string[] {
  const out: string[] = [];
  const eq = (what: string, ours: bigint, theirs: bigint) => {
    if (ours !== theirs) out.push(`${what}: explained ${ours}, paid ${theirs}`);
  };
  const t = e.trace;
  if (paid.epoch) {
    eq("R₀ (R_n + R_v)", t.rewardNodes + t.rewardValidators, paid.epoch.reward);
    eq("R_n", t.rewardNodes, paid.epoch.rewardNodes);
    eq("R_v", t.rewardValidators, paid.epoch.rewardValidators);
    eq("paid", t.paid, paid.epoch.paid);
  }
  for (const n of e.nodes) {
    const r = paid.nodes.find((x) => same(x.node, n.id));
    if (!r) {
      out.push(`node ${n.id}: no SubmissionSettled`);
      continue;
    }
    eq(`node ${n.id} mean`, n.trace.mean, r.meanScore);
    eq(`node ${n.id} weight`, n.trace.weight, r.weight);
    eq(`node ${n.id} reward`, n.trace.payout.earned, r.reward);
  }
  if (paid.nodes.length !== e.nodes.length)
    out.push(`${paid.nodes.length} nodes paid, ${e.nodes.length} explained`);
  for (const v of e.validators) {
    const r = paid.validators.find((x) => same(x.validator, v.id));
    if (!r) out.push(`validator ${v.id}: no ValidatorRewarded`);
    else eq(`validator ${v.id} reward`, v.trace.payout.earned, r.reward);
  }
  if (paid.validators.length !== e.validators.length)
    out.push(`${paid.validators.length} validators paid, ${e.validators.length} explained`);
  const pools = [...e.nodes, ...e.validators].filter((p) => p.trace.payout.toDelegators > 0n);
  for (const p of pools) {
    const r = paid.delegatorRewards.find((x) => same(x.delegatee, p.id));
    if (!r) out.push(`${p.id}: no DelegatorsRewarded`);
    else {
      eq(`${p.id} to delegators`, p.trace.payout.toDelegators, r.amount);
      eq(`${p.id} per share`, p.trace.payout.perShare, r.perShare);
    }
  }
  if (paid.delegatorRewards.length !== pools.length)
    out.push(`${paid.delegatorRewards.length} delegator rewards paid, ${pools.length} explained`);
  return out;
}

/** A step's value in readable units (tokens, a fraction, a score in metric units or a count). */
export function readable(value: bigint, unit: StepUnit, digits = 6): string {
  const scale =
    unit === "tokens" || unit === "wad"
      ? WAD
      : unit === "score6"
        ? SCORE_SCALE
        : unit === "score18"
          ? METRIC_SCALE
          : 1n;
  if (scale === 1n) return formatInteger(value);
  return formatScaled(value, scale.toString().length - 1, digits);
}
