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
import { protocolAsts, protocolModule } from "../../../scripts/lib/gen-abi.ts";
import { BASE_TASK_SCORE } from "../../../lib/indexer/machines.ts";
import {
  MAX_JOB_WEIGHT_UNITS,
  MAX_LATENCY_MS,
  MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS,
  MAX_TIER,
  TASK_WEIGHT_NORM,
} from "../../../lib/selection/taskScore.ts";
import {
  AUDIT_FEE_BPS,
  BLOCKHASH_WINDOW,
  MAX_LOSS,
  MICRO,
  TARGET_STATUS,
  TARGET_STATUS_VALUE,
} from "../../../lib/targets/index.ts";
import { MICRO_DECIMALS, WAD } from "../../../lib/units.ts";
import { CONFIG } from "../targets/fixture.ts";

/**
 * The app's copy of the protocol's rules against the compiled contracts: contracts-abi/protocol.ts (generated from
 * the solc AST) against what a probe contract returns on chain, and the app's tables against protocol.ts.
 */
describe("protocol constants and enums", async () => {
  // TargetsProbe inherits ArenaTargets (24 KiB already) to reach its internal constants.
  const { viem } = await network.create({ override: { allowUnlimitedContractSize: true } });
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  const me = deployer!.account.address;
  // The token is only stored by the constructors: any non-zero address does.
  const probes = [
    await viem.deployContract("ProtocolProbe"),
    await viem.deployContract("TargetsProbe", [me, me, CONFIG]),
  ];
  /** Deployed contracts whose public constants are read from their own getters. */
  const deployed: Record<string, { address: `0x${string}`; getters: Set<string> }> = {};
  for (const [name, c] of [
    ["ArenaTargets", await viem.deployContract("ArenaTargets", [me, me, CONFIG])],
    [
      "MachineRegistry",
      await viem.deployContract("MachineRegistry", [me, me, 86_400n, 3_600n, 86_400n, WAD]),
    ],
  ] as const) {
    const getters = c.abi.flatMap((x) => (x.type === "function" && x.inputs.length === 0 ? [x.name] : []));
    deployed[name] = { address: c.address, getters: new Set<string>(getters) };
  }

  async function read(address: `0x${string}`, name: string): Promise<bigint> {
    return publicClient.readContract({
      address,
      abi: [
        { type: "function", name, stateMutability: "view", inputs: [], outputs: [{ type: "uint256" }] },
      ] as const,
      functionName: name,
    });
  }

  /** `<Contract>_<NAME>` or `<Enum>_<Member>` from the probe that has it. */
  async function onChain(name: string): Promise<bigint> {
    const probe = probes.find((p) => p.abi.some((x) => x.type === "function" && x.name === name));
    assert.ok(
      probe,
      `no probe has ${name}(): add one for the new constant or member (contracts/test/arena/mocks/ProtocolProbe.sol, contracts/test/targets/TargetsProbe.sol)`,
    );
    return read(probe.address, name);
  }

  /** A constant: a deployed contract's public getter when it has one, else the probe's function. */
  async function constantOnChain(contract: string, name: string): Promise<bigint> {
    const c = deployed[contract];
    if (c?.getters.has(name)) return read(c.address, name);
    return onChain(`${contract}_${name}`);
  }

  it("contracts-abi/protocol.ts is what the compiled sources give (run `npm run compile` when not)", () => {
    const committed = readFileSync(path.join(ROOT, "contracts-abi", "protocol.ts"), "utf8");
    assert.equal(committed, protocolModule(protocolAsts()));
  });

  it("every generated constant is the value the contracts compute", async () => {
    for (const [contract, values] of Object.entries(constants))
      for (const [name, value] of Object.entries(values))
        assert.equal(await constantOnChain(contract, name), value, `${contract}.${name}`);
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

  it("the targets market's rules are ArenaTargets' and TargetMath's", async () => {
    assert.equal(AUDIT_FEE_BPS, await constantOnChain("ArenaTargets", "AUDIT_FEE_BPS"));
    assert.equal(MAX_LOSS, await constantOnChain("ArenaTargets", "MAX_LOSS"));
    assert.equal(BLOCKHASH_WINDOW, await constantOnChain("ArenaTargets", "BLOCKHASH_WINDOW"));
    assert.equal(MICRO, await constantOnChain("TargetMath", "MICRO"));
    assert.equal(MICRO, await constantOnChain("ArenaTargets", "MICRO"));
    assert.equal(10n ** BigInt(MICRO_DECIMALS), MICRO, "lib/units' micro display has TargetMath's scale");
    assert.equal(TARGET_STATUS.length, Number(await onChain("TargetStatus_count")));
    for (const [name, value] of Object.entries(TARGET_STATUS_VALUE))
      assert.equal(
        BigInt(value),
        await onChain(`TargetStatus_${name.charAt(0).toUpperCase()}${name.slice(1)}`),
      );
  });

  it("the machines page's bounds and task score are MachineRegistry's", async () => {
    assert.equal(TASK_WEIGHT_NORM, await constantOnChain("MachineRegistry", "TASK_WEIGHT_NORM"));
    assert.equal(BASE_TASK_SCORE, await constantOnChain("MachineRegistry", "BASE_TASK_SCORE"));
    assert.equal(
      BigInt(MAX_JOB_WEIGHT_UNITS) * WAD,
      await constantOnChain("MachineRegistry", "MAX_JOB_WEIGHT"),
    );
    assert.equal(
      BigInt(MAX_REPORTER_WEIGHT_PER_EPOCH_UNITS) * WAD,
      await constantOnChain("MachineRegistry", "MAX_REPORTER_WEIGHT_PER_EPOCH"),
    );
    assert.equal(BigInt(MAX_LATENCY_MS), await constantOnChain("MachineRegistry", "MAX_LATENCY_MS"));
    assert.equal(BigInt(MAX_TIER), await constantOnChain("MachineRegistry", "MAX_TIER"));
  });
});
