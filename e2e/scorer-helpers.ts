import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page, Worker } from "@playwright/test";
import { parseDataset } from "../lib/metrics/parsers";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "../lib/scoring/node-files";
import type { ScoreTotals } from "../lib/scoring/protocol";
import { Scorer } from "../lib/scoring/scorer";

export const SAMPLES_DIR = path.join(SHIPPED_MODELS_DIR, "samples");

export const sample = (name: string): Promise<Buffer> => readFile(path.join(SAMPLES_DIR, name));

/** The reference: the project's Node scorer (onnxruntime-node) on the same model and file. */
export async function nodeLoss(modelId: string, file: string): Promise<ScoreTotals> {
  const scorer = await Scorer.load({ kind: "local", id: modelId }, "cpu", nodeEnvironment());
  try {
    const dataset = parseDataset(await sample(file), { fileName: file });
    return (await scorer.score({ metric: "loss", dataset })).totals;
  } finally {
    await scorer.dispose();
  }
}

export const relativeDifference = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

export async function chooseModel(page: Page, id: string, device: "Auto" | "WebGPU" | "WASM"): Promise<void> {
  await page.getByRole("combobox", { name: "Model" }).selectOption(id);
  await page.getByRole("radio", { name: device, exact: true }).check();
}

export async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel("Drop a file here or choose one").setInputFiles({
    name,
    mimeType: "application/octet-stream",
    buffer,
  });
}

export async function scorerWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((worker) => /scorer/.test(worker.url())) ?? page.workers()[0];
  for (let i = 0; i < 100 && !find(); i++) await page.waitForTimeout(100);
  const worker = find();
  if (!worker) throw new Error(`no scorer worker among ${page.workers().map((w) => w.url())}`);
  return worker;
}

/** URLs the scorer worker fetched (resource timing inside the worker). */
export function workerResources(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
}
