import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseEther,
  sha256,
  toHex,
  zeroHash,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { tasksCallData, type TasksWrite } from "./lib/tasks-call.ts";
import { arenaTasksAbi, arenaTokenAbi } from "../contracts-abi/index.ts";
import type { ArenaIndex, TaskView } from "../lib/arena/indexer.ts";
import { localChain } from "../lib/chain/chains.ts";
import { parse, stringify } from "../lib/indexer/codec.ts";
import { taskTotals, trimForAccount, trimForList, trimForTaskPage } from "../lib/indexer/trim.ts";
import type { TaskListView } from "../lib/indexer/views.ts";
import { modelCommitment } from "../lib/sortition/index.ts";
import { BlobStore } from "../lib/blobs/store.ts";
import { parseDataset } from "../lib/metrics/parsers.ts";
import { METRICS } from "../lib/arena/metric.ts";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "../lib/scoring/node-files.ts";
import {
  checkReceipt,
  compareExample,
  enteredByHand,
  exampleValue,
  leafProof,
  parseReceipt,
  verifyLeaf,
  type ReceiptDocument,
} from "../lib/scoring/receipt.ts";
import { Scorer } from "../lib/scoring/scorer.ts";
import { startIndexer, type Indexer } from "./lib/indexer.ts";
import { startLocalChain, type LocalChain } from "./lib/local-chain.ts";
import { ROLE } from "../lib/arena/roles.ts";

/**
 * The indexer against the contracts: a local chain with the demo seed and its indexer (PGlite, reorgs of any
 * depth followed, as in the e2e suite). Every view of `/v1/index` is checked against the contracts' own view
 * functions (stakes, delegations, ρ, epochs, challenges, participants) and, for what only events carry (URIs,
 * reveals, per-node results, claims), against the node's logs read straight over JSON-RPC. Then transactions
 * change the state and each change must show in the views once the indexer has the receipt's block; then
 * transactions made after a snapshot are reverted and their rows must disappear. Prints the indexer's catch-up
 * time after the seed and the median receipt→view latency. Run by `npm test`:
 * `node --import tsx --test scripts/indexer-parity.e2e.ts`.
 */

const RPC_PORT = Number(process.env.PARITY_RPC_PORT ?? 8622);
const INDEXER_PORT = Number(process.env.PARITY_INDEXER_PORT ?? 42222);
/** A key past every checkpoint: `stakeAt` / `rewardShareAt` at it return the latest value (what the views hold). */
const LATEST = 2n ** 47n;
const WAD = 10n ** 18n;
const NODE = ROLE.Node;
const VALIDATOR = ROLE.Validator;
const ROLES = ["none", "node", "validator"] as const;
/** The seed's growing task (epoch 5 of 24 submission epochs, staking open) and its open challenge (#2). */
const TASK = 4n;
const OPEN_CHALLENGE = 2n;

let chain: LocalChain;
let indexer: Indexer;
let client: PublicClient;
let arena: Address;
let token: Address;
let accounts: Address[];
const latencies: number[] = [];

const log = (line: string) => console.log(`[parity] ${line}`);

/** Fails at once if the port is taken (Ponder would move to the next free port, and the test wait for nothing). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", () =>
      reject(new Error(`Port ${port} is in use: stop what listens there or set PARITY_INDEXER_PORT.`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (xs: readonly bigint[]) => xs.reduce((s, x) => s + x, 0n);
/** Deterministic JSON of views (bigints, Maps) for order-free comparisons. */
const sorted = <T>(xs: readonly T[]): string[] => xs.map((x) => stringify(x)).sort();

async function fetchView<T>(path: string): Promise<T> {
  const res = await fetch(`${indexer.url}${path}`, { cache: "no-store" });
  assert.equal(res.status, 200, `GET ${path} answered ${res.status}`);
  return parse<T>(await res.text());
}

/** Waits until the indexer is exactly at the chain head (after a revert it is ahead until it drops blocks). */
async function indexerAtHead(timeoutMs = 60_000): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await client.getBlockNumber({ cacheTime: 0 });
    const at = await indexer.indexedBlock();
    if (at !== undefined && BigInt(at) === head) return head;
    if (Date.now() > deadline)
      throw new Error(`the indexer is at block ${at ?? "none"}, the chain at ${head}`);
    await sleep(50);
  }
}

function wallet(account: Address) {
  return createWalletClient({ account, chain: localChain(chain.rpcUrl), transport: http(chain.rpcUrl) });
}

async function mined(hash: Hex): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  assert.equal(receipt.status, "success", `transaction ${hash} reverted`);
  return receipt;
}

/** One ArenaTasks write by `account`, mined (a revert fails the test with the node's reason). */
async function write<F extends TasksWrite>(
  account: Address,
  functionName: F,
  args: ContractFunctionArgs<typeof arenaTasksAbi, "nonpayable", F>,
): Promise<TransactionReceipt> {
  return mined(await wallet(account).sendTransaction({ to: arena, data: tasksCallData(functionName, args) }));
}

async function approve(account: Address): Promise<void> {
  await mined(
    await wallet(account).writeContract({
      address: token,
      abi: arenaTokenAbi,
      functionName: "approve",
      args: [arena, 2n ** 255n],
    }),
  );
}

/**
 * Waits for the task's view to show a transaction's effect (polling `/v1/tasks/:id` every 20 ms), records the
 * receipt→view latency, checks the indexer has the receipt's block, and returns that view.
 */
async function viewAfter(
  receipt: TransactionReceipt,
  taskId: bigint,
  shows: (task: TaskView, index: ArenaIndex) => boolean,
  what: string,
  /** `/v1/index` for what only the whole index holds (claims). */
  path = `/v1/tasks/${taskId}`,
): Promise<{ task: TaskView; index: ArenaIndex }> {
  const started = performance.now();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const index = await fetchView<ArenaIndex>(path);
    const task = index.tasks.get(taskId);
    if (task && shows(task, index)) {
      latencies.push(performance.now() - started);
      await indexer.waitForBlock(Number(receipt.blockNumber), 1000);
      return { task, index };
    }
    if (Date.now() > deadline)
      throw new Error(
        `after 10 s the indexer's view of task ${taskId} does not show ${what} (indexed block ${await indexer.indexedBlock()}, receipt block ${receipt.blockNumber})`,
      );
    await sleep(20);
  }
}

/** Every ArenaTasks event of one name up to `block`, in chain order, straight from the node. */
function events<const N extends ContractEventName<typeof arenaTasksAbi>>(eventName: N, block: bigint) {
  return client.getContractEvents({
    address: arena,
    abi: arenaTasksAbi,
    eventName,
    fromBlock: 0n,
    toBlock: block,
    strict: true,
  });
}

/**
 * Checks the whole index against the chain at `block` (the indexer must be at it): the contracts' views for
 * state, the node's logs for what only events carry.
 */
async function assertParity(index: ArenaIndex, block: bigint): Promise<void> {
  const at = { address: arena, abi: arenaTasksAbi, blockNumber: block } as const;
  const taskCount = await client.readContract({ ...at, functionName: "taskCount" });
  const ids = Array.from({ length: Number(taskCount) }, (_, i) => BigInt(i + 1));
  assert.deepEqual([...index.tasks.keys()].sort(), ids, "the indexed tasks are the contract's");

  const [
    described,
    submitted,
    revoked,
    committed,
    scoreCommits,
    revealsLog,
    settledNodes,
    validatorRewards,
    delegatorRewards,
    harvested,
    opened,
    claimed,
  ] = await Promise.all([
    events("TaskDescribed", block),
    events("ModelSubmitted", block),
    events("ModelSubmissionRevoked", block),
    events("ModelCommitted", block),
    events("ScoresCommitted", block),
    events("ScoresRevealed", block),
    events("SubmissionSettled", block),
    events("ValidatorRewarded", block),
    events("DelegatorsRewarded", block),
    events("DelegationRewardsHarvested", block),
    events("EpochOpened", block),
    events("Claimed", block),
  ]);

  let checkedParticipants = 0;
  let checkedDelegations = 0;
  let checkedEpochs = 0;
  let checkedSubmissions = 0;
  for (const id of ids) {
    const t = index.tasks.get(id)!;
    const [state, config] = await client.readContract({ ...at, functionName: "getTask", args: [id] });
    const [current] = await client.readContract({ ...at, functionName: "currentEpoch", args: [id] });
    const where = `task ${id}`;
    assert.equal(t.creator, state.creator, `${where}: creator`);
    assert.equal(t.start, state.start, `${where}: start`);
    assert.equal(t.cancelled, state.cancelled, `${where}: cancelled`);
    assert.deepEqual(t.config, config, `${where}: config`);
    assert.equal(t.metric, config.metric, `${where}: metric`);
    assert.equal(t.finalEvalURI !== undefined, state.finalEvalRevealed, `${where}: held-back set revealed`);
    const d = described.filter((e) => e.args.taskId === id).at(-1);
    assert.deepEqual(
      [t.title, t.description, t.baseModel, t.dataURI, t.evalSetURI],
      [d?.args.title, d?.args.description, d?.args.baseModel, d?.args.dataURI, d?.args.evalSetURI],
      `${where}: description`,
    );
    const [publicSet, heldBackSet] = await client.readContract({
      ...at,
      functionName: "getEvalSetHashes",
      args: [id],
    });
    assert.deepEqual(
      [t.evalSetHash, t.heldBackEvalSetHash ?? zeroHash],
      [publicSet, heldBackSet],
      `${where}: evaluation set hashes`,
    );
    assert.equal(
      t.heldBackEvalSetHash !== null,
      state.finalEvalRevealed,
      `${where}: held-back hash once revealed`,
    );

    // Epochs: exactly the settled ones, with the contract's figures; the pool is what they have not paid.
    assert.deepEqual(
      [...t.epochs.keys()].sort((a, b) => a - b),
      Array.from({ length: state.settledEpochs }, (_, e) => e),
      `${where}: settled epochs`,
    );
    for (let e = 0n; e <= current; e++) {
      const [epoch, revealedCount, scoredCount] = await client.readContract({
        ...at,
        functionName: "getEpoch",
        args: [id, e],
      });
      const seedBlock = await client.readContract({ ...at, functionName: "seedBlockOf", args: [id, e] });
      const view = t.epochs.get(Number(e));
      if (e < BigInt(state.settledEpochs)) {
        assert.ok(view, `${where}: epoch ${e} settled`);
        assert.deepEqual(
          [view.rewardNodes, view.rewardValidators, view.reward, view.paid, view.scored],
          [
            epoch.rewardNodes,
            epoch.rewardValidators,
            epoch.rewardNodes + epoch.rewardValidators,
            epoch.paid,
            Number(scoredCount),
          ],
          `${where}: epoch ${e}'s rewards, payments and scored count`,
        );
        checkedEpochs++;
      }
      assert.equal(
        t.reveals.filter((r) => r.epoch === Number(e)).length,
        Number(revealedCount),
        `${where}: epoch ${e}'s reveals`,
      );
      const seed = t.seeds.get(Number(e));
      assert.equal(seed?.seedBlock ?? 0n, seedBlock, `${where}: epoch ${e}'s seed block`);
      const recorded = opened.find((o) => o.args.taskId === id && o.args.epoch === e);
      assert.equal(seed?.seed, recorded?.args.seed, `${where}: epoch ${e}'s recorded seed`);
      if (recorded) assert.equal(seed?.seed, epoch.seed, `${where}: epoch ${e}'s seed is the contract's`);
    }
    const paid = sum([...t.epochs.values()].map((e) => e.paid));
    assert.equal(
      state.poolReclaimed || state.cancelled ? 0n : t.rewardPool - paid,
      state.pool,
      `${where}: reward pool minus payments`,
    );

    // Participants: the contract's nodes and validators, their role, index, latest stakes and ρ.
    const chainParticipants: Address[] = [];
    for (const [isNode, count] of [
      [true, state.nodeCount],
      [false, state.validatorCount],
    ] as const)
      for (let i = 0n; i < BigInt(count); i++)
        chainParticipants.push(
          await client.readContract({ ...at, functionName: "participantAt", args: [id, isNode, i] }),
        );
    assert.deepEqual([...t.participants.keys()].sort(), chainParticipants.sort(), `${where}: participants`);
    for (const [account, p] of t.participants) {
      const who = `${where}, ${account}`;
      const gp = await client.readContract({ ...at, functionName: "getParticipant", args: [id, account] });
      const [own, delegated] = await client.readContract({
        ...at,
        functionName: "stakeAt",
        args: [id, account, LATEST],
      });
      const rho = await client.readContract({
        ...at,
        functionName: "rewardShareAt",
        args: [id, account, LATEST],
      });
      assert.equal(p.role, ROLES[gp.role], `${who}: role`);
      assert.equal(p.ownStake, own, `${who}: own stake`);
      assert.equal(p.delegated, delegated, `${who}: delegated stake`);
      assert.equal(sum([...p.delegators.values()]), delegated, `${who}: delegations add up`);
      assert.equal(p.rewardShare, rho, `${who}: reward share`);
      assert.equal(p.forfeited !== undefined, gp.forfeited, `${who}: forfeited`);
      if (p.nodeIndex !== undefined) assert.equal(p.nodeIndex, gp.index, `${who}: node index`);

      const revokedHere = (s: (typeof submitted)[number]) =>
        revoked.some(
          (r) =>
            r.args.taskId === id &&
            r.args.epoch === s.args.epoch &&
            r.args.node === s.args.node &&
            r.args.contentHash === s.args.contentHash,
        );
      const mine = submitted.filter((s) => s.args.taskId === id && s.args.node === account);
      assert.deepEqual(
        p.submissions,
        mine
          .filter((s) => !revokedHere(s))
          .map((s) => ({
            epoch: Number(s.args.epoch),
            nodeIndex: Number(s.args.nodeIndex),
            uri: s.args.uri,
            contentHash: s.args.contentHash,
            block: s.blockNumber,
          })),
        `${who}: submissions (URIs, hashes)`,
      );
      checkedSubmissions += p.submissions.length;
      const last = p.submissions.at(-1);
      if (gp.submitted && gp.modelHash !== zeroHash) {
        assert.equal(last?.contentHash, gp.modelHash, `${who}: latest model hash`);
        assert.equal(last?.epoch, gp.lastSubmitEpoch, `${who}: latest submission epoch`);
      }
      const lastSubmit = mine.at(-1);
      const pending = committed
        .filter((c) => c.args.taskId === id && c.args.node === account)
        .filter(
          (c) =>
            !lastSubmit ||
            c.blockNumber > lastSubmit.blockNumber ||
            (c.blockNumber === lastSubmit.blockNumber && c.logIndex > lastSubmit.logIndex),
        )
        .at(-1);
      assert.deepEqual(
        p.modelCommit,
        pending
          ? {
              epoch: Number(pending.args.epoch),
              commitment: pending.args.commitment,
              block: pending.blockNumber,
            }
          : undefined,
        `${who}: pending model commitment`,
      );
      checkedParticipants++;
    }

    // Delegations: every dev account's positions (latest amounts) are the delegatees' delegator lists.
    const expected = new Map<Address, Map<Address, bigint>>();
    for (const delegator of accounts) {
      const delegatees = await client.readContract({
        ...at,
        functionName: "delegateesOf",
        args: [id, delegator],
      });
      for (const delegatee of delegatees) {
        const [position] = await client.readContract({
          ...at,
          functionName: "delegationOf",
          args: [id, delegatee, delegator],
        });
        if (position.nextAmount === 0n) continue;
        const m = expected.get(delegatee) ?? new Map<Address, bigint>();
        m.set(delegator, position.nextAmount);
        expected.set(delegatee, m);
        checkedDelegations++;
      }
    }
    for (const [account, p] of t.participants)
      assert.deepEqual(p.delegators, expected.get(account) ?? new Map(), `${where}, ${account}: delegations`);

    // What only events carry: score commits and reveals, per-node, per-validator and delegator rewards.
    const mineOf = <E extends { args: { taskId: bigint } }>(xs: readonly E[]) =>
      xs.filter((x) => x.args.taskId === id);
    assert.deepEqual(
      sorted(t.commits),
      sorted([
        ...new Map(
          mineOf(scoreCommits).map((c) => [
            `${c.args.epoch}/${c.args.validator}`,
            { epoch: Number(c.args.epoch), validator: c.args.validator },
          ]),
        ).values(),
      ]),
      `${where}: score commits`,
    );
    assert.deepEqual(
      sorted(t.reveals),
      sorted(
        mineOf(revealsLog).map((r) => ({
          epoch: Number(r.args.epoch),
          validator: r.args.validator,
          nodeIndices: [...r.args.nodeIndices],
          scores: [...r.args.scores],
          receipt: r.args.receipt,
        })),
      ),
      `${where}: score reveals (with their receipts)`,
    );
    const lastBy = <V>(pairs: [string, V][]) => [...new Map(pairs).values()];
    assert.deepEqual(
      sorted(t.nodeResults),
      sorted(
        lastBy(
          mineOf(settledNodes).map((r) => [
            `${r.args.epoch}/${r.args.node}`,
            {
              epoch: Number(r.args.epoch),
              node: r.args.node,
              meanScore: r.args.meanScore,
              weight: r.args.weight,
              reward: r.args.reward,
            },
          ]),
        ),
      ),
      `${where}: node results`,
    );
    const summed = new Map<string, { epoch: number; validator: Address; reward: bigint }>();
    for (const r of mineOf(validatorRewards)) {
      const key = `${r.args.epoch}/${r.args.validator}`;
      const prev = summed.get(key);
      summed.set(key, {
        epoch: Number(r.args.epoch),
        validator: r.args.validator,
        reward: (prev?.reward ?? 0n) + r.args.reward,
      });
    }
    assert.deepEqual(sorted(t.validatorResults), sorted([...summed.values()]), `${where}: validator rewards`);
    const toDelegators = new Map<
      string,
      { epoch: number; delegatee: Address; amount: bigint; perShare: bigint }
    >();
    for (const r of mineOf(delegatorRewards)) {
      const key = `${r.args.epoch}/${r.args.delegatee}`;
      toDelegators.set(key, {
        epoch: Number(r.args.epoch),
        delegatee: r.args.delegatee,
        amount: (toDelegators.get(key)?.amount ?? 0n) + r.args.amount,
        perShare: r.args.perShare,
      });
    }
    assert.deepEqual(
      sorted(t.delegatorRewards),
      sorted([...toDelegators.values()]),
      `${where}: delegator rewards`,
    );
    assert.deepEqual(
      sorted(t.harvests),
      sorted(
        mineOf(harvested).map((h) => ({
          delegatee: h.args.delegatee,
          delegator: h.args.delegator,
          amount: h.args.amount,
          block: h.blockNumber,
        })),
      ),
      `${where}: harvested delegation rewards`,
    );
  }

  // Challenges: the contract's, with their deadlines, answers, vote weights and outcomes.
  const challengeCount = await client.readContract({ ...at, functionName: "challengeCount" });
  const indexed = [...index.tasks.values()].flatMap((t) => [...t.challenges.values()]);
  assert.deepEqual(
    indexed.map((c) => c.id).sort(),
    Array.from({ length: Number(challengeCount) }, (_, i) => BigInt(i + 1)),
    "the indexed challenges are the contract's",
  );
  for (const c of indexed) {
    const where = `challenge ${c.id}`;
    const g = await client.readContract({ ...at, functionName: "getChallenge", args: [c.id] });
    assert.equal(index.challengeTask.get(c.id), g.taskId, `${where}: task`);
    assert.deepEqual(
      [c.taskId, c.node, c.challenger, c.bond, c.answerDeadline, c.voteDeadline],
      [g.taskId, g.node, g.challenger, g.bond, g.answerDeadline, g.voteDeadline],
      `${where}: who, bond and deadlines`,
    );
    assert.equal(c.proofURI !== undefined, g.answered, `${where}: answered`);
    assert.equal(c.settled !== undefined, g.resolved, `${where}: resolved`);
    if (c.settled) assert.equal(c.settled.upheld, g.upheld, `${where}: outcome`);
    assert.equal(
      sum(c.votes.filter((v) => v.uphold).map((v) => v.weight)),
      g.votesUphold,
      `${where}: uphold votes`,
    );
    assert.equal(
      sum(c.votes.filter((v) => !v.uphold).map((v) => v.weight)),
      g.votesReject,
      `${where}: reject votes`,
    );
  }

  assert.deepEqual(
    index.claims,
    claimed.map((c) => ({
      account: c.args.account,
      amount: c.args.amount,
      fee: c.args.fee,
      block: c.blockNumber,
    })),
    "claims",
  );
  log(
    `parity at block ${block}: ${ids.length} tasks, ${checkedParticipants} participants, ${checkedDelegations} delegations, ${checkedEpochs} settled epochs, ${checkedSubmissions} submissions, ${indexed.length} challenges, ${index.claims.length} claims`,
  );
  assert.ok(checkedParticipants > 0 && checkedDelegations > 0 && checkedEpochs > 0 && checkedSubmissions > 0);
}

/** Codec JSON with every array sorted, so views built by different queries compare whatever their row order. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(norm).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
        : v;
  return JSON.stringify(norm(JSON.parse(stringify(value))));
}

/**
 * The pages' cut views (`/v1/tasks`, `/v1/tasks/:id`, `/v1/accounts/:a`), read with their own SQL filters and
 * aggregates, must equal the whole index (checked above against the contracts) cut by lib/indexer/trim.ts.
 */
async function assertPageViews(index: ArenaIndex): Promise<void> {
  const everyone = new Set<string>();
  for (const t of index.tasks.values()) for (const p of t.participants.values()) everyone.add(p.account);
  for (const account of [undefined, ...accounts]) {
    const q = account ? `?account=${account}` : "";
    const list = await fetchView<TaskListView>(`/v1/tasks${q}`);
    assert.equal(list.uniqueParticipants, everyone.size, "participants across tasks");
    const want = new Map(
      [...index.tasks].map(([id, t]) => [id, trimForList({ ...t, totals: taskTotals(t) }, account)]),
    );
    assert.equal(canonical(list.tasks), canonical(want), `/v1/tasks${q}`);
    for (const [id, t] of index.tasks) {
      const page = await fetchView<ArenaIndex>(`/v1/tasks/${id}${q}`);
      assert.equal(
        canonical(page.tasks.get(id)),
        canonical(trimForTaskPage(t, account)),
        `/v1/tasks/${id}${q}`,
      );
    }
    if (!account) continue;
    const mine = await fetchView<ArenaIndex>(`/v1/accounts/${account}`);
    const expected = trimForAccount(index, account);
    assert.equal(canonical(mine.tasks), canonical(expected.tasks), `/v1/accounts/${account}: tasks`);
    assert.equal(canonical(mine.claims), canonical(expected.claims), `/v1/accounts/${account}: claims`);
  }
}

async function parityAtHead(): Promise<ArenaIndex> {
  const block = await indexerAtHead();
  const index = await fetchView<ArenaIndex>("/v1/index");
  await assertParity(index, block);
  await assertPageViews(index);
  return index;
}

describe("indexer parity with the contracts", { timeout: 900_000 }, () => {
  before(async () => {
    const seeded = Date.now();
    chain = await startLocalChain({ port: RPC_PORT, log });
    log(`chain seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    client = createPublicClient({
      chain: localChain(chain.rpcUrl),
      transport: http(chain.rpcUrl),
      batch: { multicall: true },
      pollingInterval: 20,
    }) as PublicClient;
    arena = chain.deployment.contracts.ArenaTasks!.address;
    token = chain.deployment.contracts.ArenaToken!.address;
    accounts = chain.accounts.map((a) => getAddress(a));
    const head = await client.getBlockNumber();
    await assertPortFree(INDEXER_PORT);
    const started = Date.now();
    indexer = await startIndexer({
      rpcUrl: chain.rpcUrl,
      port: INDEXER_PORT,
      schema: `parity_${Date.now()}`,
      finalityBlocks: 1_000_000,
      log,
      readyTimeoutMs: 300_000,
    });
    console.log(
      `[parity] indexer caught up with the demo seed (${head} blocks) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  after(async () => {
    await indexer?.stop();
    await chain?.stop();
  });

  it("every view of the seeded chain matches the contracts and their events", async () => {
    await parityAtHead();
  });

  it("the demo's revealed scores carry receipts that verify, and real ones re-score in Node", async () => {
    const reveals = await events("ScoresRevealed", await client.getBlockNumber());
    const chainId = await client.getChainId();
    const blobs = BlobStore.fromEnv();
    let real = 0;
    let byHand = 0;
    /** One real entry per metric, to re-score. */
    const checked = new Map<string, { doc: ReceiptDocument; nodeIndex: string }>();
    for (const r of reveals) {
      const bytes = await blobs.get(r.args.receipt.slice(2));
      const problems = checkReceipt(bytes, {
        receipt: r.args.receipt,
        chainId,
        arenaTasks: arena,
        taskId: r.args.taskId,
        epoch: Number(r.args.epoch),
        validator: r.args.validator,
        nodeIndices: r.args.nodeIndices,
        scores: r.args.scores,
      });
      assert.deepEqual(problems, [], `task ${r.args.taskId} epoch ${r.args.epoch} ${r.args.validator}`);
      const doc = parseReceipt(bytes);
      for (const entry of doc.submissions) {
        if (enteredByHand(entry)) {
          byHand++;
          assert.ok(
            !entry.model.uri.startsWith("/models/"),
            "a shipped model's score is never entered by hand",
          );
          continue;
        }
        real++;
        assert.match(entry.model.uri, /^\/models\/arena-lm-(tiny|small|base)$/);
        if (!checked.has(doc.metric)) checked.set(doc.metric, { doc, nodeIndex: entry.nodeIndex });
      }
    }
    log(`demo reveals: ${reveals.length}, scores from real scoring ${real}, entered by hand ${byHand}`);
    // How many cells land on real models depends on the epoch seeds (block hashes), so no ratio is fixed: what
    // must hold is that shipped models are always really scored (above) and every metric has such scores (below).
    assert.ok(real > 0, `the demo has really scored entries (${real} real, ${byHand} by hand)`);
    // Re-score one example of a real entry per metric in Node, as "Verify this score" does in the browser.
    assert.deepEqual([...checked.keys()].sort(), [...METRICS].sort());
    for (const { doc, nodeIndex } of checked.values()) {
      const entry = doc.submissions.find((s) => s.nodeIndex === nodeIndex)!;
      const setBytes = await readFile(path.join(SHIPPED_MODELS_DIR, "..", doc.evaluationSet.uri));
      assert.equal(sha256(setBytes), doc.evaluationSet.sha256);
      const dataset = parseDataset(setBytes, { fileName: doc.evaluationSet.uri });
      const id = entry.model.uri.slice("/models/".length);
      const leaf = entry.values[entry.values.length - 1]!;
      assert.ok(verifyLeaf(entry.root, leaf, leafProof(entry.values, leaf.index)));
      const scorer = await Scorer.load(
        { kind: "local", id, manifest: entry.model.manifest },
        "cpu",
        nodeEnvironment(SHIPPED_MODELS_DIR, 1),
      );
      try {
        const only = {
          ...dataset,
          examples: dataset.examples.slice(leaf.index, leaf.index + 1),
        } as typeof dataset;
        const result = await scorer.score({ metric: doc.metric, dataset: only, seed: leaf.index });
        const again = exampleValue(doc.metric, { ...result.examples[0]!, index: leaf.index });
        const c = compareExample(doc.metric, leaf, again);
        assert.ok(c.agrees, `example ${leaf.index} of ${id}: receipt ${c.expected}, Node ${c.actual}`);
      } finally {
        await scorer.dispose();
      }
    }
  });

  it("follows stakes, delegations, ρ, models, votes, claims and settlement as they are mined", async () => {
    const [, , n2, , n4, , v2, v3, , d0] = accounts;
    const d1 = accounts[12]!;
    const fresh = accounts[13]!;
    await approve(fresh);

    let r = await write(fresh, "stake", [TASK, VALIDATOR, parseEther("80")]);
    let { task } = await viewAfter(r, TASK, (t) => t.participants.has(fresh), "a new validator");
    assert.equal(task.participants.get(fresh)?.role, "validator");
    assert.equal(task.participants.get(fresh)?.ownStake, parseEther("80"));

    r = await write(fresh, "stake", [TASK, VALIDATOR, parseEther("20")]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(fresh)?.ownStake === parseEther("100"),
      "a stake added to",
    ));

    r = await write(fresh, "setRewardShare", [TASK, WAD / 4n]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(fresh)?.rewardShare === WAD / 4n,
      "a new ρ",
    ));

    r = await write(d1, "delegate", [TASK, fresh, parseEther("30")]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(fresh)?.delegated === parseEther("30"),
      "a delegation",
    ));
    assert.equal(task.participants.get(fresh)?.delegators.get(d1), parseEther("30"));

    const n2Before = task.participants.get(n2!)!.delegated;
    r = await write(d0!, "delegate", [TASK, n2!, parseEther("50")]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(n2!)?.delegated === n2Before + parseEther("50"),
      "a delegation to a node",
    ));
    assert.equal(task.participants.get(n2!)?.delegators.get(d0!), parseEther("50"));

    r = await write(d1, "undelegate", [TASK, fresh, parseEther("10")]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(fresh)?.delegators.get(d1) === parseEther("20"),
      "an undelegation",
    ));
    assert.equal(task.participants.get(fresh)?.delegated, parseEther("20"));

    r = await write(fresh, "requestUnstake", [TASK, parseEther("10")]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(fresh)?.ownStake === parseEther("90"),
      "an unstake request",
    ));

    // A model: committed (pending in the view), then submitted (the commitment gives way to the submission).
    const uri = "http://localhost:3000/api/blobs/parity-model";
    const hash = keccak256(toHex("parity model"));
    const before = task.participants.get(n4!)!.submissions.length;
    r = await write(n4!, "commitModel", [TASK, modelCommitment(TASK, n4!, uri, hash)]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(n4!)?.modelCommit !== undefined,
      "a model commitment",
    ));
    assert.equal(task.participants.get(n4!)?.modelCommit?.block, r.blockNumber);
    r = await write(n4!, "submitModel", [TASK, uri, hash]);
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(n4!)?.submissions.length === before + 1,
      "a submitted model",
    ));
    assert.equal(task.participants.get(n4!)?.modelCommit, undefined);
    assert.deepEqual(task.participants.get(n4!)?.submissions.at(-1), {
      epoch: 5,
      nodeIndex: task.participants.get(n4!)?.nodeIndex,
      uri,
      contentHash: hash,
      block: r.blockNumber,
    });

    // A vote on the open challenge, in another task.
    const challengeTask = (await fetchView<ArenaIndex>("/v1/index")).challengeTask.get(OPEN_CHALLENGE)!;
    const votesBefore = (await fetchView<ArenaIndex>(`/v1/tasks/${challengeTask}`)).tasks
      .get(challengeTask)!
      .challenges.get(OPEN_CHALLENGE)!.votes.length;
    r = await write(v2!, "voteChallenge", [OPEN_CHALLENGE, false]);
    ({ task } = await viewAfter(
      r,
      challengeTask,
      (t) => t.challenges.get(OPEN_CHALLENGE)?.votes.length === votesBefore + 1,
      "a challenge vote",
    ));
    assert.equal(task.challenges.get(OPEN_CHALLENGE)?.votes.at(-1)?.validator, v2);
    assert.equal(task.challenges.get(OPEN_CHALLENGE)?.votes.at(-1)?.uphold, false);

    // Claims: a validator's credits, and a delegator's harvest of its validator's rewards.
    const claimsBefore = (await fetchView<ArenaIndex>("/v1/index")).claims.length;
    r = await write(v3!, "claim", [[TASK]]);
    let { index: all } = await viewAfter(
      r,
      TASK,
      (_, index) => index.claims.length > claimsBefore,
      "the claim",
      "/v1/index",
    );
    assert.equal(all.claims.length, claimsBefore + 1, "the claim is indexed");
    assert.equal(all.claims.at(-1)?.account, v3);
    assert.equal(all.claims.at(-1)?.block, r.blockNumber);
    const harvestsBefore = all.tasks.get(TASK)!.harvests.filter((h) => h.delegator === d1).length;
    r = await write(d1, "claim", [[TASK]]);
    // The task page lists the connected account's harvests: ask as the delegator.
    ({ task } = await viewAfter(
      r,
      TASK,
      (t) => t.harvests.length > harvestsBefore,
      "a harvest",
      `/v1/tasks/${TASK}?account=${d1}`,
    ));
    assert.ok(
      task.harvests.slice(harvestsBefore).every((h) => h.delegator === d1 && h.block === r.blockNumber),
    );

    // Settlement of the open epoch, once it is over.
    const [, , , end] = await client.readContract({
      address: arena,
      abi: arenaTasksAbi,
      functionName: "epochTimes",
      args: [TASK, 5n],
    });
    const testClient = createTestClient({
      mode: "hardhat",
      chain: localChain(chain.rpcUrl),
      transport: http(chain.rpcUrl),
    });
    await testClient.setNextBlockTimestamp({ timestamp: end + 1n });
    // One block at a time: hardhat_mine of several blocks leaves zero parent hashes that stall Ponder.
    await testClient.request({ method: "evm_mine", params: undefined });
    r = await write(accounts[0]!, "settle", [TASK, 5n, 10_000n]);
    ({ task } = await viewAfter(r, TASK, (t) => t.epochs.has(5), "the settled epoch 5"));

    all = await parityAtHead();
    assert.ok(all.tasks.get(TASK)!.epochs.has(5));
  });

  it("drops the rows of reverted blocks", async () => {
    const testClient = createTestClient({
      mode: "hardhat",
      chain: localChain(chain.rpcUrl),
      transport: http(chain.rpcUrl),
    });
    const d0 = accounts[9]!;
    const n4 = accounts[4]!;
    const gone = accounts[14]!;
    const kept = accounts[15]!;
    const before = await parityAtHead();
    const snapshot = await testClient.snapshot();
    const snapshotBlock = await client.getBlockNumber({ cacheTime: 0 });

    await approve(gone);
    let r = await write(gone, "stake", [TASK, NODE, parseEther("150")]);
    await viewAfter(r, TASK, (t) => t.participants.has(gone), "the node staked after the snapshot");
    r = await write(d0, "delegate", [TASK, gone, parseEther("10")]);
    await viewAfter(
      r,
      TASK,
      (t) => t.participants.get(gone)?.delegated === parseEther("10"),
      "its delegation",
    );
    r = await write(n4, "setRewardShare", [TASK, WAD / 10n]);
    await viewAfter(r, TASK, (t) => t.participants.get(n4)?.rewardShare === WAD / 10n, "a new ρ");

    // About 100 blocks: deeper than Ponder's own finality would follow (30 blocks, finalized in steps; without
    // the finality hook this revert leaves the indexer on the dropped branch), as the e2e suite's reverts can be.
    for (let i = 0; i < 96; i++) await testClient.request({ method: "evm_mine", params: undefined });
    await indexerAtHead();
    const depth = (await client.getBlockNumber({ cacheTime: 0 })) - snapshotBlock;
    const reverted = Date.now();
    await testClient.revert({ id: snapshot });
    const head = await indexerAtHead();
    assert.equal(head, snapshotBlock);
    console.log(
      `[parity] a revert of ${depth} blocks: the indexer is back at the head in ${Date.now() - reverted} ms`,
    );
    const after = await fetchView<ArenaIndex>("/v1/index");
    const task = after.tasks.get(TASK)!;
    assert.equal(task.participants.has(gone), false, "the reverted stake is gone");
    assert.equal(
      task.participants.get(n4)?.rewardShare,
      before.tasks.get(TASK)!.participants.get(n4)!.rewardShare,
    );
    await assertParity(after, head);

    // A new block at the reverted height: the indexer follows the new branch.
    await approve(kept);
    r = await write(kept, "stake", [TASK, VALIDATOR, parseEther("60")]);
    const shown = await viewAfter(r, TASK, (t) => t.participants.has(kept), "a stake on the new branch");
    assert.equal(shown.task.participants.has(gone), false);
    await parityAtHead();

    const ms = [...latencies].sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)]!;
    console.log(
      `[parity] receipt→view latency over ${ms.length} transactions: median ${median.toFixed(0)} ms, min ${ms[0]!.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms`,
    );
    assert.ok(median < 1000, `median receipt→view latency ${median.toFixed(0)} ms is over 1 s`);
  });
});
