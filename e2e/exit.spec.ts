import type { Locator, Page } from "@playwright/test";
import { parseEther, parseEventLogs, type Address } from "viem";
import { arenaTargetsAbi, arenaTasksAbi } from "../contracts-abi";
import { splitReward } from "../lib/targets";
import {
  approve,
  createTask,
  delegate,
  drawSeed,
  epochTimes,
  fund,
  NODE,
  scoreEpoch,
  setRewardShare,
  settleOnChain,
  stake,
  submitInEpoch,
  timeTravelTo,
  tokenBalance,
  VALIDATOR,
  writeTasks,
} from "./arena";
import { actAs, type ChainFixture, confirmedToast, connectDevWallet, expect, test } from "./fixtures";

/** What ArenaTasks may keep of this task once everyone has left: rounding of reward-per-share, in wei. */
const DUST = 10_000n;

function arenaRead(chain: ChainFixture) {
  const address = chain.address("ArenaTasks");
  const read = chain.publicClient.readContract.bind(chain.publicClient);
  return {
    task: async (id: bigint) =>
      (await read({ abi: arenaTasksAbi, address, functionName: "getTask", args: [id] }))[0],
    escrow: (id: bigint, node: Address) =>
      read({ abi: arenaTasksAbi, address, functionName: "nodeEscrowOf", args: [id, node] }),
    claimable: (a: Address) => read({ abi: arenaTasksAbi, address, functionName: "claimableOf", args: [a] }),
    delegation: (id: bigint, delegatee: Address, delegator: Address) =>
      read({ abi: arenaTasksAbi, address, functionName: "delegationOf", args: [id, delegatee, delegator] }),
    unbonding: (id: bigint, a: Address) =>
      read({ abi: arenaTasksAbi, address, functionName: "unbondingOf", args: [id, a] }),
    fee: async () => {
      const [bps, treasury] = await Promise.all([
        read({ abi: arenaTasksAbi, address, functionName: "feeBps" }),
        read({ abi: arenaTasksAbi, address, functionName: "treasury" }),
      ]);
      return (amount: bigint) =>
        treasury === "0x0000000000000000000000000000000000000000" ? 0n : (amount * bps) / 10_000n;
    },
  };
}

/** Clicks an enabled button and waits for its transaction's confirmed toast. */
async function confirm(page: Page, button: Locator, label: string | RegExp) {
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.locator(confirmedToast).filter({ hasText: label }).last()).toBeVisible();
}

function line(page: Page, taskId: bigint, kind: string) {
  return page.locator(`[data-testid="portfolio-line"][data-kind="${kind}"][data-scope^="#${taskId} "]`);
}

/** As `account`, on the portfolio: clicks `button` on the task's line of `kind` and waits for `toast`. */
async function actOnLine(
  page: Page,
  account: Address,
  taskId: bigint,
  kind: string,
  button: string,
  toast = button,
) {
  await actAs(page, account);
  await page.goto("/rewards");
  await confirm(page, line(page, taskId, kind).getByRole("button", { name: button }), toast);
}

test("exit: after a task with a challenge, every actor brings every token home from the UI", async ({
  page,
  chain,
}, testInfo) => {
  test.setTimeout(420_000);
  const a = chain.accounts;
  // Accounts 13–19 are untouched by the demo seed; account 0 (creator and challenger) has no stake in it and
  // account 12 (a seed delegator) only undelegates here, so no other task's rewards enter their balances.
  const creator = a[0]!;
  const nodes = [a[13]!, a[14]!, a[15]!];
  const validators = [a[16]!, a[17]!, a[18]!];
  const [d1, d2] = [a[19]!, a[12]!];
  const challenged = nodes[2]!;
  for (const x of [...nodes, ...validators, d1]) await fund(chain, x, parseEther("1000"));
  const actors = [creator, ...nodes, ...validators, d1, d2];
  const start = new Map<Address, bigint>();
  for (const x of actors) start.set(x, await tokenBalance(chain, x));
  const r = arenaRead(chain);
  const arenaAddress = chain.address("ArenaTasks");
  const arenaStart = await tokenBalance(chain, arenaAddress);
  const claimableBefore = await r.claimable(creator);

  // ----- the run-through, straight on chain -----
  const taskId = await createTask(chain, creator, "Exit run");
  const { pool: poolStart, creatorStake } = await r.task(taskId);
  expect(creatorStake).toBeGreaterThan(0n);
  for (const n of nodes) await stake(chain, n, taskId, NODE, parseEther("200"));
  for (const v of validators) await stake(chain, v, taskId, VALIDATOR, parseEther("200"));
  await delegate(chain, d1, taskId, validators[0]!, parseEther("100"));
  await delegate(chain, d2, taskId, challenged, parseEther("100"));
  // Half of what the delegated-to validator and node earn goes to their delegators (from epoch 1).
  for (const x of [validators[0]!, challenged]) await setRewardShare(chain, x, taskId, parseEther("0.5"));

  const e1 = await submitInEpoch(
    chain,
    taskId,
    1n,
    nodes.map((node, i) => ({
      node,
      uri: `/models/exit-${i}`,
      hash: `0x${(i + 1).toString(16).repeat(64)}`,
    })),
  );
  await drawSeed(chain, taskId, 1n);
  const plans = await scoreEpoch(chain, taskId, 1n, validators, (i) => 1_000_000 + Number(i) * 50_000);
  expect(plans.length, "validators drawn for epoch 1").toBeGreaterThan(0);
  await timeTravelTo(chain, e1.end);
  await settleOnChain(chain, taskId, [0n, 1n]);

  // Challenge phase (epoch 4): the creator challenges the third node; every validator upholds it.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 4n)).start);
  const bond = parseEther("50");
  await approve(chain, creator, bond);
  const opened = await writeTasks(chain, creator, "openChallenge", [taskId, challenged, bond]);
  const [openLog] = parseEventLogs({
    abi: arenaTasksAbi,
    logs: (await chain.publicClient.getTransactionReceipt({ hash: opened })).logs,
    eventName: "ChallengeOpened",
  });
  const challengeId = openLog!.args.challengeId;
  await timeTravelTo(chain, BigInt(openLog!.args.answerDeadline));
  for (const v of validators) await writeTasks(chain, v, "voteChallenge", [challengeId, true]);
  await settleOnChain(chain, taskId, [2n, 3n]);
  await timeTravelTo(chain, BigInt(openLog!.args.voteDeadline));

  // What each actor is owed, from the contract's views before anyone exits.
  const escrow = await Promise.all(nodes.map((n) => r.escrow(taskId, n)));
  const credits = await Promise.all(validators.map((v) => r.claimable(v)));
  const [, , d1Rewards] = await r.delegation(taskId, validators[0]!, d1);
  const [, , d2Rewards] = await r.delegation(taskId, challenged, d2);
  expect(escrow[0]! + escrow[1]!, "nodes earned in epoch 1").toBeGreaterThan(0n);
  expect(escrow[2], "the challenged node earned too").toBeGreaterThan(0n);
  expect(credits[0], "the most staked validator is drawn for every submission").toBeGreaterThan(0n);
  expect(d1Rewards, "its delegator earns half").toBeGreaterThan(0n);
  expect(d2Rewards, "the challenged node's delegator earned before the challenge").toBeGreaterThan(0n);
  const fee = await r.fee();

  // ----- the exit, through the UI only -----
  await page.goto("/");
  await connectDevWallet(page);

  // The challenger resolves its challenge and claims what it was credited.
  await actAs(page, creator);
  await page.goto("/rewards");
  await expect(line(page, taskId, "Creator stake")).toContainText("Free to withdraw");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`portfolio-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await confirm(
    page,
    line(page, taskId, "Challenge bond").getByRole("button", { name: "Resolve" }),
    "Resolve",
  );
  const settledLogs = parseEventLogs({
    abi: arenaTasksAbi,
    logs: await chain.publicClient.getLogs({ address: arenaAddress, fromBlock: 0n }),
    eventName: "ChallengeSettled",
  }).filter((l) => l.args.challengeId === challengeId);
  expect(settledLogs[0]?.args.upheld).toBe(true);
  const transferred = settledLogs[0]!.args.transferred;
  await confirm(page, page.getByRole("button", { name: "Claim all" }), "Claim all rewards");
  // The creator takes back its stake and what the epochs left in the pool, from the task page.
  await page.goto(`/tasks/${taskId}`);
  const poolLeft = (await r.task(taskId)).pool;
  await confirm(page, page.getByRole("button", { name: "Withdraw creator stake" }), "Withdraw creator stake");
  await confirm(page, page.getByRole("button", { name: "Reclaim pool" }), "Reclaim the unused pool");

  // Nodes: unstake from the task page, claim there (the challenged node has nothing left to claim).
  for (const [i, n] of nodes.entries()) {
    await actAs(page, n);
    await page.goto(`/tasks/${taskId}`);
    const panel = page.getByTestId("stake-panel");
    await panel.getByLabel("Amount to unstake").fill("200");
    await confirm(page, panel.getByRole("button", { name: "Unstake", exact: true }), "Unstake");
    if (i < 2 && escrow[i]! > 0n) {
      await confirm(
        page,
        page.getByTestId("task-rewards").getByRole("button", { name: /^Claim/ }),
        "Claim rewards",
      );
    } else if (i === 2) {
      await expect(page.getByTestId("task-rewards")).toHaveCount(0);
    }
  }
  // Validators and delegators: from the portfolio.
  for (const [i, v] of validators.entries()) {
    await actOnLine(page, v, taskId, "Stake", "Unstake all");
    if (credits[i]! > 0n)
      await confirm(page, page.getByRole("button", { name: "Claim all" }), "Claim all rewards");
  }
  for (const d of [d1, d2]) await actOnLine(page, d, taskId, "Delegation", "Undelegate all");
  if (d1Rewards > 0n) {
    await actAs(page, d1);
    await page.goto("/rewards");
    await confirm(page, page.getByRole("button", { name: "Claim all" }), "Claim all rewards");
  }

  // Unbonding: withdrawals are disabled, with the epoch they open, until then.
  const unbonding = await r.unbonding(taskId, validators[0]!);
  await actAs(page, validators[0]!);
  await page.goto("/rewards");
  const withdraw = line(page, taskId, "Unbonding stake").getByRole("button", { name: "Withdraw" });
  await expect(withdraw).toBeDisabled();
  await expect(line(page, taskId, "Unbonding stake")).toContainText(`epoch ${unbonding.releaseEpoch}`);
  const releases = [
    ...(await Promise.all([...nodes, ...validators].map((x) => r.unbonding(taskId, x)))),
    (await r.delegation(taskId, validators[0]!, d1))[1],
    (await r.delegation(taskId, challenged, d2))[1],
  ].map((u) => u.releaseEpoch);
  const release = Math.max(...releases);
  await timeTravelTo(chain, (await epochTimes(chain, taskId, BigInt(release))).start);

  for (const n of nodes) {
    await actAs(page, n);
    await page.goto(`/tasks/${taskId}`);
    await confirm(
      page,
      page.getByTestId("stake-panel").getByRole("button", { name: "Withdraw" }),
      "Withdraw",
    );
  }
  for (const v of validators) await actOnLine(page, v, taskId, "Unbonding stake", "Withdraw");
  for (const d of [d1, d2]) await actOnLine(page, d, taskId, "Unbonding delegation", "Withdraw delegation");

  // ----- on chain: everything went home -----
  const net = (amount: bigint) => amount - fee(amount);
  const taskState = await r.task(taskId);
  expect(taskState.pool).toBe(0n);
  expect(taskState.creatorStake).toBe(0n);
  for (const x of actors) {
    const u = await r.unbonding(taskId, x);
    expect(u.amount + u.released).toBe(0n);
  }
  const arenaEnd = await tokenBalance(chain, arenaAddress);
  expect(arenaEnd).toBeGreaterThanOrEqual(arenaStart);
  expect(arenaEnd - arenaStart, `ArenaTasks keeps at most ${DUST} wei of this task`).toBeLessThanOrEqual(
    DUST,
  );

  const expected = new Map<Address, bigint>([
    // Creator: pool and stake in, stake and leftover pool out; challenger: bond back, the forfeited rewards in.
    [creator, start.get(creator)! - poolStart + poolLeft + net(claimableBefore + transferred)],
    [nodes[0]!, start.get(nodes[0]!)! + net(escrow[0]!)],
    [nodes[1]!, start.get(nodes[1]!)! + net(escrow[1]!)],
    // The challenged node and its delegator lose their task rewards, nothing else.
    [challenged, start.get(challenged)!],
    [validators[0]!, start.get(validators[0]!)! + net(credits[0]!)],
    [validators[1]!, start.get(validators[1]!)! + net(credits[1]!)],
    [validators[2]!, start.get(validators[2]!)! + net(credits[2]!)],
    [d1, start.get(d1)! + net(d1Rewards)],
    [d2, start.get(d2)!],
  ]);
  // The forfeited rewards: the node's escrow and what its delegators earned (their positions round down).
  expect(transferred - (escrow[2]! + d2Rewards)).toBeGreaterThanOrEqual(0n);
  expect(transferred - (escrow[2]! + d2Rewards)).toBeLessThanOrEqual(DUST);
  for (const [x, want] of expected) expect(await tokenBalance(chain, x), `balance of ${x}`).toBe(want);
});

test("exit: a target's submitter, model owner and auditor bring their tokens home from the portfolio", async ({
  page,
  chain,
}) => {
  test.setTimeout(240_000);
  const address = chain.address("ArenaTargets");
  const read = chain.publicClient.readContract.bind(chain.publicClient);
  const epoch = await read({ abi: arenaTargetsAbi, address, functionName: "currentEpoch" });
  const count = await read({ abi: arenaTargetsAbi, address, functionName: "targetCount" });
  let id: bigint | undefined;
  for (let t = 1n; t <= count; t++) {
    const [, , , status] = await read({ abi: arenaTargetsAbi, address, functionName: "targets", args: [t] });
    const s = await read({ abi: arenaTargetsAbi, address, functionName: "submissions", args: [t] });
    if (status === 2 && epoch >= BigInt(s[2]) + 2n && s[9]) id = t;
  }
  expect(id, "the seeded claimable, audited target").toBeDefined();
  const [reward] = await read({ abi: arenaTargetsAbi, address, functionName: "targets", args: [id!] });
  const [submitter, modelId, , , bond, , , , auditor] = await read({
    abi: arenaTargetsAbi,
    address,
    functionName: "submissions",
    args: [id!],
  });
  const [model] = await read({
    abi: arenaTargetsAbi,
    address,
    functionName: "getModel",
    args: [BigInt(modelId)],
  });
  const [auditorStake] = await read({
    abi: arenaTargetsAbi,
    address,
    functionName: "validators",
    args: [auditor],
  });
  const people = [submitter, model.owner, auditor];
  expect(new Set(people).size, "three different people").toBe(3);
  const before = await Promise.all(people.map((p) => tokenBalance(chain, p)));
  const targetsBefore = await tokenBalance(chain, address);

  await page.goto("/");
  await connectDevWallet(page);
  // The submitter claims (one claim pays all three).
  await actAs(page, submitter);
  await page.goto("/rewards");
  const targetLine = page.locator(`[data-testid="portfolio-line"][data-scope="Target #${id}"]`);
  await confirm(page, targetLine.getByRole("button", { name: `Claim target #${id}` }), `Claim target #${id}`);
  // The model owner retires the model: its stake comes back.
  await actAs(page, model.owner);
  await page.goto("/rewards");
  await expect(page.locator(`[data-testid="portfolio-line"][data-scope="Target #${id}"]`)).toHaveCount(0);
  await confirm(
    page,
    page.locator(`[data-testid="portfolio-line"][data-scope="Model #${modelId}"]`).getByRole("button", {
      name: "Retire model",
    }),
    "Retire model",
  );
  // The auditor exits the validators, waits out its audit epochs, and withdraws its stake.
  await actAs(page, auditor);
  await page.goto("/rewards");
  const validatorLine = page.locator('[data-testid="portfolio-line"][data-kind="Target validator stake"]');
  await confirm(page, validatorLine.getByRole("button", { name: "Exit validators" }), "Exit validators");
  const withdraw = validatorLine.getByRole("button", { name: "Withdraw stake" });
  await expect(withdraw).toBeDisabled();
  await chain.testClient.increaseTime({ seconds: 3 * 86_400 });
  await chain.testClient.mine({ blocks: 1 });
  await page.reload();
  await confirm(page, withdraw, "Withdraw stake");

  const split = splitReward(reward, true);
  const after = await Promise.all(people.map((p) => tokenBalance(chain, p)));
  expect(after[0]! - before[0]!).toBe(split.toSubmitter + bond);
  expect(after[1]! - before[1]!).toBe(split.toModel + model.stake);
  expect(after[2]! - before[2]!).toBe(split.toAuditor + auditorStake);
  // What left the targets contract is exactly what they were paid.
  const paid = after.reduce((s, x, i) => s + x - before[i]!, 0n);
  expect(targetsBefore - (await tokenBalance(chain, address))).toBe(paid);
});
