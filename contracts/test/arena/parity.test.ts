import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import type { Address } from "viem";
import { toFloatInput } from "../../../lib/rewards/convert.ts";
import { settleEpochFloat } from "../../../lib/rewards/float.ts";
import { runEpoch } from "./epochRunner.ts";
import {
  ROLE_NODE,
  ROLE_VALIDATOR,
  addr,
  createTask,
  deployArena,
  goTo,
  rng,
  type Deployed,
} from "./helpers.ts";

/**
 * Parity: on 200 random epochs (25 tasks × 8 scored epochs; varied n, m, stakes, delegations, reward shares,
 * scores with and without ties, mechanism parameters and paging) every address the contract credits gets
 * exactly what lib/rewards' fixed-point mode computes, and the floating-point mode agrees to 1e-9 relative.
 * Then the edge cases of the validator softmax (M5): λ = 0 and λ = 1e30 (the largest accepted, where every
 * rater but the nearest weighs e^(−λΔ) ≈ 0 and, unshifted, the nearest did too), with random scores, with all
 * validators giving a submission the same score, and with tied submissions.
 */

const conn = await network.create();
const TASKS = 25;
const SUBMISSION_EPOCHS = 8;

type Stats = { epochs: number; payouts: number; maxRelative: number };

/**
 * How a task's epochs are scored: `validatorTies` every validator gives a submission the same score (Δ = 0 for
 * all raters); `submissionTies` every score is the same (tied submissions, and Δ = 0); `random` no ties;
 * `mixed` (the random epochs) ties or not per epoch.
 */
type ScoreMode = "mixed" | "random" | "validatorTies" | "submissionTies";
type Special = { lambdaV?: bigint; scores?: ScoreMode; epochs?: number };

async function runTask(d: Deployed, seed: number, stats: Stats, special: Special = {}): Promise<void> {
  const r = rng(seed);
  const epochs = special.epochs ?? SUBMISSION_EPOCHS;
  const k = r.int(1, 4);
  const taskId = await createTask(
    d,
    {
      metric: r.int(0, 2),
      submissionEpochs: epochs,
      finalEpochs: 1,
      validatorsPerSubmission: k,
      rewardPool: r.tokens(1_000, 1_000_000),
    },
    {
      gamma: r.wad(0, 1),
      q: r.wad(0.05, 0.95),
      alphaT: r.wad(0, 1),
      alphaV: r.wad(0, 1),
      lambdaV: special.lambdaV ?? r.wad(0, 25),
      beta: r.wad(0.1, 1),
    },
  );
  const nodes = d.wallets.slice(1, 1 + r.int(2, 6));
  const validators = d.wallets.slice(7, 7 + r.int(2, 7));
  const delegators = d.wallets.slice(14, 17);
  for (const n of nodes)
    await d.arena.write.stake([taskId, ROLE_NODE, r.tokens(10, 2_000)], { account: n.account });
  for (const v of validators)
    await d.arena.write.stake([taskId, ROLE_VALIDATOR, r.tokens(10, 2_000)], { account: v.account });
  for (const w of [...nodes, ...validators]) {
    if (r.next() < 0.6) await d.arena.write.setRewardShare([taskId, r.wad(0, 1)], { account: w.account });
  }
  for (const del of delegators) {
    const to =
      r.next() < 0.5 ? nodes[r.int(0, nodes.length - 1)]! : validators[r.int(0, validators.length - 1)]!;
    await d.arena.write.delegate([taskId, addr(to), r.tokens(1, 3_000)], { account: del.account });
  }

  for (let e = 1n; e <= BigInt(epochs); e++) {
    const mode = special.scores ?? "mixed";
    const ties = mode === "submissionTies" || (mode === "mixed" && r.next() < 0.3);
    const sameScore = mode === "validatorTies";
    const base = nodes.map(() =>
      ties ? 1_000_000 + (mode === "mixed" ? 200_000 * r.int(0, 1) : 0) : r.int(300_000, 3_000_000),
    );
    const noise = validators.map(() => (ties || sameScore ? 0 : r.int(-300_000, 300_000)));
    const score = (j: number, i: bigint) =>
      Math.max(
        0,
        (base[Number(i)] ?? 1_000_000) + (noise[j] ?? 0) + (ties || sameScore ? 0 : r.int(-5_000, 5_000)),
      );
    const maxSteps = r.next() < 0.3 ? 1_000n : BigInt(r.int(1, 6));
    const run = await runEpoch(conn, d, taskId, e, { nodes, validators }, score, maxSteps, `p${seed}`);
    check(run, stats);
    // Stake moves between epochs: counted from the next one.
    await goTo(conn, d.arena, taskId, e + 1n, "start");
    if (r.next() < 0.4) {
      const w =
        r.next() < 0.5 ? nodes[r.int(0, nodes.length - 1)]! : validators[r.int(0, validators.length - 1)]!;
      const role = nodes.includes(w) ? ROLE_NODE : ROLE_VALIDATOR;
      if (e + 1n < BigInt(epochs + 1))
        await d.arena.write.stake([taskId, role, r.tokens(1, 500)], { account: w.account });
    }
  }
}

function check(run: Awaited<ReturnType<typeof runEpoch>>, stats: Stats): void {
  stats.epochs++;
  const paidTo = new Set<string>();
  const float = settleEpochFloat(toFloatInput(run.input));
  const floats = new Map<string, number>();
  for (const p of [...float.nodes, ...float.validators]) floats.set(p.id, p.kept);
  const r0 = Number(run.input.reward);
  for (const p of [...run.expected.nodes, ...run.expected.validators]) {
    paidTo.add(p.id);
    stats.payouts++;
    assert.equal(run.credited.get(p.id as Address), p.kept, `credited to ${p.id}`);
    assert.equal(run.perShare.get(p.id as Address) ?? 0n, p.perShare, `per share of ${p.id}`);
    const f = floats.get(p.id) ?? 0;
    const diff = Math.abs(Number(p.kept) - f);
    if (f > r0 * 1e-6) {
      stats.maxRelative = Math.max(stats.maxRelative, diff / f);
      assert.ok(diff <= 1e-9 * f, `float mode for ${p.id}: ${p.kept} vs ${f}`);
    } else {
      assert.ok(diff <= 1e-12 * r0 + 1, `float mode (tiny amount) for ${p.id}: ${p.kept} vs ${f}`);
    }
  }
  for (const [id, amount] of run.credited)
    if (!paidTo.has(id)) assert.equal(amount, 0n, `${id} took no part and earns nothing`);
  assert.ok(run.expected.paid <= run.input.reward, "never more than R0");
}

describe("Arena parity with lib/rewards", () => {
  it(`matches on ${TASKS * SUBMISSION_EPOCHS} random epochs`, { timeout: 900_000 }, async () => {
    const d = await deployArena(conn);
    const stats: Stats = { epochs: 0, payouts: 0, maxRelative: 0 };
    for (let t = 0; t < TASKS; t++) await runTask(d, 1000 + t, stats);
    assert.equal(stats.epochs, TASKS * SUBMISSION_EPOCHS);
    assert.ok(stats.payouts > stats.epochs * 3);
    console.log(
      `parity: ${stats.epochs} epochs, ${stats.payouts} payouts, float max relative error ${stats.maxRelative.toExponential(2)}`,
    );
  });

  it("matches on ties and at λ = 0 and λ = 1e30", { timeout: 900_000 }, async () => {
    const d = await deployArena(conn);
    const stats: Stats = { epochs: 0, payouts: 0, maxRelative: 0 };
    const modes: ScoreMode[] = ["random", "validatorTies", "submissionTies"];
    let seed = 5000;
    for (const lambdaV of [0n, 10n ** 30n, undefined])
      for (const scores of modes) await runTask(d, seed++, stats, { lambdaV, scores, epochs: 3 });
    assert.equal(stats.epochs, 27);
    console.log(
      `parity (edge cases): ${stats.epochs} epochs, ${stats.payouts} payouts, float max relative error ${stats.maxRelative.toExponential(2)}`,
    );
  });
});
