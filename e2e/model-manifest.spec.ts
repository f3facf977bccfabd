import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEther } from "viem";
import type { Page, Request, Route } from "@playwright/test";
import { MANIFEST_FILE } from "../lib/scoring/manifest";
import { shippedContentHash, SHIPPED_MODELS_DIR } from "../lib/scoring/node-files";
import {
  createTask,
  epochTimes,
  events,
  fund,
  joinTask,
  NODE,
  timeTravelTo,
  validatorInCommitWindow,
} from "./arena";
import { chooseFile, sample } from "./scorer-helpers";
import { type ChainFixture, confirmedToast, connectDevWallet, expect, openTask, test } from "./fixtures";

/** Requests (page and scorer worker) for one model file, counted. */
function countRequests(page: Page, pattern: RegExp): { count: () => number } {
  let count = 0;
  page.on("request", (request: Request) => {
    if (pattern.test(new URL(request.url()).pathname)) count++;
  });
  return { count: () => count };
}

/**
 * Serves `file` of a shipped model with one byte changed, for every request of the page and its workers;
 * the returned function stops it.
 */
async function tamper(page: Page, model: string, file: string): Promise<() => Promise<void>> {
  const bytes = await readFile(path.join(SHIPPED_MODELS_DIR, model, file));
  const at = bytes.length - 17;
  bytes[at] = (bytes[at]! + 1) % 256;
  const pattern = `**/models/${model}/${file}`;
  const handler = (route: Route) =>
    route.fulfill({ status: 200, body: bytes, contentType: "application/octet-stream" });
  await page.route(pattern, handler);
  return () => page.unroute(pattern, handler);
}

async function drawSeed(page: Page, chain: ChainFixture, taskId: bigint) {
  await expect(page.getByTestId("seed-step")).toHaveAttribute("data-step", "draw");
  await page.getByRole("button", { name: "Draw this epoch's seed" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Draw the seed of epoch 1" })).toBeVisible();
  await expect(page.getByTestId("seed-step")).toHaveAttribute("data-step", "ready");
  const fixed = (await events(chain, "SeedBlockFixed")).filter((e) => e.args.taskId === taskId);
  expect(fixed).toHaveLength(1);
}

test("the submit panel hashes a model folder's manifest from its files, by URI or from a picked folder", async ({
  page,
  chain,
}) => {
  test.setTimeout(180_000);
  const expected = await shippedContentHash("arena-lm-small");
  const taskId = await createTask(chain, chain.accounts[0]!, "Manifest hashing");
  await page.goto("/");
  const me = await connectDevWallet(page);
  await fund(chain, me);
  await joinTask(chain, taskId, me, NODE, parseEther("200"));
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 1n)).start);
  await openTask(page, taskId);
  const hashInput = page.getByLabel("Content hash (sha256)");
  const hashButton = page.getByRole("button", { name: "Hash the model files" });
  const uri = page.getByLabel("Model URI");
  const alert = page.getByTestId("submit-panel").getByRole("alert");

  // By URI: every file named in the folder's arena-manifest.json is fetched and hashed.
  const fetched = countRequests(page, /^\/models\/arena-lm-small\//);
  await hashButton.click();
  await expect(hashInput).toHaveValue(expected);
  await expect(page.getByTestId("manifest-summary")).toContainText("the manifest of 5 files, 1.99 MB");
  expect(fetched.count()).toBe(6);

  // A served file that differs from its manifest entry is named, with both hashes.
  const untamper = await tamper(page, "arena-lm-small", "tokenizer.json");
  await hashInput.fill("");
  await hashButton.click();
  await expect(alert).toContainText(
    /\/models\/arena-lm-small\/tokenizer\.json differs from its manifest: sha256 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}/,
  );
  await expect(hashInput).toHaveValue("");
  await untamper();

  // A folder without a manifest, and a hub id without a pinned commit, get clear messages; the URI stays.
  await uri.fill("/no-such-model-folder");
  await hashButton.click();
  await expect(alert).toContainText("The model at /no-such-model-folder/ has no arena-manifest.json");
  await expect(uri).toHaveValue("/no-such-model-folder");
  await uri.fill("someone/model");
  await hashButton.click();
  await expect(alert).toContainText('The hub model "someone/model" is not pinned');

  // A picked folder is hashed locally (its own arena-manifest.json is ignored): the same hash.
  await uri.fill("/models/arena-lm-small");
  await page
    .getByLabel("Model folder to hash")
    .setInputFiles(path.join(SHIPPED_MODELS_DIR, "arena-lm-small"));
  await expect(page.getByTestId("manifest-summary")).toContainText(
    'Content hash of the folder "arena-lm-small" on this computer: the manifest of 5 files, 1.99 MB',
  );
  await expect(hashInput).toHaveValue(expected);
  // A local copy with one changed file hashes differently.
  const dir = await mkdtemp(path.join(tmpdir(), "arena-pick-"));
  try {
    const copy = path.join(dir, "arena-lm-small");
    await cp(path.join(SHIPPED_MODELS_DIR, "arena-lm-small"), copy, { recursive: true });
    await rm(path.join(copy, MANIFEST_FILE));
    await writeFile(
      path.join(copy, "config.json"),
      `${await readFile(path.join(copy, "config.json"), "utf8")} `,
    );
    await page.getByLabel("Model folder to hash").setInputFiles(copy);
    await expect(hashInput).not.toHaveValue(expected);
    await expect(hashInput).toHaveValue(/^0x[0-9a-f]{64}$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // The submitted content hash is the manifest hash.
  await page.getByRole("button", { name: "Hash the model files" }).click();
  await expect(hashInput).toHaveValue(expected);
  await page.getByRole("button", { name: "Commit and submit model" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Model submitted." })).toBeVisible();
  const submitted = (await events(chain, "ModelSubmitted")).filter(
    (e) => e.args.taskId === taskId && e.args.node === me,
  );
  expect(submitted.map((e) => [e.args.uri, e.args.contentHash])).toEqual([
    ["/models/arena-lm-small", expected],
  ]);
});

test("the validator's scorer refuses a tampered model file, scores the real one, and keeps its files by sha256", async ({
  page,
  chain,
}) => {
  test.setTimeout(300_000);
  const { taskId } = await validatorInCommitWindow(page, chain, "Tampered model", {
    uri: "/models/arena-lm-tiny",
    hash: await shippedContentHash("arena-lm-tiny"),
  });
  await openTask(page, taskId);
  await drawSeed(page, chain, taskId);

  const score = page.getByLabel(/Score for submission/);
  const run = page.getByRole("button", { name: "Score my assigned submissions" });
  const untamper = await tamper(page, "arena-lm-tiny", "onnx/model.onnx");
  await run.click();
  const refused = page.getByTestId("validate-panel").getByTestId("submission-row");
  await expect(refused).toContainText(
    /\/models\/arena-lm-tiny\/onnx\/model\.onnx differs from its manifest: sha256 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}/,
    { timeout: 60_000 },
  );
  await expect(score).toHaveValue("");

  // The real files score; the verified files are now in the Cache API under their sha256.
  await untamper();
  const onnx = countRequests(page, /^\/models\/arena-lm-tiny\/onnx\/model\.onnx$/);
  await run.click();
  await expect(score).toHaveValue(/^\d+\.\d{6}$/, { timeout: 180_000 });
  expect(onnx.count()).toBe(1);
  const cached = await page.evaluate(async () => {
    const cache = await caches.open("arena-model-files-v1");
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
  expect(cached).toHaveLength(6); // the manifest and its five files
  for (const key of cached) expect(key).toMatch(/^\/__arena\/sha256\/[0-9a-f]{64}$/);

  // A second visit (a new scorer worker) loads the model from the cache: no model file is downloaded.
  await page.reload();
  await expect(page.getByTestId("seed-step")).toHaveAttribute("data-step", "ready");
  const second = countRequests(page, /^\/models\/arena-lm-tiny\//);
  await page.getByRole("button", { name: "Score my assigned submissions" }).click();
  await expect(page.getByLabel(/Score for submission/)).toHaveValue(/^\d+\.\d{6}$/, { timeout: 180_000 });
  expect(second.count()).toBe(0);
});

/** "· <id> loaded in N ms" of the scorer page's model status. */
async function loadMs(page: Page): Promise<number> {
  const text = (await page.getByTestId("device-used").locator("xpath=..").textContent()) ?? "";
  return Number(/loaded in (\d+) ms/.exec(text)?.[1] ?? Number.NaN);
}

test("scorer page: a model folder URL loads verified; times with and without verification and warm", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const folder = `${baseURL}/models/arena-lm-small`;
  await page.goto("/scorer");
  await chooseFile(page, "plain.txt", await sample("plain.txt"));
  const scoreButton = page.getByRole("button", { name: "Score", exact: true });
  const status = page.getByTestId("device-used").locator("xpath=..");
  const scored = async (id: string) => {
    await scoreButton.click();
    await expect(status).toContainText(`${id} loaded in`, { timeout: 120_000 });
    await expect(page.getByTestId("device-used")).toHaveText("WASM");
    await expect(scoreButton).toBeEnabled({ timeout: 120_000 });
    return loadMs(page);
  };
  const pick = async (id: string) => {
    await page.getByRole("combobox", { name: "Model" }).selectOption(id);
    await page.getByRole("radio", { name: "WASM", exact: true }).check();
  };
  const hub = async (id: string) => {
    await page.getByRole("combobox", { name: "Model" }).selectOption("hub");
    await page.getByLabel("Hub model id").fill(id);
    await page.getByRole("radio", { name: "WASM", exact: true }).check();
  };

  // Alternating, after a first load that compiles onnxruntime's wasm, so each kind of load sees a warm worker.
  const base = `${baseURL}/models/arena-lm-base`;
  await pick("arena-lm-tiny");
  const first = await scored("arena-lm-tiny");
  const onnx = countRequests(page, /^\/models\/arena-lm-(small|base)\/onnx\/model\.onnx$/);
  await pick("arena-lm-small");
  const plain = [await scored("arena-lm-small")];
  await hub(folder);
  const verified = [await scored(`${folder}/`)];
  await pick("arena-lm-base");
  plain.push(await scored("arena-lm-base"));
  await hub(base);
  verified.push(await scored(`${base}/`));
  const downloads = onnx.count();
  await page.reload();
  await chooseFile(page, "plain.txt", await sample("plain.txt"));
  await pick("arena-lm-tiny");
  await scored("arena-lm-tiny");
  await hub(folder);
  const warm = [await scored(`${folder}/`)];
  await hub(base);
  warm.push(await scored(`${base}/`));
  // The second visit read both verified models from the Cache API.
  expect(onnx.count()).toBe(downloads);
  console.log(
    `model load ms: first (wasm compile) ${first}, unverified ${plain.join("/")}, verified cold ${verified.join("/")}, verified warm (Cache API, new worker) ${warm.join("/")}`,
  );
  for (const ms of [...plain, ...verified, ...warm]) expect(ms).toBeGreaterThan(0);
});

test("the task form refuses an unpinned hub model and takes a pinned one", async ({ page }) => {
  await page.goto("/tasks/new");
  const base = page.getByLabel("Base model", { exact: true });
  await base.fill("someone/model");
  await base.blur();
  await expect(
    page.getByText('The hub model "someone/model" is not pinned: add @<40-hex commit>#<dtype>'),
  ).toBeVisible();
  await base.fill("someone/model@main#q8");
  await expect(page.getByText("must be a full 40-hex-digit commit")).toBeVisible();
  await base.fill(`someone/model@${"0123456789abcdef".repeat(2)}01234567#q8`);
  await expect(page.getByText(/is not pinned|40-hex-digit commit/)).toHaveCount(0);
  await expect(base).toHaveAttribute("aria-invalid", "false");
});
