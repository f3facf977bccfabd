import { db } from "ponder:api";
import * as schema from "ponder:schema";
import { and, countDistinct, eq, inArray, ne, or, sql, type PgColumn } from "ponder";
import { getAddress, type Address } from "viem";
import type {
  ArenaIndex,
  TaskTotals,
  ChallengeView,
  ParticipantView,
  TaskConfigView,
  TaskView,
} from "../../../lib/arena/indexer";
import { parse } from "../../../lib/indexer/codec";
import { noTaskRecords } from "../../../lib/indexer/trim";

/**
 * Builds the pages' views (lib/arena/indexer.ts types) from the indexer's tables with one query per table,
 * filtered to the tasks asked for. Addresses come back checksummed, as viem gives them to the app.
 */

const addr = (a: string): Address => getAddress(a);
const ROLE = { 1: "node", 2: "validator" } as const;

export type LoadOptions = {
  /** Only this account's participant rows and delegations, and the rows of those it delegates to. */
  participantsOf?: Address;
  /** Leave out per-epoch history (submissions, scores, results, rewards, harvests, ρ and stake changes). */
  withoutHistory?: boolean;
  /** Claims of this account only (all claims otherwise; none when task ids are given). */
  claimsOf?: Address;
};

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export async function loadTasks(taskIds?: readonly bigint[], options: LoadOptions = {}): Promise<ArenaIndex> {
  const ids = taskIds ? [...taskIds] : undefined;
  const only = (col: PgColumn) => (ids ? inArray(col, ids) : undefined);
  const history = !options.withoutHistory;
  const who = options.participantsOf?.toLowerCase() as `0x${string}` | undefined;
  const delegationsQuery = db
    .select()
    .from(schema.delegation)
    .where(and(only(schema.delegation.taskId), who ? eq(schema.delegation.delegator, who) : undefined));
  const mine = who ? await delegationsQuery : [];
  const participantsWhere = who
    ? and(
        only(schema.participant.taskId),
        or(
          eq(schema.participant.account, who),
          ...mine.map((d) =>
            and(eq(schema.participant.taskId, d.taskId), eq(schema.participant.account, d.delegatee)),
          ),
        ),
      )
    : only(schema.participant.taskId);
  const [tasks, participants, delegations, submissions, commits, reveals, nodeResults, validatorResults] =
    await Promise.all([
      db
        .select()
        .from(schema.task)
        .where(ids ? inArray(schema.task.id, ids) : undefined),
      db.select().from(schema.participant).where(participantsWhere),
      who ? Promise.resolve(mine) : delegationsQuery,
      history ? db.select().from(schema.submission).where(only(schema.submission.taskId)) : none<never>(),
      history ? db.select().from(schema.scoreCommit).where(only(schema.scoreCommit.taskId)) : none<never>(),
      history ? db.select().from(schema.scoreReveal).where(only(schema.scoreReveal.taskId)) : none<never>(),
      history ? db.select().from(schema.nodeResult).where(only(schema.nodeResult.taskId)) : none<never>(),
      history
        ? db.select().from(schema.validatorResult).where(only(schema.validatorResult.taskId))
        : none<never>(),
    ]);
  const [delegatorRewards, harvests, epochs, seeds, challenges, shareChanges, stakeChanges] =
    await Promise.all([
      history
        ? db.select().from(schema.delegatorReward).where(only(schema.delegatorReward.taskId))
        : none<never>(),
      history ? db.select().from(schema.harvest).where(only(schema.harvest.taskId)) : none<never>(),
      db.select().from(schema.epochResult).where(only(schema.epochResult.taskId)),
      db.select().from(schema.epochSeed).where(only(schema.epochSeed.taskId)),
      db.select().from(schema.challenge).where(only(schema.challenge.taskId)),
      history
        ? db.select().from(schema.rewardShareChange).where(only(schema.rewardShareChange.taskId))
        : none<never>(),
      history
        ? db
            .select()
            .from(schema.stakeChange)
            .where(
              ids
                ? and(inArray(schema.stakeChange.taskId, ids), ne(schema.stakeChange.kind, "withdraw"))
                : ne(schema.stakeChange.kind, "withdraw"),
            )
        : none<never>(),
    ]);
  const challengeIds = challenges.map((c) => c.id);
  const votes = challengeIds.length
    ? await db
        .select()
        .from(schema.challengeVote)
        .where(inArray(schema.challengeVote.challengeId, challengeIds))
    : [];
  const claims = options.claimsOf
    ? await db
        .select()
        .from(schema.claim)
        .where(eq(schema.claim.account, options.claimsOf.toLowerCase() as `0x${string}`))
    : ids
      ? []
      : await db.select().from(schema.claim);

  const index: ArenaIndex = { tasks: new Map(), claims: [], challengeTask: new Map() };
  for (const t of tasks) {
    index.tasks.set(t.id, {
      id: t.id,
      creator: addr(t.creator),
      metric: t.metric,
      rewardPool: t.rewardPool,
      start: t.start,
      title: t.title,
      description: t.description,
      baseModel: t.baseModel,
      dataURI: t.dataURI,
      evalSetURI: t.evalSetURI,
      evalSetHash: t.evalSetHash,
      finalEvalURI: t.finalEvalURI ?? undefined,
      heldBackEvalSetHash: t.heldBackEvalSetHash ?? null,
      config: t.config ? parse<TaskConfigView>(t.config) : undefined,
      contextLength: t.contextLength ?? undefined,
      maxParams: t.maxParams ?? undefined,
      cancelled: t.cancelled,
      participants: new Map(),
      epochs: new Map(),
      ...noTaskRecords(),
      challenges: new Map(),
      seeds: new Map(),
    });
  }
  const taskOf = (id: bigint): TaskView | undefined => index.tasks.get(id);
  for (const p of participants) {
    const t = taskOf(p.taskId);
    if (!t) continue;
    const view: ParticipantView = {
      account: addr(p.account),
      role: ROLE[p.role as 1 | 2] ?? "node",
      ownStake: p.ownStake,
      delegated: p.delegated,
      delegators: new Map(),
      rewardShare: p.rewardShare,
      submissions: [],
      nodeIndex: p.nodeIndex ?? undefined,
      modelCommit:
        p.modelCommitEpoch !== null && p.modelCommitment && p.modelCommitBlock !== null
          ? { epoch: p.modelCommitEpoch, commitment: p.modelCommitment, block: p.modelCommitBlock }
          : undefined,
      forfeited:
        p.forfeitedNode !== null && p.forfeitedDelegators !== null
          ? { nodeAmount: p.forfeitedNode, delegatorsAmount: p.forfeitedDelegators }
          : undefined,
    };
    t.participants.set(view.account, view);
  }
  const participantOf = (taskId: bigint, account: string) => taskOf(taskId)?.participants.get(addr(account));
  for (const c of shareChanges.sort((a, b) => Number(a.block - b.block) || a.id.localeCompare(b.id))) {
    const p = participantOf(c.taskId, c.delegatee);
    if (p) (p.rewardShareChanges ??= []).push({ rewardShare: c.rewardShare, fromEpoch: c.fromEpoch });
  }
  for (const c of stakeChanges.sort((a, b) => Number(a.block - b.block) || a.id.localeCompare(b.id))) {
    const p = participantOf(c.taskId, c.account);
    if (p && c.epoch !== null && c.kind !== "withdraw")
      (p.stakeChanges ??= []).push({ kind: c.kind, amount: c.amount, epoch: c.epoch });
  }
  for (const d of delegations)
    participantOf(d.taskId, d.delegatee)?.delegators.set(addr(d.delegator), d.amount);
  for (const s of submissions.sort((a, b) => Number(a.block - b.block))) {
    if (s.revoked) continue;
    participantOf(s.taskId, s.node)?.submissions.push({
      epoch: s.epoch,
      nodeIndex: s.nodeIndex,
      uri: s.uri,
      contentHash: s.contentHash,
      block: s.block,
    });
  }
  for (const c of commits) taskOf(c.taskId)?.commits.push({ epoch: c.epoch, validator: addr(c.validator) });
  const revealOrder = (r: (typeof reveals)[number]) => r.block * 1_000_000n + BigInt(r.logIndex);
  reveals.sort((a, b) => (revealOrder(a) < revealOrder(b) ? -1 : revealOrder(a) > revealOrder(b) ? 1 : 0));
  for (const r of reveals)
    taskOf(r.taskId)?.reveals.push({
      epoch: r.epoch,
      validator: addr(r.validator),
      nodeIndices: r.nodeIndices.map(BigInt),
      scores: r.scores,
      receipt: r.receipt,
    });
  for (const r of nodeResults)
    taskOf(r.taskId)?.nodeResults.push({
      epoch: r.epoch,
      node: addr(r.node),
      meanScore: r.meanScore,
      weight: r.weight,
      reward: r.reward,
    });
  for (const r of validatorResults)
    taskOf(r.taskId)?.validatorResults.push({
      epoch: r.epoch,
      validator: addr(r.validator),
      reward: r.reward,
    });
  for (const r of delegatorRewards)
    taskOf(r.taskId)?.delegatorRewards.push({
      epoch: r.epoch,
      delegatee: addr(r.delegatee),
      amount: r.amount,
      perShare: r.perShare,
    });
  for (const h of harvests.sort((a, b) => Number(a.block - b.block)))
    taskOf(h.taskId)?.harvests.push({
      delegatee: addr(h.delegatee),
      delegator: addr(h.delegator),
      amount: h.amount,
      block: h.block,
    });
  for (const e of epochs) {
    const { taskId: _t, ...rest } = e;
    taskOf(e.taskId)?.epochs.set(e.epoch, rest);
  }
  for (const s of seeds)
    taskOf(s.taskId)?.seeds.set(s.epoch, { seedBlock: s.seedBlock ?? undefined, seed: s.seed ?? undefined });
  const votesOf = new Map<bigint, ChallengeView["votes"]>();
  for (const v of votes.sort((a, b) => Number(a.block - b.block))) {
    const list = votesOf.get(v.challengeId) ?? [];
    list.push({ validator: addr(v.validator), uphold: v.uphold, weight: v.weight });
    votesOf.set(v.challengeId, list);
  }
  for (const c of challenges.sort((a, b) => Number(a.id - b.id))) {
    const t = taskOf(c.taskId);
    if (!t) continue;
    index.challengeTask.set(c.id, c.taskId);
    t.challenges.set(c.id, {
      id: c.id,
      taskId: c.taskId,
      node: addr(c.node),
      challenger: addr(c.challenger),
      bond: c.bond,
      answerDeadline: c.answerDeadline,
      voteDeadline: c.voteDeadline,
      proofURI: c.proofURI ?? undefined,
      votes: votesOf.get(c.id) ?? [],
      settled:
        c.upheld !== null && c.transferred !== null
          ? { upheld: c.upheld, transferred: c.transferred }
          : undefined,
    });
  }
  for (const c of claims.sort((a, b) => Number(a.block - b.block)))
    index.claims.push({ account: addr(c.account), amount: c.amount, fee: c.fee, block: c.block });
  return index;
}

export async function hasTask(id: bigint): Promise<boolean> {
  const rows = await db.select({ id: schema.task.id }).from(schema.task).where(eq(schema.task.id, id));
  return rows.length > 0;
}

/** Each task's totals over all its participants, by SQL aggregate (no participant row leaves the database). */
export async function totalsByTask(): Promise<Map<bigint, TaskTotals>> {
  const p = schema.participant;
  const rows = await db
    .select({
      taskId: p.taskId,
      totalStake: sql<string>`coalesce(sum(${p.ownStake} + ${p.delegated}), 0)`,
      nodes: sql<number>`count(*) filter (where ${p.role} = 1 and ${p.ownStake} > 0)`,
      validators: sql<number>`count(*) filter (where ${p.role} = 2 and ${p.ownStake} > 0)`,
      participants: sql<number>`count(*) filter (where ${p.ownStake} > 0 or ${p.delegated} > 0)`,
    })
    .from(p)
    .groupBy(p.taskId);
  return new Map(
    rows.map((r) => [
      r.taskId,
      {
        totalStake: BigInt(String(r.totalStake).split(".")[0]!),
        nodes: Number(r.nodes),
        validators: Number(r.validators),
        participants: Number(r.participants),
      },
    ]),
  );
}

/** Everyone who ever staked or was delegated to, in any task. */
export async function participantCount(): Promise<number> {
  const [row] = await db.select({ n: countDistinct(schema.participant.account) }).from(schema.participant);
  return Number(row?.n ?? 0);
}

/** The tasks `account` has anything in: a role, a delegation, a harvest, a challenge, or it created them. */
export async function tasksOf(account: Address): Promise<bigint[]> {
  const a = account.toLowerCase() as `0x${string}`;
  const [roles, delegations, harvests, challenges, created] = await Promise.all([
    db
      .select({ id: schema.participant.taskId })
      .from(schema.participant)
      .where(eq(schema.participant.account, a)),
    db
      .select({ id: schema.delegation.taskId })
      .from(schema.delegation)
      .where(eq(schema.delegation.delegator, a)),
    db.select({ id: schema.harvest.taskId }).from(schema.harvest).where(eq(schema.harvest.delegator, a)),
    db
      .select({ id: schema.challenge.taskId })
      .from(schema.challenge)
      .where(eq(schema.challenge.challenger, a)),
    db.select({ id: schema.task.id }).from(schema.task).where(eq(schema.task.creator, a)),
  ]);
  return [...new Set([...roles, ...delegations, ...harvests, ...challenges, ...created].map((r) => r.id))];
}
