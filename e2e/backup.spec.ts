import { faucetAbi } from "../contracts-abi";
import { LOCAL_CHAIN_ID } from "../lib/chain/chains";
import { scoreCommitment } from "../lib/sortition";
import {
  commitScores,
  drawSeed,
  events,
  participantIndex,
  receiptFor,
  timeTravelTo,
  tokenBalance,
  validatorInCommitWindow,
} from "./arena";
import { confirmedToast, connectDevWallet, expect, failedToast, pendingToast, test } from "./fixtures";

test("a commit backup is checked against the commitment on chain at import: a wrong salt is refused, the right one reveals", async ({
  page,
  chain,
}) => {
  const { taskId, me, node, e1 } = await validatorInCommitWindow(page, chain, "Backup check", {
    uri: "/models/arena-lm-base",
    hash: `0x${"ee".repeat(32)}`,
  });
  await drawSeed(chain, taskId, 1n);

  // The validator committed from another browser: this one has no salt, only the backup files.
  const nodeIndices = [await participantIndex(chain, taskId, node)];
  const scores = [1_250_000];
  const salt = `0x${"cd".repeat(32)}` as const;
  const { receipt, bytes } = receiptFor(chain, taskId, 1n, me, nodeIndices, scores);
  const commitment = scoreCommitment(taskId, 1n, me, nodeIndices, scores, receipt, salt);
  await commitScores(chain, me, taskId, commitment);
  await timeTravelTo(chain, e1.commitEnd);

  const backup = {
    chainId: LOCAL_CHAIN_ID,
    taskId: taskId.toString(),
    epoch: 1,
    validator: me,
    nodeIndices: nodeIndices.map(String),
    scores,
    receipt,
    receiptDocument: new TextDecoder().decode(bytes),
    salt,
    commitment,
  };
  const file = (name: string, content: object) => ({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(content)),
  });
  await page.goto(`/tasks/${taskId}`);
  const panel = page.getByTestId("validate-panel");
  const importInput = panel.getByLabel("Import backup");

  // A wrong salt is caught at import, with what the chain holds and what the file gives.
  await importInput.setInputFiles(file("wrong-salt.json", { ...backup, salt: `0x${"ce".repeat(32)}` }));
  await expect(panel.getByRole("alert")).toContainText(
    "This backup does not match your commitment on chain for epoch 1",
  );
  await expect(panel.getByRole("alert")).toContainText("It was not imported");
  // Nothing was stored: the reveal still has no salt, and nothing was sent.
  await panel.getByRole("button", { name: "Reveal scores" }).click();
  await expect(panel.getByRole("alert")).toContainText("salt of this commitment is not in this browser");
  expect(await events(chain, "ScoresRevealed", taskId)).toHaveLength(0);

  // Wrong scores, consistently re-hashed, are caught too.
  const otherScores = [1_000_000];
  await importInput.setInputFiles(
    file("other-scores.json", {
      ...backup,
      scores: otherScores,
      commitment: scoreCommitment(taskId, 1n, me, nodeIndices, otherScores, receipt, salt),
    }),
  );
  await expect(panel.getByRole("alert")).toContainText("or it is from a commit you replaced");

  // The right backup is accepted and reveals.
  await importInput.setInputFiles(file("good.json", backup));
  await expect(panel.getByRole("status")).toContainText("it matches your commitment on chain");
  const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await panel.getByRole("button", { name: "Reveal scores" }).dblclick();
  await expect(page.locator(confirmedToast).filter({ hasText: "Reveal scores" })).toBeVisible();
  const reveals = await events(chain, "ScoresRevealed", taskId);
  expect(reveals).toHaveLength(1);
  expect(reveals[0]!.args.validator).toBe(me);
  expect(reveals[0]!.args.scores).toEqual(scores);
  expect(reveals[0]!.args.receipt).toBe(receipt);
  // The double click sent one transaction, and no second one failed.
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before + 1n);
  await expect(page.locator(failedToast)).toHaveCount(0);
});

test("a double-clicked write is sent once; the button is disabled while it is pending", async ({
  page,
  chain,
}) => {
  await page.goto("/");
  const me = await connectDevWallet(page);
  const faucet = page.getByRole("button", { name: /^Faucet/ }).first();
  const balance = () => tokenBalance(chain, me);
  const drip = await chain.publicClient.readContract({
    abi: faucetAbi,
    address: chain.address("Faucet"),
    functionName: "dripAmount",
  });
  const start = await balance();
  const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  // Held in the wallet: the write stays pending until mining resumes.
  await chain.testClient.setAutomine(false);
  try {
    await faucet.dblclick();
    await expect(page.locator(pendingToast)).toHaveCount(1);
    await expect(faucet).toBeDisabled();
    await expect(faucet).toHaveAttribute("aria-busy", "true");
    await chain.testClient.mine({ blocks: 1 });
  } finally {
    await chain.testClient.setAutomine(true);
  }
  await expect(page.locator(confirmedToast)).toHaveCount(1);
  await expect(faucet).toBeEnabled();
  await expect(faucet).not.toHaveAttribute("aria-busy", "true");
  expect(await balance()).toBe(start + drip);
  expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before + 1n);
  const block = await chain.publicClient.getBlock({ blockNumber: before + 1n });
  expect(block.transactions).toHaveLength(1);
  await expect(page.locator(failedToast)).toHaveCount(0);
});
