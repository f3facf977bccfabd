import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, parseEther, toHex, zeroHash, type Address } from "viem";

const EPOCH = 86_400n;
const SLOT = 3_600n;
const UNBONDING = EPOCH;
const MIN_STAKE = parseEther("1000");
const WAD = 10n ** 18n;
const jobId = (n: number) => keccak256(toHex(`job-${n}`));

describe("MachineRegistry", async () => {
  const { viem, networkHelpers } = await network.create();
  const [admin, alice, bob, reporter, stranger] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();
  const as = (who: { account: { address: Address } } | undefined) => ({ account: who!.account.address });

  async function deploy() {
    const token = await viem.deployContract("ArenaToken", [admin!.account.address, parseEther("1000000")]);
    const registry = await viem.deployContract("MachineRegistry", [
      token.address,
      admin!.account.address,
      EPOCH,
      SLOT,
      UNBONDING,
      MIN_STAKE,
    ]);
    for (const who of [alice, bob]) {
      await token.write.transfer([who!.account.address, parseEther("10000")]);
      await token.write.approve([registry.address, parseEther("10000")], as(who));
    }
    await registry.write.grantRole([await registry.read.REPORTER_ROLE(), reporter!.account.address]);
    return { token, registry };
  }

  async function registered() {
    const fixture = await deploy();
    await fixture.registry.write.register(
      ["http://127.0.0.1:7101", "local", 1, parseEther("5000")],
      as(alice),
    );
    await fixture.registry.write.register(["http://127.0.0.1:7102", "local", 2, parseEther("2000")], as(bob));
    return fixture;
  }

  /** Moves to the start of the next slot (one heartbeat per slot). */
  async function nextSlot() {
    await networkHelpers.time.increase(SLOT);
  }

  it("registers a machine, takes the stake and counts the registration as a heartbeat", async () => {
    const { token, registry } = await networkHelpers.loadFixture(deploy);
    await viem.assertions.emitWithArgs(
      registry.write.register(["http://127.0.0.1:7101", "eu-west", 1, parseEther("5000")], as(alice)),
      registry,
      "MachineRegistered",
      [0n, alice!.account.address, "http://127.0.0.1:7101", "eu-west", 1, parseEther("5000")],
    );
    const m = await registry.read.getMachine([0n]);
    assert.equal(m.operator.toLowerCase(), alice!.account.address.toLowerCase());
    assert.equal(m.stake, parseEther("5000"));
    assert.equal(m.active, true);
    assert.equal(await registry.read.machineOf([alice!.account.address]), 0n);
    assert.equal(await token.read.balanceOf([registry.address]), parseEther("5000"));
    const epoch = await registry.read.currentEpoch();
    assert.equal(await registry.read.uptimeBps([0n, epoch]), 10_000n);
    assert.equal((await registry.read.epochStats([0n, epoch])).heartbeats, 1);
    assert.equal(await registry.read.machineCount(), 1n);
    assert.equal((await registry.read.getMachines([0n, 10n])).length, 1);
    assert.equal((await registry.read.getMachines([5n, 10n])).length, 0);
  });

  it("rejects bad registrations with the rule that failed", async () => {
    const { registry } = await networkHelpers.loadFixture(deploy);
    const alice_ = as(alice);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.register(["http://x", "r", 1, MIN_STAKE - 1n], alice_),
      registry,
      "StakeBelowMinimum",
      [MIN_STAKE - 1n, MIN_STAKE],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.register(["", "r", 1, MIN_STAKE], alice_),
      registry,
      "EndpointLength",
      [0n, 256n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.register(["http://x", "r".repeat(33), 1, MIN_STAKE], alice_),
      registry,
      "RegionLength",
      [33n, 32n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.register(["http://x", "r", 4, MIN_STAKE], alice_),
      registry,
      "InvalidTier",
      [4, 3],
    );
    await registry.write.register(["http://x", "r", 1, MIN_STAKE], alice_);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.register(["http://y", "r", 1, MIN_STAKE], alice_),
      registry,
      "OperatorHasMachine",
      [alice!.account.address, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.read.machineOf([bob!.account.address]),
      registry,
      "NoMachineForOperator",
      [bob!.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.read.getMachine([7n]),
      registry,
      "UnknownMachine",
      [7n],
    );
  });

  it("refuses bad constructor parameters", async () => {
    const { token } = await networkHelpers.loadFixture(deploy);
    const a = admin!.account.address;
    await assert.rejects(
      viem.deployContract("MachineRegistry", [token.address, a, EPOCH, 7_000n, UNBONDING, MIN_STAKE]),
      /InvalidParameter/,
    );
    await assert.rejects(
      viem.deployContract("MachineRegistry", [token.address, a, EPOCH, SLOT, UNBONDING, 0n]),
      /InvalidParameter/,
    );
    await assert.rejects(
      viem.deployContract("MachineRegistry", [
        "0x0000000000000000000000000000000000000000",
        a,
        EPOCH,
        SLOT,
        UNBONDING,
        MIN_STAKE,
      ]),
      /InvalidParameter/,
    );
  });

  it("lets only the operator update, heartbeat and move stake", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    for (const call of [
      registry.write.updateMachine([0n, "http://z", "r", 0], as(bob)),
      registry.write.heartbeat([0n], as(bob)),
      registry.write.addStake([0n, 1n], as(bob)),
      registry.write.requestUnstake([0n, 1n], as(bob)),
      registry.write.withdraw([0n], as(bob)),
      registry.write.claimJob([0n, jobId(1), WAD], as(bob)),
    ]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, registry, "NotMachineOperator", [
        0n,
        bob!.account.address,
      ]);
    }
    await viem.assertions.emitWithArgs(
      registry.write.updateMachine([0n, "http://127.0.0.1:7201", "us", 3], as(alice)),
      registry,
      "MachineUpdated",
      [0n, "http://127.0.0.1:7201", "us", 3],
    );
    assert.equal((await registry.read.getMachine([0n])).endpoint, "http://127.0.0.1:7201");
  });

  it("counts one heartbeat per slot and measures uptime over the slots owed", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    const slot = await registry.read.currentSlot();
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.heartbeat([0n], as(alice)),
      registry,
      "HeartbeatAlreadySent",
      [0n, slot],
    );
    // Stay inside the epoch: registration happened at genesis + a few seconds, so 3 more slots fit.
    await nextSlot();
    await viem.assertions.emit(registry.write.heartbeat([0n], as(alice)), registry, "Heartbeat");
    await nextSlot();
    await registry.write.heartbeat([0n], as(alice));
    // Alice: 3 of 3 slots; Bob (no heartbeats since registering): 1 of 3.
    assert.equal(await registry.read.uptimeBps([0n, epoch]), 10_000n);
    assert.equal(await registry.read.uptimeBps([1n, epoch]), 3_333n);
    // A later epoch that has not begun owes nothing; an epoch before registration neither.
    assert.equal(await registry.read.uptimeBps([0n, epoch + 1n]), 0n);
    // After the epoch ends, the denominator is every slot of it from registration.
    await networkHelpers.time.increase(EPOCH);
    const perEpoch = await registry.read.slotsPerEpoch();
    const owed = perEpoch - (slot % perEpoch);
    assert.equal(await registry.read.uptimeBps([0n, epoch]), (3n * 10_000n) / owed);
  });

  it("reports jobs from reporters only and computes AI_TASK_SCORE = 1 + min(1, Σw·s / 10)", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    const role = await registry.read.REPORTER_ROLE();
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), WAD, true, 40n], as(stranger)),
      registry,
      "AccessControlUnauthorizedAccount",
      [stranger!.account.address, role],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportLatency([0n, 40n], as(alice)),
      registry,
      "AccessControlUnauthorizedAccount",
      [alice!.account.address, role],
    );
    assert.equal(await registry.read.taskScore([0n, epoch]), WAD);
    await viem.assertions.emitWithArgs(
      registry.write.reportJob([0n, jobId(1), 3n * WAD, true, 40n], as(reporter)),
      registry,
      "JobReported",
      [0n, jobId(1), epoch, 3n * WAD, true, 40n, reporter!.account.address, (13n * WAD) / 10n],
    );
    // A failed job adds nothing to the score but counts as a job and a latency sample.
    await registry.write.reportJob([0n, jobId(2), 5n * WAD, false, 80n], as(reporter));
    assert.equal(await registry.read.taskScore([0n, epoch]), (13n * WAD) / 10n);
    const stats = await registry.read.epochStats([0n, epoch]);
    assert.equal(stats.jobs, 2);
    assert.equal(stats.successfulJobs, 1);
    assert.deepEqual(await registry.read.averageLatencyMs([0n, epoch]), [60n, 2n]);
    // The score caps at 2 (which takes a second reporter: one adds at most 5 per machine and epoch).
    await registry.write.reportJob([0n, jobId(3), 2n * WAD, true, 40n], as(reporter));
    await registry.write.grantRole([role, admin!.account.address]);
    await registry.write.reportJob([0n, jobId(4), 5n * WAD, true, 40n], as(admin));
    assert.equal(await registry.read.taskScore([0n, epoch]), 2n * WAD);
    assert.equal(await registry.read.reportedWeight([reporter!.account.address, 0n, epoch]), 5n * WAD);
    // Per epoch: the next epoch starts again at 1.
    await networkHelpers.time.increase(EPOCH);
    assert.equal(await registry.read.taskScore([0n, epoch + 1n]), WAD);
    assert.equal(await registry.read.taskScoreOf([5n * WAD]), (15n * WAD) / 10n);
  });

  it("rejects bad job reports with their arguments", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const r = as(reporter);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), 0n, true, 40n], r),
      registry,
      "InvalidJobWeight",
      [0n, 5n * WAD],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), 6n * WAD, true, 40n], r),
      registry,
      "InvalidJobWeight",
      [6n * WAD, 5n * WAD],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), WAD, true, 60_001n], r),
      registry,
      "InvalidLatency",
      [60_001n, 60_000n],
    );
    await viem.assertions.revertWithCustomError(
      registry.write.reportJob([0n, zeroHash, WAD, true, 40n], r),
      registry,
      "InvalidJobId",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([9n, jobId(1), WAD, true, 40n], r),
      registry,
      "UnknownMachine",
      [9n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportLatency([9n, 40n], r),
      registry,
      "UnknownMachine",
      [9n],
    );
    await registry.write.reportJob([0n, jobId(1), WAD, true, 40n], r);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), WAD, true, 40n], r),
      registry,
      "JobAlreadyReported",
      [0n, jobId(1)],
    );
    // The same id on another machine is another job (each machine has its own id space).
    await registry.write.reportJob([1n, jobId(1), WAD, true, 40n], r);
  });

  it("records a machine's job claims without raising its score, and ties them to the reporter's result", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    await viem.assertions.emitWithArgs(
      registry.write.claimJob([0n, jobId(1), 4n * WAD], as(alice)),
      registry,
      "JobClaimed",
      [0n, jobId(1), epoch, 4n * WAD],
    );
    assert.equal(await registry.read.taskScore([0n, epoch]), WAD);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.claimJob([0n, jobId(1), 4n * WAD], as(alice)),
      registry,
      "JobAlreadyClaimed",
      [0n, jobId(1)],
    );
    await registry.write.reportJob([0n, jobId(1), 2n * WAD, true, 55n], as(reporter));
    assert.equal(await registry.read.taskScore([0n, epoch]), (12n * WAD) / 10n);
    const job = await registry.read.jobs([0n, jobId(1)]);
    assert.deepEqual(job, [epoch, true, true, true, 2n * WAD]);
    assert.equal((await registry.read.epochStats([0n, epoch])).claimedJobs, 1);
  });

  it("reports latency probes per epoch", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    await viem.assertions.emitWithArgs(
      registry.write.reportLatency([1n, 120n], as(reporter)),
      registry,
      "LatencyReported",
      [1n, epoch, 120n, reporter!.account.address],
    );
    await registry.write.reportLatency([1n, 81n], as(reporter));
    assert.deepEqual(await registry.read.averageLatencyMs([1n, epoch]), [100n, 2n]);
    const [uptime, scores, latency] = await registry.read.history([1n, epoch, epoch + 1n]);
    assert.deepEqual(latency, [100n, 0n]);
    assert.deepEqual(scores, [WAD, WAD]);
    assert.equal(uptime.length, 2);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.read.history([1n, epoch + 1n, epoch]),
      registry,
      "InvalidParameter",
      ["range"],
    );
  });

  it("unbonds stake for one period before withdrawal and deactivates a machine with no stake", async () => {
    const { token, registry } = await networkHelpers.loadFixture(registered);
    const a = as(alice);
    await viem.assertions.revertWithCustomError(
      registry.write.requestUnstake([0n, 0n], a),
      registry,
      "ZeroAmount",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.requestUnstake([0n, parseEther("6000")], a),
      registry,
      "UnstakeExceedsStake",
      [parseEther("6000"), parseEther("5000")],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.requestUnstake([0n, parseEther("4500")], a),
      registry,
      "StakeBelowMinimum",
      [parseEther("500"), MIN_STAKE],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.withdraw([0n], a),
      registry,
      "NothingToWithdraw",
      [0n],
    );
    await registry.write.requestUnstake([0n, parseEther("1000")], a);
    const unlockAt = (await registry.read.getMachine([0n])).unlockAt;
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.withdraw([0n], a),
      registry,
      "StillUnbonding",
      [0n, unlockAt],
    );
    await networkHelpers.time.increaseTo(unlockAt);
    const before = await token.read.balanceOf([alice!.account.address]);
    await viem.assertions.emitWithArgs(registry.write.withdraw([0n], a), registry, "StakeWithdrawn", [
      0n,
      alice!.account.address,
      parseEther("1000"),
    ]);
    assert.equal((await token.read.balanceOf([alice!.account.address])) - before, parseEther("1000"));

    await viem.assertions.emit(
      registry.write.requestUnstake([0n, parseEther("4000")], a),
      registry,
      "MachineDeactivated",
    );
    assert.equal((await registry.read.getMachine([0n])).active, false);
    await nextSlot();
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.heartbeat([0n], a),
      registry,
      "MachineInactive",
      [0n],
    );
    // Coming back needs at least the minimum stake.
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.addStake([0n, parseEther("10")], a),
      registry,
      "StakeBelowMinimum",
      [parseEther("10"), MIN_STAKE],
    );
    await viem.assertions.revertWithCustomError(registry.write.addStake([0n, 0n], a), registry, "ZeroAmount");
    await viem.assertions.emit(registry.write.addStake([0n, MIN_STAKE], a), registry, "MachineActivated");
    await viem.assertions.emitWithArgs(registry.write.addStake([0n, MIN_STAKE], a), registry, "StakeAdded", [
      0n,
      MIN_STAKE,
      2n * MIN_STAKE,
    ]);
    assert.equal((await registry.read.getMachine([0n])).active, true);
  });

  it("attack: reactivate a machine to erase its downtime from uptime", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const a = as(alice);
    const epoch = await registry.read.currentEpoch();
    const registeredSlot = (await registry.read.getMachine([0n])).registeredSlot;
    // Up for 3 slots (registration + 2 heartbeats), then down for 10 slots with no stake.
    await nextSlot();
    await registry.write.heartbeat([0n], a);
    await nextSlot();
    await registry.write.heartbeat([0n], a);
    await registry.write.requestUnstake([0n, parseEther("5000")], a);
    await networkHelpers.time.increase(10n * SLOT);
    await registry.write.addStake([0n, MIN_STAKE], a);
    assert.equal(await registry.read.currentEpoch(), epoch, "the attack stays inside one epoch");
    // The downtime counts: 3 heartbeats over the 13 slots since registration, not 100%.
    const owed = (await registry.read.currentSlot()) - registeredSlot + 1n;
    assert.equal(owed, 13n);
    assert.equal(await registry.read.uptimeBps([0n, epoch]), (3n * 10_000n) / owed);
    assert.equal((await registry.read.getMachine([0n])).registeredSlot, registeredSlot);
  });

  it("attack: squat another machine's job id", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    // Bob sees the id Alice's machine returned (to its caller, or in her pending claim) and claims it first.
    await registry.write.claimJob([1n, jobId(1), WAD], as(bob));
    // Alice's claim and the reporter's confirmation of her job still go through, and credit her machine only.
    await registry.write.claimJob([0n, jobId(1), WAD], as(alice));
    await registry.write.reportJob([0n, jobId(1), 2n * WAD, true, 40n], as(reporter));
    assert.equal(await registry.read.taskScore([0n, epoch]), (12n * WAD) / 10n);
    assert.equal(await registry.read.taskScore([1n, epoch]), WAD);
    // Bob cannot claim in Alice's machine's id space either.
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.claimJob([0n, jobId(2), WAD], as(bob)),
      registry,
      "NotMachineOperator",
      [0n, bob!.account.address],
    );
  });

  it("attack: one reporter sets a machine's score alone", async () => {
    const { registry } = await networkHelpers.loadFixture(registered);
    const epoch = await registry.read.currentEpoch();
    const r = as(reporter);
    // One report of the old maximum (10) no longer maxes the score out.
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(1), 10n * WAD, true, 40n], r),
      registry,
      "InvalidJobWeight",
      [10n * WAD, await registry.read.MAX_JOB_WEIGHT()],
    );
    const cap = await registry.read.MAX_REPORTER_WEIGHT_PER_EPOCH();
    // Many small reports from the same reporter stop at its per-machine, per-epoch cap.
    let reported = 0n;
    for (let i = 0; reported + WAD <= cap; i++, reported += WAD) {
      await registry.write.reportJob([0n, jobId(100 + i), WAD, true, 40n], r);
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.reportJob([0n, jobId(99), WAD, true, 40n], r),
      registry,
      "ReporterCapExceeded",
      [reporter!.account.address, 0n, epoch, cap + WAD, cap],
    );
    assert.ok((await registry.read.taskScore([0n, epoch])) < 2n * WAD, "one reporter cannot max the score");
  });

  it("measures the gas of register, heartbeat, claimJob and reportJob", async () => {
    const { registry } = await networkHelpers.loadFixture(deploy);
    const gasOf = async (hash: `0x${string}`) =>
      (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
    const register = await gasOf(
      await registry.write.register(["http://127.0.0.1:7101", "local", 1, parseEther("5000")], as(alice)),
    );
    await nextSlot();
    const heartbeat = await gasOf(await registry.write.heartbeat([0n], as(alice)));
    const claim = await gasOf(await registry.write.claimJob([0n, jobId(1), WAD], as(alice)));
    const report = await gasOf(await registry.write.reportJob([0n, jobId(1), WAD, true, 40n], as(reporter)));
    // Later epochs reuse the reporter's usage slot for this machine.
    await networkHelpers.time.increase(EPOCH);
    await registry.write.claimJob([0n, jobId(2), WAD], as(alice));
    const later = await gasOf(await registry.write.reportJob([0n, jobId(2), WAD, true, 40n], as(reporter)));
    console.log(
      `gas: register ${register}, heartbeat ${heartbeat}, claimJob ${claim}, reportJob ${report} (later epochs ${later})`,
    );
    assert.ok(register < 300_000n && heartbeat < 60_000n && report < 150_000n);
  });
});
