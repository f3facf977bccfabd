import type { Page, Route } from "@playwright/test";
import { parseEther } from "viem";
import { formatTokenAmount } from "../lib/format";
import { fund, tokenBalance } from "./arena";
import { connectDevWallet, expect, test } from "./fixtures";
import { E2E_RPC_PORT, E2E_RPC_URL } from "./ports";

const shown = (amount: bigint) => `${formatTokenAmount(amount)} ARENA`;

/**
 * Makes the chain's RPC unreachable for this page only: every request to the e2e node's port is refused, as
 * when the node has stopped (the node itself keeps running for the other specs). Returns the way back.
 */
async function cutRpc(page: Page): Promise<() => Promise<void>> {
  const isRpc = (url: URL) => url.port === String(E2E_RPC_PORT);
  const refuse = (route: Route) => route.abort("connectionrefused");
  await page.route(isRpc, refuse);
  return () => page.unroute(isRpc, refuse);
}

test("with the RPC unreachable, a banner names it, pages keep their data marked stale, and all recovers by itself", async ({
  page,
  chain,
}) => {
  await page.goto("/tasks/1");
  const account = await connectDevWallet(page);
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).not.toBeEmpty();
  const taskTitle = await title.textContent();
  const before = await tokenBalance(chain, account);
  const balance = page.getByTestId("token-balance");
  await expect(balance).toHaveText(shown(before));
  await expect(page.getByTestId("rpc-banner")).toHaveCount(0);

  const restore = await cutRpc(page);

  const banner = page.getByTestId("rpc-banner");
  await expect(banner).toContainText("Cannot reach the chain Arena local");
  await expect(banner).toContainText(E2E_RPC_URL);
  // The task page keeps what it showed, marked stale, instead of one error line.
  await expect(title).toHaveText(taskTitle!);
  await expect(page.getByTestId("pool-left")).toBeVisible();
  const stale = page.getByTestId("stale-note");
  await expect(stale).toContainText(
    /Last updated \d\d:\d\d:\d\d — the chain at http:\/\/127\.0\.0\.1:\d+ cannot be reached/,
  );
  await expect(stale).toContainText(E2E_RPC_URL);
  // The header keeps the balance, marked stale.
  await expect(balance).toHaveText(shown(before));
  await expect(balance).toHaveAttribute("data-stale", "true");
  await expect(page.getByTestId("token-balance-stale")).toBeVisible();

  // /targets, never loaded in this page, says why it has nothing instead of spinning.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Targets" }).click();
  await expect(page.getByRole("heading", { name: "Targets", level: 1 })).toBeVisible();
  await expect(
    page.getByText(`Could not read the targets market: the chain at ${E2E_RPC_URL} cannot be reached`),
  ).toBeVisible();
  await expect(page.getByText("Loading the targets market…")).toHaveCount(0);
  await expect(banner).toContainText(E2E_RPC_URL);

  // A reload while the chain is down keeps the dev wallet connected.
  await page.reload();
  await expect(page.getByTestId("connected-address")).toHaveText(account);
  await expect(page.getByRole("button", { name: "Connect Wallet" })).toHaveCount(0);
  await expect(banner).toContainText(E2E_RPC_URL);
  await expect(
    page.getByText(`Could not read the targets market: the chain at ${E2E_RPC_URL} cannot be reached`),
  ).toBeVisible();

  // Meanwhile the chain moves on: the account receives tokens.
  await fund(chain, account, parseEther("7"));
  const after = await tokenBalance(chain, account);
  expect(after - before).toBe(parseEther("7"));

  // The chain answers again: the banner goes and everything refreshes without a reload.
  await restore();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Filters" })).toBeVisible();
  await expect(page.getByTestId("target-row").first()).toBeVisible();
  await expect(page.getByText(/Could not read the targets market/)).toHaveCount(0);
  await expect(balance).toHaveText(shown(after));
  await expect(balance).not.toHaveAttribute("data-stale");
  await expect(page.getByTestId("token-balance-stale")).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByRole("link", { name: taskTitle! }).first()).toBeVisible();
  await expect(page.getByTestId("stale-note")).toHaveCount(0);
});

test("a reload keeps the dev wallet connected as the same account", async ({ page }) => {
  await page.goto("/");
  const account = await connectDevWallet(page);
  await page.reload();
  await expect(page.getByTestId("connected-address")).toHaveText(account);
  await expect(page.getByTestId("token-balance")).toHaveText(/ARENA$/);
  await expect(page.getByRole("button", { name: "Connect Wallet" })).toHaveCount(0);
});
