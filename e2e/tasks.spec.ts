import { parseEther } from "viem";
import { formatTokenAmount } from "../lib/format";
import { arenaTasksAbi, arenaTokenAbi } from "../contracts-abi";
import { modelCommitment } from "../lib/sortition";
import type { Page } from "@playwright/test";
import { shippedContentHash } from "../lib/scoring/node-files";
import { nodeLoss, relativeDifference } from "./scorer-helpers";
import {
  createTask,
  DEFAULT_SET_HASHES,
  epochTimes,
  events,
  FINAL_SALT,
  fund,
  joinAll,
  NODE,
  scoreEpochOne,
  send,
  settleOnChain,
  submitModel,
  taskWith,
  taskWithDelegation,
  timeTravelTo,
  tokenBalance,
  validatorInCommitWindow,
  writeTasks,
} from "./arena";
import {
  type ChainFixture,
  confirmedToast,
  connectDevWallet,
  expect,
  openTask,
  switchDevAccount,
  test,
} from "./fixtures";

/** In the validator panel: draw the epoch's seed (the app mines the two blocks on the local chain). */
async function drawSeedInUi(page: Page, chain: ChainFixture, taskId: bigint, epoch: bigint) {
  const step = page.getByTestId("seed-step");
  await expect(step).toHaveAttribute("data-step", "draw");
  const from = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await page.getByRole("button", { name: "Draw this epoch's seed" }).click();
  await expect(
    page.locator(confirmedToast).filter({ hasText: `Draw the seed of epoch ${epoch}` }),
  ).toBeVisible();
  await expect(step).toHaveAttribute("data-step", "ready");
  const fixed = (await events(chain, "SeedBlockFixed")).filter(
    (e) => e.args.taskId === taskId && e.args.epoch === epoch && e.blockNumber > from,
  );
  expect(fixed).toHaveLength(1);
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(fixed[0]!.args.seedBlock);
  const [state] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getEpoch",
    args: [taskId, epoch],
  });
  expect(state.seed).not.toBe(`0x${"0".repeat(64)}`);
}

test("create a task in the UI: validated form, approve and publish, then its page", async ({
  page,
  chain,
}) => {
  await page.goto("/tasks/new");
  const me = await connectDevWallet(page);
  await fund(chain, me);
  await page.getByLabel("Title", { exact: true }).fill("Summarise support tickets");
  await page.getByLabel("Epoch length (seconds)").fill("30");
  await page.getByRole("button", { name: /Approve and publish/ }).click();
  await expect(page.getByText("Epoch length (seconds) must be between 60 and 2592000.")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Summarise support tickets");
  // Only the epoch length is wrong: the windows derived from it are not marked; the split does not depend on it.
  await expect(page.getByLabel("Commit window (seconds)")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByLabel("Reveal window (seconds)")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByTestId("reward-preview")).toContainText("Rank 1 gets");
  // A pool of 1e30 is too large, says the limit, and the preview computes nothing on it.
  await page.getByLabel("Reward pool (ARENA)").fill("1e30");
  await page.getByLabel("Reward pool (ARENA)").blur();
  await expect(
    page.getByText("Reward pool (ARENA) is too large: it must be at most 309,485,009.82 ARENA."),
  ).toBeVisible();
  await expect(page.getByTestId("reward-preview")).toContainText("Fix Reward pool (ARENA) to see the split");
  await expect(page.getByTestId("reward-preview")).not.toContainText("Rank 1 gets");
  await expect(page.getByTestId("reward-preview")).not.toContainText(/e\+/);
  await page.getByLabel("Reward pool (ARENA)").fill("10000");

  await page.getByLabel("Epoch length (seconds)").fill("600");
  await page.getByLabel("Commit window (seconds)").fill("150");
  await page.getByLabel("Reveal window (seconds)").fill("150");
  await page.getByRole("button", { name: /Approve and publish/ }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  const id = BigInt(page.url().split("/").pop()!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Summarise support tickets");
  const [state] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getTask",
    args: [id],
  });
  expect(state.creator).toBe(me);
  expect(state.pool).toBe(parseEther("10000"));
});

test("stake as a node and submit a model", async ({ page, chain }) => {
  const taskId = await createTask(chain, chain.accounts[0]!, "Node flow");
  await page.goto("/");
  const me = await connectDevWallet(page);
  await fund(chain, me);
  await openTask(page, taskId);
  await page.getByLabel("Amount to stake").fill("200");
  await page.getByRole("button", { name: "Approve and stake" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Stake as node" })).toBeVisible();
  const p = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getParticipant",
    args: [taskId, me],
  });
  expect(p.role).toBe(NODE);

  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  await page.reload();
  await page.getByRole("button", { name: "Hash the model file" }).click();
  await expect(page.getByLabel("Content hash (sha256)")).toHaveValue(/^0x[0-9a-f]{64}$/);
  await page.getByRole("button", { name: "Commit and submit model" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Commit model" })).toBeVisible();
  await expect(page.locator(confirmedToast).filter({ hasText: "Submit model" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Model submitted." })).toBeVisible();
  const committed = (await events(chain, "ModelCommitted")).filter(
    (e) => e.args.taskId === taskId && e.args.node === me,
  );
  const submitted = (await events(chain, "ModelSubmitted")).filter(
    (e) => e.args.taskId === taskId && e.args.node === me && e.args.uri === "/models/arena-lm-small",
  );
  expect(committed).toHaveLength(1);
  expect(submitted).toHaveLength(1);
  // The submission came in a later block than the commitment, and matches it.
  expect(submitted[0]!.blockNumber).toBeGreaterThan(committed[0]!.blockNumber);
  expect(committed[0]!.args.commitment).toBe(
    modelCommitment(taskId, me, "/models/arena-lm-small", submitted[0]!.args.contentHash),
  );
  await expect(page.getByTestId("submissions")).toContainText("/models/arena-lm-small");
});

test("an assigned validator commits then reveals scores; a lost salt is explained", async ({
  page,
  chain,
}) => {
  const { taskId, me, e1 } = await validatorInCommitWindow(page, chain, "Validator flow", {
    uri: "/models/arena-lm-base",
    hash: `0x${"ee".repeat(32)}`,
  });
  await openTask(page, taskId);
  await expect(page.getByLabel(/Score for submission/)).toHaveCount(0);
  await drawSeedInUi(page, chain, taskId, 1n);
  await expect(page.getByTestId("scoring-set")).toContainText("the public evaluation set");
  await page.getByLabel(/Score for submission/).fill("1.25");
  await page.getByRole("button", { name: "Commit scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Commit scores" })).toBeVisible();
  // The first commit records the seed it was drawn from.
  const opened = (await events(chain, "EpochOpened")).filter(
    (e) => e.args.taskId === taskId && e.args.epoch === 1n,
  );
  expect(opened).toHaveLength(1);

  await timeTravelTo(chain, e1.commitEnd);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage))
      if (k.startsWith("arena.commit.")) sessionStorage.setItem(k, localStorage.getItem(k)!);
    for (const k of Object.keys(localStorage)) if (k.startsWith("arena.commit.")) localStorage.removeItem(k);
  });
  await page.reload();
  await page.getByRole("button", { name: "Reveal scores" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "salt of this commitment is not in this browser" }),
  ).toBeVisible();
  expect((await events(chain, "ScoresRevealed")).filter((e) => e.args.taskId === taskId)).toHaveLength(0);

  await page.evaluate(() => {
    for (const k of Object.keys(sessionStorage))
      if (k.startsWith("arena.commit.")) localStorage.setItem(k, sessionStorage.getItem(k)!);
  });
  await page.reload();
  await page.getByRole("button", { name: "Reveal scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Reveal scores" })).toBeVisible();
  const revealed = (await events(chain, "ScoresRevealed")).filter((e) => e.args.taskId === taskId);
  expect(revealed).toHaveLength(1);
  expect(revealed[0]!.args.validator).toBe(me);
  expect(revealed[0]!.args.scores).toEqual([1_250_000]);
});

test("settle a due epoch in pages, then the leaderboard and rewards show it", async ({ page, chain }) => {
  const [, , node, validator] = chain.accounts;
  const taskId = await taskWith(chain, "Settlement flow", {
    nodes: [node!],
    validators: [validator!],
    stake: parseEther("300"),
  });
  await scoreEpochOne(chain, taskId, node!, validator!, 1_100_000);

  await page.goto("/");
  await connectDevWallet(page);
  await openTask(page, taskId);
  await page.getByRole("button", { name: "Settle epoch 0" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Epoch 0 settled" })).toBeVisible();
  await page.getByRole("button", { name: "Settle epoch 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Epoch 1 settled" })).toBeVisible();
  const settled = (await events(chain, "EpochSettled")).filter(
    (e) => e.args.taskId === taskId && e.args.epoch === 1n,
  );
  expect(settled).toHaveLength(1);
  expect(settled[0]!.args.paid).toBeGreaterThan(0n);
  await expect(page.getByTestId("submissions")).toContainText("1.1000");

  await page.goto("/leaderboard");
  await expect(page.getByTestId("node-leaderboard")).toContainText(node!.slice(0, 6));
  await expect(page.getByTestId("validator-leaderboard")).toContainText(validator!.slice(0, 6));

  await switchDevAccount(page, validator!);
  await page.goto("/rewards");
  await expect(page.getByTestId("claimable")).not.toHaveText("0 ARENA");
  const before = await tokenBalance(chain, validator!);
  const claimFrom = await chain.publicClient.getBlockNumber();
  await page.getByRole("button", { name: "Claim all" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Claim all rewards" })).toBeVisible();
  const claimed = (await events(chain, "Claimed")).filter(
    (e) => e.args.account === validator && e.blockNumber > claimFrom,
  );
  expect(claimed).toHaveLength(1);
  const after = await tokenBalance(chain, validator!);
  expect(after - before).toBe(claimed[0]!.args.amount);
  await expect(page.getByTestId("claimable")).toHaveText("0 ARENA");
});

test("delegate to a node: its delegators' rewards are escrowed during the task, claimable after it", async ({
  page,
  chain,
}) => {
  const [, , node, validator] = chain.accounts;
  const taskId = await taskWith(chain, "Delegation flow", {
    nodes: [node!],
    validators: [validator!],
    stake: parseEther("300"),
  });

  await page.goto("/");
  await connectDevWallet(page);
  await switchDevAccount(page, node!);
  await page.goto("/delegate");
  await page.getByLabel(`ρ in task #${taskId}`, { exact: true }).fill("50");
  await page.getByRole("button", { name: `Set ρ in task #${taskId}` }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Set reward share" })).toBeVisible();
  const shares = (await events(chain, "RewardShareSet")).filter((e) => e.args.taskId === taskId);
  expect(shares.at(-1)?.args.rewardShare).toBe(parseEther("0.5"));

  const delegator = chain.accounts[6]!;
  await fund(chain, delegator);
  await switchDevAccount(page, delegator);
  await page.goto("/delegate");
  const row = page
    .getByTestId("delegatee-row")
    .filter({ hasText: node!.slice(0, 6) })
    .filter({ hasText: `#${taskId}` });
  await row.getByRole("button", { name: "Delegate" }).click();
  await expect(page.getByText("escrowed until the task's challenges are resolved")).toBeVisible();
  await page.getByLabel("Amount to delegate").fill("100");
  await page.getByRole("button", { name: "Approve and delegate" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Delegate to" })).toBeVisible();

  await scoreEpochOne(chain, taskId, node!, validator!, 1_000_000);
  await settleOnChain(chain, taskId, [0n, 1n]);
  const position = () =>
    chain.publicClient.readContract({
      abi: arenaTasksAbi,
      address: chain.address("ArenaTasks"),
      functionName: "delegationOf",
      args: [taskId, node!, delegator],
    });
  const [, , earned] = await position();
  expect(earned).toBeGreaterThan(0n);

  // During the task: earned, but escrowed with the node's rewards, not claimable.
  await page.goto("/rewards");
  const mine = page.getByTestId("my-delegation").filter({ hasText: `Task #${taskId}:` });
  await expect(mine).toContainText("escrowed");
  await expect(mine).toContainText(formatTokenAmount(earned));
  await expect(page.getByTestId("escrowed-delegation")).toBeVisible();
  await page.goto("/delegate");
  await expect(
    page
      .getByTestId("my-delegation")
      .filter({ hasText: `Task #${taskId}:` })
      .getByTestId("delegation-rewards"),
  ).toContainText("escrowed until the task's challenges are resolved");

  // After the task (3 submission + 1 final + 1 challenge epochs), with every scoring epoch settled: claimable.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 5n)).start);
  await settleOnChain(chain, taskId, [2n, 3n]);
  await page.goto("/rewards");
  await expect(mine).toContainText("claimable");
  const before = await chain.publicClient.getBlockNumber();
  const balanceBefore = await tokenBalance(chain, delegator);
  await page.getByRole("button", { name: "Claim all" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Claim all rewards" })).toBeVisible();
  // The demo seed made claims of its own: keep the one made here.
  const claimed = (await events(chain, "Claimed")).filter(
    (e) => e.args.account === delegator && e.blockNumber > before,
  );
  expect(claimed).toHaveLength(1);
  const harvested = (await events(chain, "DelegationRewardsHarvested")).filter(
    (e) => e.args.taskId === taskId && e.args.delegator === delegator && e.blockNumber > before,
  );
  expect(harvested.reduce((sum, e) => sum + e.args.amount, 0n)).toBe(earned);
  expect(claimed[0]!.args.amount).toBeGreaterThanOrEqual(earned);
  const [positionAfter, , left] = await position();
  expect(left).toBe(0n);
  expect(positionAfter.escrowed).toBe(0n);
  const balanceAfter = await tokenBalance(chain, delegator);
  expect(balanceAfter - balanceBefore).toBe(claimed[0]!.args.amount);
});

test("bad input: invalid stake amounts are refused before any transaction", async ({ page, chain }) => {
  const taskId = await createTask(chain, chain.accounts[0]!, "Bad input");
  await page.goto("/");
  await connectDevWallet(page);
  await openTask(page, taskId);
  const block = await chain.publicClient.getBlockNumber();
  await page.getByLabel("Amount to stake").fill("999999999");
  await page.getByRole("button", { name: "Approve and stake" }).click();
  await expect(page.getByText("The amount is more than you have.")).toBeVisible();
  await page.getByLabel("Amount to stake").fill("1.5x");
  await page.getByRole("button", { name: "Approve and stake" }).click();
  await expect(page.getByText("Enter a number like 100 or 2.5.")).toBeVisible();
  await page.getByLabel("Amount to stake").fill("10");
  await page.getByRole("button", { name: "Approve and stake" }).click();
  await expect(page.getByText("The minimum node stake is 100 ARENA.")).toBeVisible();
  await expect(page.getByLabel("Amount to stake")).toHaveValue("10");
  expect(await chain.publicClient.getBlockNumber()).toBe(block);
});

test("score my assigned submissions in the browser fills the commit form with the Node scorer's numbers", async ({
  page,
  chain,
}) => {
  test.setTimeout(240_000);
  const { taskId } = await validatorInCommitWindow(page, chain, "Score in the browser", {
    uri: "/models/arena-lm-tiny",
    hash: await shippedContentHash("arena-lm-tiny"), // the validator's scorer checks the model against it
  });
  await openTask(page, taskId);
  await drawSeedInUi(page, chain, taskId, 1n);
  await page.getByRole("button", { name: "Score my assigned submissions" }).click();
  const input = page.getByLabel(/Score for submission/);
  await expect(input).toHaveValue(/^\d+\.\d{6}$/, { timeout: 180_000 });
  const browser = Number(await input.inputValue());
  const reference = (await nodeLoss("arena-lm-tiny", "chat.jsonl")).value;
  expect(relativeDifference(browser, reference)).toBeLessThan(1e-4);
  await page.getByRole("button", { name: "Commit scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Commit scores" })).toBeVisible();
});

test("a challenge is answered and voted within its windows, then resolved", async ({ page, chain }) => {
  const [, , node, challenger] = chain.accounts;
  const taskId = await createTask(chain, chain.accounts[0]!, "Challenge flow");
  await page.goto("/");
  const me = await connectDevWallet(page);
  await fund(chain, challenger!);
  await joinAll(chain, taskId, { nodes: [node!], validators: [me] });
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  const arena = chain.address("ArenaTasks");
  await submitModel(chain, node!, taskId, "/models/arena-lm-small", `0x${"42".repeat(32)}`);
  // 3 submission epochs and 1 final epoch: the challenge phase is epoch 4.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 4n)).start);
  await send(chain, challenger!, (w) =>
    w.writeContract({
      abi: arenaTokenAbi,
      address: chain.address("ArenaToken"),
      functionName: "approve",
      args: [arena, parseEther("50")],
    }),
  );
  await writeTasks(chain, challenger!, "openChallenge", [taskId, node!, parseEther("50")]);
  const [opened] = (await events(chain, "ChallengeOpened")).filter((e) => e.args.taskId === taskId);
  const id = opened!.args.challengeId;
  const read = () =>
    chain.publicClient.readContract({
      abi: arenaTasksAbi,
      address: arena,
      functionName: "getChallenge",
      args: [id],
    });
  const { answerDeadline, voteDeadline } = await read();
  expect(voteDeadline - answerDeadline).toBe(600);

  // Not answered yet: the validator's vote is disabled and says why; deadlines count down.
  await openTask(page, taskId);
  const challenge = page.getByTestId("challenge");
  await expect(challenge).toContainText("with a bond of 50 ARENA");
  await expect(challenge).toHaveAttribute("data-stage", "answer");
  await expect(challenge.getByTestId("challenge-deadlines")).toContainText(/Answer by .* \(in \d+m/);
  await expect(challenge.getByRole("button", { name: "Vote uphold" })).toBeDisabled();
  await expect(challenge).toContainText("Not answered yet");

  // The node answers with a proof in its answer window.
  await switchDevAccount(page, node!);
  await challenge.getByLabel("Proof URI").fill("http://localhost:3000/api/blobs/training-log");
  await challenge.getByRole("button", { name: "Answer" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Answer challenge" })).toBeVisible();
  expect((await read()).answered).toBe(true);

  // The validator votes in the vote window.
  await switchDevAccount(page, me);
  await expect(challenge).toHaveAttribute("data-stage", "vote");
  await challenge.getByRole("button", { name: "Vote uphold" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Vote to uphold" })).toBeVisible();
  // The demo seed's challenges have votes of their own: keep this validator's.
  const votes = (await events(chain, "ChallengeVoted")).filter((v) => v.args.validator === me);
  expect(votes).toHaveLength(1);
  expect(votes[0]!.args.uphold).toBe(true);
  expect(votes[0]!.args.weight).toBe(parseEther("200"));
  expect((await read()).votesUphold).toBe(parseEther("200"));
  await expect(challenge).toContainText("uphold 200");
  await expect(challenge.getByRole("button", { name: "Vote uphold" })).toBeDisabled();
  await expect(challenge).toContainText("You already voted");
  await expect(challenge.getByRole("button", { name: "Resolve" })).toBeDisabled();

  // Past the vote window, with every scoring epoch settled, anyone resolves it: upheld, the node's rewards go.
  await timeTravelTo(chain, BigInt(voteDeadline));
  await settleOnChain(chain, taskId, [0n, 1n, 2n, 3n]);
  await page.reload();
  await expect(challenge).toHaveAttribute("data-stage", "resolvable");
  await challenge.getByRole("button", { name: "Resolve" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Resolve challenge" })).toBeVisible();
  const resolved = await read();
  expect(resolved.resolved).toBe(true);
  expect(resolved.upheld).toBe(true);
  const forfeited = (await events(chain, "NodeRewardsForfeited")).filter((e) => e.args.taskId === taskId);
  expect(forfeited).toHaveLength(1);
  expect(forfeited[0]!.args.node).toBe(node);
  await expect(challenge).toContainText("upheld");
});

test("a delegation change waits for settlement: the page says so and settles the epoch first", async ({
  page,
  chain,
}) => {
  const [, , node] = chain.accounts;
  const delegator = chain.accounts[7]!;
  const taskId = await taskWithDelegation(chain, "Settlement pending", node!, delegator);
  // The delegation took effect in epoch 1; epoch 0 is not settled, so changing it now would revert.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);

  await page.goto("/");
  await connectDevWallet(page);
  await switchDevAccount(page, delegator);
  await page.goto("/delegate");
  const mine = page.getByTestId("my-delegation").filter({ hasText: `Task #${taskId}:` });
  await expect(mine.getByRole("note")).toContainText("Settle epoch 0 first");
  await expect(mine.getByRole("button", { name: "Undelegate" })).toBeDisabled();
  await mine.getByRole("button", { name: "Settle epoch 0" }).click();
  await expect(mine.getByRole("note")).toHaveCount(0);
  const [state] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getTask",
    args: [taskId],
  });
  expect(state.settledEpochs).toBe(1);

  await expect(mine.getByRole("button", { name: "Undelegate" })).toBeEnabled();
  await mine.getByLabel(/^Undelegate from/).fill("40");
  await mine.getByRole("button", { name: "Undelegate" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Undelegate" })).toBeVisible();
  const undelegated = (await events(chain, "Undelegated")).filter(
    (e) => e.args.taskId === taskId && e.args.delegator === delegator,
  );
  expect(undelegated).toHaveLength(1);
  expect(undelegated[0]!.args.amount).toBe(parseEther("40"));
});

test("a final-validation epoch is scored on the held-back set the creator revealed before its seed", async ({
  page,
  chain,
}) => {
  const [creator, , node] = chain.accounts;
  const taskId = await createTask(chain, creator!, "Final validation flow");
  await page.goto("/");
  const me = await connectDevWallet(page);
  await joinAll(chain, taskId, { nodes: [node!], validators: [me] });
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  await submitModel(chain, node!, taskId, "/models/arena-lm-small", `0x${"5f".repeat(32)}`);
  // 3 submission epochs: epoch 3 is the final validation; the creator reveals, then submissions close.
  const e3 = await epochTimes(chain, taskId, 3n);
  await timeTravelTo(chain, e3.start);
  await writeTasks(chain, creator!, "revealFinalEval", [
    taskId,
    "/models/samples/plain.txt",
    DEFAULT_SET_HASHES.heldBackHash,
    FINAL_SALT,
  ]);
  await timeTravelTo(chain, e3.submitEnd);

  await openTask(page, taskId);
  await drawSeedInUi(page, chain, taskId, 3n);
  await expect(page.getByTestId("scoring-set")).toContainText("the held-back set the creator revealed");
  await page.getByLabel(/Score for submission/).fill("0.9");
  await page.getByRole("button", { name: "Commit scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Commit scores for epoch 3" })).toBeVisible();
  const [state] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getEpoch",
    args: [taskId, 3n],
  });
  expect(state.heldBackSet).toBe(true);
});

test("the timeline counts down with chain time between blocks, warns before a window closes, and fits the phase", async ({
  page,
  chain,
}) => {
  const taskId = await createTask(chain, chain.accounts[0]!, "Ticking timeline");
  const e1 = await epochTimes(chain, taskId, 1n);
  await timeTravelTo(chain, e1.start);
  await openTask(page, taskId);
  const status = page.getByTestId("timeline-status");
  await expect(status).toContainText("Submission · epoch 1 · submit window closes in");
  const block = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const seconds = async () => {
    const m = /submit window closes in (\d+)m (\d+)s/.exec((await status.textContent()) ?? "");
    return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  };
  const first = await seconds();
  expect(first).toBeGreaterThan(200);
  await expect.poll(seconds, { timeout: 10_000 }).toBeLessThanOrEqual(first - 3);
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(block);
  await expect(status).toHaveAttribute("data-warn", "false");

  // 50 s before the commit window closes: amber, and it says so.
  await timeTravelTo(chain, e1.commitEnd - 50n);
  await expect(status).toHaveAttribute("data-warn", "true");
  await expect(status).toContainText(/commit window closes in \d+s · .* — closing soon/);

  // Challenge phase (after 3 submission epochs and 1 final one): no submit window any more.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 4n)).start);
  await expect(status).toContainText("Challenge · scoring is over; a model can be challenged until");
  await expect(status).not.toContainText("submit window");
  await expect(status).toHaveAttribute("data-warn", "false");
});

test("a node's second submission in an epoch supersedes its first: the epoch's reward shows once", async ({
  page,
  chain,
}) => {
  const [, , node, validator] = chain.accounts;
  const taskId = await taskWith(chain, "Two submissions", {
    nodes: [node!],
    validators: [validator!],
    stake: parseEther("300"),
  });
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  await submitModel(chain, node!, taskId, "/models/first-try", `0x${"ef".repeat(32)}`);
  await scoreEpochOne(chain, taskId, node!, validator!, 1_000_000);
  await settleOnChain(chain, taskId, [0n, 1n]);
  const [result] = (await events(chain, "SubmissionSettled")).filter(
    (e) => e.args.taskId === taskId && e.args.epoch === 1n,
  );
  expect(result?.args.reward).toBeGreaterThan(0n);

  await openTask(page, taskId);
  const rows = page.getByTestId("submission-row");
  await expect(rows).toHaveCount(2);
  const counted = rows.filter({ hasText: "/models/arena-lm-small" });
  await expect(counted).toHaveAttribute("data-counted", "true");
  await expect(counted).toContainText(formatTokenAmount(result!.args.reward));
  const superseded = rows.filter({ hasText: "/models/first-try" });
  await expect(superseded).toHaveAttribute("data-counted", "false");
  await expect(superseded).toContainText("superseded");
  await expect(superseded).not.toContainText(formatTokenAmount(result!.args.reward));
  // γ is explained with what the epoch actually paid each side.
  const [settled] = (await events(chain, "EpochSettled")).filter(
    (e) => e.args.taskId === taskId && e.args.epoch === 1n,
  );
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText(
    `γ = 0.7: nodes get R₀·(γ + (1 − 2γ)·T/(T+S))`,
  );
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText(
    `Epoch 1 paid ${formatTokenAmount(settled!.args.rewardNodes)} ARENA to nodes and ${formatTokenAmount(settled!.args.rewardValidators)} to validators`,
  );
});
