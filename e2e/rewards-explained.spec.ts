import type { Page } from "@playwright/test";
import { parseEther, type Address } from "viem";
import { arenaTasksAbi } from "../contracts-abi";
import {
  delegate,
  drawSeed,
  events,
  fund,
  scoreEpoch,
  setRewardShare,
  settleOnChain,
  submitInEpoch,
  submitModel,
  taskWith,
  timeTravelTo,
} from "./arena";
import { actAs, type ChainFixture, connectDevWallet, expect, openTask, test } from "./fixtures";

/**
 * "Why this reward" and the preflight on a real chain and indexer: a task whose epoch 1 is scored by two
 * validators and settled (one node with a delegator and ρ = 0.4); the explanation of the node, a validator and the
 * delegator shows exactly what the contract paid (read from the contract here, to the wei), the portfolio shows the
 * same for the delegator, and in epoch 2 the preflight scores a shipped model (projected rank and reward) and
 * projects a validator's assignments.
 */

type Setup = { taskId: bigint; nodeA: Address; nodeB: Address; v1: Address; v2: Address; delegator: Address };

async function settledTask(chain: ChainFixture): Promise<Setup> {
  const [, , nodeA, nodeB, v1, v2] = chain.accounts as Address[];
  const delegator = chain.accounts[8]!;
  const taskId = await taskWith(chain, "Rewards explained", {
    nodes: [[nodeA!, parseEther("300")], nodeB!],
    validators: [
      [v1!, parseEther("300")],
      [v2!, parseEther("150")],
    ],
  });
  await fund(chain, delegator);
  await delegate(chain, delegator, taskId, nodeA!, parseEther("100"));
  await setRewardShare(chain, nodeA!, taskId, parseEther("0.4"));
  const e1 = await submitInEpoch(chain, taskId, 1n, [
    { node: nodeA!, uri: "/models/arena-lm-small", hash: `0x${"a1".repeat(32)}` },
    { node: nodeB!, uri: "/models/arena-lm-tiny", hash: `0x${"b2".repeat(32)}` },
  ]);
  await drawSeed(chain, taskId, 1n);
  // Different scores per validator: Δ > 0, so the softmax weights differ.
  let call = 0;
  await scoreEpoch(chain, taskId, 1n, [v1!, v2!], (i) => 2_000_000 + Number(i) * 150_000 + 20_000 * call++);
  await timeTravelTo(chain, e1.end);
  await settleOnChain(chain, taskId, [0n, 1n]);
  return { taskId, nodeA: nodeA!, nodeB: nodeB!, v1: v1!, v2: v2!, delegator };
}

/** What the contract paid in epoch 1, per address, read from the contract's events and views. */
async function paidOnChain(chain: ChainFixture, s: Setup) {
  const arena = chain.address("ArenaTasks");
  const ofTask = <T extends { args: { taskId: bigint; epoch: bigint } }>(xs: T[]) =>
    xs.filter((x) => x.args.taskId === s.taskId && x.args.epoch === 1n);
  const toDelegators = ofTask(await events(chain, "DelegatorsRewarded"));
  const part = (a: Address) =>
    toDelegators
      .filter((d) => d.args.delegatee.toLowerCase() === a.toLowerCase())
      .reduce((x, d) => x + d.args.amount, 0n);
  const validators = ofTask(await events(chain, "ValidatorRewarded"));
  const nodeEscrow = (a: Address) =>
    chain.publicClient.readContract({
      abi: arenaTasksAbi,
      address: arena,
      functionName: "nodeEscrowOf",
      args: [s.taskId, a],
    });
  const [, , pending] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "delegationOf",
    args: [s.taskId, s.nodeA, s.delegator],
  });
  const v1 = validators.find((v) => v.args.validator.toLowerCase() === s.v1.toLowerCase());
  return {
    nodeA: await nodeEscrow(s.nodeA),
    nodeAToDelegators: part(s.nodeA),
    v1: (v1?.args.reward ?? 0n) - part(s.v1),
    delegator: pending,
  };
}

function row(page: Page, address: Address, role: string) {
  return page.locator(
    `[data-testid="why-row"][data-address="${address.toLowerCase()}"][data-role="${role}"]`,
  );
}

test("why this reward: a node, a validator and a delegator see what the contract paid, to the wei", async ({
  page,
  chain,
}) => {
  test.setTimeout(360_000);
  const s = await settledTask(chain);
  const paid = await paidOnChain(chain, s);
  expect(paid.nodeA).toBeGreaterThan(0n);
  expect(paid.nodeAToDelegators).toBeGreaterThan(0n);
  expect(paid.v1).toBeGreaterThan(0n);
  expect(paid.delegator).toBeGreaterThan(0n);

  await openTask(page, s.taskId);
  const why = page.getByTestId("reward-explanation");
  await expect(why.getByTestId("explain-check")).toContainText(
    "Adds up to what the contract paid in epoch 1",
  );

  // Node: escrowed = its pool earnings minus its delegators' part.
  const node = row(page, s.nodeA, "node");
  await expect(node.getByTestId("why-amount")).toHaveAttribute("data-wei", paid.nodeA.toString());
  await node.getByRole("button", { name: "Why this reward" }).click();
  const nodeDetail = why.getByTestId("why-detail");
  await expect(nodeDetail.locator('[data-step="kept"] [data-wei]')).toHaveAttribute(
    "data-wei",
    paid.nodeA.toString(),
  );
  await expect(nodeDetail.locator('[data-step="toDelegators"] [data-wei]')).toHaveAttribute(
    "data-wei",
    paid.nodeAToDelegators.toString(),
  );
  for (const key of ["mean", "rank", "g", "stakePow", "weight", "earned", "rho"])
    await expect(nodeDetail.locator(`[data-step="${key}"]`)).toBeVisible();
  await expect(nodeDetail.getByRole("figure", { name: /Weight g_k/ })).toBeVisible();

  // Validator: one row per scored submission (Δ, weight, φ), then its pay.
  const validator = row(page, s.v1, "validator");
  await validator.getByRole("button", { name: "Why this reward" }).click();
  const vDetail = why.getByTestId("why-detail");
  await expect(vDetail.getByTestId("why-submissions").locator("tbody tr")).toHaveCount(2);
  await expect(vDetail.locator('[data-step="kept"] [data-wei]')).toHaveAttribute(
    "data-wei",
    paid.v1.toString(),
  );
  await expect(validator.getByTestId("why-amount")).toHaveAttribute("data-wei", paid.v1.toString());

  // Delegator: its share of the node's delegators' part, picked from the address picker.
  await why.getByLabel("Address to explain").selectOption(s.delegator);
  const del = row(page, s.delegator, "delegator");
  await expect(del.getByTestId("why-amount")).toHaveAttribute("data-wei", paid.delegator.toString());
  await del.getByRole("button", { name: "Why this reward" }).click();
  await expect(why.getByTestId("why-detail").locator('[data-step="reward"] [data-wei]')).toHaveAttribute(
    "data-wei",
    paid.delegator.toString(),
  );
  await expect(
    why.getByTestId("why-detail").locator('[data-step="toDelegators"] [data-wei]'),
  ).toHaveAttribute("data-wei", paid.nodeAToDelegators.toString());

  // The portfolio's "Why this reward" shows the same for the connected delegator.
  await page.goto("/rewards");
  await connectDevWallet(page);
  await actAs(page, s.delegator);
  const line = page.locator(`[data-testid="portfolio-why-task"][data-task="${s.taskId}"]`);
  await line.getByRole("button", { name: "Why this reward" }).click();
  const mine = line.locator('[data-testid="why-row"]');
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId("why-amount")).toHaveAttribute("data-wei", paid.delegator.toString());
  await expect(line.getByTestId("explain-check")).toContainText("to the wei");
});

test("preflight: a node scores a shipped model and sees a projected rank and reward; a validator its assignments", async ({
  page,
  chain,
}) => {
  test.setTimeout(240_000);
  const s = await settledTask(chain);
  // Epoch 2: node A submits again (a submission to be assigned); nobody has revealed yet.
  await submitModel(chain, s.nodeA, s.taskId, "/models/arena-lm-small", `0x${"a3".repeat(32)}`);
  await openTask(page, s.taskId);
  const preflight = page.getByTestId("preflight");
  await preflight.getByRole("combobox", { name: "Model" }).selectOption("arena-lm-tiny");
  await preflight.getByLabel("WASM").check();
  await preflight.getByLabel("Stake you would put up").fill("250");
  await preflight.getByRole("button", { name: "Score on the public evaluation set" }).click();
  await expect(preflight.getByTestId("preflight-score")).toBeVisible({ timeout: 180_000 });
  await expect(preflight.getByTestId("preflight-rank")).toHaveText("1");
  await expect(preflight.getByTestId("preflight-assumes")).toContainText("No scores are revealed yet");
  const reward = BigInt((await preflight.getByTestId("preflight-reward").getAttribute("data-wei")) ?? "0");
  expect(reward).toBeGreaterThan(0n);

  await preflight.getByLabel("As a validator").check();
  await preflight.getByLabel("Stake you would validate with").fill("300");
  await expect(preflight.getByTestId("preflight-assignments")).toHaveText(/^\d+(\.\d+)?$/);
  const assignments = Number(await preflight.getByTestId("preflight-assignments").textContent());
  expect(assignments).toBeGreaterThan(0);
  expect(assignments).toBeLessThanOrEqual(1);
  const vReward = BigInt(
    (await preflight.getByTestId("preflight-validator-reward").getAttribute("data-wei")) ?? "0",
  );
  expect(vReward).toBeGreaterThan(0n);
  // More stake, more expected reward; an empty stake says why there is no projection.
  await preflight.getByLabel("Stake you would validate with").fill("3000");
  await expect
    .poll(async () =>
      BigInt((await preflight.getByTestId("preflight-validator-reward").getAttribute("data-wei")) ?? "0"),
    )
    .toBeGreaterThan(vReward);
  await preflight.getByLabel("Stake you would validate with").fill("");
  await expect(preflight.getByText("Enter an amount.")).toBeVisible();
});
