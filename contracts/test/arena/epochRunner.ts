import type { Address } from "viem";
import { metricName, type MetricName } from "../../../lib/arena/metric.ts";
import { epochReward, settleEpochFixed } from "../../../lib/rewards/fixed.ts";
import type { EpochInput, EpochResult, ScoringValidator, Staker } from "../../../lib/rewards/types.ts";
import {
  addr,
  drawSeed,
  goTo,
  modelHash,
  scoreAssigned,
  settleAll,
  settleThrough,
  submitModel,
  type Connection,
  type Deployed,
  type Reveal,
  type Wallet,
  FINAL_EVAL_HASH,
  FINAL_EVAL_SALT,
  FINAL_EVAL_URI,
} from "./helpers.ts";

export type Cast = { nodes: Wallet[]; validators: Wallet[] };

export type EpochRun = {
  input: EpochInput;
  expected: EpochResult<bigint>;
  /** Per address: what the contract credited this epoch (node escrow or validator claimable). */
  credited: Map<Address, bigint>;
  /** Per delegatee: the accumulator increment the contract recorded. */
  perShare: Map<Address, bigint>;
  settleCalls: number;
};

/**
 * Runs one scoring epoch of a task on chain (submissions, sortition-assigned commits and reveals, paged
 * settlement) and computes what lib/rewards says it should pay, from the same on-chain inputs.
 */
export async function runEpoch(
  conn: Connection,
  d: Deployed,
  taskId: bigint,
  epoch: bigint,
  cast: Cast,
  scoreOf: (validator: number, node: bigint) => number,
  maxSteps: bigint,
  label = "",
): Promise<EpochRun> {
  const { arena } = d;
  const [, config] = await arena.read.getTask([taskId]);
  const inSubmission = epoch < BigInt(config.submissionEpochs);
  await goTo(conn, arena, taskId, epoch, "start");
  if (inSubmission) {
    for (const n of cast.nodes) {
      await submitModel(
        arena,
        taskId,
        n,
        `ipfs://model/${label}/${epoch}/${addr(n)}`,
        modelHash(`${label}:${taskId}:${epoch}:${addr(n)}`),
      );
    }
  } else {
    const [state] = await arena.read.getTask([taskId]);
    if (!state.finalEvalRevealed)
      await arena.write.revealFinalEval([taskId, FINAL_EVAL_URI, FINAL_EVAL_HASH, FINAL_EVAL_SALT]);
  }
  await goTo(conn, arena, taskId, epoch, "commit");
  await drawSeed(conn, arena, taskId, epoch);
  const reveals = await scoreAssigned(conn, arena, taskId, epoch, cast.validators, scoreOf, label);
  await settleThrough(arena, taskId, epoch - 1n);

  const input = await epochInput(d, taskId, epoch, cast, reveals, metricName(config.metric)!, config);
  const before = await creditsOf(d, taskId, cast);
  const accBefore = await accumulators(d, taskId, cast, epoch - 1n);
  const settleCalls = await settleAll(arena, taskId, epoch, maxSteps);
  const after = await creditsOf(d, taskId, cast);
  const accAfter = await accumulators(d, taskId, cast, epoch);
  const credited = new Map<Address, bigint>();
  for (const [a, v] of after) credited.set(a, v - (before.get(a) ?? 0n));
  const perShare = new Map<Address, bigint>();
  for (const [a, v] of accAfter) perShare.set(a, v - (accBefore.get(a) ?? 0n));
  return { input, expected: settleEpochFixed(input), credited, perShare, settleCalls };
}

type Config = Awaited<ReturnType<Deployed["arena"]["read"]["getTask"]>>[1];

async function staker(d: Deployed, taskId: bigint, epoch: bigint, w: Wallet): Promise<Staker> {
  const [own, delegated] = await d.arena.read.stakeAt([taskId, addr(w), epoch]);
  const rewardShare = await d.arena.read.rewardShareAt([taskId, addr(w), epoch]);
  return { id: addr(w), own, delegated, rewardShare };
}

async function epochInput(
  d: Deployed,
  taskId: bigint,
  epoch: bigint,
  cast: Cast,
  reveals: Map<number, Reveal>,
  metric: MetricName,
  config: Config,
): Promise<EpochInput> {
  const [state] = await d.arena.read.getTask([taskId]);
  const scoringEpochs = config.submissionEpochs + config.finalEpochs;
  const nodes = await Promise.all(cast.nodes.map((n) => staker(d, taskId, epoch, n)));
  const indexToNode = new Map<bigint, Address>();
  for (const n of cast.nodes) {
    const p = await d.arena.read.getParticipant([taskId, addr(n)]);
    indexToNode.set(BigInt(p.index), addr(n));
  }
  const validators: ScoringValidator[] = [];
  for (const [j, r] of reveals) {
    const s = await staker(d, taskId, epoch, cast.validators[j]!);
    const scores = new Map<string, number>();
    r.nodeIndices.forEach((i, k) => scores.set(indexToNode.get(i)!, r.scores[k]!));
    validators.push({ ...s, scores });
  }
  return {
    metric,
    mechanism: config.mechanism,
    reward: epochReward(state.pool, scoringEpochs, Number(epoch)),
    nodes,
    validators,
  };
}

async function creditsOf(d: Deployed, taskId: bigint, cast: Cast): Promise<Map<Address, bigint>> {
  const out = new Map<Address, bigint>();
  for (const n of cast.nodes) out.set(addr(n), await d.arena.read.nodeEscrowOf([taskId, addr(n)]));
  for (const v of cast.validators) out.set(addr(v), await d.arena.read.claimableOf([addr(v)]));
  return out;
}

/** The reward-per-share accumulators as of `epoch`, read through a zero-amount view position. */
async function accumulators(
  d: Deployed,
  taskId: bigint,
  cast: Cast,
  epoch: bigint,
): Promise<Map<Address, bigint>> {
  const out = new Map<Address, bigint>();
  for (const w of [...cast.nodes, ...cast.validators])
    out.set(addr(w), epoch < 0n ? 0n : await d.arena.read.accPerShareAt([taskId, addr(w), epoch]));
  return out;
}
