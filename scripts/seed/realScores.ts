import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";
import { sampleSetSha256, type SampleSet } from "../../lib/arena/testing/sampleSets.ts";
import { parseDataset } from "../../lib/metrics/parsers.ts";
import { nodeEnvironment, shippedContentHash, SHIPPED_MODELS_DIR } from "../../lib/scoring/node-files.ts";
import type { ExampleResult } from "../../lib/scoring/protocol.ts";
import {
  exampleValue,
  revealedScore,
  type ReceiptMetric,
  type ScorerInfo,
} from "../../lib/scoring/receipt.ts";
import { ORT_NODE_VERSION, SCORER_VERSION, TRANSFORMERS_VERSION } from "../../lib/scoring/runtime.ts";
import type { ShippedLanguageModelId } from "../../lib/scoring/shipped-models.ts";
import { Scorer } from "../../lib/scoring/scorer.ts";

/**
 * Real scores for the demo seed: a shipped model (public/models/<id>) scored in Node (onnxruntime-node) on a
 * shipped evaluation set, as the app's "Score my assigned submissions" scores it (same request: metric and
 * dataset, the model itself as embedder). Each (model manifest, set sha256, metric, scorer version) is scored once
 * and kept in memory and in .arena/seed-scores/, so a second seed of the same checkout does not score again.
 */

export type ShippedLm = ShippedLanguageModelId;

/** What the receipt names as the scorer of these scores (Node: onnxruntime-node on the CPU, fp32, 1 thread). */
export const NODE_SCORER: ScorerInfo = {
  version: SCORER_VERSION,
  runtime: { transformers: TRANSFORMERS_VERSION, onnxruntime: ORT_NODE_VERSION },
  backend: "cpu",
  dtype: "fp32",
  threads: 1,
};

export type RealScore = { examples: ExampleResult[]; score: number };

const CACHE_DIR = path.join(process.cwd(), ".arena", "seed-scores");
const memory = new Map<string, Promise<RealScore>>();

export const shippedModelUri = (id: ShippedLm): string => `/models/${id}`;
export const shippedManifest = (id: ShippedLm): Promise<Hex> => shippedContentHash(id);

async function scoreNow(id: ShippedLm, set: SampleSet, metric: ReceiptMetric): Promise<ExampleResult[]> {
  const bytes = await readFile(path.join(SHIPPED_MODELS_DIR, "samples", set));
  const dataset = parseDataset(bytes, { fileName: set });
  const scorer = await Scorer.load(
    { kind: "local", id, manifest: await shippedManifest(id) },
    "cpu",
    nodeEnvironment(SHIPPED_MODELS_DIR, 1),
  );
  try {
    return (await scorer.score({ metric, dataset })).examples;
  } finally {
    await scorer.dispose();
  }
}

/** The per-example results and revealed score (1e-6 units) of model `id` on sample set `set` with `metric`. */
export function realScore(id: ShippedLm, set: SampleSet, metric: ReceiptMetric): Promise<RealScore> {
  const key = `${id}|${set}|${metric}`;
  let pending = memory.get(key);
  if (!pending) {
    pending = (async () => {
      const manifest = await shippedManifest(id);
      const file = path.join(
        CACHE_DIR,
        `${manifest.slice(2, 18)}-${sampleSetSha256(set).slice(2, 18)}-${metric}-${SCORER_VERSION}.json`,
      );
      let examples: ExampleResult[] | null = null;
      try {
        const cached = JSON.parse(await readFile(file, "utf8")) as {
          manifest: Hex;
          set: Hex;
          examples: ExampleResult[];
        };
        if (cached.manifest === manifest && cached.set === sampleSetSha256(set)) examples = cached.examples;
      } catch {
        examples = null;
      }
      if (!examples) {
        examples = await scoreNow(id, set, metric);
        await mkdir(CACHE_DIR, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ manifest, set: sampleSetSha256(set), examples }));
        await rename(tmp, file);
      }
      const score = revealedScore(
        metric,
        examples.map((e) => exampleValue(metric, e)),
      );
      return { examples, score };
    })();
    memory.set(key, pending);
  }
  return pending;
}
