import { chromium, type Browser, type Page, type Request } from "@playwright/test";
import type { Address } from "viem";

/**
 * The browser side of the reads benchmark: loads a route of the built app in Chromium and counts what the page
 * fetches from the RPC and the indexer (requests, and response body bytes as transferred: compressed if the server compressed; static assets and the app's
 * own server are not counted) from the navigation until its data is on screen, and how long that took.
 */

export type Route = {
  /** As printed: /tasks/[id], /leaderboard, … */
  name: string;
  path: string;
  /** Connect the dev wallet (as the history's account) before loading the route. */
  connected: boolean;
  /** Runs in the page (no closure): true once the route shows data that only the history can give. */
  ready: () => boolean;
  /** What `ready` waits for, in words (printed with the results). */
  waitsFor: string;
};

export type Load = {
  requests: number;
  bytes: number;
  ms: number;
  /** RPC requests and the JSON-RPC calls inside them, and indexer requests by path. */
  rpcRequests: number;
  rpcBytes: number;
  rpcCalls: Record<string, number>;
  indexerPaths: string[];
  /** Everything fetched until the network had been quiet for a second (after the data was shown). */
  settled: { requests: number; bytes: number };
};

const ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
}

async function connectDevWallet(page: Page, account: Address): Promise<void> {
  await page.getByRole("button", { name: "Connect Wallet" }).first().click();
  await page.getByRole("button", { name: /Dev wallet \(local chain\)/ }).click();
  const shown = page.getByTestId("connected-address");
  await shown.waitFor({ timeout: 30_000 });
  const text = (await shown.textContent())?.trim();
  if (text?.toLowerCase() !== account.toLowerCase()) {
    const select = page.getByLabel("Dev wallet account");
    if (!(await select.isVisible())) await page.getByRole("button", { name: "Dev panel" }).click();
    await select.selectOption(account);
    await page.waitForFunction(
      (a) => document.querySelector('[data-testid="connected-address"]')?.textContent?.trim() === a,
      account,
    );
  }
}

/**
 * One fresh browser context per route: an unmeasured first visit (warms the browser's cache of static assets
 * and the server, and connects the wallet where the route needs it), then `runs` measured full navigations;
 * returns the run with the median time.
 */
export async function measureRoute(
  browser: Browser,
  appUrl: string,
  origins: { rpc: string; indexer: string },
  route: Route,
  account: Address,
  runs = 3,
): Promise<Load> {
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    const page = await context.newPage();
    if (route.connected) {
      await page.goto("/");
      await connectDevWallet(page, account);
    }
    await page.goto(route.path);
    await page.waitForFunction(route.ready, undefined, { timeout: 120_000, polling: 50 });
    await page.waitForLoadState("networkidle");
    const loads: Load[] = [];
    for (let i = 0; i < runs; i++) loads.push(await measuredLoad(page, origins, route));
    loads.sort((a, b) => a.ms - b.ms);
    return loads[Math.floor(loads.length / 2)]!;
  } finally {
    await context.close();
  }
}

async function measuredLoad(
  page: Page,
  origins: { rpc: string; indexer: string },
  route: Route,
): Promise<Load> {
  const seen: { request: Request; at: number }[] = [];
  const counted = (url: string) => url.startsWith(origins.rpc) || url.startsWith(origins.indexer);
  const onRequest = (request: Request) => {
    if (counted(request.url())) seen.push({ request, at: Date.now() });
  };
  page.on("request", onRequest);
  try {
    const started = Date.now();
    await page.goto(route.path, { waitUntil: "commit" });
    await page.waitForFunction(route.ready, undefined, { timeout: 120_000, polling: 16 });
    const shownAt = Date.now();
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await page.waitForTimeout(1000);
    const sizes = await Promise.all(
      seen.map(async ({ request, at }) => {
        const response = await request.response().catch(() => null);
        const s = response ? await request.sizes().catch(() => undefined) : undefined;
        return { request, at, bytes: s ? s.responseBodySize : 0 };
      }),
    );
    const before = sizes.filter((r) => r.at <= shownAt);
    const rpcCalls: Record<string, number> = {};
    let rpcRequests = 0;
    let rpcBytes = 0;
    const indexerPaths: string[] = [];
    for (const { request, bytes } of before) {
      if (request.url().startsWith(origins.indexer)) {
        indexerPaths.push(new URL(request.url()).pathname + new URL(request.url()).search);
        continue;
      }
      rpcRequests++;
      rpcBytes += bytes;
      try {
        const body = JSON.parse(request.postData() ?? "null") as
          { method?: string } | { method?: string }[] | null;
        for (const call of Array.isArray(body) ? body : body ? [body] : [])
          rpcCalls[call.method ?? "?"] = (rpcCalls[call.method ?? "?"] ?? 0) + 1;
      } catch {
        rpcCalls["(not JSON)"] = (rpcCalls["(not JSON)"] ?? 0) + 1;
      }
    }
    return {
      requests: before.length,
      bytes: before.reduce((s, r) => s + r.bytes, 0),
      ms: shownAt - started,
      rpcRequests,
      rpcBytes,
      rpcCalls,
      indexerPaths,
      settled: { requests: sizes.length, bytes: sizes.reduce((s, r) => s + r.bytes, 0) },
    };
  } finally {
    page.off("request", onRequest);
  }
}
