import path from "node:path";
import type { Page } from "@playwright/test";
import { createWalletClient, getAddress, http, maxUint256, type Address, type Hex } from "viem";
import { arenaTargetsAbi, arenaTokenAbi } from "../contracts-abi";
import { localChain } from "../lib/chain/chains";
import { formatTokenAmount } from "../lib/format";
import {
  cosineDistanceMicro,
  forfeitSplit,
  pack,
  splitReward,
  submissionCommitment,
  unpack,
  type SubmitArgs,
  unpackModels,
} from "../lib/targets";
import { signedBlobUpload } from "./blobs";
import { connectDevWallet, expect, test, type ChainFixture } from "./fixtures";
import { E2E_RPC_URL } from "./ports";

const SAMPLE = path.join(process.cwd(), "public", "models", "samples", "chat.jsonl");
/** Digits score far from every shipped model's embedding of chat data (distance > 1). */
const MISS = "0123456789".repeat(100);
const BASE_MODEL = 3; // arena-lm-base in the seed: its position is the generator centre
const OPEN = 1;
const FILLED = 2;
const FRAUDULENT = 3;
const CLAIMED = 4;

function market(chain: ChainFixture) {
  const address = chain.address("ArenaTargets");
  const read = chain.publicClient.readContract.bind(chain.publicClient);
  return {
    address,
    epoch: () => read({ abi: arenaTargetsAbi, address, functionName: "currentEpoch" }),
    count: () => read({ abi: arenaTargetsAbi, address, functionName: "targetCount" }),
    target: (id: bigint) => read({ abi: arenaTargetsAbi, address, functionName: "targets", args: [id] }),
    models: async (id: bigint) =>
      unpackModels((await read({ abi: arenaTargetsAbi, address, functionName: "targets", args: [id] }))[4]),
    vector: (id: bigint) =>
      read({ abi: arenaTargetsAbi, address, functionName: "targetEmbedding", args: [id] }),
    submission: (id: bigint) =>
      read({ abi: arenaTargetsAbi, address, functionName: "submissions", args: [id] }),
    model: (id: bigint) => read({ abi: arenaTargetsAbi, address, functionName: "getModel", args: [id] }),
    balance: (account: Address) =>
      read({
        abi: arenaTokenAbi,
        address: chain.address("ArenaToken"),
        functionName: "balanceOf",
        args: [account],
      }),
  };
}

/** Open targets of the current epoch, with their assigned models. */
async function openTargets(chain: ChainFixture) {
  const m = market(chain);
  const epoch = await m.epoch();
  const out: { id: bigint; threshold: bigint; models: readonly number[] }[] = [];
  for (let id = 1n; id <= (await m.count()); id++) {
    const [, targetEpoch, threshold, status] = await m.target(id);
    if (status === OPEN && BigInt(targetEpoch) === epoch) {
      out.push({ id, threshold: BigInt(threshold), models: await m.models(id) });
    }
  }
  return out;
}

async function send(
  chain: ChainFixture,
  account: Address,
  request: Parameters<ReturnType<typeof walletFor>["writeContract"]>[0],
) {
  const hash = await walletFor(account).writeContract(request);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
}

function walletFor(account: Address) {
  return createWalletClient({ account, chain: localChain(E2E_RPC_URL), transport: http(E2E_RPC_URL) });
}

/** Next epoch, then the two-step seed draw (automine: one more block between the steps). */
async function nextEpoch(chain: ChainFixture, draw = true) {
  await chain.testClient.increaseTime({ seconds: 86_400 });
  await chain.testClient.mine({ blocks: 1 });
  if (!draw) return;
  const m = market(chain);
  const step = (functionName: "requestSeed" | "openEpoch") =>
    send(chain, chain.accounts[0]!, { abi: arenaTargetsAbi, address: m.address, functionName, args: [] });
  await step("requestSeed");
  for (let i = 0; i < 2; i++) await chain.testClient.mine({ blocks: 1 });
  await step("openEpoch");
}

async function useAccount(page: Page, account: Address) {
  const panel = page.getByLabel("Dev wallet account");
  if (!(await panel.isVisible())) await page.getByRole("button", { name: "Dev panel" }).click();
  await panel.selectOption(getAddress(account));
  await expect(panel).toHaveValue(getAddress(account));
  await page.getByRole("button", { name: "Close dev panel" }).click();
}

/** Connects the dev wallet on the overview, then walks to /targets (and a target) through the app's links. */
async function goToTargets(page: Page, id?: bigint): Promise<Address> {
  await page.goto("/");
  const account = await connectDevWallet(page);
  await page.getByRole("link", { name: "Targets", exact: true }).click();
  if (id !== undefined) await page.getByRole("link", { name: `#${id}`, exact: true }).click();
  return account;
}

const confirmed = (page: Page) => page.locator('[data-testid="tx-toast"][data-stage="confirmed"]');

test("data that lands within the threshold fills the target, scored in the browser", async ({
  page,
  chain,
}) => {
  test.setTimeout(180_000);
  const m = market(chain);
  const [, centre] = await m.model(BigInt(BASE_MODEL));
  let chosen: { id: bigint; threshold: bigint } | undefined;
  for (const t of await openTargets(chain)) {
    if (!t.models.includes(BASE_MODEL)) continue;
    const vector = await m.vector(t.id);
    if (cosineDistanceMicro(unpack(centre, vector.length), vector) <= t.threshold) chosen = t;
  }
  expect(chosen, "an open target that the chat sample fills").toBeDefined();
  const id = chosen!.id;

  const account = await goToTargets(page, id);
  const before = await m.balance(account);
  await page.getByLabel("Data file").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Score in my browser" }).click();
  await expect(page.getByTestId("submit-verdict")).toContainText("Within the threshold", {
    timeout: 120_000,
  });
  await expect(page.getByTestId("plan-distance")).toContainText(/Distance 0\.\d{4}/);
  await page.getByRole("button", { name: "Upload and submit" }).click();
  await expect(page.getByTestId("submit-done")).toBeVisible({ timeout: 60_000 });

  const [, , , status] = await m.target(id);
  expect(status).toBe(FILLED);
  const submission = await m.submission(id);
  expect(getAddress(submission[0])).toBe(getAddress(account));
  expect(submission[1]).toBe(BASE_MODEL);
  expect(before - (await m.balance(account))).toBe(submission[4]);
  await expect(page.getByTestId("target-phase")).toHaveText("Filled, in audit");
  // The fill's record is the indexer's (the data URI comes from the indexed Submitted event), without a reload.
  const record = page.getByTestId("target-record");
  await expect(record).toContainText("Filled in block", { timeout: 5_000 });
  await expect(record).toContainText(`with model #${BASE_MODEL}`);
  await expect(record).toContainText(`${submission[3].toLocaleString("en-US")} bytes at sha256:`);
});

test("data that misses is refused before any transaction, with its distance", async ({ page, chain }) => {
  test.setTimeout(180_000);
  const [target] = await openTargets(chain);
  await goToTargets(page, target!.id);
  const block = await chain.publicClient.getBlockNumber();
  await page.getByLabel("Paste data").fill(MISS);
  await page.getByRole("button", { name: "Use pasted text" }).click();
  await page.getByRole("button", { name: "Score in my browser" }).click();
  const verdict = page.getByTestId("submit-verdict");
  await expect(verdict).toContainText("would be rejected", { timeout: 120_000 });
  await expect(verdict).toContainText(/at distance \d\.\d{4}, outside the threshold 0\.\d{4}/);
  await expect(page.getByRole("button", { name: "Upload and submit" })).toHaveCount(0);
  await expect(page.getByLabel("Paste data")).toHaveValue(MISS);
  expect(await chain.publicClient.getBlockNumber()).toBe(block);
});

test("an audit and a fraud vote forfeit the bond to the reporters", async ({ page, chain, request }) => {
  test.setTimeout(240_000);
  const m = market(chain);
  const cheat = chain.accounts[8]!;
  const [target] = await openTargets(chain);
  const id = target!.id;
  const upload = await signedBlobUpload(request, cheat, new TextEncoder().encode(MISS));
  expect(upload.ok()).toBe(true);
  const blob = (await upload.json()) as { uri: string; sha256: string; size: number };
  const vector = await m.vector(id);
  await send(chain, cheat, {
    abi: arenaTokenAbi,
    address: chain.address("ArenaToken"),
    functionName: "approve",
    args: [m.address, maxUint256],
  });
  // The cheat claims the target's own vector as its data's embedding (distance 0, whatever the data) and a
  // declared size of 1 byte; it still pays the minimum bond, and commits before revealing.
  const params: SubmitArgs = {
    targetId: id,
    dataUri: blob.uri,
    dataHash: `0x${blob.sha256}` as Hex,
    dataSize: 1,
    modelId: target!.models[0]!,
    loss: 100_000n,
    embedding: pack(vector),
    distance: cosineDistanceMicro(vector, vector),
  };
  const salt = `0x${"c4".repeat(32)}` as Hex;
  await send(chain, cheat, {
    abi: arenaTargetsAbi,
    address: m.address,
    functionName: "commit",
    args: [id, submissionCommitment(cheat, params, salt)],
  });
  await chain.testClient.mine({ blocks: 1 });
  await send(chain, cheat, {
    abi: arenaTargetsAbi,
    address: m.address,
    functionName: "submit",
    args: [params, salt],
  });
  const [reward] = await m.target(id);
  const bond = (await m.submission(id))[4];
  await nextEpoch(chain);
  // Any validator of the fill may open the report, not only the drawn auditor: the first validator does.
  const [reporter, joiner] = chain.accounts.slice(4, 6) as [Address, Address];
  const before = await Promise.all([reporter, joiner].map((a) => m.balance(a)));

  await goToTargets(page, id);
  await expect(page.getByTestId("audit-window")).toContainText("ends in");
  await expect(page.getByTestId("audit-pay")).toContainText("10% of the reward");
  await useAccount(page, reporter);
  await page.getByRole("button", { name: "Re-score the submission in my browser" }).click();
  const verdict = page.getByTestId("audit-verdict");
  await expect(verdict).toHaveAttribute("data-honest", "false", { timeout: 120_000 });
  await expect(verdict).toContainText("not the 1 bytes declared on chain");
  await expect(page.getByRole("button", { name: "Confirm the submission" })).toBeDisabled();
  await page.getByRole("button", { name: "Report fraud" }).click();
  await expect(page.getByRole("button", { name: "Join the report" })).toBeVisible();

  await useAccount(page, joiner);
  await page.getByRole("button", { name: "Join the report" }).click();
  await expect.poll(async () => (await m.target(id))[3]).toBe(FRAUDULENT);
  const after = await Promise.all([reporter, joiner].map((a) => m.balance(a)));
  expect(after[0]! - before[0]! + (after[1]! - before[1]!)).toBe(forfeitSplit(reward, bond).toReporters);
  await expect(page.getByTestId("target-phase")).toHaveText("Fraudulent");
  // Both reports and the forfeit are in the target's indexed history.
  await expect(page.getByTestId("target-report")).toHaveCount(2, { timeout: 5_000 });
  await expect(page.getByTestId("target-record")).toContainText(
    `the bond of ${formatTokenAmount(bond)} ARENA went to the reporters`,
  );
});

test("a claim after the audit epoch pays the submitter and the model owner", async ({ page, chain }) => {
  const m = market(chain);
  const epoch = await m.epoch();
  let id: bigint | undefined;
  for (let t = 1n; t <= (await m.count()); t++) {
    const [, , , status] = await m.target(t);
    const s = await m.submission(t);
    if (status === FILLED && epoch >= BigInt(s[2]) + 2n) id = t;
  }
  expect(id, "the seeded claimable target").toBeDefined();
  const [reward] = await m.target(id!);
  const [submitter, modelId, , , bond, , , , auditor, isConfirmed] = await m.submission(id!);
  expect(isConfirmed, "the seed has the drawn auditor confirm it").toBe(true);
  const [model] = await m.model(BigInt(modelId));
  const before = await Promise.all([submitter, model.owner, auditor].map((a) => m.balance(a)));

  await goToTargets(page);
  await useAccount(page, submitter);
  await page.getByRole("button", { name: `Claim target #${id}` }).click();
  await expect(confirmed(page)).toBeVisible();
  await expect.poll(async () => (await m.target(id!))[3]).toBe(CLAIMED);

  const after = await Promise.all([submitter, model.owner, auditor].map((a) => m.balance(a)));
  const split = splitReward(reward, true);
  expect(after[0]! - before[0]!).toBe(split.toSubmitter + bond);
  expect(after[1]! - before[1]!).toBe(split.toModel);
  expect(after[2]! - before[2]!).toBe(split.toAuditor);
  // The claim reaches the page's history from the indexer, without a reload: gone from the claimable list,
  // in the account's past claims and in the market's latest claims.
  await expect(page.getByRole("button", { name: `Claim target #${id}` })).toHaveCount(0, { timeout: 5_000 });
  await expect(page.getByTestId("my-target-claims")).toContainText(
    `Target #${id}: ${formatTokenAmount(split.toSubmitter + bond)} ARENA to you`,
    { timeout: 5_000 },
  );
  await expect(page.getByTestId("recent-claims")).toContainText(
    `Target #${id} paid ${formatTokenAmount(split.toSubmitter + split.toModel + split.toAuditor)} ARENA`,
  );
});

test("the next epoch's seed is drawn in two steps from the app", async ({ page, chain }) => {
  const m = market(chain);
  await nextEpoch(chain, false);
  const epoch = await m.epoch();
  await goToTargets(page);
  const draw = page.getByTestId("seed-draw");
  await expect(draw).toContainText(`Epoch ${epoch} has no targets yet`);
  await page.getByRole("button", { name: "Step 1: fix the seed block" }).click();
  await expect(page.getByTestId("seed-wait")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Step 2/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Mine past the seed block (local chain)" }).click();
  await page.getByRole("button", { name: `Step 2: draw the seed and open epoch ${epoch}` }).click();
  await expect(draw).toHaveCount(0);
  const [, , , , count, , opened] = await chain.publicClient.readContract({
    abi: arenaTargetsAbi,
    address: m.address,
    functionName: "epochs",
    args: [epoch],
  });
  expect(opened).toBe(true);
  expect(count).toBeGreaterThan(0);
});
