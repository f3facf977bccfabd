import { ponder } from "ponder:registry";
import {
  challenge,
  challengeVote,
  claim,
  delegation,
  delegatorReward,
  epochResult,
  epochSeed,
  harvest,
  nodeResult,
  participant,
  rewardShareChange,
  scoreCommit,
  scoreReveal,
  stakeChange,
  submission,
  task,
  validatorResult,
} from "ponder:schema";
import { and, eq } from "ponder";
import { ROLE } from "../../lib/arena/roles";
import { stringify } from "../../lib/indexer/codec";

/**
 * ArenaTasks → tables (schema/tasks.ts). Every handler writes what its event says and nothing it would have to
 * guess: live balances (claimable, escrow, stake at an epoch) stay on the contract and are read from it.
 */

type Db = Parameters<Parameters<typeof ponder.on<"ArenaTasks:Staked">>[1]>[0]["context"]["db"];

/** The participant row, created empty on first sight (a delegation can come before its delegatee's stake). */
async function ensureParticipant(db: Db, taskId: bigint, account: `0x${string}`, role = ROLE.Node) {
  await db
    .insert(participant)
    .values({ taskId, account, role, ownStake: 0n, delegated: 0n, rewardShare: 0n })
    .onConflictDoNothing();
}

ponder.on("ArenaTasks:TaskCreated", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(task).values({
    id: a.taskId,
    creator: a.creator,
    metric: Number(a.metric),
    rewardPool: a.rewardPool,
    start: Number(a.start),
    title: "",
    description: "",
    baseModel: "",
    dataURI: "",
    evalSetURI: "",
    evalSetHash: "0x",
    cancelled: false,
    createdBlock: event.block.number,
  });
});

ponder.on("ArenaTasks:TaskDescribed", async ({ event, context }) => {
  const { taskId, title, description, baseModel, dataURI, evalSetURI, evalSetHash } = event.args;
  await context.db
    .update(task, { id: taskId })
    .set({ title, description, baseModel, dataURI, evalSetURI, evalSetHash });
});

ponder.on("ArenaTasks:TaskConfigured", async ({ event, context }) => {
  const { taskId, config, contextLength, maxParams } = event.args;
  await context.db
    .update(task, { id: taskId })
    .set({ config: stringify(config), contextLength: Number(contextLength), maxParams });
});

ponder.on("ArenaTasks:TaskCancelled", async ({ event, context }) => {
  await context.db.update(task, { id: event.args.taskId }).set({ cancelled: true });
});

ponder.on("ArenaTasks:FinalEvalRevealed", async ({ event, context }) => {
  const { taskId, evalSetURI, evalSetHash } = event.args;
  await context.db
    .update(task, { id: taskId })
    .set({ finalEvalURI: evalSetURI, heldBackEvalSetHash: evalSetHash });
});

ponder.on("ArenaTasks:Staked", async ({ event, context }) => {
  const { taskId, account, role, amount, total, fromEpoch } = event.args;
  await context.db
    .insert(participant)
    .values({ taskId, account, role: Number(role), ownStake: total, delegated: 0n, rewardShare: 0n })
    .onConflictDoUpdate({ role: Number(role), ownStake: total });
  await context.db.insert(stakeChange).values({
    id: event.id,
    taskId,
    account,
    kind: "stake",
    amount,
    total,
    epoch: Number(fromEpoch),
    block: event.block.number,
  });
});

ponder.on("ArenaTasks:UnstakeRequested", async ({ event, context }) => {
  const { taskId, account, amount, remaining, releaseEpoch } = event.args;
  await ensureParticipant(context.db, taskId, account);
  await context.db.update(participant, { taskId, account }).set({ ownStake: remaining });
  await context.db.insert(stakeChange).values({
    id: event.id,
    taskId,
    account,
    kind: "unstake",
    amount,
    total: remaining,
    epoch: Number(releaseEpoch),
    block: event.block.number,
  });
});

ponder.on("ArenaTasks:Withdrawn", async ({ event, context }) => {
  const { taskId, account, amount } = event.args;
  const p = await context.db.find(participant, { taskId, account });
  await context.db.insert(stakeChange).values({
    id: event.id,
    taskId,
    account,
    kind: "withdraw",
    amount,
    total: p?.ownStake ?? 0n,
    block: event.block.number,
  });
});

ponder.on("ArenaTasks:Delegated", async ({ event, context }) => {
  const { taskId, delegatee, delegator, amount, fromEpoch } = event.args;
  await ensureParticipant(context.db, taskId, delegatee);
  await context.db
    .update(participant, { taskId, account: delegatee })
    .set((p) => ({ delegated: p.delegated + amount }));
  await context.db
    .insert(delegation)
    .values({ taskId, delegatee, delegator, amount, fromEpoch: Number(fromEpoch) })
    .onConflictDoUpdate((d) => ({ amount: d.amount + amount, fromEpoch: Number(fromEpoch) }));
});

ponder.on("ArenaTasks:Undelegated", async ({ event, context }) => {
  const { taskId, delegatee, delegator, amount } = event.args;
  await ensureParticipant(context.db, taskId, delegatee);
  await context.db
    .update(participant, { taskId, account: delegatee })
    .set((p) => ({ delegated: p.delegated - amount }));
  const d = await context.db.find(delegation, { taskId, delegatee, delegator });
  if (!d) return;
  if (d.amount <= amount) await context.db.delete(delegation, { taskId, delegatee, delegator });
  else
    await context.db.update(delegation, { taskId, delegatee, delegator }).set({ amount: d.amount - amount });
});

ponder.on("ArenaTasks:RewardShareSet", async ({ event, context }) => {
  const { taskId, delegatee, rewardShare, fromEpoch } = event.args;
  await ensureParticipant(context.db, taskId, delegatee);
  await context.db.update(participant, { taskId, account: delegatee }).set({ rewardShare });
  await context.db.insert(rewardShareChange).values({
    id: event.id,
    taskId,
    delegatee,
    rewardShare,
    fromEpoch: Number(fromEpoch),
    block: event.block.number,
  });
});

ponder.on("ArenaTasks:ModelCommitted", async ({ event, context }) => {
  const { taskId, epoch, node, commitment } = event.args;
  await ensureParticipant(context.db, taskId, node);
  await context.db.update(participant, { taskId, account: node }).set({
    modelCommitEpoch: Number(epoch),
    modelCommitment: commitment,
    modelCommitBlock: event.block.number,
  });
});

ponder.on("ArenaTasks:ModelSubmitted", async ({ event, context }) => {
  const { taskId, epoch, node, nodeIndex, uri, contentHash } = event.args;
  await ensureParticipant(context.db, taskId, node);
  await context.db.update(participant, { taskId, account: node }).set({
    role: ROLE.Node,
    nodeIndex: Number(nodeIndex),
    modelCommitEpoch: null,
    modelCommitment: null,
    modelCommitBlock: null,
  });
  await context.db.insert(submission).values({
    id: event.id,
    taskId,
    epoch: Number(epoch),
    node,
    nodeIndex: Number(nodeIndex),
    uri,
    contentHash,
    block: event.block.number,
    revoked: false,
  });
});

ponder.on("ArenaTasks:ModelSubmissionRevoked", async ({ event, context }) => {
  const { taskId, epoch, node, contentHash } = event.args;
  await context.db.sql
    .update(submission)
    .set({ revoked: true })
    .where(
      and(
        eq(submission.taskId, taskId),
        eq(submission.epoch, Number(epoch)),
        eq(submission.node, node),
        eq(submission.contentHash, contentHash),
      ),
    );
});

ponder.on("ArenaTasks:SeedBlockFixed", async ({ event, context }) => {
  const { taskId, epoch, seedBlock } = event.args;
  await context.db
    .insert(epochSeed)
    .values({ taskId, epoch: Number(epoch), seedBlock })
    .onConflictDoUpdate({ seedBlock });
});

ponder.on("ArenaTasks:EpochOpened", async ({ event, context }) => {
  const { taskId, epoch, seed } = event.args;
  await context.db
    .insert(epochSeed)
    .values({ taskId, epoch: Number(epoch), seed })
    .onConflictDoUpdate({ seed });
});

ponder.on("ArenaTasks:NodeRewardsForfeited", async ({ event, context }) => {
  const { taskId, node, nodeAmount, delegatorsAmount } = event.args;
  await ensureParticipant(context.db, taskId, node);
  await context.db
    .update(participant, { taskId, account: node })
    .set({ forfeitedNode: nodeAmount, forfeitedDelegators: delegatorsAmount });
});

ponder.on("ArenaTasks:ScoresCommitted", async ({ event, context }) => {
  const { taskId, epoch, validator } = event.args;
  await context.db
    .insert(scoreCommit)
    .values({ taskId, epoch: Number(epoch), validator, block: event.block.number })
    .onConflictDoUpdate({ block: event.block.number });
});

ponder.on("ArenaTasks:ScoresRevealed", async ({ event, context }) => {
  const { taskId, epoch, validator, nodeIndices, scores, receipt } = event.args;
  await context.db
    .insert(scoreReveal)
    .values({
      taskId,
      epoch: Number(epoch),
      validator,
      nodeIndices: nodeIndices.map(Number),
      scores: scores.map(Number),
      receipt,
      block: event.block.number,
      logIndex: event.log.logIndex,
    })
    .onConflictDoNothing();
});

ponder.on("ArenaTasks:SubmissionSettled", async ({ event, context }) => {
  const { taskId, epoch, node, meanScore, weight, reward } = event.args;
  await context.db
    .insert(nodeResult)
    .values({ taskId, epoch: Number(epoch), node, meanScore, weight, reward })
    .onConflictDoUpdate({ meanScore, weight, reward });
});

ponder.on("ArenaTasks:ValidatorRewarded", async ({ event, context }) => {
  const { taskId, epoch, validator, reward } = event.args;
  await context.db
    .insert(validatorResult)
    .values({ taskId, epoch: Number(epoch), validator, reward })
    .onConflictDoUpdate((r) => ({ reward: r.reward + reward }));
});

ponder.on("ArenaTasks:DelegatorsRewarded", async ({ event, context }) => {
  const { taskId, epoch, delegatee, amount, perShare } = event.args;
  await context.db
    .insert(delegatorReward)
    .values({ taskId, epoch: Number(epoch), delegatee, amount, perShare })
    .onConflictDoUpdate((r) => ({ amount: r.amount + amount, perShare }));
});

ponder.on("ArenaTasks:DelegationRewardsHarvested", async ({ event, context }) => {
  const { taskId, delegatee, delegator, amount } = event.args;
  await context.db
    .insert(harvest)
    .values({ id: event.id, taskId, delegatee, delegator, amount, block: event.block.number });
});

ponder.on("ArenaTasks:EpochSettled", async ({ event, context }) => {
  const { taskId, epoch, reward, rewardNodes, rewardValidators, paid, scored } = event.args;
  const row = { reward, rewardNodes, rewardValidators, paid, scored: Number(scored) };
  await context.db
    .insert(epochResult)
    .values({ taskId, epoch: Number(epoch), ...row })
    .onConflictDoUpdate(row);
});

ponder.on("ArenaTasks:ChallengeOpened", async ({ event, context }) => {
  const { challengeId, taskId, node, challenger, bond, answerDeadline, voteDeadline } = event.args;
  await context.db.insert(challenge).values({
    id: challengeId,
    taskId,
    node,
    challenger,
    bond,
    answerDeadline: Number(answerDeadline),
    voteDeadline: Number(voteDeadline),
  });
});

ponder.on("ArenaTasks:ChallengeAnswered", async ({ event, context }) => {
  await context.db.update(challenge, { id: event.args.challengeId }).set({ proofURI: event.args.proofURI });
});

ponder.on("ArenaTasks:ChallengeVoted", async ({ event, context }) => {
  const { challengeId, validator, uphold, weight } = event.args;
  await context.db
    .insert(challengeVote)
    .values({ challengeId, validator, uphold, weight, block: event.block.number })
    .onConflictDoNothing();
});

ponder.on("ArenaTasks:ChallengeSettled", async ({ event, context }) => {
  const { challengeId, upheld, transferred } = event.args;
  await context.db.update(challenge, { id: challengeId }).set({ upheld, transferred });
});

ponder.on("ArenaTasks:Claimed", async ({ event, context }) => {
  const { account, amount, fee } = event.args;
  await context.db.insert(claim).values({ id: event.id, account, amount, fee, block: event.block.number });
});
