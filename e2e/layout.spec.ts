import type { Locator, Page, TestInfo } from "@playwright/test";
import { arenaTargetsAbi, arenaTasksAbi } from "../contracts-abi";
import { drawSeed, epochTimes, taskInPhase } from "./arena";
import { actAs, type ChainFixture, connectDevWallet, expect, test } from "./fixtures";

type Box = { x: number; y: number; width: number; height: number };

const WIDTHS = [1280, 390] as const;
const HEIGHT = 800;
/** One row of the header at 1280 px: the logo, the nav and the wallet controls on a line (about 57 px). */
const ONE_ROW_HEADER = 72;

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A seeded task in its submission phase (it has the most on screen) and a seeded filled target. */
async function seeded(chain: ChainFixture): Promise<{ taskId: bigint; targetId: bigint }> {
  // The first such task (the last one is fresh: nobody has joined it).
  const taskId = await taskInPhase(chain, 0, "oldest");
  const market = chain.address("ArenaTargets");
  const targets = await chain.publicClient.readContract({
    abi: arenaTargetsAbi,
    address: market,
    functionName: "targetCount",
  });
  // The newest filled target (status 2): its page has the audit panel.
  let targetId = 0n;
  for (let id = targets; id >= 1n && targetId === 0n; id--) {
    const [, , , status] = await chain.publicClient.readContract({
      abi: arenaTargetsAbi,
      address: market,
      functionName: "targets",
      args: [id],
    });
    if (status === 2) targetId = id;
  }
  expect(taskId, "a seeded task in its submission phase").toBeGreaterThan(0n);
  expect(targetId, "a seeded filled target").toBeGreaterThan(0n);
  return { taskId, targetId };
}

/** Opens a page, connected with the dev wallet (connecting again if the page came up disconnected). */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("main")).toBeVisible();
  const connected = page.getByTestId("connected-address");
  // The dev wallet reconnects by itself after a load; connect again only if it did not.
  await connected.waitFor({ state: "attached", timeout: 5_000 }).catch(() => undefined);
  if (!(await connected.count())) await connectDevWallet(page);
  await expect(connected).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  // Let lazy panels, charts and reads settle before measuring.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(500);
}

async function box(locator: Locator): Promise<Box | null> {
  return (await locator.count()) ? locator.first().boundingBox() : null;
}

/** Controls and labels in the main content that are in the viewport now. */
async function visibleControls(page: Page): Promise<{ text: string; box: Box }[]> {
  return page.locator("main").evaluate((main) => {
    const picked = main.querySelectorAll(
      "a, button, input, select, textarea, label, h1, h2, h3, dt, dd, th, td, p, li",
    );
    const out: { text: string; box: { x: number; y: number; width: number; height: number } }[] = [];
    for (const el of picked) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.bottom <= 0 || r.top >= innerHeight) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const text = (el.textContent ?? el.getAttribute("aria-label") ?? el.tagName).trim().slice(0, 60);
      out.push({
        text: `${el.tagName.toLowerCase()} "${text}"`,
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
      });
    }
    return out;
  });
}

/** Fails if a fixed element (the dev pill, a toast) covers any control or text of the main content. */
async function expectNothingCovered(page: Page, fixed: Locator, what: string): Promise<void> {
  const covering = await box(fixed);
  if (!covering) return;
  const position = await fixed.first().evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement)
      if (getComputedStyle(e).position === "fixed") return "fixed";
    return "static";
  });
  if (position !== "fixed") return; // in the page's flow: it pushes content, it cannot cover it
  const covered = (await visibleControls(page)).filter((c) => intersects(c.box, covering)).map((c) => c.text);
  expect.soft(covered, `${what} covers main content`).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // Which elements stick out, to say so when it fails.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => !el.closest("[data-overflow-scroll]"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)}`);
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, wide };
  });
  expect
    .soft(scrollWidth, `no horizontal scrollbar on ${where} (sticking out: ${wide.join(", ")})`)
    .toBeLessThanOrEqual(innerWidth);
}

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = true): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** The dev pill, whether the panel is closed (its button) or open. */
const devPanel = (page: Page) => page.getByRole("complementary", { name: "Dev panel" });

for (const width of WIDTHS) {
  test(`every page at ${width} px: no horizontal overflow, one-row header, nothing fixed over content`, async ({
    page,
    chain,
  }, testInfo) => {
    test.setTimeout(240_000);
    const { taskId, targetId } = await seeded(chain);
    await page.setViewportSize({ width, height: HEIGHT });
    const pages = [
      "/",
      "/tasks",
      `/tasks/${taskId}`,
      "/tasks/new",
      "/delegate",
      "/rewards",
      "/leaderboard",
      "/targets",
      `/targets/${targetId}`,
      "/machines",
      "/scorer",
    ];
    for (const path of pages) {
      await test.step(path, async () => {
        await visit(page, path);
        const name = `${width}${path === "/" ? "-overview" : path.replaceAll("/", "-")}`;
        await shoot(page, testInfo, name);
        await expectNoHorizontalOverflow(page, path);
        const header = await box(page.locator("header").first());
        expect(header, "the header").not.toBeNull();
        if (width >= 1280)
          expect.soft(header!.height, `the header is one row on ${path}`).toBeLessThan(ONE_ROW_HEADER);
        // The dev pill covers nothing at the top of the page nor at its end.
        await expectNothingCovered(page, devPanel(page), `the dev pill on ${path}`);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForTimeout(200);
        await expectNothingCovered(page, devPanel(page), `the dev pill at the end of ${path}`);
        await page.evaluate(() => window.scrollTo(0, 0));
      });
    }
  });
}

for (const width of WIDTHS) {
  test(`at ${width} px the dev panel jumps to this task's commit window, and the commit's toast covers no score input`, async ({
    page,
    chain,
  }, testInfo) => {
    const { taskId } = await seeded(chain);
    const [epoch] = await chain.publicClient.readContract({
      abi: arenaTasksAbi,
      address: chain.address("ArenaTasks"),
      functionName: "currentEpoch",
      args: [taskId],
    });
    await page.setViewportSize({ width, height: HEIGHT });
    await visit(page, `/tasks/${taskId}`);
    // The dev panel's own jump for this task (not a day): to the commit window of the current epoch.
    await page.getByRole("button", { name: "Dev panel" }).click();
    const jumps = page.getByRole("group", { name: `Task #${taskId}` });
    await jumps.getByRole("button", { name: `Commit window of epoch ${epoch}` }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Moved to commit window of epoch ${epoch}` }),
    ).toBeVisible();
    const { submitEnd } = await epochTimes(chain, taskId, epoch);
    expect((await chain.publicClient.getBlock()).timestamp).toBe(submitEnd);
    await drawSeed(chain, taskId, epoch);

    // A seeded validator of this task with submissions assigned to it this epoch.
    await page.getByRole("button", { name: "Close dev panel" }).click();
    const inputs = page.getByLabel(/^Score for submission /);
    const none = page.getByText("No submission is assigned to you this epoch.");
    let found = false;
    for (const i of [5, 6, 7, 8, 10, 11]) {
      await actAs(page, chain.accounts[i]!);
      await expect(inputs.first().or(none)).toBeVisible();
      if (await inputs.count()) {
        found = true;
        break;
      }
    }
    expect(found, "a seeded validator with submissions to score").toBe(true);
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill("1.5");
    const score = inputs.first();

    // The commit's toast, over the page where the validator typed the scores.
    await page.getByRole("button", { name: "Commit scores" }).click();
    const toast = page.getByTestId("tx-toast").first();
    await expect(toast).toBeVisible();
    // Where a person typing scores has them: mid-screen, or low on it, just above the button that sends them.
    for (const block of ["center", "end"] as const) {
      await score.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
      await page.waitForTimeout(200);
      await shoot(page, testInfo, `${width}-toast-over-task-${block}`, false);
      const toastBox = await box(page.getByTestId("tx-toast"));
      for (let i = 0; i < (await inputs.count()); i++) {
        const inputBox = await inputs.nth(i).boundingBox();
        if (!inputBox || inputBox.y + inputBox.height < 0 || inputBox.y > HEIGHT) continue;
        expect
          .soft(intersects(inputBox, toastBox!), `the toast covers score input ${i} (${block})`)
          .toBe(false);
      }
    }
    await expect(score).toHaveValue("1.5");
    await expect(page.locator('[data-testid="tx-toast"][data-stage="confirmed"]')).toBeVisible();
    await expectNoHorizontalOverflow(page, `/tasks/${taskId}`);
  });
}

test("the audit re-score shows each model's distance, the winner's as in the verdict, beside its chart", async ({
  page,
  chain,
}, testInfo) => {
  test.setTimeout(240_000);
  const { targetId } = await seeded(chain);
  await visit(page, `/targets/${targetId}`);
  await page.getByRole("button", { name: "Re-score the submission in my browser" }).click();
  const verdict = page.getByTestId("audit-verdict");
  await expect(verdict).toBeVisible({ timeout: 180_000 });
  const measured = /distance (\d+\.\d{4})/.exec((await verdict.textContent()) ?? "")?.[1];
  expect(measured, "the verdict's measured distance").toBeDefined();
  const table = page.getByRole("table", { name: "Scores per model" });
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await rows.count()); i++)
    await expect(rows.nth(i).locator("td").nth(2)).toHaveText(/^\d+\.\d{4}$/);
  await expect(table.locator("tr[data-winner]").locator("td").nth(2)).toHaveText(measured!);
  await expect(page.getByTestId("distance-chart")).toBeVisible();
  await expect(page.getByText("Loading the chart…")).toHaveCount(0);
  await page.getByTestId("distance-chart").scrollIntoViewIfNeeded();
  await shoot(page, testInfo, "audit-rescore", false);
});
