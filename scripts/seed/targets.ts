/**
 * Demo state of the targets market: the shipped models registered at their embedding of the chat sample, the
 * generator centred there, three validators, and targets over three epochs: one claimable (filled two epochs
 * ago and confirmed by its drawn auditor, who earns the audit fee at the claim), one filled in the current epoch
 * (in audit next epoch), and the rest open. Every epoch is opened with the two-step seed draw and every fill is
 * committed, then revealed in a later block, as the app does it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { maxUint256, parseEther, type Abi, type Address, type Hex } from "viem";
import { BlobStore } from "../../lib/blobs/store.ts";
import { parseDataset } from "../../lib/metrics/parsers.ts";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "../../lib/scoring/node-files.ts";
import { Scorer } from "../../lib/scoring/scorer.ts";
import { SHIPPED_LANGUAGE_MODELS } from "../../lib/scoring/shipped-models.ts";
import {
  generateTarget,
  pack,
  planSubmission,
  quantize,
  randomSalt,
  submissionCommitment,
  targetSeed,
  unpack,
  type SubmitArgs,
  unpackModels,
} from "../../lib/targets/index.ts";
import { send } from "../lib/deploy.ts";
import { TARGETS_CONFIG } from "../lib/deploy-plan.ts";
import { contractAddress, type SeedEnv } from "../lib/seed.ts";

/** The shipped language models, weakest first, staked 1000, 2000, 3000. */
const MODELS = SHIPPED_LANGUAGE_MODELS.map((id, i) => ({ id, stake: String((i + 1) * 1000) }));
const SPREAD = 20_000;

type Manifest = { models: { id: string; onnxSha256: string }[] };

async function embedSample(): Promise<{
  bytes: Uint8Array;
  scores: Map<string, { loss: number; embedding: number[] }>;
}> {
  const bytes = await readFile(path.join(SHIPPED_MODELS_DIR, "samples", "chat.jsonl"));
  const dataset = parseDataset(bytes, { fileName: "chat.jsonl" });
  const scores = new Map<string, { loss: number; embedding: number[] }>();
  for (const model of MODELS) {
    const scorer = await Scorer.load({ kind: "local", id: model.id }, "cpu", nodeEnvironment());
    const result = await scorer.score({ metric: "loss", dataset });
    scores.set(model.id, { loss: result.totals.value, embedding: result.totals.embedding ?? [] });
    await scorer.dispose();
  }
  return { bytes: new Uint8Array(bytes), scores };
}

async function mine(env: SeedEnv): Promise<void> {
  await env.publicClient.request({ method: "evm_mine" as "eth_chainId", params: [] as unknown as undefined });
}

/**
 * Next epoch, then the seed draw: fix the next block, mine past it (automine mines only on a transaction, and a
 * simulation on "latest" runs in the latest block, so the seed block must be followed by one more), read it.
 */
async function advanceEpoch(env: SeedEnv, market: Address): Promise<void> {
  await env.publicClient.request({
    method: "evm_increaseTime" as "eth_chainId",
    params: [86_400] as unknown as undefined,
  });
  await mine(env);
  await send(env, market, "ArenaTargets", "requestSeed", []);
  await mine(env);
  await mine(env);
  await send(env, market, "ArenaTargets", "openEpoch", []);
}

export async function seedTargets(env: SeedEnv): Promise<void> {
  const market = contractAddress(env, "ArenaTargets");
  const token = contractAddress(env, "ArenaToken");
  const manifest = JSON.parse(
    await readFile(path.join(SHIPPED_MODELS_DIR, "manifest.json"), "utf8"),
  ) as Manifest;
  const { bytes, scores } = await embedSample();
  const base = scores.get("arena-lm-base")!;
  const center = quantize(base.embedding);

  await send(env, market, "ArenaTargets", "setGenerator", [pack(center), SPREAD]);
  await send(env, token, "ArenaToken", "approve", [market, maxUint256]);
  await send(env, market, "ArenaTargets", "fundPool", [parseEther("20000")]);
  const ids = new Map<string, number>();
  for (const [i, model] of MODELS.entries()) {
    const owner = env.clientFor(env.accounts[1 + i]!);
    const sha = manifest.models.find((m) => m.id === model.id)?.onnxSha256 ?? "0".repeat(64);
    await send(owner, token, "ArenaToken", "approve", [market, maxUint256]);
    await send(owner, market, "ArenaTargets", "registerModel", [
      `/models/${model.id}/onnx/model.onnx`,
      `0x${sha}`,
      pack(quantize(scores.get(model.id)!.embedding)),
      parseEther(model.stake),
    ]);
    ids.set(model.id, i + 1);
  }
  for (const account of env.accounts.slice(4, 7)) {
    const v = env.clientFor(account);
    await send(v, token, "ArenaToken", "approve", [market, maxUint256]);
    await send(v, market, "ArenaTargets", "joinValidators", [TARGETS_CONFIG.minValidatorStake]);
  }
  const stored = await BlobStore.fromEnv().put(bytes);
  const submitter = env.clientFor(env.accounts[7]!);
  await send(submitter, token, "ArenaToken", "approve", [market, maxUint256]);

  const fillOne = async (epoch: bigint): Promise<bigint> => {
    const read = <T>(functionName: string, args: readonly unknown[]) =>
      env.publicClient.readContract({ address: market, abi: ABI as Abi, functionName, args }) as Promise<T>;
    const [seed, , , threshold] = await read<[Hex, Address, number, number]>("epochs", [epoch]);
    const count = await read<bigint>("targetCount", []);
    for (let id = 1n; id <= count; id++) {
      const [, targetEpoch, , status, packed] = await read<[bigint, number, number, number, bigint]>(
        "targets",
        [id],
      );
      if (BigInt(targetEpoch) !== epoch || status !== 1) continue;
      const models = unpackModels(packed);
      const target = generateTarget(
        targetSeed(seed, id),
        unpack(pack(center), center.length),
        BigInt(SPREAD),
      );
      const assigned = MODELS.filter((m) => models.includes(ids.get(m.id)!));
      const plan = planSubmission(
        assigned.map((m) => ({ modelId: ids.get(m.id)!, name: m.id, ...scores.get(m.id)! })),
        target,
        BigInt(threshold),
      );
      if (!plan.accepted) continue;
      const params: SubmitArgs = {
        targetId: id,
        dataUri: stored.uri,
        dataHash: `0x${stored.sha256}`,
        dataSize: stored.size,
        modelId: plan.winner.modelId,
        loss: plan.lossMicro,
        embedding: plan.packedEmbedding,
        distance: plan.distance,
      };
      const salt = randomSalt();
      const commitment = submissionCommitment(env.accounts[7]!, params, salt);
      await send(submitter, market, "ArenaTargets", "commit", [id, commitment]);
      // The reveal's simulation runs in the latest block, which must come after the commit's.
      await mine(env);
      await send(submitter, market, "ArenaTargets", "submit", [params, salt]);
      return id;
    }
    throw new Error(`Seed: no target of epoch ${epoch} accepts the chat sample`);
  };

  const ABI = (await import("../../contracts-abi/ArenaTargets.ts")).arenaTargetsAbi;
  const epochNow = async () =>
    (await env.publicClient.readContract({
      address: market,
      abi: ABI,
      functionName: "currentEpoch",
    })) as bigint;
  await advanceEpoch(env, market);
  const claimable = await fillOne(await epochNow());
  await advanceEpoch(env, market);
  const auditor = (await env.publicClient.readContract({
    address: market,
    abi: ABI,
    functionName: "auditorOf",
    args: [claimable],
  })) as Address;
  await send(env.clientFor(auditor), market, "ArenaTargets", "confirm", [claimable]);
  await advanceEpoch(env, market);
  await fillOne(await epochNow());
}
