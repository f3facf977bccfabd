import {
  decodeFunctionResult,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { arenaTasksAbi, arenaTokenAbi } from "../../../contracts-abi/index.ts";
import { finalEvalCommitment } from "../../../lib/arena/params.ts";
import { sampleSetSha256, sampleSetURI } from "../../../lib/arena/testing/sampleSets.ts";
import { syntheticReceipt } from "../../../lib/arena/testing/receipts.ts";
import { modelCommitment, scoreCommitment } from "../../../lib/sortition/index.ts";
import { Rpc, type Tx } from "./rpc.ts";

/**
 * Real history for the reads benchmark: one task of n nodes × m validators (k validators per submission) with
 * `epochs` scored and settled epochs, built through the contract on a fresh Hardhat node exactly as users would
 * (stakes, delegations and reward shares in epoch 0; then per epoch: model commitments, submissions, the seed
 * draw, score commitments, reveals and paged settlement), with automining off so that hundreds of transactions
 * share a block. The first participants are the node's own unlocked accounts, so the app's dev wallet can
 * connect as an address with history.
 */

export type Size = { n: number; m: number; k: number; epochs: number };
export const sizeLabel = (s: Size) => `${s.n}x${s.m}x${s.k}x${s.epochs}`;

export type History = {
  taskId: bigint;
  /** The unlocked account connected on /rewards: node 0 of the task (stake, submissions, rewards). */
  connected: Address;
  blocks: number;
  transactions: number;
  /** ArenaTasks logs emitted while building (what an in-browser replay would have to read). */
  logs: number;
};

const WAD = 10n ** 18n;
const NODE = 1;
const VALIDATOR = 2;
const DAY = 86_400;
const GAS = {
  transfer: 100_000n,
  approve: 80_000n,
  stake: 500_000n,
  delegate: 600_000n,
  setRewardShare: 200_000n,
  commitModel: 150_000n,
  submitModel: 400_000n,
  drawSeed: 200_000n,
  commitScores: 200_000n,
  reveal: (cells: number) => 300_000n + 60_000n * BigInt(cells),
  claim: 1_500_000n,
};
/** Settlement pages are sized to stay under this (estimated) gas, below the 16,777,216 transaction cap. */
const PAGE_TARGET = 14_000_000n;

const derived = (label: string, i: number): Address =>
  getAddress(`0x${keccak256(toHex(`arena bench reads ${label} ${i}`)).slice(-40)}`);

export async function buildHistory(
  rpcUrl: string,
  contracts: { ArenaTasks: Address; ArenaToken: Address },
  size: Size,
  log: (line: string) => void,
): Promise<History> {
  const rpc = new Rpc(rpcUrl);
  const arena = contracts.ArenaTasks;
  const token = contracts.ArenaToken;
  const startBlock = await rpc.blockNumber();
  const unlocked = (await rpc.call<Address[]>("eth_accounts")).map((a) => getAddress(a));
  const deployer = unlocked[0]!;
  const { n, m, k, epochs } = size;
  // Unlocked accounts 1..3 take part (node 0, validator 0, a delegator of node 0); the rest are impersonated.
  const nodes = [unlocked[1]!, ...Array.from({ length: n - 1 }, (_, i) => derived("node", i))];
  const validators = [unlocked[2]!, ...Array.from({ length: m - 1 }, (_, j) => derived("validator", j))];
  const delegatorCount = Math.max(4, n / 4);
  const delegators = [
    unlocked[3]!,
    ...Array.from({ length: delegatorCount - 1 }, (_, d) => derived("delegator", d)),
  ];
  const everyone = [...nodes, ...validators, ...delegators];
  let transactions = 0;
  const send = async (txs: Tx[]) => {
    transactions += txs.length;
    return rpc.sendAll(txs);
  };
  const tasksTx = (from: Address, label: string, data: Hex, gas: bigint): Tx => ({
    from,
    to: arena,
    data,
    gas,
    label,
  });
  const read = async <T>(functionName: string, args: readonly unknown[]): Promise<T> => {
    const data = encodeFunctionData({ abi: arenaTasksAbi, functionName, args } as Parameters<
      typeof encodeFunctionData
    >[0]);
    const raw = await rpc.call<Hex>("eth_call", { to: arena, data }, "latest");
    return decodeFunctionResult({ abi: arenaTasksAbi, functionName, data: raw } as Parameters<
      typeof decodeFunctionResult
    >[0]) as T;
  };
  const tasks = (functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi: arenaTasksAbi, functionName, args } as Parameters<
      typeof encodeFunctionData
    >[0]);

  await rpc.call("evm_setAutomine", false);
  try {
    // Accounts: ETH for gas, impersonation (the node signs for them), ARENA from the deployer, approvals.
    let t = Date.now();
    const outsiders = everyone.filter((a) => !unlocked.includes(a));
    await rpc.batch(
      outsiders.map((a) => ({ method: "hardhat_setBalance", params: [a, toHex(parseEther("100"))] })),
    );
    await rpc.batch(outsiders.map((a) => ({ method: "hardhat_impersonateAccount", params: [a] })));
    const transfer = (to: Address, amount: bigint) =>
      encodeFunctionData({ abi: arenaTokenAbi, functionName: "transfer", args: [to, amount] });
    const approve = encodeFunctionData({
      abi: arenaTokenAbi,
      functionName: "approve",
      args: [arena, 2n ** 255n],
    });
    await send([
      ...everyone.map((a) => ({
        from: deployer,
        to: token,
        data: transfer(a, parseEther("2000")),
        gas: GAS.transfer,
        label: "transfer",
      })),
      ...[deployer, ...everyone].map((a) => ({
        from: a,
        to: token,
        data: approve,
        gas: GAS.approve,
        label: "approve",
      })),
    ]);
    log(`history: funded ${everyone.length} accounts (${Date.now() - t} ms)`);

    t = Date.now();
    const beta = WAD / 2n;
    const params = {
      title: `Reads benchmark ${sizeLabel(size)}`,
      description: `${n} nodes × ${m} validators, ${k} validators per submission, ${epochs} scored epochs.`,
      metric: 0,
      baseModel: "arena-lm-small",
      dataURI: "/models/samples/chat.jsonl",
      evalSetURI: sampleSetURI("chat.jsonl"),
      evalSetHash: sampleSetSha256("chat.jsonl"),
      finalEvalCommit: finalEvalCommitment(
        sampleSetURI("plain.txt"),
        sampleSetSha256("plain.txt"),
        keccak256(toHex("bench")),
      ),
      contextLength: 1024,
      maxParams: 10_000_000n,
      rewardPool: parseEther("100000"),
      epochLength: DAY,
      commitWindow: DAY / 4,
      revealWindow: DAY / 4,
      submissionEpochs: epochs + 1,
      finalEpochs: 1,
      challengeEpochs: 1,
      unbondingEpochs: 1,
      minNodeStake: parseEther("100"),
      minValidatorStake: parseEther("100"),
      challengeBond: parseEther("50"),
      validatorsPerSubmission: k,
      maxAssignmentsPerEpoch: 64,
      maxNodes: n,
      mechanism: {
        gamma: (7n * WAD) / 10n,
        q: (8n * WAD) / 10n,
        alphaT: WAD / 2n,
        lambdaV: 2n * WAD,
        alphaV: WAD / 2n,
        beta,
      },
    };
    await send([
      tasksTx(deployer, "createTask", tasks("createTask", [params, parseEther("1000")]), 3_000_000n),
    ]);
    const taskId = await read<bigint>("taskCount", []);

    // Epoch 0: stakes (they count from epoch 1), reward shares of some delegatees, delegations.
    const nodeStake = (i: number) => parseEther(String(100 + (i % 11) * 20));
    const validatorStake = (j: number) => parseEther(String(100 + (j % 13) * 15));
    await send([
      ...nodes.map((a, i) => tasksTx(a, "stake", tasks("stake", [taskId, NODE, nodeStake(i)]), GAS.stake)),
      ...validators.map((a, j) =>
        tasksTx(a, "stake", tasks("stake", [taskId, VALIDATOR, validatorStake(j)]), GAS.stake),
      ),
    ]);
    const delegateeOf = (d: number) => (d % 2 === 0 ? nodes[(d * 7) % n]! : validators[(d * 13) % m]!);
    const delegatees = [...new Set(delegators.map((_, d) => delegateeOf(d)))];
    await send(
      delegatees.map((a) =>
        tasksTx(a, "setRewardShare", tasks("setRewardShare", [taskId, (3n * WAD) / 10n]), GAS.setRewardShare),
      ),
    );
    await send(
      delegators.map((a, d) =>
        tasksTx(
          a,
          "delegate",
          tasks("delegate", [taskId, delegateeOf(d), parseEther(String(50 + d * 5))]),
          GAS.delegate,
        ),
      ),
    );
    log(
      `history: task #${taskId}, ${n} nodes, ${m} validators, ${delegators.length} delegators staked (${Date.now() - t} ms)`,
    );

    const times = async (epoch: number) => {
      const [start, submitEnd, commitEnd, end] = await read<readonly [bigint, bigint, bigint, bigint]>(
        "epochTimes",
        [taskId, BigInt(epoch)],
      );
      return {
        start: Number(start),
        submitEnd: Number(submitEnd),
        commitEnd: Number(commitEnd),
        end: Number(end),
      };
    };
    const settle = async (epoch: number) => {
      for (let page = 0; page < 100; page++) {
        let steps = 1_000_000n;
        for (;;) {
          const data = tasks("settle", [taskId, BigInt(epoch), steps]);
          const estimate = await rpc
            .call<Hex>("eth_estimateGas", { from: deployer, to: arena, data })
            .then((g) => BigInt(g))
            .catch(() => undefined);
          if ((estimate !== undefined && estimate <= PAGE_TARGET) || steps === 1n) break;
          const scaled = estimate === undefined ? steps / 2n : (steps * PAGE_TARGET * 9n) / (estimate * 10n);
          steps = scaled > 0n ? (scaled < steps ? scaled : steps - 1n) : 1n;
          if (estimate === undefined && steps > 20_000n) steps = 20_000n;
        }
        await send([
          tasksTx(deployer, "settle", tasks("settle", [taskId, BigInt(epoch), steps]), 16_000_000n),
        ]);
        const [state] = await read<readonly [{ settledEpochs: number }, unknown]>("getTask", [taskId]);
        if (state.settledEpochs > epoch) return page + 1;
      }
      throw new Error(`epoch ${epoch} did not settle in 100 pages`);
    };

    for (let epoch = 1; epoch <= epochs; epoch++) {
      t = Date.now();
      const w = await times(epoch);
      await rpc.mineAt(w.start);
      const pages0 = epoch === 1 ? await settle(0) : 0;
      const models = nodes.map((a, i) => ({
        a,
        uri: `/models/bench/${epoch}/${i}`,
        hash: keccak256(toHex(`bench model ${epoch} ${i}`)),
      }));
      await send(
        models.map((md) =>
          tasksTx(
            md.a,
            "commitModel",
            tasks("commitModel", [taskId, modelCommitment(taskId, md.a, md.uri, md.hash)]),
            GAS.commitModel,
          ),
        ),
      );
      await send(
        models.map((md) =>
          tasksTx(md.a, "submitModel", tasks("submitModel", [taskId, md.uri, md.hash]), GAS.submitModel),
        ),
      );
      await rpc.mineAt(w.submitEnd);
      // The seed: fix the next block, mine it and one after it so that its hash is readable.
      await send([tasksTx(deployer, "drawSeed", tasks("drawSeed", [taskId, BigInt(epoch)]), GAS.drawSeed)]);
      await rpc.mine();
      await rpc.mine();
      const assigned = await rpc.batch<Hex>(
        validators.map((v) => ({
          method: "eth_call",
          params: [{ to: arena, data: tasks("assignmentsOf", [taskId, BigInt(epoch), v]) }, "latest"],
        })),
      );
      const plans = validators.flatMap((v, j) => {
        const ids = [
          ...(decodeFunctionResult({
            abi: arenaTasksAbi,
            functionName: "assignmentsOf",
            data: assigned[j]!,
          }) as readonly bigint[]),
        ];
        if (ids.length === 0) return [];
        const { receipt, scores } = syntheticReceipt({
          chainId: 31337,
          arenaTasks: arena,
          taskId,
          epoch,
          validator: v,
          metric: "loss",
          nodeIndices: ids,
          scores: ids.map((i) => 1_000_000 + Number(i) * 997 + (j % 13) * 101 + epoch),
          examples: 1,
        });
        return [{ v, ids, scores, receipt, salt: keccak256(toHex(`bench salt ${epoch} ${j}`)) }];
      });
      await send(
        plans.map((p) =>
          tasksTx(
            p.v,
            "commitScores",
            tasks("commitScores", [
              taskId,
              scoreCommitment(taskId, BigInt(epoch), p.v, p.ids, p.scores, p.receipt, p.salt),
            ]),
            GAS.commitScores,
          ),
        ),
      );
      await rpc.mineAt(w.commitEnd);
      await send(
        plans.map((p) =>
          tasksTx(
            p.v,
            "revealScores",
            tasks("revealScores", [taskId, BigInt(epoch), p.ids, p.scores, p.receipt, p.salt]),
            GAS.reveal(p.ids.length),
          ),
        ),
      );
      await rpc.mineAt(w.end);
      const pages = await settle(epoch);
      const cells = plans.reduce((s, p) => s + p.ids.length, 0);
      log(
        `history: epoch ${epoch}: ${n} submissions, ${plans.length} validators revealed ${cells} scores, settled in ${pages} page(s)${pages0 ? ` (epoch 0: ${pages0})` : ""} (${Date.now() - t} ms)`,
      );
    }
    // Claims: some validators claim their rewards (claim history).
    await send(
      validators.slice(0, 4).map((a) => tasksTx(a, "claim", tasks("claim", [[taskId]]), GAS.claim)),
    ).catch((error: unknown) =>
      log(`history: some claims reverted (${error instanceof Error ? error.message : String(error)})`),
    );

    const endBlock = await rpc.blockNumber();
    const logs = await rpc.call<unknown[]>("eth_getLogs", {
      address: arena,
      fromBlock: toHex(startBlock),
      toBlock: toHex(endBlock),
    });
    return { taskId, connected: nodes[0]!, blocks: endBlock - startBlock, transactions, logs: logs.length };
  } finally {
    await rpc.call("evm_setAutomine", true);
  }
}
