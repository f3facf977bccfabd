import { test as base, expect, type Page } from "@playwright/test";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  type Address,
  type PublicClient,
  type TestClient,
} from "viem";
import { deployments } from "../contracts-abi";
import { localChain, LOCAL_CHAIN_ID } from "../lib/chain/chains";
import { E2E_INDEXER_URL, E2E_RPC_URL } from "./ports";

export type ChainFixture = {
  publicClient: PublicClient;
  testClient: TestClient;
  accounts: readonly Address[];
  address: (name: keyof NonNullable<(typeof deployments)[number]>) => Address;
};

const chain = localChain(E2E_RPC_URL);

/**
 * Waits until the indexer is exactly at the chain's head: after a revert its block is ahead of the head until
 * it has dropped the reverted blocks, so "at least" would let a test start on the last test's rows.
 */
export async function indexerAtHead(publicClient: PublicClient, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: number | undefined;
  for (;;) {
    // A raw request: getBlockNumber would cache this block for the test's own getBlockNumber() calls.
    const head = Number(await publicClient.request({ method: "eth_blockNumber" }));
    try {
      const status = (await (await fetch(`${E2E_INDEXER_URL}/status`)).json()) as Record<
        string,
        { block: { number: number } | null }
      >;
      seen = Object.values(status)[0]?.block?.number;
    } catch {
      seen = undefined;
    }
    if (seen === head) return;
    if (Date.now() > deadline)
      throw new Error(`the indexer is at block ${seen ?? "none"}, the chain at ${head}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `chain`: viem clients on the e2e node; the chain is snapshotted before each test and reverted after it, and
 * the indexer is waited for at both ends.
 * `noExternalRequests` (automatic): fails the test if the page requested anything outside 127.0.0.1/localhost.
 * `noCspViolations` (automatic): fails the test on any Content-Security-Policy violation in the page or its
 * workers, so every flow of every spec runs under the app's policy (proxy.ts).
 */
export const test = base.extend<{ chain: ChainFixture; noExternalRequests: void; noCspViolations: void }>({
  chain: async ({ context }, use) => {
    const publicClient = createPublicClient({ chain, transport: http(E2E_RPC_URL) }) as PublicClient;
    const testClient = createTestClient({ mode: "hardhat", chain, transport: http(E2E_RPC_URL) });
    await indexerAtHead(publicClient);
    const snapshot = await testClient.snapshot();
    const accounts = await createWalletClient({ chain, transport: http(E2E_RPC_URL) }).getAddresses();
    const address = (name: keyof NonNullable<(typeof deployments)[number]>) => {
      const a = deployments[LOCAL_CHAIN_ID]?.[name]?.address;
      if (!a) throw new Error(`${name} is not deployed on the local chain`);
      return a;
    };
    await use({ publicClient, testClient, accounts, address });
    // Nothing may mine during the revert, and the indexer must not be fetching a block the revert removes
    // (it would retry that block for a minute): close the test's pages, let the indexer reach the head, revert.
    await Promise.all(context.pages().map((p) => p.close()));
    await indexerAtHead(publicClient);
    await testClient.revert({ id: snapshot });
    await indexerAtHead(publicClient);
  },
  noExternalRequests: [
    async ({ page }, use) => {
      const outside: string[] = [];
      await page.route(
        (url) => !["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:",
        async (route) => {
          outside.push(route.request().url());
          await route.abort();
        },
      );
      await use();
      expect(outside, "requests that left the machine").toEqual([]);
    },
    { auto: true },
  ],
  noCspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeFunction("__arenaCspViolation", (v: string) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __arenaCspViolation: (v: string) => void })
            .__arenaCspViolation;
          void report(
            `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
          );
        });
      });
      page.on("console", (m) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
      });
      page.on("worker", (w) =>
        w.on("console", (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(`worker: ${m.text()}`);
        }),
      );
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The toast of a confirmed (or failed, or pending) transaction. */
export const confirmedToast = '[data-testid="tx-toast"][data-stage="confirmed"]';
export const failedToast = '[data-testid="tx-toast"][data-stage="failed"]';
export const pendingToast = '[data-testid="tx-toast"][data-stage="pending"]';

/** Opens a task's page and waits for its heading. */
export async function openTask(page: Page, id: bigint): Promise<void> {
  await page.goto(`/tasks/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** Picks a dev wallet account from the dev panel (opening it if needed) and waits for the switch. */
export async function switchDevAccount(page: Page, account: Address): Promise<void> {
  const select = page.getByLabel("Dev wallet account");
  const opened = !(await select.isVisible());
  if (opened) await page.getByRole("button", { name: "Dev panel" }).click();
  await select.selectOption(account);
  await expect(page.getByTestId("connected-address")).toHaveText(account);
  // Leave the panel as it was: open, it floats over the page's controls (as a user would close it).
  if (opened) await page.getByRole("button", { name: "Close dev panel" }).click();
}

/** Switches the dev wallet to `account` and closes the dev panel so it covers nothing. */
export async function actAs(page: Page, account: Address): Promise<void> {
  await switchDevAccount(page, getAddress(account));
  const close = page.getByRole("button", { name: "Close dev panel" });
  if (await close.isVisible()) await close.click();
}

/** Connects the dev wallet through the RainbowKit modal and waits for the account to show. */
export async function connectDevWallet(page: Page): Promise<Address> {
  await page.getByRole("button", { name: "Connect Wallet" }).first().click();
  await page.getByRole("button", { name: /Dev wallet \(local chain\)/ }).click();
  const address = page.getByTestId("connected-address");
  await expect(address).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  return (await address.textContent()) as Address;
}
