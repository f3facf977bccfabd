import { parseEther } from "viem";
import { formatTokenAmount } from "../lib/format";
import { tokenBalance } from "./arena";
import { confirmedToast, connectDevWallet, expect, failedToast, test } from "./fixtures";

const shown = (amount: bigint) => `${formatTokenAmount(amount)} ARENA`;

test("the dev wallet connects and the faucet raises the balance on chain and on screen", async ({
  page,
  chain,
}) => {
  await page.goto("/");
  const account = await connectDevWallet(page);
  const before = await tokenBalance(chain, account);
  // The demo seed funds every dev account (and then spends some of it staking).
  expect(before).toBeGreaterThan(0n);
  await expect(page.getByTestId("wallet-balance")).toHaveText(shown(before));

  await page
    .getByRole("button", { name: /^Faucet/ })
    .first()
    .click();
  await expect(page.locator(confirmedToast)).toBeVisible();

  const after = await tokenBalance(chain, account);
  expect(after - before).toBe(parseEther("1000"));
  await expect(page.getByTestId("wallet-balance")).toHaveText(shown(after));
  await expect(page.getByTestId("token-balance")).toHaveText(shown(after));
});

test("a reverted faucet drip shows the contract's custom error and sends nothing", async ({
  page,
  chain,
}) => {
  await page.goto("/");
  const account = await connectDevWallet(page);
  const faucetButton = page.getByRole("button", { name: /^Faucet/ }).first();
  const start = await tokenBalance(chain, account);
  await faucetButton.click();
  await expect(page.locator(confirmedToast)).toBeVisible();
  const blockAfterFirst = await chain.publicClient.getBlockNumber();

  await faucetButton.click();
  const alert = page.locator(failedToast);
  await expect(alert).toContainText("FaucetCooldown(");
  await expect(alert).toContainText("one drip per day");
  expect(await chain.publicClient.getBlockNumber()).toBe(blockAfterFirst);
  const balance = await tokenBalance(chain, account);
  expect(balance - start).toBe(parseEther("1000"));
});

test("a rejected signature says so and leaves the chain untouched", async ({ page, chain }) => {
  await page.goto("/");
  await connectDevWallet(page);
  await page.getByRole("button", { name: "Dev panel" }).click();
  await page.getByLabel("Reject the next wallet request").check();
  const blockBefore = await chain.publicClient.getBlockNumber();

  await page
    .getByRole("button", { name: /^Faucet/ })
    .first()
    .click();
  await expect(page.locator(failedToast)).toContainText("You rejected the request in your wallet");
  expect(await chain.publicClient.getBlockNumber()).toBe(blockBefore);
  await expect(page.getByLabel("Reject the next wallet request")).not.toBeChecked();
});

test("a wallet on the wrong network sees a banner, writes are blocked, and switching back works", async ({
  page,
  chain,
}) => {
  await page.goto("/");
  await connectDevWallet(page);
  await page.getByRole("button", { name: "Dev panel" }).click();
  await page.getByRole("button", { name: /Pretend the wallet is on Ethereum/ }).click();

  const banner = page.getByRole("alert").filter({ hasText: "Wrong network" });
  await expect(banner).toContainText("chain 1");
  await expect(page.getByRole("button", { name: /^Faucet/ })).toHaveCount(0);

  await banner.getByRole("button", { name: /Switch to Arena local/ }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId("wallet-balance")).toHaveText(/ARENA$/);
  expect(await chain.publicClient.getChainId()).toBe(31337);
});

test("the dev panel moves chain time and the account picker switches accounts", async ({ page, chain }) => {
  await page.goto("/");
  const first = await connectDevWallet(page);
  await page.getByRole("button", { name: "Dev panel" }).click();

  const before = await chain.publicClient.getBlock();
  await page.getByRole("button", { name: /Next epoch/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "mined a block" })).toBeVisible();
  const after = await chain.publicClient.getBlock();
  expect(after.number).toBe(before.number + 1n);
  expect(after.timestamp - before.timestamp).toBeGreaterThanOrEqual(86_400n);

  await page.getByLabel("Seconds to advance").fill("12x");
  await expect(page.getByText("Enter a whole number of seconds")).toBeVisible();

  const target = chain.accounts[5]!;
  await page.getByLabel("Dev wallet account").selectOption(target);
  await expect(page.getByTestId("wallet-address")).toHaveText(target);
  expect(target).not.toBe(first);
  const targetBalance = await tokenBalance(chain, target);
  await expect(page.getByTestId("wallet-balance")).toHaveText(shown(targetBalance));
});
