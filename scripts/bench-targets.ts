/**
 * `npm run bench:targets`: gas of the targets market at the shipped embedding size (D = 96) and its limits:
 * opening an epoch with N = 100 targets and the deployed maximum of active models (BENCH_N, BENCH_MODELS override), submit (with the spawned target), report (the
 * one that reaches 2/3 and pays reporters) and claim. Goal: no transaction over 16,777,216 gas, submit ≤ 400k.
 */
import { network } from "hardhat";
import { maxUint256, parseEther, type Hash } from "viem";
import { cosineDistanceMicro, pack } from "../lib/targets/index.ts";
import { TARGETS_CONFIG } from "./lib/deploy-plan.ts";

const TX_CAP = 16_777_216n;
const DIM = TARGETS_CONFIG.dimension;
const { viem, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const [deployer, submitter, ...rest] = await viem.getWalletClients();
const validators = rest.slice(0, 6);
const vector = (k: number) =>
  pack(Array.from({ length: DIM }, (_, i) => BigInt(((i * 7919 + k * 104729) % 2_000_001) - 1_000_000)));

const config = {
  ...TARGETS_CONFIG,
  targetsPerEpoch: Number(process.env.BENCH_N ?? 100),
  maxActiveModels: Number(process.env.BENCH_MODELS ?? TARGETS_CONFIG.maxActiveModels),
};
const token = await viem.deployContract("ArenaToken", [deployer!.account.address, parseEther("100000000")]);
const targets = await viem.deployContract("ArenaTargets", [token.address, deployer!.account.address, config]);
await targets.write.setGenerator([vector(0), 300_000]);
await token.write.approve([targets.address, maxUint256]);
await targets.write.fundPool([parseEther("1000000")]);
for (let k = 1; k <= config.maxActiveModels; k++) {
  await targets.write.registerModel([
    `sha256:model${k}`,
    `0x${k.toString(16).padStart(64, "0")}`,
    vector(k),
    parseEther("1000"),
  ]);
}
for (const w of [submitter!, ...validators]) {
  await token.write.transfer([w.account.address, parseEther("100000")]);
  await token.write.approve([targets.address, maxUint256], { account: w.account });
}
for (const v of validators) await targets.write.joinValidators([parseEther("1000")], { account: v.account });
await networkHelpers.time.increase(86_400);

const gas = async (label: string, hash: Promise<Hash>): Promise<bigint> => {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  const flag = receipt.gasUsed > TX_CAP ? "  OVER THE 16,777,216 CAP" : "";
  console.log(`${label.padEnd(52)} ${receipt.gasUsed.toLocaleString("en-US").padStart(12)} gas${flag}`);
  return receipt.gasUsed;
};

await gas(
  `openEpoch (N = ${config.targetsPerEpoch} targets, ${config.maxActiveModels} active models)`,
  targets.write.openEpoch(),
);
const embedding = await targets.read.targetEmbedding([1n]);
const modelId = (await targets.read.targetModels([1n]))[0]!;
const params = (targetId: bigint, e: readonly bigint[]) => ({
  targetId,
  dataUri: `sha256:${"ab".repeat(32)}`,
  dataHash: `0x${"ab".repeat(32)}` as const,
  dataSize: 4096,
  modelId,
  loss: 1_234_567n,
  embedding: pack(e),
  distance: cosineDistanceMicro(e, e),
});
const submitGas = await gas(
  `submit (D = ${DIM}, spawns an unassigned target)`,
  targets.write.submit([params(1n, embedding)], { account: submitter!.account }),
);
const e2 = await targets.read.targetEmbedding([2n]);
await targets.write.submit([{ ...params(2n, e2), modelId: (await targets.read.targetModels([2n]))[0]! }], {
  account: submitter!.account,
});
const spawned = await targets.read.targetCount();
await gas(
  `submit to a spawned target (assigns its models first)`,
  targets.write.submit(
    [
      {
        ...params(spawned, await targets.read.targetEmbedding([spawned])),
        modelId: (await targets.read.targetModels([spawned]))[0]!,
      },
    ],
    { account: submitter!.account },
  ),
);
await networkHelpers.time.increase(86_400);
await targets.write.openEpoch();

const auditor = await targets.read.auditorOf([1n]);
const others = validators.filter((v) => v.account.address.toLowerCase() !== auditor.toLowerCase());
await gas("report (first, by the drawn auditor)", targets.write.report([1n], { account: auditor }));
for (const [i, v] of others.entries()) {
  const status = (await targets.read.targets([1n]))[3];
  if (status !== 2) break;
  const last =
    i === others.length - 1 ||
    (await targets.read.eligibleStake([2n])) * 2n <=
      ((await targets.read.submissions([1n]))[10] + parseEther("1000")) * 3n;
  await gas(
    last ? "report (reaching 2/3: forfeits the bond to reporters)" : "report (joining)",
    targets.write.report([1n], { account: v.account }),
  );
  if (last) break;
}
await networkHelpers.time.increase(86_400);
await gas("claim (50/50 + bond back)", targets.write.claim([2n]));
console.log(submitGas <= 400_000n ? "submit is within the 400k goal" : "submit is OVER the 400k goal");
