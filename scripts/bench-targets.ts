/**
 * `npm run bench:targets`: gas of the targets market at the shipped embedding size (D = 96) and its limits:
 * drawing the seed (requestSeed, then openEpoch with N = 100 targets and the deployed maximum of active models;
 * BENCH_N, BENCH_MODELS override), commit + submit, report (the one that reaches 2/3 and pays reporters), confirm and
 * claim. Goal: no transaction over 16,777,216 gas, submit ≤ 400k.
 */
import { network } from "hardhat";
import { maxUint256, parseEther, type Hash } from "viem";
import {
  cosineDistanceMicro,
  pack,
  submissionCommitment,
  unpackModels,
  type SubmitArgs,
} from "../lib/targets/index.ts";
import { TARGETS_CONFIG } from "./lib/deploy-plan.ts";

const TX_CAP = 16_777_216n;
const DIM = TARGETS_CONFIG.dimension;
const { viem, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const [deployer, submitter, submitter2, ...rest] = await viem.getWalletClients();
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
for (const w of [submitter!, submitter2!, ...validators]) {
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

await gas("requestSeed (fixes the next block)", targets.write.requestSeed());
await networkHelpers.mine();
await gas(
  `openEpoch (reads the seed; N = ${config.targetsPerEpoch} targets, ${config.maxActiveModels} active models)`,
  targets.write.openEpoch(),
);
const params = async (targetId: bigint): Promise<SubmitArgs> => {
  const e = await targets.read.targetEmbedding([targetId]);
  return {
    targetId,
    dataUri: `sha256:${"ab".repeat(32)}`,
    dataHash: `0x${"ab".repeat(32)}`,
    dataSize: 4096,
    modelId: unpackModels((await targets.read.targets([targetId]))[4])[0]!,
    loss: 1_234_567n,
    embedding: pack(e),
    distance: cosineDistanceMicro(e, e),
  };
};
const salt = `0x${"5a".repeat(32)}` as const;
const fill = async (targetId: bigint, wallet: typeof submitter, label?: string) => {
  const p = await params(targetId);
  const commitment = submissionCommitment(wallet!.account.address, p, salt);
  const commit = targets.write.commit([targetId, commitment], { account: wallet!.account });
  const reveal = () => targets.write.submit([p, salt], { account: wallet!.account });
  if (!label) {
    await commit;
    await reveal();
    return 0n;
  }
  await gas(`commit (${label})`, commit);
  return gas(`submit (reveal, D = ${DIM}, ${label})`, reveal());
};
const submitGas = await fill(1n, submitter, "first fill");
await fill(2n, submitter);
await fill(3n, submitter2);
await networkHelpers.time.increase(86_400);
await targets.write.requestSeed();
await networkHelpers.mine();
await targets.write.openEpoch();

await gas(
  "report (first, by any validator of the fill)",
  targets.write.report([1n], { account: validators[0]!.account }),
);
for (const [i, v] of validators.slice(1).entries()) {
  const status = (await targets.read.targets([1n]))[3];
  if (status !== 2) break;
  const last =
    i === validators.length - 2 ||
    (await targets.read.auditStake([1n])) * 2n <=
      ((await targets.read.submissions([1n]))[10] + parseEther("1000")) * 3n;
  await gas(
    last ? "report (reaching 2/3: forfeits bond + fee to reporters)" : "report (joining)",
    targets.write.report([1n], { account: v.account }),
  );
  if (last) break;
}
const auditor = await targets.read.auditorOf([2n]);
await gas("confirm (by the drawn auditor)", targets.write.confirm([2n], { account: auditor }));
await networkHelpers.time.increase(86_400);
await gas("claim (auditor fee, 45/45, bond back)", targets.write.claim([2n]));
console.log(submitGas <= 400_000n ? "submit is within the 400k goal" : "submit is OVER the 400k goal");
