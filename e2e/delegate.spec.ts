import { parseEther, type Address } from "viem";
import { defaultTaskForm, validateTaskForm } from "../lib/arena/params";
import {
  createTaskWith,
  DAY,
  DEFAULT_SET_HASHES,
  delegate,
  epochTimes,
  events,
  FINAL_SALT,
  fund,
  NODE,
  scoreEpochOne,
  setRewardShare,
  settleOnChain,
  stake,
  taskWith,
  taskWithDelegation,
  timeTravelTo,
  tokenBalance,
  VALIDATOR,
} from "./arena";
import {
  actAs,
  type ChainFixture,
  confirmedToast,
  connectDevWallet,
  expect,
  switchDevAccount,
  test,
} from "./fixtures";

/** A task like `createTask`'s, with day-long epochs (6-hour commit and reveal windows). */
async function createDayTask(chain: ChainFixture, creator: Address, title: string): Promise<bigint> {
  const result = validateTaskForm(
    {
      ...defaultTaskForm(),
      title,
      epochLength: "86400",
      commitWindow: "21600",
      revealWindow: "21600",
      submissionEpochs: "3",
      finalEpochs: "1",
      challengeEpochs: "1",
      rewardPool: "3000",
      challengeBond: "50",
    },
    FINAL_SALT,
    DEFAULT_SET_HASHES,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return createTaskWith(chain, creator, result.task.params, result.task.creatorStake);
}

test("with no live task, my delegation is listed and comes home through undelegate and withdraw", async ({
  page,
  chain,
}) => {
  const [, , node] = chain.accounts;
  const delegator = chain.accounts[8]!;
  const taskId = await taskWithDelegation(chain, "Delegation exit", node!, delegator);
  // Every task, the demo's included, is over a month later; the scoring epochs of this one are settled.
  const later = (await chain.publicClient.getBlock()).timestamp + 40n * DAY;
  await timeTravelTo(chain, later);
  await settleOnChain(chain, taskId, [0n, 1n, 2n, 3n]);

  await page.goto("/");
  await connectDevWallet(page);
  await switchDevAccount(page, delegator);
  await page.goto("/delegate");
  await expect(page.getByText("No node or validator takes delegations right now.")).toBeVisible();
  const mine = page.getByTestId("my-delegation").filter({ hasText: `Task #${taskId}:` });
  await expect(mine).toContainText("100 ARENA to");
  await expect(mine.getByRole("button", { name: "Withdraw" })).toBeDisabled();
  await expect(mine).toContainText("Nothing to withdraw: undelegate first");

  const start = await tokenBalance(chain, delegator);
  await mine.getByLabel(/^Undelegate from/).fill("100");
  await mine.getByRole("button", { name: "Undelegate" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Undelegate" })).toBeVisible();
  const [undelegated] = (await events(chain, "Undelegated")).filter(
    (e) => e.args.taskId === taskId && e.args.delegator === delegator,
  );
  expect(undelegated?.args.amount).toBe(parseEther("100"));
  const release = BigInt(undelegated!.args.releaseEpoch);
  await expect(mine.getByTestId("delegation-unbonding")).toContainText(
    `100 ARENA unbonding until epoch ${release}`,
  );
  await expect(mine.getByRole("button", { name: "Undelegate" })).toBeDisabled();
  await expect(mine).toContainText("Nothing left delegated");
  await expect(mine.getByRole("button", { name: "Withdraw" })).toBeDisabled();
  await expect(mine).toContainText(`Unbonding until epoch ${release}`);

  // Once the release epoch is reached the button enables by itself (the page follows chain time).
  await timeTravelTo(chain, (await epochTimes(chain, taskId, release)).start);
  const withdraw = mine.getByRole("button", { name: "Withdraw 100 ARENA" });
  await expect(withdraw).toBeEnabled();
  await withdraw.click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Withdraw delegation" })).toBeVisible();
  const withdrawn = (await events(chain, "DelegationWithdrawn")).filter(
    (e) => e.args.taskId === taskId && e.args.delegator === delegator,
  );
  expect(withdrawn).toHaveLength(1);
  expect(withdrawn[0]!.args.amount).toBe(parseEther("100"));
  expect((await tokenBalance(chain, delegator)) - start).toBe(parseEther("100"));
  // Nothing left: the line goes, and the card says so.
  await expect(mine).toHaveCount(0);
});

test("the ρ form belongs to its account: a switch shows that account's ρ, and a locked ρ cannot be set", async ({
  page,
  chain,
}) => {
  const [, , nodeA, nodeB] = chain.accounts;
  const taskId = await taskWith(chain, "Reward share per account", {
    nodes: [nodeA!, nodeB!],
    stake: parseEther("300"),
  });
  await setRewardShare(chain, nodeB!, taskId, parseEther("0.4"));

  await page.goto("/");
  await connectDevWallet(page);
  await switchDevAccount(page, nodeA!);
  await page.goto("/delegate");
  const input = page.getByLabel(`ρ in task #${taskId}`, { exact: true });
  const form = page.getByTestId("reward-share-form").filter({ has: input });
  const set = page.getByRole("button", { name: `Set ρ in task #${taskId}` });
  await expect(input).toHaveValue("0");
  await expect(set).toBeDisabled();
  await expect(form).toContainText("That is already your ρ");
  await input.fill("25");
  await expect(set).toBeEnabled();

  // B changed ρ to 40 % a moment ago: its form shows 40, not A's 25, and Set waits 30 days.
  await actAs(page, nodeB!);
  await expect(input).toHaveValue("40");
  await expect(set).toBeDisabled();
  await expect(form).toContainText(/ρ is locked until \d{4}-\d\d-\d\d/);

  await actAs(page, nodeA!);
  await expect(input).toHaveValue("0");
  await input.fill("25");
  await set.click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Set reward share" })).toBeVisible();
  const shares = (await events(chain, "RewardShareSet")).filter((e) => e.args.taskId === taskId);
  expect(shares.map((e) => [e.args.delegatee, e.args.rewardShare])).toEqual([
    [nodeB, parseEther("0.4")],
    [nodeA, parseEther("0.25")],
  ]);
  await expect(set).toBeDisabled();
  await expect(form).toContainText("ρ is locked until");
});

test("a young pool with a huge return per delegated token shows no exponent, Infinity or NaN", async ({
  page,
  chain,
}) => {
  const [, , node, validator] = chain.accounts;
  const delegator = chain.accounts[9]!;
  const taskId = await taskWith(chain, "Young pool", {
    nodes: [node!],
    validators: [validator!],
    stake: parseEther("300"),
  });
  await fund(chain, delegator);
  await setRewardShare(chain, node!, taskId, parseEther("0.5"));
  await setRewardShare(chain, validator!, taskId, parseEther("0.5"));
  // An epoch pays the pool's delegators ~0.6 token per delegated token: compounded daily, 10^(lots) %.
  await delegate(chain, delegator, taskId, node!, parseEther("100"));
  await delegate(chain, delegator, taskId, validator!, parseEther("100"));
  await scoreEpochOne(chain, taskId, node!, validator!);
  await settleOnChain(chain, taskId, [0n, 1n]);
  const rewards = (await events(chain, "DelegatorsRewarded")).filter((e) => e.args.taskId === taskId);
  expect(rewards.length).toBeGreaterThan(0);
  expect(rewards.some((e) => e.args.perShare > parseEther("0.1"))).toBe(true);

  await page.goto("/delegate");
  const rows = page.getByTestId("delegatee-row").filter({ hasText: `#${taskId}` });
  await expect(rows).toHaveCount(2);
  const table = page.getByTestId("delegatees");
  await expect(table).not.toContainText(/e\+|e-\d|Infinity|NaN/);
  // Ten minutes of history: no yearly figure, and the reason is on the page.
  const figures = rows.filter({ hasText: node!.slice(0, 6) }).getByTestId("no-figure");
  await expect(figures.first()).toContainText("of history");
  await expect(figures.first()).toHaveAttribute(
    "title",
    /Only .* of history: a yearly figure needs at least 1 day/,
  );

  // A pool with day-long epochs, a day after its first reward: the APR is shown, eAPY is withheld.
  const dayTask = await createDayTask(chain, chain.accounts[0]!, "Day-long epochs");
  await stake(chain, node!, dayTask, NODE, parseEther("300"));
  await stake(chain, validator!, dayTask, VALIDATOR, parseEther("300"));
  await setRewardShare(chain, node!, dayTask, parseEther("0.5"));
  await delegate(chain, delegator, dayTask, node!, parseEther("100"));
  await scoreEpochOne(chain, dayTask, node!, validator!);
  await settleOnChain(chain, dayTask, [0n, 1n]);
  await page.reload();
  const dayRow = page
    .getByTestId("delegatee-row")
    .filter({ hasText: `#${dayTask}` })
    .filter({ hasText: node!.slice(0, 6) });
  // APR is the 7th column: a plain percentage with grouped digits.
  await expect(dayRow.locator("td").nth(6)).toHaveText(/^\d{1,3}(,\d{3})*\.\d %$/);
  await expect(dayRow.getByTestId("no-figure").first()).toHaveAttribute(
    "title",
    /compounding needs at least 7 days/,
  );
  await expect(table).not.toContainText(/e\+|e-\d|Infinity|NaN/);

  // Filter by task, role and text; sort by total stake.
  const all = page.getByTestId("delegatee-row");
  await page.getByLabel("Filter by task").selectOption(String(dayTask));
  await expect(all).toHaveCount(2);
  await page.getByLabel("Filter by role").selectOption("validator");
  await expect(all).toHaveCount(1);
  await expect(all).toContainText(validator!.slice(0, 6));
  await page.getByLabel("Filter by role").selectOption("");
  await page.getByLabel("Filter by task").selectOption("");
  await page.getByLabel("Search delegatees").fill(node!.slice(0, 8));
  await expect(all.first()).toBeVisible();
  for (const text of await all.allTextContents()) expect(text).toContain(node!.slice(0, 6));
  await page.getByLabel("Search delegatees").fill("");
  await page.getByRole("button", { name: "Total stake" }).click();
  const stakeHeader = page.getByRole("columnheader", { name: /Total stake/ });
  const direction = await stakeHeader.getAttribute("aria-sort");
  expect(["ascending", "descending"]).toContain(direction);
  const stakes = (await all.locator("td:nth-child(4)").allTextContents()).map((t) =>
    Number(t.replace(/,/g, "")),
  );
  const sorted = [...stakes].sort((a, b) => (direction === "ascending" ? a - b : b - a));
  expect(stakes).toEqual(sorted);
});
