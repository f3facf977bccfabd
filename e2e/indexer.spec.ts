import type { Page, Request } from "@playwright/test";
import { parseEther } from "viem";
import { formatTokenAmount, shortAddress } from "../lib/format";
import { createTask, joinTask, NODE, tokenBalance } from "./arena";
import { confirmedToast, connectDevWallet, expect, openTask, test } from "./fixtures";
import { E2E_INDEXER_PORT, E2E_RPC_PORT } from "./ports";

/** Every JSON-RPC method the page called, and every indexer path it fetched. */
function watchReads(page: Page) {
  const rpc: string[] = [];
  const indexer: string[] = [];
  page.on("request", (req: Request) => {
    const url = new URL(req.url());
    if (url.port === String(E2E_RPC_PORT)) {
      const body = req.postData() ?? "";
      for (const m of body.matchAll(/"method":"([a-zA-Z_]+)"/g)) rpc.push(m[1]!);
    }
    if (url.port === String(E2E_INDEXER_PORT)) indexer.push(url.pathname);
  });
  return { rpc, indexer };
}

test("history comes from the indexer: no log replay, and someone else's stake shows without a reload", async ({
  page,
  chain,
}) => {
  const reads = watchReads(page);
  const [creator, other] = [chain.accounts[0]!, chain.accounts[7]!];
  const taskId = await createTask(chain, creator, "Indexer freshness");
  await openTask(page, taskId);
  await expect(page.getByTestId("participants").or(page.getByText("No one has staked yet."))).toBeVisible();
  expect(reads.indexer.some((p) => p === `/v1/tasks/${taskId}`)).toBe(true);
  // Another account stakes straight on chain: the open page shows it once the indexer has the block.
  await joinTask(chain, taskId, other, NODE, parseEther("150"));
  const row = page.getByTestId("participants").getByText(shortAddress(other));
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("participants")).toContainText(formatTokenAmount(parseEther("150")));
  for (const route of ["/tasks", "/leaderboard", "/rewards", "/"]) await page.goto(route);
  expect(reads.rpc.filter((m) => m === "eth_getLogs")).toEqual([]);
});

test("with the indexer down, a banner says so, history keeps what it showed, and live reads and writes work", async ({
  page,
  chain,
}) => {
  await openTask(page, 1n);
  const account = await connectDevWallet(page);
  const title = await page.getByRole("heading", { level: 1 }).textContent();
  const isIndexer = (url: URL) => url.port === String(E2E_INDEXER_PORT);
  await page.route(isIndexer, (route) => route.abort("connectionrefused"));
  const banner = page.getByTestId("indexer-banner");
  await expect(banner).toContainText("The indexer does not answer");
  await expect(banner).toContainText("Balances and actions are read from the chain and keep working");
  // History keeps what it showed.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
  await expect(page.getByTestId("participants")).toBeVisible();
  // A write goes through and its live effect shows: the faucet's drip lands in the header balance.
  const before = await tokenBalance(chain, account);
  await page
    .getByRole("button", { name: /^Faucet/ })
    .first()
    .click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Faucet" })).toBeVisible();
  const after = await tokenBalance(chain, account);
  expect(after).toBeGreaterThan(before);
  await expect(page.getByTestId("token-balance")).toHaveText(`${formatTokenAmount(after)} ARENA`);
  // Back up: the banner goes by itself.
  await page.unroute(isIndexer);
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
});

test("an indexer behind the chain is named with how far behind it is", async ({ page, chain }) => {
  const head = Number(await chain.publicClient.getBlockNumber());
  await page.route(
    (url) => url.port === String(E2E_INDEXER_PORT) && url.pathname === "/status",
    (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ arena: { id: 31337, block: { number: head - 12, timestamp: 0 } } }),
      }),
  );
  await page.goto("/tasks");
  await expect(page.getByTestId("indexer-banner")).toContainText(
    `The indexer is 12 blocks behind the chain (at block ${head - 12} of ${head})`,
  );
});
