import { DEMO_ROUTES } from "../scripts/lib/routes";
import { connectDevWallet, expect, test } from "./fixtures";

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

async function connectDevWalletOn(page: import("@playwright/test").Page, route: string): Promise<void> {
  await page.goto(route);
  await connectDevWallet(page);
}
