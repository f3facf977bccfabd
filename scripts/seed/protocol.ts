import { keccak256, parseEther, toHex, zeroHash, type Address, type Hex } from "viem";
import { METRIC_INDEX as METRIC, metricName } from "../../lib/arena/metric.ts";
import { finalEvalCommitment } from "../../lib/arena/params.ts";
import { sampleSetSha256, sampleSetURI, type SampleSet } from "../../lib/arena/testing/sampleSets.ts";
import { BlobStore } from "../../lib/blobs/store.ts";
import { buildReceipt, encodeReceipt, receiptHash, type ReceiptMetric } from "../../lib/scoring/receipt.ts";
import { modelCommitment, scoreCommitment } from "../../lib/sortition/index.ts";
import { readArtifact } from "../lib/artifacts.ts";
import { send } from "../lib/deploy.ts";
import { contractAddress, type SeedEnv } from "../lib/seed.ts";
import { NODE_SCORER, realScore, shippedManifest, shippedModelUri, type ShippedLm } from "./realScores.ts";
import { ROLE } from "../../lib/arena/roles.ts";

/**
 * Demo state of the Arena protocol on the local chain: five tasks sharing one clock (1-hour epochs), left in
 * every phase — submission (epochs settled, the current one open), final validation (scored on the revealed
 * held-back set), challenge (an answered challenge in its vote window), ended (challenges resolved, rewards
 * claimed) and a fresh task nobody has joined yet — with nodes, validators, delegations, reward shares, committed
 * then submitted models, drawn seeds, revealed scores and settled epochs.
 */

const WAD = 10n ** 18n;
const HOUR = 3600;
const NODE = ROLE.Node;
const VALIDATOR = ROLE.Validator;
const FINAL_EVAL_SALT: Hex = keccak256(toHex("arena demo held-back set"));

type Demo = {
  key: string;
  title: string;
  description: string;
  metric: number;
  submissionEpochs: number;
  finalEpochs: number;
  challengeEpochs: number;
  pool: bigint;
};

const DEMOS: Demo[] = [
  {
    key: "ended",
    title: "Move code comments (finished)",
    description:
      "Generate instructions and comments for Move smart-contract code; bits per byte on held-out pairs.",
    metric: METRIC.loss,
    submissionEpochs: 2,
    finalEpochs: 1,
    challengeEpochs: 1,
    pool: parseEther("20000"),
  },
  {
    key: "challenge",
    title: "Sentiment classifier for DeFi forums",
    description: "Label forum posts as bullish, bearish or neutral; accuracy on a held-out set.",
    metric: METRIC.accuracy,
    submissionEpochs: 2,
    finalEpochs: 1,
    challengeEpochs: 3,
    pool: parseEther("15000"),
  },
  {
    key: "final",
    title: "Customer-support answers",
    description: "Answer support tickets like the reference answers; ROUGE-1 plus embedding similarity.",
    metric: METRIC.reference_similarity,
    submissionEpochs: 3,
    finalEpochs: 3,
    challengeEpochs: 2,
    pool: parseEther("30000"),
  },
  {
    key: "submission",
    title: "Tiny chat model, lower bits per byte",
    description:
      "Fine-tune the tiny chat model on the shipped corpus; lower bits per byte on the evaluation set wins.",
    metric: METRIC.loss,
    submissionEpochs: 24,
    finalEpochs: 2,
    challengeEpochs: 2,
    pool: parseEther("50000"),
  },
];

/**
 * The demo tasks' evaluation sets are the shipped samples of their metric (public and held back), so every
 * scorer can fetch them and check them against the sha256 the task carries.
 */
const SETS: Record<number, { public: SampleSet; heldBack: SampleSet }> = {
  [METRIC.loss]: { public: "chat.jsonl", heldBack: "plain.txt" },
  [METRIC.accuracy]: { public: "reviews.csv", heldBack: "reviews.csv" },
  [METRIC.reference_similarity]: { public: "reference.jsonl", heldBack: "reference.jsonl" },
};

/**
 * Which shipped model each node submits, per task and epoch (node index → model; absent: a placeholder URI with a
 * made-up hash, whose scores the validators enter by hand). A content hash may be submitted only once per task,
 * even by the same node in a later epoch (ArenaLifecycle.submitModel, DuplicateModelHash), so each task has at
 * most three real submissions (arena-lm-tiny, -small, -base): they go where they are scored most — the epoch(s)
 * before final validation, whose latest submissions final validation scores again on the held-back set, and the
 * growing task's latest scored epoch. Nodes with no entry in an epoch where others submit real models submit a
 * placeholder, except where they are left out (`skip`).
 */
const MODEL_PLAN: Record<string, Record<number, Partial<Record<number, ShippedLm | "skip">>>> = {
  ended: { 1: { 0: "arena-lm-small", 1: "arena-lm-tiny", 2: "arena-lm-base" } },
  // Node 4 (index 3) is challenged in this task, so it holds a real model; node 2 (index 1) a placeholder.
  challenge: { 1: { 0: "arena-lm-small", 2: "arena-lm-base", 3: "arena-lm-tiny" } },
  // Epoch 2's submissions are the final ones: nodes 1–2 keep their epoch-1 models, node 3 brings its own.
  final: {
    1: { 0: "arena-lm-small", 1: "arena-lm-tiny" },
    2: { 0: "skip", 1: "skip", 2: "arena-lm-base" },
  },
  submission: { 4: { 0: "arena-lm-small", 1: "arena-lm-tiny", 2: "arena-lm-base" } },
};

function params(d: Demo) {
  const sets = SETS[d.metric]!;
  return {
    title: d.title,
    description: d.description,
    metric: d.metric,
    baseModel: "arena/tiny-chat",
    dataURI: "http://localhost:3000/api/blobs/demo-train",
    evalSetURI: sampleSetURI(sets.public),
    evalSetHash: sampleSetSha256(sets.public),
    finalEvalCommit: finalEvalCommitment(finalEvalURI(d), sampleSetSha256(sets.heldBack), FINAL_EVAL_SALT),
    contextLength: 512,
    maxParams: 50_000_000n,
    rewardPool: d.pool,
    epochLength: HOUR,
    commitWindow: 15 * 60,
    revealWindow: 15 * 60,
    submissionEpochs: d.submissionEpochs,
    finalEpochs: d.finalEpochs,
    challengeEpochs: d.challengeEpochs,
    unbondingEpochs: 1,
    minNodeStake: parseEther("100"),
    minValidatorStake: parseEther("50"),
    challengeBond: parseEther("25"),
    validatorsPerSubmission: 3,
    maxAssignmentsPerEpoch: 16,
    maxNodes: 64,
    mechanism: {
      gamma: (7n * WAD) / 10n,
      q: (8n * WAD) / 10n,
      alphaT: WAD / 2n,
      lambdaV: 2n * WAD,
      alphaV: WAD / 2n,
      beta: WAD / 2n,
    },
  };
}

function finalEvalURI(d: Demo): string {
  return sampleSetURI(SETS[d.metric]!.heldBack);
}

export async function seedProtocol(env: SeedEnv): Promise<void> {
  const arena = contractAddress(env, "ArenaTasks");
  const token = contractAddress(env, "ArenaToken");
  const { abi } = readArtifact("ArenaTasks");
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    env.publicClient.readContract({ address: arena, abi, functionName, args }) as Promise<T>;
  const as = (who: Address, functionName: string, args: readonly unknown[]) =>
    send(env.clientFor(who), arena, "ArenaTasks", functionName, args);

  const [first, ...others] = env.accounts;
  if (!first || others.length < 12) throw new Error("Seed: the node needs at least 13 unlocked accounts");
  const deployer: Address = first;
  const nodes = others.slice(0, 4);
  const validators = [...others.slice(4, 8), others[9]!, others[10]!];
  const delegators = [others[8]!, others[11]!];
  for (const a of [deployer, ...others.slice(0, 12)]) {
    if (
      a !== deployer &&
      (await env.publicClient.readContract({
        address: token,
        abi: readArtifact("ArenaToken").abi,
        functionName: "balanceOf",
        args: [a],
      })) === 0n
    ) {
      await send(env, token, "ArenaToken", "transfer", [a, parseEther("50000")]);
    }
    await send(env.clientFor(a), token, "ArenaToken", "approve", [arena, 2n ** 255n]);
  }

  const ids: Record<string, bigint> = {};
  for (const d of DEMOS) {
    await as(deployer, "createTask", [params(d), parseEther("100")]);
    ids[d.key] = await read<bigint>("taskCount", []);
  }
  const taskIds = Object.values(ids);

  // Epoch 0: stakes (count from epoch 1), reward shares, delegations.
  for (const taskId of taskIds) {
    for (const [i, n] of nodes.entries())
      await as(n, "stake", [taskId, NODE, parseEther(String(150 + 100 * i))]);
    for (const [j, v] of validators.entries())
      await as(v, "stake", [taskId, VALIDATOR, parseEther(String(60 + 40 * j))]);
    await as(delegators[0]!, "delegate", [taskId, nodes[0]!, parseEther("400")]);
    await as(delegators[1]!, "delegate", [taskId, validators[0]!, parseEther("250")]);
    await as(delegators[1]!, "delegate", [taskId, nodes[2]!, parseEther("120")]);
  }
  for (const n of [nodes[0]!, validators[0]!, nodes[2]!])
    for (const taskId of taskIds) await as(n, "setRewardShare", [taskId, (WAD * 3n) / 10n]);

  const warpTo = async (at: bigint) => {
    const latest = await env.publicClient.getBlock();
    if (latest.timestamp >= at) return;
    await env.publicClient.request({
      method: "evm_setNextBlockTimestamp" as "eth_chainId",
      params: [toHex(at)] as unknown as undefined,
    });
    await env.publicClient.request({ method: "evm_mine" as "eth_chainId" });
  };
  const times = async (taskId: bigint, epoch: bigint) =>
    read<readonly [bigint, bigint, bigint, bigint]>("epochTimes", [taskId, epoch]);
  const phaseOf = async (taskId: bigint) =>
    (await read<readonly [bigint, number]>("currentEpoch", [taskId]))[1];
  /** The latest of the tasks' window boundaries (tasks were created a few blocks apart). */
  const latestTimes = async (epoch: bigint) => {
    const all = await Promise.all(taskIds.map((t) => times(t, epoch)));
    return [0, 1, 2, 3].map((i) => all.reduce((m, t) => (t[i]! > m ? t[i]! : m), 0n)) as [
      bigint,
      bigint,
      bigint,
      bigint,
    ];
  };
  const metricOf = new Map(DEMOS.map((d) => [ids[d.key]!, d.metric]));
  const demoOf = new Map(DEMOS.map((d) => [ids[d.key]!, d]));
  /** The set the epoch is scored on (lib/arena/seed.ts scoringSet): the held-back one once revealed, in final validation. */
  const scoredSet = async (taskId: bigint, epoch: bigint) => {
    const d = demoOf.get(taskId)!;
    const [state] = await read<readonly [{ finalEvalRevealed: boolean }]>("getTask", [taskId]);
    const set = SETS[d.metric]!;
    const name = epoch >= BigInt(d.submissionEpochs) && state.finalEvalRevealed ? set.heldBack : set.public;
    return { name, uri: sampleSetURI(name), sha256: sampleSetSha256(name) };
  };
  const blobs = BlobStore.fromEnv();
  const chainId = await env.publicClient.getChainId();
  /** The latest submission of each (task, node index), for the receipts. */
  const modelUris = new Map<string, { uri: string; hash: Hex; model: ShippedLm | null }>();
  const mine = () => env.publicClient.request({ method: "evm_mine" as "eth_chainId" });
  const LAST = 5n; // the app's "now": epoch 5 of every task

  // Epochs 1..5: every task in a scoring phase gets submissions (or final models), scores and settlement.
  for (let epoch = 1n; epoch <= LAST; epoch++) {
    const [start, submitEnd, commitEnd] = await latestTimes(epoch);
    await warpTo(start);
    for (const taskId of taskIds) await settleDue(taskId);
    // Opened at the start of the ended task's challenge epoch, so its vote window is over by epoch 5.
    if (epoch === 3n) await openEndedChallenge();
    const scoring: bigint[] = [];
    for (const d of DEMOS) {
      const taskId = ids[d.key]!;
      const phase = await phaseOf(taskId);
      if (phase === 0) {
        const plan = MODEL_PLAN[d.key]?.[Number(epoch)] ?? {};
        const submitting = nodes
          .map((n, i) => ({ n, i, model: plan[i] }))
          .filter(
            ({ i, model }) => model !== "skip" && !(d.key === "submission" && epoch === LAST && i === 3),
          );
        const models = await Promise.all(
          submitting.map(async ({ n, i, model }) =>
            model && model !== "skip"
              ? { n, uri: shippedModelUri(model), hash: await shippedManifest(model), model }
              : {
                  n,
                  uri: `http://localhost:3000/api/blobs/model-${d.key}-${epoch}-${i}`,
                  hash: keccak256(toHex(`${d.key}/${epoch}/${n}`)),
                  model: null,
                },
          ),
        );
        // Committed first, submitted in a later block (each transaction is its own block here).
        for (const m of models)
          await as(m.n, "commitModel", [taskId, modelCommitment(taskId, m.n, m.uri, m.hash)]);
        for (const m of models) await as(m.n, "submitModel", [taskId, m.uri, m.hash]);
        for (const m of models) {
          const { index } = await read<{ index: number }>("getParticipant", [taskId, m.n]);
          modelUris.set(`${taskId}/${index}`, m);
        }
        if (epoch !== LAST) scoring.push(taskId);
      } else if (phase === 1) {
        await as(deployer, "revealFinalEval", [
          taskId,
          finalEvalURI(d),
          sampleSetSha256(SETS[d.metric]!.heldBack),
          FINAL_EVAL_SALT,
        ]).catch(() => undefined);
        if (epoch !== LAST) scoring.push(taskId);
      }
    }
    if (epoch === LAST) break; // epoch 5 stays open for the app (submissions, final validation, challenges)
    await warpTo(submitEnd);
    // Seeds: fix the next block for every scoring task, then mine past it so the hashes are readable.
    for (const taskId of scoring) await as(deployer, "drawSeed", [taskId, epoch]);
    await mine();
    await mine();
    const reveals: {
      taskId: bigint;
      v: Address;
      ids: bigint[];
      scores: number[];
      receipt: Hex;
      salt: Hex;
    }[] = [];
    for (const taskId of scoring) {
      for (const [j, v] of validators.entries()) {
        const assigned = [...(await read<readonly bigint[]>("assignmentsOf", [taskId, epoch, v]))];
        if (assigned.length === 0) continue;
        const metric = metricOf.get(taskId)!;
        const receiptMetric: ReceiptMetric = metricName(metric)!;
        const set = await scoredSet(taskId, epoch);
        // The receipt as ValidatePanel builds it: shipped models really scored in Node (per-example values that
        // "Verify this score" re-checks); a placeholder model's score entered by hand (no values, and it says so).
        const doc = buildReceipt({
          chainId,
          arenaTasks: arena,
          taskId,
          epoch: Number(epoch),
          validator: v,
          metric: receiptMetric,
          evaluationSet: { uri: set.uri, sha256: set.sha256 },
          scorer: NODE_SCORER,
          submissions: await Promise.all(
            assigned.map(async (i) => {
              const sub = modelUris.get(`${taskId}/${i}`);
              const model = { uri: sub?.uri ?? "", manifest: sub?.hash ?? zeroHash };
              if (!sub?.model)
                return { nodeIndex: i, model, examples: [], score: demoScore(metric, epoch, i, j) };
              return {
                nodeIndex: i,
                model,
                examples: (await realScore(sub.model, set.name, receiptMetric)).examples,
              };
            }),
          ),
        });
        const bytes = encodeReceipt(doc);
        const receipt = receiptHash(bytes);
        const byNode = new Map(doc.submissions.map((s) => [s.nodeIndex, s.score]));
        const scores = assigned.map((i) => byNode.get(i.toString())!);
        await blobs.put(bytes);
        const salt = keccak256(toHex(`demo ${taskId} ${epoch} ${v}`));
        await as(v, "commitScores", [
          taskId,
          scoreCommitment(taskId, epoch, v, assigned, scores, receipt, salt),
        ]);
        if (j !== validators.length - 1) reveals.push({ taskId, v, ids: assigned, scores, receipt, salt }); // one never reveals
      }
    }
    await warpTo(commitEnd);
    for (const r of reveals)
      await as(r.v, "revealScores", [r.taskId, epoch, r.ids, r.scores, r.receipt, r.salt]);
    if (epoch === 3n) await openOpenChallenge();
  }
  const [startLast] = await latestTimes(LAST);
  const endedChallenge = await read<{ voteDeadline: number }>("getChallenge", [1n]);
  await warpTo(BigInt(Math.max(Number(startLast) + 60, endedChallenge.voteDeadline + 1)));

  for (const taskId of taskIds) await settleDue(taskId);
  await as(deployer, "resolveChallenge", [1n]);
  const ended = ids.ended!;
  await as(deployer, "reclaimPool", [ended]);
  await as(deployer, "withdrawCreatorStake", [ended]);
  for (const who of [...nodes.slice(0, 2), validators[1]!, delegators[1]!]) await as(who, "claim", [[ended]]);

  // A fresh task nobody has joined yet (cancellable by its creator).
  await as(deployer, "createTask", [
    {
      ...params({
        ...DEMOS[3]!,
        key: "fresh",
        title: "Math word problems (new)",
        description: "Accuracy on grade-school math word problems.",
      }),
      metric: METRIC.accuracy,
    },
    parseEther("100"),
  ]);

  /**
   * Challenge #1, in the ended task's challenge epoch: answered and rejected by the validators, resolved once its
   * vote window is over. Delegators of the node may not challenge it, so the challenger delegates elsewhere.
   */
  async function openEndedChallenge(): Promise<void> {
    const challenger = delegators[0]!;
    await as(challenger, "openChallenge", [ids.ended!, nodes[1]!, parseEther("25")]);
    await as(nodes[1]!, "answerChallenge", [1n, "http://localhost:3000/api/blobs/training-log-node-2"]);
    for (const v of validators.slice(0, 3)) await as(v, "voteChallenge", [1n, false]);
  }

  /** Challenge #2, late in epoch 3 of the challenge task: answered, one vote, its vote window still open in epoch 5. */
  async function openOpenChallenge(): Promise<void> {
    const challenger = delegators[0]!;
    await as(challenger, "openChallenge", [ids.challenge!, nodes[3]!, parseEther("25")]);
    await as(nodes[3]!, "answerChallenge", [2n, "http://localhost:3000/api/blobs/training-log-node-4"]);
    await as(validators[0]!, "voteChallenge", [2n, true]);
  }

  async function settleDue(taskId: bigint): Promise<void> {
    const [epoch] = await read<readonly [bigint, number]>("currentEpoch", [taskId]);
    const [state, config] = await read<
      readonly [{ settledEpochs: number }, { submissionEpochs: number; finalEpochs: number }]
    >("getTask", [taskId]);
    const scoringEpochs = BigInt(config.submissionEpochs + config.finalEpochs);
    for (let e = BigInt(state.settledEpochs); e < epoch && e < scoringEpochs; e++)
      await as(deployer, "settle", [taskId, e, 10_000n]);
  }
}

/** Scores near a per-node quality with a little validator noise, in 1e-6 units of the metric. */
function demoScore(metric: number, epoch: bigint, node: bigint, validator: number): number {
  const quality = [0.82, 0.74, 0.9, 0.66][Number(node) % 4]! + Number(epoch) * 0.01;
  const noise = ((validator * 13 + Number(node) * 3) % 11) / 1000;
  const value = metric === METRIC.loss ? 2.2 - quality : quality; // bits per byte: lower is better
  return Math.round((value + noise) * 1e6);
}
