import { parseEther, parseEventLogs, type Abi, type Address } from "viem";
import { arenaTargetsAbi, arenaTasksAbi, machineRegistryAbi } from "../contracts-abi";
import { claimAll, portfolioLines, type Call } from "../lib/portfolio/lines";
import { readHoldings } from "../lib/portfolio/readHoldings";
import {
  approve,
  createTask,
  drawSeed,
  epochTimes,
  fund,
  scoreEpoch,
  settleOnChain,
  stake,
  submitModel,
  timeTravelTo,
  writeTasks,
  NODE,
  VALIDATOR,
} from "./arena";
import { expect, test, type ChainFixture } from "./fixtures";

/**
 * The portfolio's rules against the contracts themselves: at every stage of a task's life (stakes, unbonding,
 * delegations, final validation, an open challenge, its vote, the end, after unbonding), every action the
 * portfolio offers any actor is simulated on chain from that actor, and it must go through exactly when the
 * portfolio enables it. A rule that enables a call the contract refuses (or disables one it accepts) fails here,
 * with the line, the reason the portfolio gave and the contract's answer.
 */

const ABIS: Record<Call["contract"], Abi> = {
  ArenaTasks: arenaTasksAbi,
  ArenaTargets: arenaTargetsAbi,
  MachineRegistry: machineRegistryAbi,
};

type Checked = { offered: number; enabled: number };

async function simulate(chain: ChainFixture, account: Address, call: Call): Promise<string | null> {
  try {
    await chain.publicClient.simulateContract({
      account,
      abi: ABIS[call.contract],
      address: chain.address(call.contract),
      functionName: call.fn,
      args: call.args as readonly unknown[],
    });
    return null;
  } catch (e) {
    return (e as Error).message.split("\n").slice(0, 3).join(" ");
  }
}

/** Every action of every actor's portfolio, plus its Claim all, against a simulation of the same call. */
async function checkParity(chain: ChainFixture, stage: string, actors: readonly Address[]): Promise<Checked> {
  const contracts = {
    arena: chain.address("ArenaTasks"),
    targets: chain.address("ArenaTargets"),
    machines: chain.address("MachineRegistry"),
  };
  const mismatches: string[] = [];
  const checked: Checked = { offered: 0, enabled: 0 };
  for (const account of actors) {
    const holdings = await readHoldings(chain.publicClient, contracts, account);
    const actions = portfolioLines(holdings).flatMap((l) =>
      l.action ? [{ what: `${l.kind} ${l.scope}: ${l.action.label}`, ...l.action }] : [],
    );
    const all = claimAll(holdings);
    if (all.ids.length > 0 || holdings.claimable > 0n)
      actions.push({
        what: "Claim all",
        label: "Claim all",
        call: { contract: "ArenaTasks", fn: "claim", args: [all.ids] },
        gate: all.gate,
      });
    for (const a of actions) {
      const refused = await simulate(chain, account, a.call);
      checked.offered++;
      if (a.gate.ok) checked.enabled++;
      if (a.gate.ok !== (refused === null))
        mismatches.push(
          `${stage} · ${account.slice(0, 8)} · ${a.what}: portfolio ${
            a.gate.ok ? "enables it" : `disables it ("${a.gate.reason}")`
          }, the contract ${refused === null ? "accepts it" : `refuses it (${refused})`}`,
        );
    }
  }
  expect(mismatches, `portfolio rules that disagree with the contract at "${stage}"`).toEqual([]);
  return checked;
}

test("every action the portfolio enables goes through on chain, and every one it disables reverts, in every phase", async ({
  chain,
}) => {
  test.setTimeout(300_000);
  const a = chain.accounts;
  const arena = chain.address("ArenaTasks");
  const creator = a[0]!;
  const nodes = [a[13]!, a[14]!];
  const validators = [a[15]!, a[16]!, a[17]!];
  const delegators = [a[18]!, a[19]!];
  const actors = [creator, ...nodes, ...validators, ...delegators];
  for (const x of [...nodes, ...validators, ...delegators]) await fund(chain, x, parseEther("1000"));
  const totals: Checked = { offered: 0, enabled: 0 };
  const check = async (stage: string) => {
    const c = await checkParity(chain, stage, actors);
    totals.offered += c.offered;
    totals.enabled += c.enabled;
  };

  const taskId = await createTask(chain, creator, "Portfolio rules");
  for (const n of nodes) await stake(chain, n, taskId, NODE, parseEther("200"));
  for (const v of validators) await stake(chain, v, taskId, VALIDATOR, parseEther("200"));
  for (const [i, d] of delegators.entries()) {
    await approve(chain, d, parseEther("100"));
    await writeTasks(chain, d, "delegate", [taskId, i === 0 ? validators[0]! : nodes[0]!, parseEther("100")]);
  }
  await check("submission, epoch 0");

  // A validator leaves (a part would fall below the minimum stake), a delegator takes part back: both unbond.
  await writeTasks(chain, validators[2]!, "requestUnstake", [taskId, parseEther("200")]);
  await writeTasks(chain, delegators[0]!, "undelegate", [taskId, validators[0]!, parseEther("40")]);
  await check("epoch 0, unbonding started");

  const e1 = await epochTimes(chain, taskId, 1n);
  await timeTravelTo(chain, e1.start + 5n);
  // Epoch 0 is not settled yet: the delegator's next change must wait for it (SettlementPending).
  await check("epoch 1, epoch 0 unsettled");
  for (const [i, n] of nodes.entries())
    await submitModel(chain, n, taskId, `/models/rules-${i}`, `0x${(i + 7).toString(16).repeat(64)}`);
  await timeTravelTo(chain, e1.submitEnd);
  await drawSeed(chain, taskId, 1n);
  await scoreEpoch(chain, taskId, 1n, validators, (i) => 1_000_000 + Number(i) * 40_000);
  await timeTravelTo(chain, e1.end + 5n);
  await settleOnChain(chain, taskId, [0n, 1n]);
  await check("epoch 2, epochs 0–1 settled");

  // Final validation (epoch 3), then the challenge phase (epoch 4) with a challenge of the first node.
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 3n)).start + 5n);
  await check("final validation");
  await timeTravelTo(chain, (await epochTimes(chain, taskId, 4n)).start + 5n);
  const bond = parseEther("50");
  await approve(chain, creator, bond);
  const opened = await writeTasks(chain, creator, "openChallenge", [taskId, nodes[0]!, bond]);
  const [openLog] = parseEventLogs({
    abi: arenaTasksAbi,
    logs: (await chain.publicClient.getTransactionReceipt({ hash: opened })).logs,
    eventName: "ChallengeOpened",
  });
  await check("challenge open, scoring epochs 2–3 unsettled");
  await settleOnChain(chain, taskId, [2n, 3n]);
  await timeTravelTo(chain, BigInt(openLog!.args.answerDeadline) + 5n);
  await writeTasks(chain, validators[1]!, "voteChallenge", [openLog!.args.challengeId, false]);
  await check("challenge in its vote window");
  await timeTravelTo(chain, BigInt(openLog!.args.voteDeadline) + 5n);
  await check("vote over, challenge not resolved");
  await writeTasks(chain, creator, "resolveChallenge", [openLog!.args.challengeId]);
  await check("challenge resolved");

  // The end, and long after it (every unbonding over).
  const [, config] = await chain.publicClient.readContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getTask",
    args: [taskId],
  });
  const last = BigInt(config.submissionEpochs + config.finalEpochs + config.challengeEpochs);
  await timeTravelTo(chain, (await epochTimes(chain, taskId, last)).start + 5n);
  await check("ended");
  for (const v of validators.slice(0, 2))
    await writeTasks(chain, v, "requestUnstake", [taskId, parseEther("200")]);
  await timeTravelTo(chain, (await epochTimes(chain, taskId, last + 4n)).start + 5n);
  await check("ended, unbonding over");

  test.info().annotations.push({
    type: "checked",
    description: `${totals.offered} actions simulated, ${totals.enabled} of them enabled`,
  });
  // The stages above offered real choices: many actions, some enabled and some not.
  expect(totals.offered).toBeGreaterThan(40);
  expect(totals.enabled).toBeGreaterThan(10);
  expect(totals.enabled).toBeLessThan(totals.offered);
});
