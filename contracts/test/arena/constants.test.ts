import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { constants, enums } from "../../../contracts-abi/protocol.ts";
import { REWARD_SHARE_COOLDOWN } from "../../../lib/arena/delegatees.ts";
import {
  lowerIsBetter,
  MEAN_SCALE,
  METRIC_INDEX,
  METRIC_LABELS,
  METRIC_SCALE,
  METRICS,
  SCORE_SCALE,
} from "../../../lib/arena/metric.ts";
import { LIMITS } from "../../../lib/arena/params.ts";
import { PHASES } from "../../../lib/portfolio/arena.ts";
import { ACC_SCALE, LN2_WAD } from "../../../lib/rewards/fixed.ts";
import { ROOT } from "../../../scripts/lib/artifacts.ts";
import { buildAsts, protocolModule } from "../../../scripts/lib/gen-abi.ts";

/**
 * The app's copy of the protocol's rules against the compiled contracts: contracts-abi/protocol.ts (generated from
 * the solc AST) against what a probe contract returns on chain, and the app's tables against protocol.ts.
 */
describe("protocol constants and enums", async () => {
  const { viem } = await network.create();
  const probe = await viem.deployContract("ProtocolProbe");
  const publicClient = await viem.getPublicClient();
  const probeFunctions = new Set<string>(probe.abi.filter((x) => x.type === "function").map((f) => f.name));

  async function onChain(name: string): Promise<bigint> {
    assert.ok(
      probeFunctions.has(name),
      `ProtocolProbe.sol has no ${name}(): add one for the new constant or member`,
    );
    return publicClient.readContract({
      address: probe.address,
      abi: [
        { type: "function", name, stateMutability: "pure", inputs: [], outputs: [{ type: "uint256" }] },
      ] as const,
      functionName: name,
    });
  }

  it("contracts-abi/protocol.ts is what the compiled sources give (run `npm run compile` when not)", () => {
    const committed = readFileSync(path.join(ROOT, "contracts-abi", "protocol.ts"), "utf8");
    assert.equal(committed, protocolModule(buildAsts("ArenaTasks")));
  });

  it("every generated constant is the value the contracts compute", async () => {
    for (const [contract, values] of Object.entries(constants))
      for (const [name, value] of Object.entries(values))
        assert.equal(await onChain(`${contract}_${name}`), value, `${contract}.${name}`);
  });

  it("every generated enum member has its on-chain value, and no member is missing", async () => {
    for (const [name, members] of Object.entries(enums)) {
      assert.equal(await onChain(`${name}_count`), BigInt(members.length), `${name} members`);
      for (const [i, member] of members.entries())
        assert.equal(await onChain(`${name}_${member}`), BigInt(i), `${name}.${member}`);
    }
  });

  it("the create-task form's limits are ArenaParams' bounds", async () => {
    const expected = {
      maxAmount: await onChain("ArenaParams_MAX_AMOUNT"),
      maxNodes: await onChain("ArenaParams_MAX_NODES"),
      maxAssignments: await onChain("ArenaParams_MAX_ASSIGNMENTS"),
      maxValidatorsPerSubmission: await onChain("ArenaParams_MAX_VALIDATORS_PER_SUBMISSION"),
      maxLambda: await onChain("ArenaParams_MAX_LAMBDA"),
      minEpochLength: await onChain("ArenaParams_MIN_EPOCH_LENGTH"),
      maxEpochLength: await onChain("ArenaParams_MAX_EPOCH_LENGTH"),
      maxSubmissionEpochs: await onChain("ArenaParams_MAX_SUBMISSION_EPOCHS"),
      maxPhaseEpochs: await onChain("ArenaParams_MAX_PHASE_EPOCHS"),
      maxText: await onChain("ArenaParams_MAX_TEXT"),
      maxShortText: await onChain("ArenaParams_MAX_SHORT_TEXT"),
      maxContextLength: await onChain("ArenaParams_MAX_CONTEXT_LENGTH"),
    } satisfies Record<keyof typeof LIMITS, bigint>;
    assert.deepEqual(Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, BigInt(v)])), expected);
  });

  it("the reward-share cooldown and the score scales are the contracts'", async () => {
    assert.equal(BigInt(REWARD_SHARE_COOLDOWN), await onChain("ArenaBase_REWARD_SHARE_COOLDOWN"));
    assert.equal(SCORE_SCALE, await onChain("RewardMath_SCORE_SCALE"));
    assert.equal(MEAN_SCALE, await onChain("RewardMath_MEAN_SCALE"));
    assert.equal(METRIC_SCALE, await onChain("RewardMath_METRIC_SCALE"));
    assert.equal(SCORE_SCALE * MEAN_SCALE, METRIC_SCALE, "a mean's unit is a score's unit over MEAN_SCALE");
    assert.equal(ACC_SCALE, await onChain("RewardMath_ACC_SCALE"));
    assert.equal(LN2_WAD, await onChain("RewardMath_LN2_WAD"));
  });

  it("the app's metrics and phases follow the enums' order", async () => {
    assert.equal(METRICS.length, Number(await onChain("Metric_count")));
    assert.equal(METRIC_INDEX.loss, Number(await onChain("Metric_Loss")));
    assert.equal(METRIC_INDEX.accuracy, Number(await onChain("Metric_Accuracy")));
    assert.equal(METRIC_INDEX.reference_similarity, Number(await onChain("Metric_ReferenceSimilarity")));
    for (const m of METRICS) assert.ok(METRIC_LABELS[m], m);
    assert.equal(lowerIsBetter(Number(await onChain("Metric_Loss"))), true);
    assert.equal(lowerIsBetter(Number(await onChain("Metric_Accuracy"))), false);
    assert.deepEqual([...PHASES], [...enums.Phase]);
    assert.equal(PHASES.length, Number(await onChain("Phase_count")));
  });
});
