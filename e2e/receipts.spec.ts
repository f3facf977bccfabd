import { sha256 } from "viem";
import { shippedContentHash } from "../lib/scoring/node-files";
import { LOCAL_CHAIN_ID } from "../lib/chain/chains";
import { parseDataset } from "../lib/metrics/parsers";
import type { LossExample } from "../lib/scoring/protocol";
import { buildReceipt, encodeReceipt, parseReceipt, receiptHash } from "../lib/scoring/receipt";
import { nodeEnvironment } from "../lib/scoring/node-files";
import { Scorer } from "../lib/scoring/scorer";
import { scoreCommitment } from "../lib/sortition";
import {
  commitScores,
  drawSeed,
  events,
  participantIndex,
  submitInEpoch,
  taskWith,
  timeTravelTo,
  validatorInCommitWindow,
  writeTasks,
} from "./arena";
import { signedBlobUpload } from "./blobs";
import { type ChainFixture, confirmedToast, connectDevWallet, expect, openTask, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { sample } from "./scorer-helpers";

/**
 * In the validator panel: commits the scores it shows, moves time to `commitEnd`, reloads (the salt and the
 * receipt must survive it) and reveals. Returns the task's ScoresRevealed event.
 */
async function commitThenRevealInUi(page: Page, chain: ChainFixture, taskId: bigint, commitEnd: bigint) {
  const panel = page.getByTestId("validate-panel");
  await panel.getByRole("button", { name: "Commit scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Commit scores" })).toBeVisible();
  await timeTravelTo(chain, commitEnd);
  await page.reload();
  await panel.getByRole("button", { name: "Reveal scores" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Reveal scores" })).toBeVisible();
  const [revealed] = await events(chain, "ScoresRevealed", taskId);
  return revealed;
}

test("a validator's scores carry a receipt: scored in the browser, uploaded, committed, revealed, linked and verified; a tampered receipt is caught", async ({
  page,
  chain,
}) => {
  test.setTimeout(420_000);
  const { taskId, me, e1 } = await validatorInCommitWindow(page, chain, "Receipts", {
    uri: "/models/arena-lm-tiny",
    hash: await shippedContentHash("arena-lm-tiny"),
  });
  await openTask(page, taskId);

  const panel = page.getByTestId("validate-panel");
  await panel.getByRole("button", { name: "Draw this epoch's seed" }).click();
  await expect(page.locator(confirmedToast).filter({ hasText: "Draw the seed of epoch 1" })).toBeVisible();
  await panel.getByRole("button", { name: "Score my assigned submissions" }).click();
  await expect(panel.getByLabel(/Score for submission/)).toHaveValue(/^\d+\.\d{6}$/, { timeout: 180_000 });
  // A reload before the reveal: the receipt is kept in this browser with the salt.
  const revealed = await commitThenRevealInUi(page, chain, taskId, e1.commitEnd);
  expect(revealed).toBeDefined();
  const receipt = revealed!.args.receipt;
  expect(receipt).not.toBe(`0x${"0".repeat(64)}`);

  // The blob store serves the receipt under its hash; it names what was scored and proves the revealed score.
  const served = await page.request.get(`/api/blobs/${receipt.slice(2)}`);
  expect(served.ok()).toBe(true);
  const bytes = new Uint8Array(await served.body());
  expect(sha256(bytes)).toBe(receipt);
  const doc = parseReceipt(bytes);
  expect(doc.validator.toLowerCase()).toBe(me.toLowerCase());
  expect(doc.evaluationSet.uri).toBe("/models/samples/chat.jsonl");
  expect(doc.submissions).toHaveLength(1);
  expect(doc.submissions[0]!.model.uri).toBe("/models/arena-lm-tiny");
  expect(doc.submissions[0]!.examples).toBe(60);
  expect(doc.submissions[0]!.score).toBe(revealed!.args.scores[0]);

  // The score row links the receipt, and "Verify this score" re-scores random examples here.
  const row = page.getByTestId("revealed-score").first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole("link", { name: /receipt/ })).toHaveAttribute(
    "href",
    `/api/blobs/${receipt.slice(2)}`,
  );
  const started = Date.now();
  await row.getByRole("button", { name: "Verify this score" }).click();
  const outcome = row.getByTestId("verify-outcome");
  await expect(outcome).toContainText("Verified: 3 examples agree", { timeout: 120_000 });
  console.log(`verify: ${Date.now() - started} ms (honest receipt, 3 examples)`);

  // A receipt whose stored values were changed no longer matches the hash on chain.
  const tampered = JSON.parse(new TextDecoder().decode(bytes)) as typeof doc;
  tampered.submissions[0]!.values[0]!.value = "1";
  await page.route(`**/api/blobs/${receipt.slice(2)}`, (route) =>
    route.fulfill({ status: 200, contentType: "application/octet-stream", body: JSON.stringify(tampered) }),
  );
  await row.getByRole("button", { name: "Verify this score" }).click();
  await expect(outcome).toContainText("does not match the receipt hash on chain");
  await expect(outcome).toHaveAttribute("role", "alert");
});

test("verify names the example whose value in the receipt is not what the model gives", async ({
  page,
  chain,
}) => {
  test.setTimeout(300_000);
  const [, , node, validator] = chain.accounts;
  const taskId = await taskWith(chain, "Lying receipt", { nodes: [node!], validators: [validator!] });
  const manifest = await shippedContentHash("arena-lm-tiny");
  const e1 = await submitInEpoch(chain, taskId, 1n, [
    { node: node!, uri: "/models/arena-lm-tiny", hash: manifest },
  ]);
  await drawSeed(chain, taskId, 1n);

  // The validator really scores (Node), then inflates every example's loss by half before building its receipt:
  // hash, root and aggregate are consistent, only re-scoring can tell.
  const scorer = await Scorer.load({ kind: "local", id: "arena-lm-tiny" }, "cpu", nodeEnvironment());
  const set = await sample("chat.jsonl");
  const result = await scorer
    .score({ metric: "loss", dataset: parseDataset(set, { fileName: "chat.jsonl" }) })
    .finally(() => scorer.dispose());
  const inflated = (result.examples as LossExample[]).map((e) => ({ ...e, nllNats: e.nllNats * 1.5 }));
  const nodeIndices = [await participantIndex(chain, taskId, node!)];
  const doc = buildReceipt({
    chainId: LOCAL_CHAIN_ID,
    arenaTasks: chain.address("ArenaTasks"),
    taskId,
    epoch: 1,
    validator: validator!,
    metric: "loss",
    evaluationSet: { uri: "/models/samples/chat.jsonl", sha256: sha256(new Uint8Array(set)) },
    scorer: {
      version: "0.1.0",
      runtime: { transformers: "4.3.1", onnxruntime: "1.30.0" },
      backend: "cpu",
      dtype: "fp32",
      threads: 1,
    },
    submissions: [
      { nodeIndex: nodeIndices[0]!, model: { uri: "/models/arena-lm-tiny", manifest }, examples: inflated },
    ],
  });
  const bytes = encodeReceipt(doc);
  const receipt = receiptHash(bytes);
  expect((await signedBlobUpload(page.request, validator!, bytes)).ok()).toBe(true);
  const scores = [doc.submissions[0]!.score];
  const salt = `0x${"5a".repeat(32)}` as const;
  await commitScores(
    chain,
    validator!,
    taskId,
    scoreCommitment(taskId, 1n, validator!, nodeIndices, scores, receipt, salt),
  );
  await timeTravelTo(chain, e1.commitEnd);
  await writeTasks(chain, validator!, "revealScores", [taskId, 1n, nodeIndices, scores, receipt, salt]);

  await page.goto("/");
  await connectDevWallet(page);
  await openTask(page, taskId);
  const row = page.getByTestId("revealed-score").first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole("button", { name: "Verify this score" }).click();
  const outcome = row.getByTestId("verify-outcome");
  await expect(outcome).toContainText(/Not verified: example \d+ differs/, { timeout: 120_000 });
  await expect(outcome).toContainText(
    /Example \d+: receipt \d+\.\d{6}, here \d+\.\d{6} \(difference \d+\.\d{6}\): differs/,
  );
  await expect(outcome).toHaveAttribute("role", "alert");
});

test("a receipt upload that fails commits nothing and can be retried; a score typed by hand is marked so in its receipt", async ({
  page,
  chain,
}) => {
  test.setTimeout(240_000);
  const { taskId, e1 } = await validatorInCommitWindow(page, chain, "Receipt upload", {
    uri: "/models/arena-lm-small",
    hash: await shippedContentHash("arena-lm-small"),
  });
  await drawSeed(chain, taskId, 1n);
  await openTask(page, taskId);
  const panel = page.getByTestId("validate-panel");
  await panel.getByLabel(/Score for submission/).fill("1.25");

  await page.route("**/api/blobs", (route) =>
    route.request().method() === "PUT"
      ? route.fulfill({ status: 503, contentType: "application/json", body: "{}" })
      : route.fallback(),
  );
  const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await panel.getByRole("button", { name: "Commit scores" }).click();
  await expect(panel.getByRole("alert")).toContainText(
    "Your scoring receipt could not be uploaded, so nothing was committed",
  );
  await expect(panel.getByRole("alert")).toContainText("press Commit scores to try again");
  await expect(panel.getByLabel(/Score for submission/)).toHaveValue("1.25");
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before);

  await page.unroute("**/api/blobs");
  const revealed = await commitThenRevealInUi(page, chain, taskId, e1.commitEnd);
  expect(revealed!.args.scores).toEqual([1_250_000]);
  const doc = parseReceipt(
    new Uint8Array(await (await page.request.get(`/api/blobs/${revealed!.args.receipt.slice(2)}`)).body()),
  );
  expect(doc.submissions[0]).toMatchObject({ score: 1_250_000, examples: 0, values: [] });
  const row = page.getByTestId("revealed-score").first();
  await row.getByRole("button", { name: "Verify this score" }).click();
  await expect(row.getByTestId("verify-outcome")).toContainText("this score was entered by hand");
});
