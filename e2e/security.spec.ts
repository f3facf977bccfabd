import { parseEther } from "viem";
import { DEMO_ROUTES } from "../scripts/lib/routes";
import { createTask, epochTimes, fund, joinTask, NODE, timeTravelTo } from "./arena";
import { connectDevWallet, expect, openTask, test } from "./fixtures";

test.describe("web app hardening", () => {
  test("every page loads under its Content-Security-Policy with no violation", async ({ page }) => {
    test.setTimeout(180_000);
    await connectDevWalletOn(page, "/");
    for (const route of DEMO_ROUTES) {
      const response = await page.goto(route);
      expect(response?.status(), route).toBe(200);
      await expect(page.locator("main")).toBeVisible();
      await expect(page.getByText("Application error")).toHaveCount(0);
      // Hydrated: the header's account (a client component) shows on every page.
      await expect(page.getByTestId("connected-address")).toBeVisible();
    }
    // The CSP fixture (fixtures.ts) fails the test on any violation seen on these pages.
  });

  test("pages send the security headers and a per-request nonce", async ({ request }) => {
    const first = await request.get("/tasks");
    const second = await request.get("/tasks");
    const csp = first.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // connect-src is an allowlist: no blanket https (artifact hosts come from NEXT_PUBLIC_ARTIFACT_ORIGINS).
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1]?.split(" ") ?? [];
    expect(connect).toContain("'self'");
    expect(connect).toContain("https://huggingface.co");
    expect(connect).not.toContain("https:");
    expect(connect).not.toContain("http:");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, "a nonce in script-src").toBeTruthy();
    expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["x-frame-options"]).toBe("DENY");
    expect(first.headers()["referrer-policy"]).toBe("same-origin");
    expect(first.headers()["permissions-policy"]).toContain("camera=()");
    const asset = await request.get("/icon.svg");
    expect(asset.ok()).toBe(true);
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("pages are cross-origin isolated, the scorer runs multi-threaded, and wallet popups keep their opener", async ({
    page,
  }) => {
    await page.goto("/scorer");
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByTestId("wasm-threads")).toHaveText(
      new RegExp(`WASM threads: ${Math.min(cores, 4)}`),
    );
    // Coinbase Wallet connects through a popup on its own site: stand in for it, and check the popup can still
    // talk back to the app (no COOP cut it off).
    await page.context().route("https://keys.coinbase.com/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: "<script>document.title = 'opener:' + !!window.opener</script>",
      }),
    );
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: /Coinbase Wallet/ }).click();
    const opened = await popup;
    await expect.poll(() => opened.title()).toBe("opener:true");
    await opened.close();
  });

  test("another site cannot frame the app", async ({ browser, baseURL }) => {
    // Outside the CSP fixture's page, which must see no violation.
    const app = new URL(baseURL!);
    // A blank page has an opaque origin: the app refuses to be its frame.
    const other = await browser.newPage();
    const refused: string[] = [];
    other.on("console", (m) => refused.push(m.text()));
    await other.setContent(`<iframe id="f" src="${app.origin}/tasks"></iframe>`);
    await expect
      .poll(() => refused.some((t) => /frame-ancestors 'none'/.test(t)), { timeout: 15_000 })
      .toBe(true);
    await other.close();
  });
});

test("a model folder or an evaluation set on an origin outside the allowlist is refused before it is fetched", async ({
  page,
  chain,
}) => {
  test.setTimeout(180_000);
  const offList: string[] = [];
  page.context().on("request", (r) => {
    if (new URL(r.url()).hostname.endsWith("evil.example")) offList.push(r.url());
  });
  const refusal = (origin: string) =>
    new RegExp(
      `This app is configured to fetch only from this app \\(http://127\\.0\\.0\\.1:\\d+\\), .*; ${origin.replace(/\./g, "\\.")} is not among them\\. The operator can add it with NEXT_PUBLIC_ARTIFACT_ORIGINS\\.`,
    );

  // The create form hashes the evaluation set it names: an off-list host is named, nothing is requested.
  await page.goto("/tasks/new");
  const me = await connectDevWallet(page);
  const uri = page.getByLabel("Evaluation set URI", { exact: true });
  await uri.fill("https://data.evil.example/eval.jsonl");
  await expect(page.getByTestId("eval-hash-evalSetURI")).toContainText(
    "Cannot fetch the evaluation set https://data.evil.example/eval.jsonl.",
  );
  await expect(page.getByTestId("eval-hash-evalSetURI")).toContainText(refusal("https://data.evil.example"));
  await expect(uri).toHaveValue("https://data.evil.example/eval.jsonl");

  // The submit panel hashes a model folder by URI: the same refusal, before its manifest is requested.
  const taskId = await createTask(chain, chain.accounts[0]!, "Allowlisted artifacts");
  await fund(chain, me);
  await joinTask(chain, taskId, me, NODE, parseEther("200"));
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  await openTask(page, taskId);
  const model = page.getByLabel("Model URI");
  await model.fill("https://models.evil.example/lm/");
  await page.getByRole("button", { name: "Hash the model files" }).click();
  const alert = page.getByTestId("submit-panel").getByRole("alert");
  await expect(alert).toContainText(
    "Cannot fetch the model file https://models.evil.example/lm/arena-manifest.json.",
  );
  await expect(alert).toContainText(refusal("https://models.evil.example"));
  await expect(page.getByLabel("Content hash (sha256)")).toHaveValue("");
  await expect(model).toHaveValue("https://models.evil.example/lm/");

  // Never attempted: no request left for those hosts (and the CSP fixture saw no violation).
  expect(offList).toEqual([]);
});

async function connectDevWalletOn(page: import("@playwright/test").Page, route: string): Promise<void> {
  await page.goto(route);
  await connectDevWallet(page);
}
