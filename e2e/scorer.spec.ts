import type { Page } from "@playwright/test";
import { parseDataset } from "../lib/metrics/parsers";
import { utf8ByteLength } from "../lib/metrics/bpb";
import { benchmarkText } from "../lib/scoring/benchmarkText";
import { nodeEnvironment } from "../lib/scoring/node-files";
import { Scorer } from "../lib/scoring/scorer";
import { expect, test } from "./fixtures";
import {
  chooseFile,
  chooseModel,
  nodeLoss,
  relativeDifference,
  sample,
  scorerWorker,
  workerResources,
} from "./scorer-helpers";

const total = (page: Page) => page.getByTestId("score-total");
const alert = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');
const scoreButton = (page: Page) => page.getByRole("button", { name: "Score", exact: true });
const pasted = (page: Page) => page.getByLabel(/Or paste text/);

/** bench-100k.txt with a blank line after every line: about 1,700 short examples, a run of several seconds. */
const manyParagraphs = async (): Promise<Buffer> =>
  Buffer.from((await sample("bench-100k.txt")).toString("utf8").split("\n").join("\n\n"));

async function scoredValue(page: Page): Promise<number> {
  await expect(total(page)).toBeVisible({ timeout: 120_000 });
  return Number(await total(page).getAttribute("data-value"));
}

test.describe("scorer page", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/scorer");
    await expect(page.getByRole("heading", { name: "Scorer", level: 1 })).toBeVisible();
  });

  test("WASM and WebGPU give the Node BPB, per-example results stream in, nothing leaves localhost", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const hosts = new Set<string>();
    page.on("request", (request) => hosts.add(new URL(request.url()).hostname));
    const reference = await nodeLoss("arena-lm-tiny", "chat.jsonl");

    await chooseFile(page, "chat.jsonl", await sample("chat.jsonl"));
    await expect(page.getByTestId("data-summary")).toHaveText("Chat JSONL: 60 examples");
    await chooseModel(page, "arena-lm-tiny", "WASM");
    await scoreButton(page).click();
    const wasm = await scoredValue(page);
    await expect(page.getByTestId("device-used")).toHaveText("WASM");
    await expect(page.getByRole("table", { name: "Per-example results" }).getByRole("row")).toHaveCount(61);
    await expect(page.getByTestId("results-chart")).toBeVisible();
    expect(relativeDifference(wasm, reference.value)).toBeLessThan(1e-4);

    await expect(page.getByText(/WebGPU available/)).toBeVisible();
    await chooseModel(page, "arena-lm-tiny", "WebGPU");
    await scoreButton(page).click();
    await expect(page.getByTestId("device-used")).toHaveText("WEBGPU", { timeout: 60_000 });
    await expect(total(page)).toBeVisible({ timeout: 240_000 });
    const webgpu = await scoredValue(page);
    expect(relativeDifference(webgpu, reference.value)).toBeLessThan(1e-4);

    const fetched = await workerResources(await scorerWorker(page));
    const ort = fetched.filter((url) => /ort-wasm.*\.wasm$/.test(url));
    expect(ort.length).toBeGreaterThan(0);
    for (const url of ort) expect(new URL(url).pathname).toMatch(/^\/ort\//);
    expect(fetched.every((url) => ["127.0.0.1", "localhost"].includes(new URL(url).hostname))).toBe(true);
    expect([...hosts].filter((host) => !["127.0.0.1", "localhost"].includes(host))).toEqual([]);
  });

  test("bad data gets a clear message and the inputs stay", async ({ page }) => {
    await chooseFile(page, "empty.jsonl", Buffer.alloc(0));
    await expect(alert(page)).toContainText("The file is empty.");
    await expect(scoreButton(page)).toBeDisabled();

    await chooseFile(page, "weights.bin", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 3]));
    await expect(alert(page)).toContainText("binary file");
    await page.getByRole("button", { name: "Remove file" }).click();

    const lines = [
      '{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."}]}',
      '{"prompt":"2+2?","completion":"4"}',
      '{"messages": [oops',
    ].join("\n");
    await pasted(page).fill(lines);
    await expect(alert(page)).toContainText("Line 3 is not valid JSON");
    await expect(scoreButton(page)).toBeDisabled();
    await expect(pasted(page)).toHaveValue(lines);
  });

  test("text longer than the model's context is truncated and the page says so", async ({ page }) => {
    const long = "The river runs past the old mill and under the bridge. ".repeat(40).trim();
    await pasted(page).fill(`${long}\n\nA short paragraph.`);
    await expect(page.getByTestId("data-summary")).toHaveText("Plain text: 2 examples");
    await chooseModel(page, "arena-lm-tiny", "WASM");
    await scoreButton(page).click();
    await scoredValue(page);
    await expect(
      page.getByText(/1 example was longer than the model's context \(1024 tokens\)/),
    ).toBeVisible();
    await expect(page.getByRole("cell", { name: /cut from \d+ to 1024 tokens/ })).toBeVisible();
  });

  test("a model folder missing a file names it, and the inputs stay", async ({ page }) => {
    await page.route("**/models/arena-lm-small/tokenizer.json", (route) => route.fulfill({ status: 404 }));
    await page.getByRole("button", { name: "Plain text" }).click();
    await chooseModel(page, "arena-lm-small", "WASM");
    await scoreButton(page).click();
    await expect(alert(page)).toContainText('The model folder "arena-lm-small" is missing tokenizer.json');
    await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("arena-lm-small");
    await expect(pasted(page)).not.toHaveValue("");
    await expect(scoreButton(page)).toBeEnabled();
  });

  test("a corrupt ONNX file is reported as such", async ({ page }) => {
    await page.route("**/models/arena-lm-small/onnx/model.onnx", (route) =>
      route.fulfill({ status: 200, contentType: "application/octet-stream", body: Buffer.alloc(4096, 7) }),
    );
    await page.getByRole("button", { name: "Plain text" }).click();
    await chooseModel(page, "arena-lm-small", "WASM");
    await scoreButton(page).click();
    await expect(alert(page)).toHaveAttribute("data-code", "corrupt_model", { timeout: 30_000 });
    await expect(alert(page)).toContainText("could not be read as ONNX");
  });

  test("a hub id while offline fails quickly with a clear message", async ({ page }) => {
    const tried: string[] = [];
    // Registered after the fixture's guard, so it answers first: the request is expected, and fails as offline.
    await page.route("https://huggingface.co/**", async (route) => {
      tried.push(route.request().url());
      await route.abort("internetdisconnected");
    });
    await page.getByRole("button", { name: "Plain text" }).click();
    await page.getByRole("combobox", { name: "Model" }).selectOption("hub");
    await page.getByLabel("Hub model id").fill("Xenova/distilgpt2");
    await page.getByRole("radio", { name: "WASM" }).check();
    const started = Date.now();
    await scoreButton(page).click();
    await expect(alert(page)).toHaveAttribute("data-code", "offline", { timeout: 10_000 });
    await expect(alert(page)).toContainText("Cannot reach the model hub");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(tried.length).toBeGreaterThan(0);
    await expect(page.getByLabel("Hub model id")).toHaveValue("Xenova/distilgpt2");
  });

  test("a worker crash (out of memory) stops the run with a message; the next run works", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.getByRole("button", { name: "Plain text" }).click();
    await expect(page.getByTestId("data-summary")).toHaveText(/^Plain text: \d+ examples$/);
    await chooseFile(page, "paragraphs.txt", await manyParagraphs());
    await chooseModel(page, "arena-lm-base", "WASM");
    await scoreButton(page).click();
    await expect(page.getByText(/Scoring progress: \d+ of/)).toBeVisible({ timeout: 60_000 });
    const worker = await scorerWorker(page);
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error("Out of memory: simulated allocation failure");
      }, 0);
    });
    await expect(alert(page)).toHaveAttribute("data-code", "out_of_memory");
    await expect(page.getByTestId("data-file")).toContainText("paragraphs.txt");

    await page.getByRole("button", { name: "Remove file" }).click();
    await scoreButton(page).click();
    await scoredValue(page);
    await expect(alert(page)).toHaveCount(0);
  });

  test("cancel stops scoring and keeps the inputs; the benchmark reports tokens/s", async ({ page }) => {
    test.setTimeout(180_000);
    await chooseFile(page, "paragraphs.txt", await manyParagraphs());
    await chooseModel(page, "arena-lm-base", "WASM");
    await scoreButton(page).click();
    await expect(page.getByText(/Scoring progress: \d+ of/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(page.getByText("Cancelled. Your inputs are unchanged.")).toBeVisible();
    await expect(page.getByTestId("data-file")).toContainText("paragraphs.txt");

    await page.getByRole("button", { name: "Benchmark" }).click();
    await expect(page.getByTestId("benchmark-result")).toContainText(/[\d,]+ tokens\/s on WASM/, {
      timeout: 120_000,
    });
    expect(Number(await page.getByTestId("benchmark-result").getAttribute("data-value"))).toBeGreaterThan(0);
  });

  test("compare models scores every shipped LM (the ScoreSubmissions flow) like Node does", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.getByRole("button", { name: "Compare shipped models" }).click();
    const rows = page.getByTestId("submission-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "Scored" })).toHaveCount(3, { timeout: 240_000 });
    await expect(page.getByTestId("compare-chart")).toBeVisible();
    const scores: number[] = [];
    for (const [i, id] of ["arena-lm-tiny", "arena-lm-small", "arena-lm-base"].entries()) {
      const row = rows.nth(i);
      await expect(row).toContainText(id);
      const value = Number(await row.locator("[data-value]").getAttribute("data-value"));
      expect(relativeDifference(value, (await nodeLoss(id, "chat.jsonl")).value)).toBeLessThan(1e-4);
      scores.push(value);
    }
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
  });
});

/** The Node scorer's benchmark bits per byte on what the page benchmarks: the file's examples as the model reads them. */
async function nodeBenchmarkBpb(modelId: string, file: string, tokens: number): Promise<number> {
  const scorer = await Scorer.load({ kind: "local", id: modelId }, "cpu", nodeEnvironment());
  try {
    const text = benchmarkText(parseDataset(await sample(file), { fileName: file }))!;
    const ids = scorer.encodeText(text).slice(0, tokens);
    const result = await scorer.benchmark(ids, scorer.info.contextLength, utf8ByteLength(scorer.decode(ids)));
    return result.bpb!;
  } finally {
    await scorer.dispose();
  }
}

test("the benchmark reads the examples the score reads, says why its BPB differs, and nothing 404s", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const missing: string[] = [];
  const modelFiles: string[] = [];
  page.context().on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
    if (response.request().method() === "GET" && response.url().includes("/models/arena-lm-small/"))
      modelFiles.push(new URL(response.url()).pathname);
  });
  await page.goto("/scorer");
  await chooseFile(page, "chat.jsonl", await sample("chat.jsonl"));
  await chooseModel(page, "arena-lm-small", "WASM");
  await scoreButton(page).click();
  const scored = await scoredValue(page);
  expect(relativeDifference(scored, (await nodeLoss("arena-lm-small", "chat.jsonl")).value)).toBeLessThan(
    1e-4,
  );

  await page.getByRole("button", { name: "Benchmark" }).click();
  const bpb = page.getByTestId("benchmark-bpb");
  await expect(bpb).toBeVisible({ timeout: 120_000 });
  const benchmarked = Number(await bpb.textContent());
  // The raw JSONL read as text gave 6.78 for a score of 1.13: the rendered turns give about 1.34.
  expect(
    Math.abs(benchmarked - (await nodeBenchmarkBpb("arena-lm-small", "chat.jsonl", 10_000))),
  ).toBeLessThan(1e-3);
  expect(benchmarked).toBeLessThan(2 * scored);
  await expect(page.getByTestId("benchmark-why")).toContainText("the score counts only the assistant turns");

  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(missing, "responses that were 404").toEqual([]);
  // One model load (the benchmark reuses it): each of its files, generation_config.json and the ONNX graph
  // included, downloaded once, not once for transformers.js's metadata lookup and again for its bytes.
  expect(modelFiles).toContain("/models/arena-lm-small/generation_config.json");
  expect(modelFiles, "each model file fetched once").toEqual([...new Set(modelFiles)]);
});
