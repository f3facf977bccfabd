import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { maxUint256, parseEther, type Address } from "viem";
import { nextEma, nextThreshold, pack, pickAuditor } from "../../../lib/targets/index.ts";
import {
  CONFIG,
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
    await targets.write.openEpoch();
    return { token, targets };
  }

  type Deployed = Awaited<ReturnType<typeof deploy>>;
  const epochOf = async ({ targets }: Deployed) => await targets.read.currentEpoch();
  const seedOf = async ({ targets }: Deployed, epoch: bigint) => (await targets.read.epochs([epoch]))[0];
  async function fill(d: Deployed, targetId = 1n, farWeight = 0n, account = alice!) {
    const models = await d.targets.read.targetModels([targetId]);
    const vector = expectedTarget(
      await seedOf(d, BigInt((await d.targets.read.targets([targetId]))[1])),
      targetId,
    );
    const params = submitParams(targetId, models[0]!, embeddingNear(vector, farWeight));
    await d.targets.write.submit([params], { account: account.account });
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
  const nextEpoch = async (d: Deployed, open = true) => {
    await networkHelpers.time.increase(EPOCH);
    if (open) await d.targets.write.openEpoch();
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
      const models = await d.targets.read.targetModels([id]);
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

  it("opens only as many targets as the pool can reward, and none without active models", async () => {
    const token = await viem.deployContract("ArenaToken", [deployer!.account.address, parseEther("1000000")]);
    const targets = await viem.deployContract("ArenaTargets", [
      token.address,
      deployer!.account.address,
      CONFIG,
    ]);
    await viem.assertions.revertWithCustomError(targets.write.openEpoch(), targets, "NoActiveModels");
    await token.write.approve([targets.address, maxUint256]);
    await targets.write.registerModel([
      "sha256:m",
      `0x${"1".repeat(64)}`,
      pack(vectorFrom("m")),
      parseEther("1000"),
    ]);
    await targets.write.fundPool([parseEther("250")]);
    await targets.write.openEpoch();
    assert.equal(await targets.read.targetCount(), 2n);
    assert.equal(await targets.read.pool(), parseEther("50"));
    assert.deepEqual([...(await targets.read.targetModels([1n]))], [1]);
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

  it("fills a target with the first valid submission, takes the bond and spawns a new target", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const bond = 1000n * CONFIG.bondPerByte;
    const before = await d.token.read.balanceOf([alice!.account.address]);
    const params = await fill(d, 1n, 10n);
    assert.equal(before - (await d.token.read.balanceOf([alice!.account.address])), bond);
    const target = await d.targets.read.targets([1n]);
    assert.equal(target[3], 2, "filled");
    assert.equal(await d.targets.read.targetCount(), 5n, "spawned");
    assert.equal(BigInt((await d.targets.read.targets([5n]))[1]), await epochOf(d));
    assert.equal(await d.targets.read.bondsHeld(), bond);
    const sub = await d.targets.read.submissions([1n]);
    assert.equal(sub[0].toLowerCase(), alice!.account.address.toLowerCase());
    assert.equal(sub[6], params.distance);
    const stats = await d.targets.read.submitterStats([alice!.account.address]);
    assert.deepEqual(stats, [1, 1000n, 0n]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.submit([params], { account: bob!.account }),
      d.targets,
      "TargetNotOpen",
      [1n, 2],
    );
  });

  it("assigns a spawned target on its first submission, as targetModels foretold", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await fill(d, 1n);
    assert.equal((await d.targets.read.targets([5n]))[4], 0n, "spawned without stored models");
    const foretold = [...(await d.targets.read.targetModels([5n]))];
    assert.equal(foretold.length, CONFIG.modelsPerTarget);
    const vector = expectedTarget(await seedOf(d, await epochOf(d)), 5n);
    const params = submitParams(5n, foretold[0]!, embeddingNear(vector, 0n));
    const other = [1, 2, 3].find((m) => !foretold.includes(m))!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.submit([{ ...params, modelId: other }], { account: bob!.account }),
      d.targets,
      "ModelNotAssigned",
      [5n, BigInt(other)],
    );
    await viem.assertions.emitWithArgs(
      d.targets.write.submit([params], { account: bob!.account }),
      d.targets,
      "TargetAssigned",
      [5n, foretold],
    );
    assert.deepEqual([...(await d.targets.read.targetModels([5n]))], foretold);
    assert.notEqual((await d.targets.read.targets([5n]))[4], 0n, "stored");
  });

  it("refuses submissions that break a rule, naming it", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    const t = d.targets;
    const seed = await seedOf(d, await epochOf(d));
    const target = expectedTarget(seed, 2n);
    const models = await t.read.targetModels([2n]);
    const good = submitParams(2n, models[0]!, embeddingNear(target, 5n));
    const as = { account: alice!.account };
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, targetId: 99n }], as),
      t,
      "UnknownTarget",
      [99n],
    );
    await viem.assertions.revertWithCustomError(
      t.write.submit([{ ...good, dataUri: "" }], as),
      t,
      "EmptyDataUri",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, dataSize: 0 }], as),
      t,
      "DataSizeOutOfRange",
      [0n, BigInt(CONFIG.maxDataSize)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, dataSize: CONFIG.maxDataSize + 1 }], as),
      t,
      "DataSizeOutOfRange",
      [BigInt(CONFIG.maxDataSize + 1), BigInt(CONFIG.maxDataSize)],
    );
    const unassigned = [1, 2, 3].find((m) => !models.includes(m))!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, modelId: unassigned }], as),
      t,
      "ModelNotAssigned",
      [2n, BigInt(unassigned)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, distance: good.distance + 1n }], as),
      t,
      "DistanceMismatch",
      [good.distance + 1n, good.distance],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([{ ...good, embedding: "0x0000000100000002" }], as),
      t,
      "WrongDimension",
      [2n, BigInt(DIM)],
    );
    const far = embeddingNear(target, 80n);
    assert.ok(far.distance > BigInt(CONFIG.initialThreshold));
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.submit([submitParams(2n, models[0]!, far)], as),
      t,
      "OutsideThreshold",
      [far.distance, BigInt(CONFIG.initialThreshold)],
    );
    await nextEpoch(d, false);
    await viem.assertions.revertWithCustomErrorWithArgs(t.write.submit([good], as), t, "TargetEpochOver", [
      2n,
      1n,
      2n,
    ]);
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

  it("pays 50% to the submitter and 50% to the model owner after the audit epoch, with the bond back", async () => {
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
    const half = CONFIG.rewardPerTarget / 2n;
    await tokenChanges(d.token, d.targets.write.claim([1n], { account: bob!.account }), [
      { address: alice!.account.address, amount: half + 1000n * CONFIG.bondPerByte },
      { address: owner, amount: half },
    ]);
    assert.equal((await d.targets.read.targets([1n]))[3], 4, "claimed");
    assert.equal((await d.targets.read.modelStats([BigInt(params.modelId)]))[4], half);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.claim([1n]),
      d.targets,
      "TargetNotFilled",
      [1n, 4],
    );
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
      d.targets.write.report([1n], { account: v1!.account }),
      d.targets,
      "EpochNotOpen",
      [2n],
    );
    await d.targets.write.openEpoch();
    const seed = await seedOf(d, 2n);
    const list = await d.targets.read.validatorList();
    const expected = pickAuditor(
      seed,
      1n,
      list.map((a) => ({ address: a, stake: parseEther("1000") })),
    );
    const auditor = await d.targets.read.auditorOf([1n]);
    assert.equal(auditor, expected);
    const other = [v1!, v2!, v3!].find((v) => v.account.address.toLowerCase() !== auditor.toLowerCase())!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: other.account }),
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
  });

  it("forfeits the bond to the reporters once reports hold 2/3 of validator stake", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await fill(d);
    await nextEpoch(d);
    await d.targets.write.joinValidators([parseEther("1000")], { account: v4!.account });
    const auditor = (await d.targets.read.auditorOf([1n])).toLowerCase();
    const vs = [v1!, v2!, v3!];
    const first = vs.find((v) => v.account.address.toLowerCase() === auditor)!;
    const second = vs.find((v) => v !== first)!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: v4!.account }),
      d.targets,
      "NotEligibleValidator",
      [v4!.account.address, 2n],
    );
    await d.targets.write.report([1n], { account: first.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.targets.write.report([1n], { account: first.account }),
      d.targets,
      "AlreadyReported",
      [1n, first.account.address],
    );
    const pool = await d.targets.read.pool();
    const bond = 1000n * CONFIG.bondPerByte;
    await tokenChanges(d.token, d.targets.write.report([1n], { account: second.account }), [
      { address: first.account.address, amount: bond / 2n },
      { address: second.account.address, amount: bond / 2n },
      { address: alice!.account.address, amount: 0n },
    ]);
    assert.equal((await d.targets.read.targets([1n]))[3], 3, "fraudulent");
    assert.equal(await d.targets.read.pool(), pool + CONFIG.rewardPerTarget);
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
    for (let id = 1n; id <= 4n; id++) await fill(d, id);
    const e1 = await d.targets.read.epochs([1n]);
    assert.equal(e1[5], 4, "fills");
    assert.equal(e1[4], 8, "targets (with spawned)");
    await nextEpoch(d);
    const ema = nextEma(BigInt(CONFIG.targetFillRate), 4n, 8n, BigInt(CONFIG.emaAlpha));
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
      2n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      t.write.withdrawValidatorStake(as),
      t,
      "StillBonded",
      [v4!.account.address, 3n],
    );
    assert.equal(await t.read.isEligible([v4!.account.address, 2n]), false);
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
  });

  it("lets only the owner set the generator, with the right dimension", async () => {
    const d = await networkHelpers.loadFixture(deploy);
    await viem.assertions.revertWithCustomError(
      d.targets.write.setGenerator(["0x", 1], { account: alice!.account }),
      d.targets,
      "OwnableUnauthorizedAccount",
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
    await fill(d, 2n);
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
