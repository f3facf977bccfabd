import { arenaTasksAbi } from "../contracts-abi";
import { taskInPhase } from "./arena";
import { expect, test } from "./fixtures";

test("the dev panel moves time to the next epoch and phase of the task in view", async ({ page, chain }) => {
  const arena = chain.address("ArenaTasks");
  // A demo task still in its submission phase: it has epochs and phases ahead.
  const taskId = await taskInPhase(chain, 0, "newest");
  expect(taskId, "a demo task in its submission phase").toBeGreaterThan(0n);
  const [state, config] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getTask",
    args: [taskId],
  });
  await page.goto(`/tasks/${taskId}`);
  await page.getByRole("button", { name: "Dev panel" }).click();
  const panel = page.getByRole("group", { name: `Task #${taskId}` });
  await expect(panel).toBeVisible();
  const [epoch] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "currentEpoch",
    args: [taskId],
  });
  await panel.getByRole("button", { name: `Epoch ${epoch + 1n}`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved to epoch ${epoch + 1n}` })).toBeVisible();
  const block = await chain.publicClient.getBlock();
  expect(block.timestamp).toBe(BigInt(state.start) + (epoch + 1n) * BigInt(config.epochLength));
  const [after] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "currentEpoch",
    args: [taskId],
  });
  expect(after).toBe(epoch + 1n);
  await expect(panel.getByRole("button", { name: /^Next phase: / })).toBeVisible();
});
