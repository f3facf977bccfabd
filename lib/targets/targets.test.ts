import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assignModels, unpackModels } from "./assignment";
import { nextThreshold } from "./difficulty";
import { pickAuditor } from "./sortition";
import { matchesFilter, targetPhase } from "./status";
import {
  bondFor,
  canAudit,
  forfeitSplit,
  seedStep,
  splitReward,
  submissionCommitment,
  type SubmitArgs,
} from "./rules";
import { auditSubmission, blobReasons, formatMicro, planSubmission, withinTolerance } from "./submission";
import { cosineDistanceMicro, isqrt, pack, quantize, unpack } from "./vector";

describe("lib/targets", () => {
  it("packs and unpacks int32 vectors, signs included", () => {
    const v = [0n, 1n, -1n, 2147483647n, -2147483648n];
    assert.equal(pack(v), "0x0000000000000001ffffffff7fffffff80000000");
    assert.deepEqual(unpack(pack(v), 5), v);
    assert.deepEqual(unpack("0x", 3), [0n, 0n, 0n]);
    assert.throws(() => unpack("0x00000001", 2), /1 components where 2/);
  });

  it("floors square roots exactly", () => {
    for (const x of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 40n, 10n ** 40n - 1n]) {
      const r = isqrt(x);
      assert.ok(r * r <= x && (r + 1n) * (r + 1n) > x, `${x}`);
    }
  });

  it("measures cosine distance in micro units", () => {
    assert.equal(cosineDistanceMicro([1n, 0n], [0n, 5n]), 1_000_000n);
    assert.equal(cosineDistanceMicro([3n, 4n], [6n, 8n]), 0n);
    assert.equal(cosineDistanceMicro([1n, 1n], [-1n, -1n]), 2_000_000n);
    assert.throws(() => cosineDistanceMicro([0n, 0n], [1n, 0n]), /no length/);
  });

  it("assigns by distance divided by stake, ties to the lower id", () => {
    const target = [1_000_000n, 0n];
    const near = { id: 2, stake: 1n, position: [1_000_000n, 100_000n] };
    const far = { id: 1, stake: 1n, position: [0n, 1_000_000n] };
    assert.deepEqual(
      assignModels(target, [far, near], 1).map((m) => m.id),
      [2],
    );
    const rich = { ...far, stake: 1_000_000n };
    assert.deepEqual(
      assignModels(target, [rich, near], 2).map((m) => m.id),
      [1, 2],
    );
    const twin = { ...near, id: 3 };
    assert.deepEqual(
      assignModels(target, [twin, near], 2).map((m) => m.id),
      [2, 3],
    );
  });

  it("unpacks a target's models as the contract packs them", () => {
    assert.deepEqual(unpackModels(0n), []);
    assert.deepEqual(unpackModels(3n | (1n << 16n)), [3, 1]);
  });

  it("makes targets harder when they fill fast and easier when they do not", () => {
    assert.equal(nextThreshold(200_000n, 1_000_000n, 500_000n, 1n, 2_000_000n), 150_000n);
    assert.equal(nextThreshold(200_000n, 0n, 500_000n, 1n, 2_000_000n), 250_000n);
    assert.equal(nextThreshold(200_000n, 0n, 500_000n, 1n, 210_000n), 210_000n);
  });

  it("draws auditors in proportion to stake", () => {
    const validators = [
      { address: "0x0000000000000000000000000000000000000001" as const, stake: 1n },
      { address: "0x0000000000000000000000000000000000000002" as const, stake: 3n },
    ];
    const counts = new Map<string, number>();
    for (let i = 0n; i < 400n; i++) {
      const a = pickAuditor(`0x${"11".repeat(32)}`, i, validators)!;
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    const share = (counts.get(validators[1]!.address) ?? 0) / 400;
    assert.ok(share > 0.65 && share < 0.85, `share ${share}`);
    assert.equal(pickAuditor(`0x${"11".repeat(32)}`, 1n, []), undefined);
  });

  it("plans a submission: lowest loss wins, its embedding and distance decide", () => {
    const target = quantize([1, 0, 0]);
    const plan = planSubmission(
      [
        { modelId: 1, name: "a", loss: 2, embedding: [0, 1, 0] },
        { modelId: 2, name: "b", loss: 1, embedding: [1, 0.1, 0] },
      ],
      target,
      50_000n,
    );
    assert.equal(plan.winner.modelId, 2);
    assert.equal(plan.accepted, true);
    assert.equal(plan.lossMicro, 1_000_000n);
    const miss = planSubmission([{ modelId: 1, name: "a", loss: 2, embedding: [0, 1, 0] }], target, 50_000n);
    assert.equal(miss.accepted, false);
    assert.match(miss.reason ?? "", /distance 1\.0000, outside the threshold 0\.0500/);
  });

  it("shows micro units with four decimals", () => {
    assert.equal(formatMicro(50_000n), "0.0500");
    assert.equal(formatMicro(1_234_567n), "1.2346");
    assert.equal(formatMicro(0n), "0.0000");
  });

  it("audits with a tolerance of 1% relative or 0.01 absolute", () => {
    assert.ok(withinTolerance(0.005, 0.014));
    assert.ok(withinTolerance(10, 10.09));
    assert.ok(!withinTolerance(10, 10.2));
    const verdict = auditSubmission(
      { loss: 1, distance: 0.1, modelId: 1 },
      { winnerModelId: 2, loss: 1.5, distance: 0.1 },
    );
    assert.equal(verdict.honest, false);
    assert.equal(verdict.reasons.length, 2);
  });

  it("tells open, in-audit, claimable and expired targets apart", () => {
    assert.equal(targetPhase(1, 3n, undefined, 3n), "open");
    assert.equal(targetPhase(1, 3n, undefined, 4n), "expired");
    assert.equal(targetPhase(2, 3n, 3n, 4n), "in-audit");
    assert.equal(targetPhase(2, 3n, 3n, 5n), "claimable");
    assert.ok(matchesFilter("claimable", "filled"));
    assert.ok(!matchesFilter("open", "expired"));
  });

  it("takes at least the minimum bond, whatever the declared size", () => {
    assert.equal(bondFor(1n, 10n, 25n), 25n);
    assert.equal(bondFor(3n, 10n, 25n), 30n);
  });

  it("shares a claimed reward: 10% to the auditor that confirmed (else the pool), the rest halved", () => {
    assert.deepEqual(splitReward(100n, true), { toAuditor: 10n, toSubmitter: 45n, toModel: 45n, toPool: 0n });
    assert.deepEqual(splitReward(101n, false), {
      toAuditor: 0n,
      toSubmitter: 45n,
      toModel: 46n,
      toPool: 10n,
    });
    assert.deepEqual(forfeitSplit(100n, 25n), { toReporters: 35n, toPool: 90n });
  });

  it("binds a commitment to its submitter and every argument", () => {
    const params: SubmitArgs = {
      targetId: 1n,
      dataUri: "sha256:ab",
      dataHash: `0x${"ab".repeat(32)}`,
      dataSize: 3,
      modelId: 1,
      loss: 5n,
      embedding: "0x00000001",
      distance: 0n,
    };
    const salt = `0x${"11".repeat(32)}` as const;
    const a = "0x0000000000000000000000000000000000000001" as const;
    const b = "0x0000000000000000000000000000000000000002" as const;
    assert.notEqual(submissionCommitment(a, params, salt), submissionCommitment(b, params, salt));
    assert.notEqual(
      submissionCommitment(a, params, salt),
      submissionCommitment(a, { ...params, dataSize: 4 }, salt),
    );
  });

  it("walks the seed draw's two steps, with a fresh draw after 256 unread blocks", () => {
    assert.equal(seedStep(false, 0n, 10n), "request");
    assert.equal(seedStep(false, 11n, 11n), "wait");
    assert.equal(seedStep(false, 11n, 12n), "open");
    assert.equal(seedStep(false, 11n, 266n), "open");
    assert.equal(seedStep(false, 11n, 267n), "request");
    assert.equal(seedStep(true, 11n, 12n), "opened");
  });

  it("fixes who audits a fill when it is made: joined before, bonded through the audit epoch", () => {
    const v = { stake: 1n, joinedEpoch: 2n, exitEpoch: 0n, exists: true };
    assert.ok(!canAudit(v, 2n));
    assert.ok(canAudit(v, 3n));
    assert.ok(canAudit({ ...v, exitEpoch: 5n }, 3n));
    assert.ok(!canAudit({ ...v, exitEpoch: 4n }, 3n));
  });

  it("finds data whose sha256 or size differs from what was declared", () => {
    const declared = { dataHash: `0x${"ab".repeat(32)}` as const, dataSize: 1 };
    assert.deepEqual(blobReasons({ sha256: declared.dataHash, size: 1 }, declared), []);
    const reasons = blobReasons({ sha256: `0x${"cd".repeat(32)}`, size: 900 }, declared);
    assert.equal(reasons.length, 2);
    assert.match(reasons[1]!, /900 bytes, not the 1 bytes/);
    const verdict = auditSubmission(
      { loss: 1, distance: 0.1, modelId: 1, ...declared },
      { winnerModelId: 1, loss: 1, distance: 0.1 },
      { sha256: declared.dataHash, size: 900 },
    );
    assert.equal(verdict.honest, false);
  });
});
