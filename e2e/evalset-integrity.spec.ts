import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { zeroHash } from "viem";
import type { Page } from "@playwright/test";
import { arenaTasksAbi } from "../contracts-abi";
import { sampleSetSha256 } from "../lib/arena/testing/sampleSets";
import { drawSeed, epochTimes, events, fund, timeTravelTo, validatorInCommitWindow } from "./arena";
import { type ChainFixture, confirmedToast, connectDevWallet, expect, openTask, test } from "./fixtures";

/**
 * Evaluation sets bound to their bytes (issue 13): a task stores the sha256 of its public set, the creator's
 * form computes it from the file, the held-back set is checked against its commitment before the reveal, and a
 * validator's browser refuses to score on a set that the server changed after the task was created.
 */

const CHAT = sampleSetSha256("chat.jsonl");
const PLAIN = sampleSetSha256("plain.txt");

/**
 * Serves `path` without its last example: a still well-formed but easier set, what a server that swapped the
 * evaluation set after the task was created would send.
 */
async function tamper(page: Page, path: string): Promise<string> {
  const lines = readFileSync(new URL(`../public${path}`, import.meta.url), "utf8")
    .trimEnd()
    .split("\n");
  const easier = `${lines.slice(0, -1).join("\n")}\n`;
  await page.route(`**${path}`, (route) => route.fulfill({ status: 200, body: easier }));
  return `0x${createHash("sha256").update(easier).digest("hex")}`;
}

async function evalSetHashes(chain: ChainFixture, taskId: bigint) {
  return chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: chain.address("ArenaTasks"),
    functionName: "getEvalSetHashes",
    args: [taskId],
  });
}

test("a validator's browser refuses to score on an evaluation set that no longer matches the task's hash", async ({
  page,
  chain,
}) => {
  const { taskId } = await validatorInCommitWindow(page, chain, "Tampered evaluation set", {
    uri: "/models/arena-lm-tiny",
    hash: `0x${"73".repeat(32)}`,
  });
  expect(await evalSetHashes(chain, taskId)).toEqual([CHAT, zeroHash]);
  await drawSeed(chain, taskId, 1n);
  // The server now sends another file under the task's evaluation set URI.
  const served = await tamper(page, "/models/samples/chat.jsonl");
  await openTask(page, taskId);
  await expect(page.getByTestId("seed-step")).toHaveAttribute("data-step", "ready");
  await page.getByRole("button", { name: "Score my assigned submissions" }).click();
  const alert = page.locator('[role="alert"][data-code="eval_set_mismatch"]');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("does not match the task");
  await expect(alert).toContainText(`its sha256 is ${served}, the task's on-chain hash is ${CHAT}`);
  await expect(alert).toContainText("nothing was scored or committed");
  // No score was filled in and nothing was committed.
  await expect(page.getByLabel(/Score for submission/)).toHaveValue("");
  const committed = (await events(chain, "ScoresCommitted")).filter((e) => e.args.taskId === taskId);
  expect(committed).toHaveLength(0);
});

test("the create form shows the sets' sha256, refuses a set it cannot fetch, and the creator's reveal checks the held-back set", async ({
  page,
  chain,
}) => {
  test.setTimeout(150_000);
  await page.goto("/tasks/new");
  const me = await connectDevWallet(page);
  await fund(chain, me);
  await page.getByLabel("Title", { exact: true }).fill("Hashed evaluation sets");
  await page.getByLabel("Epoch length (seconds)").fill("600");
  await page.getByLabel("Commit window (seconds)").fill("150");
  await page.getByLabel("Reveal window (seconds)").fill("150");
  await page.getByLabel("Submission epochs").fill("2");
  // Both defaults are shipped samples: the form hashes the very bytes it fetched.
  await expect(page.getByTestId("eval-hash-evalSetURI-value")).toHaveAttribute("data-hash", CHAT);
  await expect(page.getByTestId("eval-hash-finalEvalSetURI-value")).toHaveAttribute("data-hash", PLAIN);
  await expect(page.getByTestId("eval-hash-evalSetURI-value")).toHaveAttribute("title", CHAT);

  // A set that cannot be fetched cannot be hashed: the form says so and sends nothing.
  const uri = page.getByLabel("Evaluation set URI", { exact: true });
  await uri.fill("/models/samples/missing.jsonl");
  await expect(page.getByTestId("eval-hash-evalSetURI")).toContainText("Cannot fetch the evaluation set");
  const block = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await page.getByRole("button", { name: /Approve and publish/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not published" })).toContainText(
    "the evaluation set (/models/samples/missing.jsonl) cannot be fetched, so the task cannot store its sha256",
  );
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(block);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Hashed evaluation sets");

  await uri.fill("/models/samples/chat.jsonl");
  await expect(page.getByTestId("eval-hash-evalSetURI-value")).toHaveAttribute("data-hash", CHAT);
  await page.getByRole("button", { name: /Approve and publish/ }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  const taskId = BigInt(page.url().split("/").pop()!);
  expect(await evalSetHashes(chain, taskId)).toEqual([CHAT, zeroHash]);
  await expect(page.getByTestId("eval-set-hash")).toHaveAttribute("data-hash", CHAT);

  // Final validation (epoch 2): the held-back set the form hashed is checked before it is revealed.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 2n)).start);
  await tamper(page, "/models/samples/plain.txt");
  await openTask(page, taskId);
  const panel = page.getByTestId("creator-panel");
  await expect(panel.getByTestId("held-back-committed-hash")).toHaveAttribute("data-hash", PLAIN);
  await panel.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("has changed since the task was created");
  await expect(panel.getByRole("alert")).toContainText(`you committed to ${PLAIN}`);
  expect((await events(chain, "FinalEvalRevealed")).filter((e) => e.args.taskId === taskId)).toHaveLength(0);

  await page.unroute("**/models/samples/plain.txt");
  await panel.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(
    page.locator(confirmedToast).filter({ hasText: "Reveal the held-back evaluation set" }),
  ).toBeVisible();
  const revealed = (await events(chain, "FinalEvalRevealed")).filter((e) => e.args.taskId === taskId);
  expect(revealed.map((e) => [e.args.evalSetURI, e.args.evalSetHash])).toEqual([
    ["/models/samples/plain.txt", PLAIN],
  ]);
  expect(await evalSetHashes(chain, taskId)).toEqual([CHAT, PLAIN]);
  await expect(page.getByTestId("held-back-set-hash")).toHaveAttribute("data-hash", PLAIN);
});

test("a held-back set hashed from a local copy stays offline until the creator publishes and reveals it", async ({
  page,
  chain,
}) => {
  const later = "/models/samples/held-back-later.txt";
  await page.goto("/tasks/new");
  const me = await connectDevWallet(page);
  await fund(chain, me);
  await page.getByLabel("Title", { exact: true }).fill("Held-back set published at the reveal");
  await page.getByLabel("Epoch length (seconds)").fill("600");
  await page.getByLabel("Commit window (seconds)").fill("150");
  await page.getByLabel("Reveal window (seconds)").fill("150");
  await page.getByLabel("Submission epochs").fill("2");
  await page.getByLabel("Held-back evaluation set URI").fill(later);
  await expect(page.getByTestId("eval-hash-finalEvalSetURI")).toContainText("HTTP 404");
  await page
    .getByLabel("Local copy of the held-back evaluation set")
    .setInputFiles(fileURLToPath(new URL("../public/models/samples/plain.txt", import.meta.url)));
  await expect(page.getByTestId("eval-hash-finalEvalSetURI-value")).toHaveAttribute("data-hash", PLAIN);
  await page.getByRole("button", { name: /Approve and publish/ }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  const taskId = BigInt(page.url().split("/").pop()!);

  await timeTravelTo(chain, (await epochTimes(chain, taskId, 2n)).start);
  await openTask(page, taskId);
  const panel = page.getByTestId("creator-panel");
  await expect(panel.getByLabel("Held-back set URI")).toHaveValue(later);
  await panel.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("cannot be fetched, so it cannot be revealed");
  // The creator publishes the set at its URI: now it can be revealed, with the hash committed at creation.
  const bytes = readFileSync(new URL("../public/models/samples/plain.txt", import.meta.url));
  await page.route(`**${later}`, (route) => route.fulfill({ status: 200, body: bytes }));
  await panel.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(
    page.locator(confirmedToast).filter({ hasText: "Reveal the held-back evaluation set" }),
  ).toBeVisible();
  expect(await evalSetHashes(chain, taskId)).toEqual([CHAT, PLAIN]);
  const revealed = (await events(chain, "FinalEvalRevealed")).filter((e) => e.args.taskId === taskId);
  expect(revealed.map((e) => e.args.evalSetURI)).toEqual([later]);
});
