import type { Page, Response } from "@playwright/test";
import { connectDevWallet, expect, test } from "./fixtures";
import { E2E_INDEXER_PORT, E2E_RPC_URL } from "./ports";
import { chooseFile, chooseModel, sample, scorerWorker, workerResources } from "./scorer-helpers";

const total = (page: Page) => page.getByTestId("score-total");
const scoreButton = (page: Page) => page.getByRole("button", { name: "Score", exact: true });

/** bench-100k.txt with a blank line after every line: a run of several seconds, long enough to cancel. */
const manyParagraphs = async (): Promise<Buffer> =>
  Buffer.from((await sample("bench-100k.txt")).toString("utf8").split("\n").join("\n\n"));

test.describe("a faster scorer", () => {
  test("auto picks WASM on this software WebGPU adapter and says why; one worker serves every model and a cancel", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto("/scorer");
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByTestId("wasm-threads")).toHaveText(
      new RegExp(`^WASM threads: ${Math.min(cores, 4)}`),
    );
    // SwiftShader here: WebGPU is there, but on the CPU, and the page says that is why Auto uses WASM.
    await expect(page.getByText(/software adapter: Auto uses WASM/)).toBeVisible({ timeout: 30_000 });

    await page.getByRole("button", { name: "Plain text" }).click();
    await page.getByLabel(/Or paste text/).fill("The quick brown fox jumps over the lazy dog.");
    await chooseModel(page, "arena-lm-tiny", "Auto");
    await scoreButton(page).click();
    await expect(total(page)).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("device-used")).toHaveText("WASM");

    // A second model: same worker, onnxruntime's wasm fetched and compiled once.
    await chooseModel(page, "arena-lm-small", "Auto");
    await scoreButton(page).click();
    await expect(page.getByTestId("device-used")).toHaveText("WASM");
    await expect(page.getByText(/arena-lm-small loaded in \d+ ms/)).toBeVisible({ timeout: 120_000 });

    // Cancel while a third model loads (or has just started scoring): the worker stays, the next run works.
    await chooseFile(page, "paragraphs.txt", await manyParagraphs());
    await chooseModel(page, "arena-lm-base", "Auto");
    await scoreButton(page).click();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(page.getByText("Cancelled. Your inputs are unchanged.")).toBeVisible();
    await page.getByRole("button", { name: "Remove file" }).click();
    await page.getByLabel(/Or paste text/).fill("Another short text to score after the cancel.");
    await scoreButton(page).click();
    await expect(page.getByText(/arena-lm-base loaded in \d+ ms/)).toBeVisible({ timeout: 120_000 });
    await expect(total(page)).toBeVisible({ timeout: 120_000 });

    // One worker did it all: its own resource timings hold all three models and a single onnxruntime wasm.
    const fetched = await workerResources(await scorerWorker(page));
    for (const model of ["arena-lm-tiny", "arena-lm-small", "arena-lm-base"])
      expect(
        fetched.some((url) => url.includes(`/models/${model}/onnx/model.onnx`)),
        model,
      ).toBe(true);
    const wasmFetches = fetched.filter((url) => /\/ort\/.*\.wasm$/.test(url));
    expect(wasmFetches, "onnxruntime's wasm fetched once").toHaveLength(1);
    expect(wasmFetches[0]).toMatch(/ort-wasm-simd-threaded\.wasm$/); // the WASM-only build

    // A second visit: the worker (started on mount) gets onnxruntime's wasm from the browser's cache.
    const again = await page.context().newPage();
    await again.goto("/scorer");
    const worker = await scorerWorker(again);
    await expect
      .poll(
        () =>
          worker.evaluate(() =>
            performance
              .getEntriesByType("resource")
              .filter((e) => /\/ort\/.*\.wasm$/.test(e.name))
              .map((e) => (e as PerformanceResourceTiming).transferSize),
          ),
        { timeout: 60_000 },
      )
      .toEqual([0]);
  });

  test("the onnxruntime files are versioned and cached for good", async ({ request }) => {
    const ort = (await (await request.get("/ort/VERSION")).text()).trim().split(" ").pop()!;
    for (const file of ["ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.asyncify.wasm"]) {
      const wasm = await request.head(`/ort/${ort}/${file}`);
      expect(wasm.status(), file).toBe(200);
      expect(wasm.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(wasm.headers()["content-type"]).toBe("application/wasm");
    }
  });

  test("under cross-origin isolation the wallets connect and every page's requests load, the indexer's included", async ({
    page,
    context,
    chain,
  }) => {
    test.setTimeout(180_000);
    const failures: string[] = [];
    const indexer: Response[] = [];
    page.on("requestfailed", (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on("response", (r) => {
      if (r.status() >= 400) failures.push(`${r.url()}: HTTP ${r.status()}`);
      if (new URL(r.url()).port === String(E2E_INDEXER_PORT)) indexer.push(r);
    });

    // An injected (EIP-1193) wallet, as a browser extension provides: answered by the local chain.
    await context.addInitScript(
      ({ rpc, account }) => {
        // Like a real wallet: no account is exposed until the user approves a connection.
        let approved = false;
        const call = async (method: string, params: unknown[] = []): Promise<unknown> => {
          if (method === "eth_requestAccounts") approved = true;
          if (method === "eth_requestAccounts" || method === "eth_accounts") return approved ? [account] : [];
          const response = await fetch(rpc, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          const body = (await response.json()) as { result?: unknown; error?: { message: string } };
          if (body.error) throw new Error(body.error.message);
          return body.result;
        };
        (window as unknown as { ethereum: unknown }).ethereum = {
          isMetaMask: false,
          request: ({ method, params }: { method: string; params?: unknown[] }) => call(method, params),
          on: () => {},
          removeListener: () => {},
        };
      },
      { rpc: E2E_RPC_URL, account: chain.accounts[1]! },
    );

    await page.goto("/scorer");
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.getByRole("button", { name: "Connect Wallet" }).first().click();
    await page.getByRole("button", { name: /Browser Wallet/ }).click();
    await expect(page.getByTestId("connected-address")).toHaveText(chain.accounts[1]!, {
      ignoreCase: true,
    });
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // The dev wallet (the local chain's) connects too, on a page that reads the indexer (another origin).
    const second = await context.newPage();
    second.on("requestfailed", (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
    second.on("response", (r) => {
      if (r.status() >= 400) failures.push(`${r.url()}: HTTP ${r.status()}`);
      if (new URL(r.url()).port === String(E2E_INDEXER_PORT)) indexer.push(r);
    });
    await second.goto("/tasks");
    expect(await second.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await connectDevWallet(second);
    await expect.poll(() => indexer.filter((r) => r.ok()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Fonts and the app's own files load under isolation as well.
    expect(await second.evaluate(() => document.fonts.ready.then((f) => f.status))).toBe("loaded");
    expect(failures.filter((f) => !/_rsc=|net::ERR_ABORTED/.test(f))).toEqual([]);
  });
});
