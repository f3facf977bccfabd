import type { ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { machineRegistryAbi } from "../contracts-abi";
import { bin, startService, stopService } from "../scripts/lib/processes.ts";
import { connectDevWallet, expect, test as chainTest, type ChainFixture } from "./fixtures";
import { E2E_RPC_URL } from "./ports";

/** Agent ports of the e2e run: not those `npm run dev` uses (7101, 7102). */
const AGENT_PORT = Number(process.env.E2E_MACHINE_PORT ?? 7111);
const SLOT_SECONDS = 3_600;

type Agent = {
  port: number;
  endpoint: string;
  operator: Address;
  process: ChildProcess;
  stop: () => Promise<void>;
};

async function healthy(endpoint: string): Promise<string | null> {
  try {
    const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await res.json()) as { machineId: string | null };
    return body.machineId;
  } catch {
    return null;
  }
}

/** Starts one machine agent on 127.0.0.1 and waits until it serves and is registered on chain. */
async function startAgent(
  chain: ChainFixture,
  port: number,
  account: number,
  args: string[],
): Promise<Agent> {
  const endpoint = `http://127.0.0.1:${port}`;
  const child = startService(
    bin("tsx"),
    [
      "scripts/machine/agent.ts",
      "--rpc",
      E2E_RPC_URL,
      "--port",
      String(port),
      "--account",
      String(account),
      "--heartbeat-ms",
      "500",
      ...args,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + 60_000;
  while ((await healthy(endpoint)) === null) {
    if (child.exitCode !== null) throw new Error(`agent on ${port} exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`agent on ${port} did not register in 60 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    port,
    endpoint,
    operator: chain.accounts[account]!,
    process: child,
    stop: () => stopService(child),
  };
}

/** Two agents (a fast, well-staked one registered first as #0, a slower one as #1), stopped after the test. */
const test = chainTest.extend<{ agents: [Agent, Agent] }>({
  agents: async ({ chain }, use) => {
    const started: Agent[] = [];
    try {
      started.push(await startAgent(chain, AGENT_PORT, 12, ["--latency", "20", "--stake", "5000"]));
      started.push(
        await startAgent(chain, AGENT_PORT + 1, 13, [
          "--latency",
          "120",
          "--stake",
          "2000",
          "--model",
          "arena-lm-tiny",
        ]),
      );
      await use(started as [Agent, Agent]);
    } finally {
      await Promise.all(started.map((a) => a.stop()));
    }
  },
});

/** The dev wallet connects on the overview (where its address shows), then the header link opens /machines. */
async function openMachinesConnected(page: Page): Promise<void> {
  await page.goto("/");
  await connectDevWallet(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Machines" }).click();
  await expect(page.getByRole("heading", { name: "Machines", level: 1 })).toBeVisible();
}

function registry(chain: ChainFixture) {
  const address = chain.address("MachineRegistry");
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    chain.publicClient.readContract({
      abi: machineRegistryAbi,
      address,
      functionName,
      args,
    } as Parameters<typeof chain.publicClient.readContract>[0]) as Promise<T>;
  return { address, read };
}

test("a prompt sent from /machines is answered and counted in the machine's task score on chain", async ({
  page,
  chain,
  agents,
}) => {
  const { read } = registry(chain);
  expect(await read<bigint>("machineOf", [agents[0].operator])).toBe(0n);
  await openMachinesConnected(page);
  await expect(page.getByTestId("machine-row-1")).toBeVisible();
  await expect(page.getByTestId("probability-0")).toHaveText(/%$/);

  await page.getByRole("textbox", { name: "Prompt" }).fill("Hello! Can you help me?");
  await page.getByLabel("Job weight").fill("3");
  await page.getByRole("button", { name: "Send prompt" }).click();
  await expect(page.getByTestId("job-answer")).not.toBeEmpty();
  await expect(page.getByTestId("job-latency")).toContainText(/Measured latency \d+ ms/);
  await expect(page.getByTestId("job-latency")).toContainText("Reported on chain.");
  const id = BigInt((await page.getByTestId("job-machine").textContent())!.replace("#", ""));

  const epoch = await read<bigint>("currentEpoch");
  // 1 + min(1, 3 / 10) = 1.3
  expect(await read<bigint>("taskScore", [id, epoch])).toBe(1_300_000_000_000_000_000n);
  const stats = await read<{ jobs: number; successfulJobs: number; latencyReports: number }>("epochStats", [
    id,
    epoch,
  ]);
  expect(stats.jobs).toBe(1);
  expect(stats.successfulJobs).toBe(1);
  expect(stats.latencyReports).toBe(1);
  await expect(page.getByTestId(`task-score-${id}`)).toHaveText("1.30");
  // The job's history is the indexer's, shown without a reload: the report with the score it gave.
  await expect(page.getByTestId(`jobs-${id}`)).toHaveText("1 (1 in all)", { timeout: 5_000 });
  const job = page
    .getByTestId("job-row")
    .filter({ hasText: `#${id}` })
    .first();
  await expect(job).toContainText("success", { timeout: 5_000 });
  await expect(job).toContainText("1.30");
  // The machine claims the job it served too (the claim never raises the score by itself).
  await expect
    .poll(async () => (await read<{ claimedJobs: number }>("epochStats", [id, epoch])).claimedJobs)
    .toBe(1);
});

test("an agent that stops answering loses uptime, stops being picked and is reported unreachable", async ({
  page,
  chain,
  agents,
}) => {
  const { read } = registry(chain);
  await agents[1].stop();
  await chain.testClient.increaseTime({ seconds: 2 * SLOT_SECONDS });
  await chain.testClient.mine({ blocks: 1 });
  // The live agent heartbeats in the new slot; the stopped one cannot.
  await expect
    .poll(async () => {
      const slot = await read<bigint>("currentSlot");
      const machine = await read<{ lastHeartbeatSlot: bigint }>("getMachine", [0n]);
      return machine.lastHeartbeatSlot === slot;
    })
    .toBe(true);
  const epoch = await read<bigint>("currentEpoch");
  const live = await read<bigint>("uptimeBps", [0n, epoch]);
  const stopped = await read<bigint>("uptimeBps", [1n, epoch]);
  expect(live).toBeGreaterThan(stopped);

  await openMachinesConnected(page);
  await expect(page.getByTestId("machine-row-1")).toBeVisible();
  await expect(page.getByTestId("uptime-1")).toHaveText(`${(Number(stopped) / 100).toFixed(1)}%`);
  // Uptime-heavy strategy, top 1: the stopped machine has no chance left.
  await page.getByLabel("Stake weight (%)").fill("0");
  await page.getByLabel("Uptime weight (%)").fill("100");
  await page.getByLabel("Latency weight (%)").fill("0");
  await page.getByLabel("Top K").fill("1");
  await expect(page.getByTestId("probability-1")).toHaveText("0.0%");
  await expect(page.getByTestId("probability-0")).toHaveText("100.0%");
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "Send prompt" }).click();
    await expect(page.getByTestId("job-answer")).not.toBeEmpty();
    await expect(page.getByTestId("job-machine")).toHaveText("#0");
    await expect(page.getByTestId("job-latency")).toContainText("Reported on chain.");
  }

  // Sent to the stopped machine anyway: a clear message, and the failure can be reported on chain.
  await page.getByLabel("Machine to send to").selectOption("1");
  await page.getByRole("button", { name: "Send prompt" }).click();
  const alert = page.getByTestId("job-outcome").getByRole("alert");
  await expect(alert).toContainText("Machine #1 is unreachable");
  await alert.getByRole("button", { name: "Report the failure on chain" }).click();
  await expect(alert).toContainText("Failure reported on chain.");
  const stats = await read<{ jobs: number; successfulJobs: number }>("epochStats", [1n, epoch]);
  expect(stats.jobs).toBe(1);
  expect(stats.successfulJobs).toBe(0);
  expect(await read<bigint>("taskScore", [1n, epoch])).toBe(1_000_000_000_000_000_000n);
  // The failed report is in the indexed job history, and the live machine's three jobs in its count.
  const failed = page.getByTestId("job-row").filter({ hasText: "failed" });
  await expect(failed).toHaveCount(1, { timeout: 5_000 });
  await expect(failed).toContainText("#1");
  await expect(page.getByTestId("jobs-0")).toHaveText("3 (3 in all)");
});

test("invalid strategy weights are explained, kept in the form and block dispatch", async ({
  page,
  chain,
}) => {
  const blockBefore = await chain.publicClient.getBlockNumber();
  await page.goto("/machines");
  const stake = page.getByLabel("Stake weight (%)");
  await stake.fill("abc");
  await expect(page.getByText("The stake weight must be a whole number from 0 to 100.")).toBeVisible();
  await expect(stake).toHaveValue("abc");
  await stake.fill("50");
  await expect(page.getByText("The weights must add up to 100; they add up to 116.")).toBeVisible();
  await expect(stake).toHaveValue("50");
  await page.getByLabel("Top K").fill("0");
  await expect(page.getByText("Top K must be a whole number from 1 to 100.")).toBeVisible();
  await page.getByRole("button", { name: "Send prompt" }).click();
  await expect(page.getByText("Fix the strategy weights first.")).toBeVisible();
  await page.getByRole("button", { name: "latency-heavy" }).click();
  await expect(page.getByLabel("Latency weight (%)")).toHaveValue("60");
  await expect(page.getByText("The weights must add up to 100")).toHaveCount(0);
  expect(await chain.publicClient.getBlockNumber()).toBe(blockBefore);
});
