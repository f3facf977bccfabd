import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { maxUint256, parseEther, type Address, type Hex } from "viem";
import {
  canAudit,
  nextEma,
  nextThreshold,
  pack,
  pickAuditor,
  splitReward,
  submissionCommitment,
  type SubmitArgs,
  unpackModels,
} from "../../../lib/targets/index.ts";
import {
  bondOf,
  CONFIG,
  MAX_FILLS,
  DIM,
  EPOCH,
  embeddingNear,
  expectedTarget,
  packedCenter,
  SPREAD,
  submitParams,
  vectorFrom,
} from "./fixture.ts";

describe("ArenaTargets", async () => {
  const { viem, networkHelpers } = await network.create();
  const wallets = await viem.getWalletClients();
  const [deployer, alice, bob, owner1, owner2, owner3, v1, v2, v3, v4] = wallets;
  const publicClient = await viem.getPublicClient();
  const users = [alice, bob, owner1, owner2, owner3, v1, v2, v3, v4].map((w) => w!);

  async function deploy() {
    const token = await viem.deployContract("ArenaToken", [
      deployer!.account.address,
      parseEther("10000000"),
    ]);
    const targets = await viem.deployContract("ArenaTargets", [
      token.address,
      deployer!.account.address,
      CONFIG,
    ]);
    await targets.write.setGenerator([packedCenter(), Number(SPREAD)]);
    await token.write.approve([targets.address, maxUint256]);
    for (const user of users) {
      await token.write.transfer([user.account.address, parseEther("100000")]);
      await token.write.approve([targets.address, maxUint256], { account: user.account });
    }
    await targets.write.fundPool([parseEther("2000")]);
    const owners = [owner1!, owner2!, owner3!];
    for (const [i, owner] of owners.entries()) {
      await targets.write.registerModel(
        [
          `sha256:model${i}`,
          `0x${String(i + 1).repeat(64)}`,
          pack(vectorFrom(`model${i}`)),
          parseEther(String(1000 * (i + 1))),
        ],
        { account: owner.account },
      );
    }
    for (const v of [v1!, v2!, v3!])
      await targets.write.joinValidators([parseEther("1000")], { account: v.account });
    await networkHelpers.time.increase(EPOCH);
    await open(targets);
    return { token, targets };
  }

  /** The two-step seed draw: fix the next block, let it be mined, read its hash and open the epoch. */
  async function open(targets: {
    write: { requestSeed: () => Promise<Hex>; openEpoch: () => Promise<Hex> };
  }) {
    await targets.write.requestSeed();
    await networkHelpers.mine();
    await targets.write.openEpoch();
  }

  type Deployed = Awaited<ReturnType<typeof deploy>>;
  const epochOf = async ({ targets }: Deployed) => await targets.read.currentEpoch();
  const seedOf = async ({ targets }: Deployed, epoch: bigint) => (await targets.read.epochs([epoch]))[0];
  /** Commit, then reveal in the next block (automine mines each transaction in its own block). */
  async function commitAndSubmit(d: Deployed, params: SubmitArgs, account = alice!) {
    const salt = `0x${params.targetId.toString(16).padStart(64, "0")}` as Hex;
    const commitment = submissionCommitment(account.account.address, params, salt);
    await d.targets.write.commit([params.targetId, commitment], { account: account.account });
    return d.targets.write.submit([params, salt], { account: account.account });
  }
  async function fill(d: Deployed, targetId = 1n, farWeight = 0n, account = alice!) {
    const models = unpackModels((await d.targets.read.targets([targetId]))[4]);
    const vector = expectedTarget(
      await seedOf(d, BigInt((await d.targets.read.targets([targetId]))[1])),
      targetId,
    );
    const params = submitParams(targetId, models[0]!, embeddingNear(vector, farWeight));
    await commitAndSubmit(d, params, account);
    return params;
  }
  async function tokenChanges(
    token: Deployed["token"],
    tx: Promise<unknown>,
    changes: { address: Address; amount: bigint }[],
  ) {
    const before = await Promise.all(changes.map((c) => token.read.balanceOf([c.address])));
    await tx;
    for (const [i, c] of changes.entries()) {
      assert.equal(
        (await token.read.balanceOf([c.address])) - before[i]!,
        c.amount,
        `balance change of ${c.address}`,
      );
    }
  }
  const nextEpoch = async (d: Deployed, opening = true) => {
    await networkHelpers.time.increase(EPOCH);
    if (opening) await open(d.targets);
  };

  it("rejects out-of-range parameters at deployment", async () => {
    const token = await viem.deployContract("ArenaToken", [deployer!.account.address, 1n]);
    await assert.rejects(
      viem.deployContract("ArenaTargets", [
        token.address,
        deployer!.account.address,
        { ...CONFIG, epochLength: 0n },
      ]),
      /ZeroParameter\("epochLength"\)/,
    );
    await assert.rejects(
      viem.deployContract("ArenaTargets", [
        token.address,
        deployer!.account.address,
        { ...CONFIG, modelsPerTarget: 5 },
      ]),
      /ParameterOutOfRange/,
    );
  });

  it("opens an epoch's targets with embeddings and assignment matching lib/targets", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const epoch = await epochOf(d);
    const [seed, , spread, threshold, count, , opened] = await d.targets.read.epochs([epoch]);
    assert.equal(opened, true);
    assert.equal(count, CONFIG.targetsPerEpoch);
    assert.equal(threshold, CONFIG.initialThreshold);
    assert.equal(BigInt(spread), SPREAD);
    assert.equal(await d.targets.read.reservedRewards(), 4n * CONFIG.rewardPerTarget);
    const { assignModels } = await import("../../../lib/targets/index.ts");
    const candidates = [0, 1, 2].map((i) => ({
      id: i + 1,
      stake: parseEther(String(1000 * (i + 1))),
      position: vectorFrom(`model${i}`),
    }));
    for (let id = 1n; id <= 4n; id++) {
      const onChain = await d.targets.read.targetEmbedding([id]);
      const expected = expectedTarget(seed, id);
      assert.deepEqual(onChain, expected, `target ${id} embedding`);
      const models = unpackModels((await d.targets.read.targets([id]))[4]);
      assert.deepEqual(
        [...models],
        assignModels(expected, candidates, 2).map((m) => m.id),
        `target ${id} models`,
      );
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.openEpoch(),
      d.targets,
      "EpochAlreadyOpen",
      [epoch],
    );
  });

  it("opens only as many targets as the pool can reward, and none (without reverting) with no active models", async () => {
    const token = await viem.deployContract("ArenaToken", [deployer!.account.address, parseEther("1000000")]);
    const targets = await viem.deployContract("ArenaTargets", [
      token.address,
      deployer!.account.address,
      CONFIG,
    ]);
    await token.write.approve([targets.address, maxUint256]);
    await targets.write.fundPool([parseEther("250")]);
    await open(targets);
    assert.equal(await targets.read.targetCount(), 0n, "no model: no target, but the epoch opens");
    assert.equal((await targets.read.epochs([0n]))[6], true);
    await targets.write.registerModel([
      "sha256:m",
      `0x${"1".repeat(64)}`,
      pack(vectorFrom("m")),
      parseEther("1000"),
    ]);
    await networkHelpers.time.increase(EPOCH);
    await open(targets);
    assert.equal(await targets.read.targetCount(), 2n);
    assert.equal(await targets.read.pool(), parseEther("50"));
    assert.deepEqual([...unpackModels((await targets.read.targets([1n]))[4])], [1]);
  });

  it("draws the seed in two steps that nobody can redo (H2)", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await networkHelpers.time.increase(EPOCH);
    const t = d.targets;
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.openEpoch(), t, "SeedNotRequested", [2n]);
    await viem.assertions.emit(t.write.requestSeed({ account: bob!.account }), t, "SeedRequested");
    const sb = await t.read.seedBlock([2n]);
    assert.equal(sb, (await publicClient.getBlockNumber()) + 1n);
    // Automine: the next transaction is mined in the seed block itself, whose hash is not known there.
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.openEpoch(), t, "SeedNotReady", [2n, sb]);
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.requestSeed(), t, "SeedAlreadyRequested", [
      2n,
      sb,
    ]);
    // A refused transaction mines nothing: one more block must be produced before the hash can be read.
    await networkHelpers.mine();
    await t.write.openEpoch({ account: alice!.account });
    const block = await publicClient.getBlock({ blockNumber: sb });
    const { encodeAbiParameters, keccak256 } = await import("viem");
    const expected = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [block.hash, 2n, t.address],
      ),
    );
    assert.equal(await seedOf(d, 2n), expected, "seed = keccak256(blockhash(seedBlock), epoch, market)");
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.requestSeed(), t, "EpochAlreadyOpen", [2n]);
  });

  it("registers models with every check, and retires them with their stake", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const position = pack(vectorFrom("new"));
    const hash = `0x${"9".repeat(64)}` as const;
    const as = { account: bob!.account };
    const t = d.targets;
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.registerModel(["u", hash, position, 1n], as),
      t,
      "StakeTooLow",
      [1n, CONFIG.minModelStake],
    );
    await viem.assertions.revertWithCustomError(
      t.write.registerModel(["", hash, position, CONFIG.minModelStake], as),
      t,
      "EmptyArtifactUri",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.registerModel(["u", `0x${"1".repeat(64)}`, position, CONFIG.minModelStake], as),
      t,
      "DuplicateModel",
      [`0x${"1".repeat(64)}`, 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.registerModel(["u", hash, "0x00000001", CONFIG.minModelStake], as),
      t,
      "WrongDimension",
      [1n, BigInt(DIM)],
    );
    await viem.assertions.revertWithCustomError(
      t.write.registerModel(["u", hash, pack(new Array<bigint>(DIM).fill(0n)), CONFIG.minModelStake], as),
      t,
      "ZeroVector",
    );
    await viem.assertions.emitWithArgs(
      t.write.registerModel(["u", hash, position, CONFIG.minModelStake], as),
      t,
      "ModelRegistered",
      [4n, bob!.account.address, hash, "u", CONFIG.minModelStake, position],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.registerModel(["u2", `0x${"8".repeat(64)}`, position, CONFIG.minModelStake], as),
      t,
      "TooManyActiveModels",
      [4n],
    );

    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.retireModel([4n], { account: alice!.account }),
      t,
      "NotModelOwner",
      [4n, alice!.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.retireModel([9n], as), t, "UnknownModel", [
      9n,
    ]);
    await tokenChanges(d.token, t.write.retireModel([4n], as), [
      { address: bob!.account.address, amount: CONFIG.minModelStake },
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.retireModel([4n], as), t, "ModelNotActive", [
      4n,
    ]);
    assert.deepEqual([...(await t.read.activeModels())].sort(), [1, 2, 3]);
  });

  it("fills a target with the first valid submission, takes at least the minimum bond and spawns nothing", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const bond = bondOf(1000);
    assert.equal(bond, CONFIG.rewardPerTarget / 4n, "1,000 bytes cost less than the minimum");
    assert.equal(await d.targets.read.minBond(), bond);
    const before = await d.token.read.balanceOf([alice!.account.address]);
    const params = await fill(d, 1n, 10n);
    assert.equal(before - (await d.token.read.balanceOf([alice!.account.address])), bond);
    const target = await d.targets.read.targets([1n]);
    assert.equal(target[3], 2, "filled");
    assert.equal(await d.targets.read.targetCount(), 4n, "no target spawned in the same epoch");
    assert.equal(await d.targets.read.bondsHeld(), bond);
    assert.equal(await d.targets.read.fillsBy([1n, alice!.account.address]), 1n);
    const sub = await d.targets.read.submissions([1n]);
    assert.equal(sub[0].toLowerCase(), alice!.account.address.toLowerCase());
    assert.equal(sub[6], params.distance);
    const stats = await d.targets.read.submitterStats([alice!.account.address]);
    assert.deepEqual(stats, [1, 1000n, 0n]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.commit([1n, `0x${"00".repeat(32)}`], { account: bob!.account }),
      d.targets,
      "TargetNotOpen",
      [1n, 2],
    );
  });

  it("reveals only a commitment made by the same submitter in an earlier block (M2)", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const t = d.targets;
    const vector = expectedTarget(await seedOf(d, 1n), 2n);
    const params = submitParams(
      2n,
      unpackModels((await t.read.targets([2n]))[4])[0]!,
      embeddingNear(vector, 0n),
    );
    const salt = `0x${"42".repeat(32)}` as Hex;
    const commitment = submissionCommitment(alice!.account.address, params, salt);
    await viem.assertions.emitWithArgs(
      t.write.commit([2n, commitment], { account: alice!.account }),
      t,
      "SubmissionCommitted",
      [2n, alice!.account.address, commitment],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.commit([2n, commitment], { account: alice!.account }),
      t,
      "AlreadyCommitted",
      [commitment],
    );
    // A watcher replays alice's reveal: the commitment names alice, not the watcher.
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([params, salt], { account: bob!.account }),
      t,
      "NoCommitment",
      [2n, bob!.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...params, loss: params.loss + 1n }, salt], { account: alice!.account }),
      t,
      "NoCommitment",
      [2n, alice!.account.address],
    );
    await t.write.submit([params, salt], { account: alice!.account });
    assert.equal(await t.read.commitments([commitment]), 0n, "spent");
  });

  it("refuses submissions that break a rule, naming it", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const t = d.targets;
    const seed = await seedOf(d, await epochOf(d));
    const target = expectedTarget(seed, 2n);
    const models = unpackModels((await t.read.targets([2n]))[4]);
    const good = submitParams(2n, models[0]!, embeddingNear(target, 5n));
    const as = { account: alice!.account };
    const attempt = (params: SubmitArgs) => commitAndSubmit(d, params);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.commit([99n, `0x${"00".repeat(32)}`], as),
      t,
      "UnknownTarget",
      [99n],
    );
    await viem.assertions.revertWithCustomError(attempt({ ...good, dataUri: "" }), t, "EmptyDataUri");
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, dataSize: 0 }),
      t,
      "DataSizeOutOfRange",
      [0n, BigInt(CONFIG.maxDataSize)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, dataSize: CONFIG.maxDataSize + 1 }),
      t,
      "DataSizeOutOfRange",
      [BigInt(CONFIG.maxDataSize + 1), BigInt(CONFIG.maxDataSize)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, loss: 2n ** 64n - 1n }),
      t,
      "LossOutOfRange",
      [2n ** 64n - 1n, 1_000_000_000n],
    );
    const unassigned = [1, 2, 3].find((m) => !models.includes(m))!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, modelId: unassigned }),
      t,
      "ModelNotAssigned",
      [2n, BigInt(unassigned)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, distance: good.distance + 1n }),
      t,
      "DistanceMismatch",
      [good.distance + 1n, good.distance],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt({ ...good, embedding: "0x0000000100000002" }),
      t,
      "WrongDimension",
      [2n, BigInt(DIM)],
    );
    const far = embeddingNear(target, 80n);
    assert.ok(far.distance > BigInt(CONFIG.initialThreshold));
    await viem.assertions.revertWithCustomErrorWithArgs(
      attempt(submitParams(2n, models[0]!, far)),
      t,
      "OutsideThreshold",
      [far.distance, BigInt(CONFIG.initialThreshold)],
    );
    await fill(d, 1n);
    await fill(d, 2n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.commit([3n, `0x${"00".repeat(32)}`], as),
      t,
      "FillCapReached",
      [alice!.account.address, 1n, BigInt(MAX_FILLS)],
    );
    await nextEpoch(d, false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.commit([3n, `0x${"00".repeat(32)}`], as),
      t,
      "TargetEpochOver",
      [3n, 1n, 2n],
    );
  });

  it("expires unfilled targets after their epoch and returns the reward", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.expire([1n]),
      d.targets,
      "TargetEpochNotOver",
      [1n, 1n],
    );
    await nextEpoch(d, false);
    const pool = await d.targets.read.pool();
    await viem.assertions.emitWithArgs(d.targets.write.expire([1n]), d.targets, "TargetExpired", [
      1n,
      CONFIG.rewardPerTarget,
    ]);
    assert.equal(await d.targets.read.pool(), pool + CONFIG.rewardPerTarget);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.expire([1n]),
      d.targets,
      "TargetNotOpen",
      [1n, 5],
    );
  });

  it("pays 45% to the submitter, 45% to the model owner and the audit fee to the pool when nobody confirmed", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const params = await fill(d);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.claim([1n]),
      d.targets,
      "ClaimTooEarly",
      [1n, 3n],
    );
    await nextEpoch(d);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.claim([1n]),
      d.targets,
      "ClaimTooEarly",
      [1n, 3n],
    );
    await nextEpoch(d, false);
    const owner = (await d.targets.read.getModel([BigInt(params.modelId)]))[0].owner;
    const split = splitReward(CONFIG.rewardPerTarget, false);
    const pool = await d.targets.read.pool();
    await tokenChanges(d.token, d.targets.write.claim([1n], { account: bob!.account }), [
      { address: alice!.account.address, amount: split.toSubmitter + bondOf(1000) },
      { address: owner, amount: split.toModel },
    ]);
    assert.equal(await d.targets.read.pool(), pool + split.toPool, "the unearned audit fee returns");
    assert.equal((await d.targets.read.targets([1n]))[3], 4, "claimed");
    assert.equal((await d.targets.read.modelStats([BigInt(params.modelId)]))[4], split.toModel);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.claim([1n]),
      d.targets,
      "TargetNotFilled",
      [1n, 4],
    );
  });

  it("pays the drawn auditor that confirmed 10% of the reward at the claim", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const params = await fill(d);
    await nextEpoch(d);
    const auditor = await d.targets.read.auditorOf([1n]);
    await d.targets.write.confirm([1n], { account: auditor });
    await nextEpoch(d, false);
    const owner = (await d.targets.read.getModel([BigInt(params.modelId)]))[0].owner;
    const split = splitReward(CONFIG.rewardPerTarget, true);
    assert.equal(split.toAuditor, CONFIG.rewardPerTarget / 10n);
    await tokenChanges(d.token, d.targets.write.claim([1n]), [
      { address: alice!.account.address, amount: split.toSubmitter + bondOf(1000) },
      { address: owner, amount: split.toModel },
      { address: auditor, amount: split.toAuditor },
    ]);
  });

  it("draws the auditor by stake as lib/targets does, and enforces who may audit when", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await fill(d);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: v1!.account }),
      d.targets,
      "NotAuditEpoch",
      [1n, 2n, 1n],
    );
    await nextEpoch(d, false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.confirm([1n], { account: v1!.account }),
      d.targets,
      "NoAuditorYet",
      [1n, 2n],
    );
    await open(d.targets);
    const seed = await seedOf(d, 2n);
    const slots = await d.targets.read.validatorList();
    const records = await Promise.all(slots.map((a) => d.targets.read.validators([a])));
    const eligible = slots.flatMap((address, i) => {
      const [stake, joinedEpoch, exitEpoch, exists] = records[i]!;
      const v = { stake, joinedEpoch: BigInt(joinedEpoch), exitEpoch: BigInt(exitEpoch), exists };
      return canAudit(v, 1n) ? [{ address, stake }] : [];
    });
    assert.equal(eligible.length, 3);
    const auditor = await d.targets.read.auditorOf([1n]);
    assert.equal(auditor, pickAuditor(seed, 1n, eligible));
    const other = [v1!, v2!, v3!].find((v) => v.account.address.toLowerCase() !== auditor.toLowerCase())!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.confirm([1n], { account: other.account }),
      d.targets,
      "NotAuditor",
      [1n, other.account.address, auditor],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: alice!.account }),
      d.targets,
      "NotEligibleValidator",
      [alice!.account.address, 2n],
    );
    await viem.assertions.emitWithArgs(
      d.targets.write.confirm([1n], { account: auditor }),
      d.targets,
      "AuditConfirmed",
      [1n, auditor],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: auditor }),
      d.targets,
      "AuditAlreadyConfirmed",
      [1n],
    );
    // Any other validator of the fill may still report it.
    await viem.assertions.emit(
      d.targets.write.report([1n], { account: other.account }),
      d.targets,
      "Reported",
    );
  });

  it("forfeits the bond and the audit fee to any reporters holding 2/3 of the fill's audit stake", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await fill(d);
    await nextEpoch(d);
    await d.targets.write.joinValidators([parseEther("1000")], { account: v4!.account });
    const vs = [v1!, v2!, v3!];
    const [first, second] = vs;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: v4!.account }),
      d.targets,
      "NotEligibleValidator",
      [v4!.account.address, 2n],
    );
    assert.equal(await d.targets.read.auditStake([1n]), parseEther("3000"), "v4 does not count");
    await d.targets.write.report([1n], { account: first!.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: first!.account }),
      d.targets,
      "AlreadyReported",
      [1n, first!.account.address],
    );
    const pool = await d.targets.read.pool();
    const payout = bondOf(1000) + CONFIG.rewardPerTarget / 10n;
    await tokenChanges(d.token, d.targets.write.report([1n], { account: second!.account }), [
      { address: first!.account.address, amount: payout / 2n },
      { address: second!.account.address, amount: payout / 2n },
      { address: alice!.account.address, amount: 0n },
    ]);
    assert.equal((await d.targets.read.targets([1n]))[3], 3, "fraudulent");
    assert.equal(await d.targets.read.pool(), pool + CONFIG.rewardPerTarget - CONFIG.rewardPerTarget / 10n);
    assert.equal(await d.targets.read.bondsHeld(), 0n);
    assert.deepEqual(await d.targets.read.submitterStats([alice!.account.address]), [0, 0n, 0n]);
    await nextEpoch(d, false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.claim([1n]),
      d.targets,
      "TargetNotFilled",
      [1n, 3],
    );
  });

  it("moves the threshold toward the target fill rate, as lib/targets computes it", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    for (let id = 1n; id <= 4n; id++) await fill(d, id, 0n, id <= 2n ? alice! : bob!);
    const e1 = await d.targets.read.epochs([1n]);
    assert.equal(e1[5], 4, "fills");
    assert.equal(e1[4], 4, "targets (fills spawn none)");
    await nextEpoch(d);
    const ema = nextEma(BigInt(CONFIG.targetFillRate), 4n, 4n, BigInt(CONFIG.emaAlpha));
    assert.equal(await d.targets.read.emaFillRate(), ema);
    const expected = nextThreshold(
      BigInt(CONFIG.initialThreshold),
      ema,
      BigInt(CONFIG.targetFillRate),
      BigInt(CONFIG.minThreshold),
      BigInt(CONFIG.maxThreshold),
    );
    assert.equal(BigInt((await d.targets.read.epochs([2n]))[3]), expected);
    await nextEpoch(d);
    const ema3 = nextEma(ema, 0n, 4n, BigInt(CONFIG.emaAlpha));
    const t3 = nextThreshold(
      expected,
      ema3,
      BigInt(CONFIG.targetFillRate),
      BigInt(CONFIG.minThreshold),
      BigInt(CONFIG.maxThreshold),
    );
    assert.ok(t3 > expected, "no fills make it easier");
    assert.equal(BigInt((await d.targets.read.epochs([3n]))[3]), t3);
  });

  it("keeps validator stake bonded while it can audit", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const t = d.targets;
    const as = { account: v4!.account };
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.joinValidators([1n], as), t, "StakeTooLow", [
      1n,
      CONFIG.minValidatorStake,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.exitValidators(as), t, "NotValidator", [
      v4!.account.address,
    ]);
    await t.write.joinValidators([CONFIG.minValidatorStake], as);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.joinValidators([CONFIG.minValidatorStake], as),
      t,
      "AlreadyValidator",
      [v4!.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.withdrawValidatorStake(as), t, "NotExiting", [
      v4!.account.address,
    ]);
    await t.write.exitValidators(as);
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.exitValidators(as), t, "AlreadyExiting", [
      v4!.account.address,
      3n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.withdrawValidatorStake(as),
      t,
      "StillBonded",
      [v4!.account.address, 4n],
    );
    assert.equal(await t.read.canAudit([v1!.account.address, 2n]), true);
    assert.equal(await t.read.canAudit([v4!.account.address, 2n]), false, "joined in 1, left for 3");
    await nextEpoch(d, false);
    await nextEpoch(d, false);
    await nextEpoch(d, false);
    await tokenChanges(d.token, t.write.withdrawValidatorStake(as), [
      { address: v4!.account.address, amount: CONFIG.minValidatorStake },
    ]);
    const many = wallets.slice(10, 16);
    for (const w of many) {
      await d.token.write.transfer([w.account.address, parseEther("1000")]);
      await d.token.write.approve([t.address, maxUint256], { account: w.account });
    }
    for (const w of many.slice(0, 5))
      await t.write.joinValidators([CONFIG.minValidatorStake], { account: w.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.joinValidators([CONFIG.minValidatorStake], { account: many[5]!.account }),
      t,
      "TooManyValidators",
      [8n],
    );
    const slots = await t.read.validatorList();
    assert.equal(slots.length, 8, "v4's slot was reused, no one moved");
    assert.equal(slots[3]!.toLowerCase(), many[0]!.account.address.toLowerCase());
  });

  it("lets only the owner set the generator, with the right dimension", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.setGenerator(["0x", 1], { account: alice!.account }),
      d.targets,
      "NotOwner",
      [alice!.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.setGenerator(["0x00000001", 1]),
      d.targets,
      "WrongDimension",
      [1n, BigInt(DIM)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.setGenerator(["0x", 2_000_000_000]),
      d.targets,
      "ParameterOutOfRange",
      ["spread", 2_000_000_000n],
    );
    void publicClient;
  });

  it("holds exactly the pool, reserved rewards, bonds and stakes", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await fill(d, 1n);
    await fill(d, 2n, 0n, bob!);
    const sum = async () =>
      (await d.targets.read.pool()) +
      (await d.targets.read.reservedRewards()) +
      (await d.targets.read.bondsHeld()) +
      (await d.targets.read.modelStakeTotal()) +
      (await d.targets.read.validatorStakeTotal());
    assert.equal(await d.token.read.balanceOf([d.targets.address]), await sum());
    await nextEpoch(d);
    await nextEpoch(d);
    await d.targets.write.claim([1n]);
    await d.targets.write.expire([3n]);
    assert.equal(await d.token.read.balanceOf([d.targets.address]), await sum());
  });
});
