/**
 * Gas benchmark of the Arena protocol (issue 3). For n nodes × m validators × k validators per submission it
 * runs two full scored epochs on an in-process Hardhat network and prints, for the second (steady state:
 * storage already initialised by the first): gas per revealed score (commit + reveal, per scored cell), the
 * marginal reveal gas of one more cell, settlement gas per scored cell (also for the first epoch) and per settled
 * participant (revealed validator or scored submission), commit + reveal gas per validator, the number of settle
 * calls, the largest single transaction of the whole run, gas per claim, and the per-epoch overheads of the
 * hardened protocol: a node's model commitment + submission, and the two-step seed draw (seeds come from block
 * hashes, so the assignments, and the figures, vary slightly from run to run).
 *
 *   npx hardhat run scripts/bench-gas.ts            (all three sizes)
 *   BENCH_SIZES=16x32x4 npx hardhat run scripts/bench-gas.ts
 */
import { network } from "hardhat";
import { keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { finalEvalCommitment } from "../lib/arena/params.ts";
import { sampleSetSha256, sampleSetURI } from "../lib/arena/testing/sampleSets.ts";
import { syntheticReceipt } from "../lib/arena/testing/receipts.ts";
import { assignmentsOf, modelCommitment, scoreCommitment } from "../lib/sortition/index.ts";

const TX_CAP = 16_777_216n;
/** Settlement pages are sized to stay under this (estimated) gas. */
const PAGE_TARGET = 15_000_000n;
const WAD = 10n ** 18n;

type Size = { n: number; m: number; k: number };

const sizes: Size[] = (process.env.BENCH_SIZES ?? "16x32x4,128x512x8,512x2048x8").split(",").map((s) => {
  const [n, m, k] = s.split("x").map(Number);
  return { n: n!, m: m!, k: k! };
});

type Row = {
  size: string;
  cells: number;
  commitRevealPerCell: number;
  revealMarginalPerCell: number;
  settlePerCell: number;
  firstSettlePerCell: number;
  settlePerParticipant: number;
  commitRevealPerValidator: number;
  settleCalls: number;
  largestTx: bigint;
  largestTxName: string;
  claimValidator: bigint;
  claimDelegator: bigint;
  modelCommitSubmit: number;
  drawSeed: bigint;
};

async function bench({ n, m, k }: Size): Promise<Row> {
  const conn = await network.create();
  const { viem, networkHelpers } = conn;
  const publicClient = await viem.getPublicClient();
  const [admin] = await viem.getWalletClients();
  const deployer = admin!.account.address;
  let largest = { gas: 0n, name: "" };
  const track = async (name: string, hash: Hex): Promise<bigint> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${name} failed`);
    if (receipt.gasUsed > largest.gas) largest = { gas: receipt.gasUsed, name };
    return receipt.gasUsed;
  };

  const token = await viem.deployContract("ArenaToken", [deployer, parseEther("100000000")]);
  const modules = await Promise.all(
    ["ArenaSettlement", "ArenaLifecycle", "ArenaDelegation"].map((c) =>
      viem.deployContract(c as "ArenaSettlement", [token.address]),
    ),
  );
  const arena = await viem.deployContract("ArenaTasks", [
    token.address,
    deployer,
    modules[0]!.address,
    modules[1]!.address,
    modules[2]!.address,
  ]);
  await arena.write.grantRole([await arena.read.EXPERT_ROLE(), deployer]);
  await token.write.approve([arena.address, 2n ** 255n]);
  const beta = WAD / 2n;
  const created = await track(
    "createTask",
    await arena.write.createTask([
      {
        title: "bench",
        description: "",
        metric: 0,
        baseModel: "m",
        dataURI: "d",
        evalSetURI: sampleSetURI("chat.jsonl"),
        evalSetHash: sampleSetSha256("chat.jsonl"),
        finalEvalCommit: finalEvalCommitment(
          sampleSetURI("plain.txt"),
          sampleSetSha256("plain.txt"),
          keccak256(toHex("s")),
        ),
        contextLength: 2048,
        maxParams: 1_000_000_000n,
        rewardPool: parseEther("100000"),
        epochLength: 30 * 86_400,
        commitWindow: 10 * 86_400,
        revealWindow: 10 * 86_400,
        submissionEpochs: 3,
        finalEpochs: 1,
        challengeEpochs: 1,
        unbondingEpochs: 1,
        minNodeStake: parseEther("10"),
        minValidatorStake: parseEther("10"),
        challengeBond: parseEther("1"),
        validatorsPerSubmission: k,
        maxAssignmentsPerEpoch: 64,
        maxNodes: Math.min(n, 1024),
        mechanism: {
          gamma: (7n * WAD) / 10n,
          q: (8n * WAD) / 10n,
          alphaT: WAD / 2n,
          lambdaV: 10n * WAD,
          alphaV: WAD / 2n,
          beta,
        },
      },
      0n,
    ]),
  );
  console.error(`createTask: ${created.toLocaleString("en-US")} gas`);
  const taskId = 1n;

  const account = (i: number): Address => `0x${(0x10000 + i).toString(16).padStart(40, "0")}`;
  const nodes = Array.from({ length: n }, (_, i) => account(i));
  const validators = Array.from({ length: m }, (_, j) => account(100_000 + j));
  const delegators = Array.from({ length: 8 }, (_, d) => account(200_000 + d));
  const stakeOf = (i: number) => parseEther(String(10 + (i % 11)));
  for (const [i, a] of [...nodes, ...validators, ...delegators].entries()) {
    await networkHelpers.impersonateAccount(a);
    await networkHelpers.setBalance(a, 10n ** 20n);
    await token.write.transfer([a, parseEther("1000")]);
    await token.write.approve([arena.address, 2n ** 255n], { account: a });
    if (i < n) await arena.write.stake([taskId, 1, stakeOf(i)], { account: a });
    else if (i < n + m) await arena.write.stake([taskId, 2, stakeOf(i)], { account: a });
  }
  // A few delegations (half to nodes, half to validators), with reward shares set.
  for (const [d, a] of delegators.entries()) {
    const to = d % 2 === 0 ? nodes[d % n]! : validators[d % m]!;
    await arena.write.setRewardShare([taskId, WAD / 2n], { account: to }).catch(() => undefined);
    await arena.write.delegate([taskId, to, parseEther("50")], { account: a });
  }

  const warpTo = async (at: bigint) => {
    if (BigInt(await networkHelpers.time.latest()) < at) await networkHelpers.time.increaseTo(at);
  };
  const first = await scoredEpoch(1n);
  const steady = await scoredEpoch(2n);

  async function scoredEpoch(epoch: bigint) {
    const [start, submitEnd, commitEnd, end] = await arena.read.epochTimes([taskId, epoch]);
    await warpTo(start);
    // Models are committed first and submitted in a later block (each transaction is its own block here).
    const models = nodes.map((a, i) => ({
      a,
      uri: `ipfs://model/${epoch}/${i}`,
      hash: keccak256(toHex(`model ${epoch} ${i}`)),
    }));
    let modelGas = 0n;
    for (const m of models) {
      modelGas += await track(
        "commitModel",
        await arena.write.commitModel([taskId, modelCommitment(taskId, m.a, m.uri, m.hash)], {
          account: m.a,
        }),
      );
    }
    for (const m of models) {
      modelGas += await track(
        "submitModel",
        await arena.write.submitModel([taskId, m.uri, m.hash], { account: m.a }),
      );
    }
    await warpTo(submitEnd);
    // The seed: fix the next block, then mine it and one after it so its hash is readable.
    const drawGas = await track("drawSeed", await arena.write.drawSeed([taskId, epoch]));
    await networkHelpers.mine(2);
    const [epochState] = await arena.read.getEpoch([taskId, epoch]);
    const submissions = nodes.map((_, i) => BigInt(i));
    const plans: { v: Address; ids: bigint[]; scores: number[]; receipt: Hex; salt: Hex }[] = [];
    let commitGas = 0n;
    for (const [j, v] of validators.entries()) {
      const ids = assignmentsOf({
        seed: epochState.seed,
        validator: v,
        stake: stakeOf(n + j),
        sumWeight: epochState.sumWeight,
        beta,
        validatorsPerSubmission: BigInt(k),
        maxAssignments: 64,
        submissions,
      });
      if (ids.length === 0) continue;
      const { receipt, scores } = syntheticReceipt({
        chainId: 31337,
        arenaTasks: arena.address,
        taskId,
        epoch,
        validator: v,
        metric: "loss",
        nodeIndices: ids,
        scores: ids.map((i) => 1_000_000 + Number(i) * 997 + (j % 13) * 101 + Number(epoch)),
        examples: 1,
      });
      const salt = keccak256(toHex(`salt ${epoch} ${j}`));
      plans.push({ v, ids, scores, receipt, salt });
      const commitment = scoreCommitment(taskId, epoch, v, ids, scores, receipt, salt);
      commitGas += await track(
        "commitScores",
        await arena.write.commitScores([taskId, commitment], { account: v }),
      );
    }
    await warpTo(commitEnd);
    let revealGas = 0n;
    let cells = 0;
    let largestReveal = { cells: 0, gas: 0n };
    let oneCell: bigint | undefined;
    for (const p of plans) {
      const gas = await track(
        "revealScores",
        await arena.write.revealScores([taskId, epoch, p.ids, p.scores, p.receipt, p.salt], { account: p.v }),
      );
      revealGas += gas;
      cells += p.ids.length;
      if (p.ids.length > largestReveal.cells) largestReveal = { cells: p.ids.length, gas };
      if (p.ids.length === 1 && (oneCell === undefined || gas < oneCell)) oneCell = gas;
    }
    // Marginal cost of one more scored cell in a reveal (packing): the largest reveal against a one-cell reveal.
    const revealMarginalPerCell =
      largestReveal.cells > 1 && oneCell !== undefined
        ? Number(largestReveal.gas - oneCell) / (largestReveal.cells - 1)
        : NaN;

    await warpTo(end);
    if (epoch === 1n) await arena.write.settle([taskId, 0n, 10n]);
    let settleGas = 0n;
    let settleCalls = 0;
    for (;;) {
      let steps = 1_000_000n;
      for (;;) {
        // An estimate fails when the call would not fit in a block at all: halve and retry.
        const estimate = await arena.estimateGas
          .settle([taskId, epoch, steps], { account: deployer })
          .catch(() => undefined);
        if ((estimate !== undefined && estimate <= PAGE_TARGET) || steps === 1n) break;
        const scaled = estimate === undefined ? steps / 2n : (steps * PAGE_TARGET * 9n) / (estimate * 10n);
        steps = scaled > 0n ? (scaled < steps ? scaled : steps - 1n) : 1n;
        if (estimate === undefined && steps > 20_000n) steps = 20_000n;
      }
      settleGas += await track(
        "settle",
        await arena.write.settle([taskId, epoch, steps], { account: deployer }),
      );
      settleCalls++;
      const [state] = await arena.read.getEpoch([taskId, epoch]);
      if (state.stage === 6) break;
    }
    const [, revealedCount, scoredCount] = await arena.read.getEpoch([taskId, epoch]);
    return {
      plans,
      cells,
      settlePerParticipant: Number(settleGas) / Number(revealedCount + scoredCount),
      commitRevealPerValidator: Number(commitGas + revealGas) / plans.length,
      commitRevealPerCell: Number(commitGas + revealGas) / cells,
      revealMarginalPerCell,
      settlePerCell: Number(settleGas) / cells,
      settleCalls,
      modelCommitSubmit: Number(modelGas) / nodes.length,
      drawGas,
    };
  }

  const claimValidator = await track("claim", await arena.write.claim([[]], { account: steady.plans[0]!.v }));
  const claimDelegator = await track(
    "claim",
    await arena.write.claim([[taskId]], { account: delegators[1]! }),
  );
  return {
    size: `${n}×${m}×${k}`,
    cells: steady.cells,
    commitRevealPerCell: steady.commitRevealPerCell,
    revealMarginalPerCell: steady.revealMarginalPerCell,
    settlePerCell: steady.settlePerCell,
    firstSettlePerCell: first.settlePerCell,
    settlePerParticipant: steady.settlePerParticipant,
    commitRevealPerValidator: steady.commitRevealPerValidator,
    settleCalls: steady.settleCalls,
    largestTx: largest.gas,
    largestTxName: largest.name,
    claimValidator,
    claimDelegator,
    modelCommitSubmit: steady.modelCommitSubmit,
    drawSeed: steady.drawGas,
  };
}

const rows: Row[] = [];
for (const size of sizes) {
  const started = Date.now();
  rows.push(await bench(size));
  console.error(`bench ${size.n}x${size.m}x${size.k}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const fmt = (x: number | bigint) =>
  typeof x === "number"
    ? Number.isFinite(x)
      ? Math.round(x).toLocaleString("en-US")
      : "n/a"
    : x.toLocaleString("en-US");
const header = [
  "n×m×k",
  "scored cells",
  "commit+reveal gas/cell",
  "reveal gas/extra cell",
  "settle gas/cell",
  "(first epoch)",
  "settle gas/participant",
  "commit+reveal gas/validator",
  "settle calls",
  "largest tx",
  "claim (validator)",
  "claim (delegator, 1 task)",
  "model commit+submit",
  "drawSeed",
];
const table = rows.map((r) => [
  r.size,
  fmt(r.cells),
  fmt(r.commitRevealPerCell),
  fmt(r.revealMarginalPerCell),
  fmt(r.settlePerCell),
  fmt(r.firstSettlePerCell),
  fmt(r.settlePerParticipant),
  fmt(r.commitRevealPerValidator),
  fmt(r.settleCalls),
  `${fmt(r.largestTx)} (${r.largestTxName})`,
  fmt(r.claimValidator),
  fmt(r.claimDelegator),
  fmt(r.modelCommitSubmit),
  fmt(r.drawSeed),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
const over = rows.filter((r) => r.largestTx > TX_CAP);
console.log(
  over.length === 0
    ? `every transaction ≤ ${fmt(TX_CAP)} gas`
    : `OVER THE ${fmt(TX_CAP)} CAP: ${over.map((r) => r.size).join(", ")}`,
);
