/**
 * `npm run models`: builds the shipped models (lib/scoring/shipped-models.ts) into public/models/<id>/ in
 * transformers.js layout, plus public/models/manifest.json and small sample files for the scorer page. Each
 * model folder gets its arena-manifest.json (lib/scoring/manifest.ts): every file with its sha256 and size;
 * the sha256 of that file is the model's content hash, what a node submits and a validator checks.
 *
 *   tsx scripts/models/build.ts            build when the specs changed or files are missing
 *   tsx scripts/models/build.ts --force    always rebuild
 *   tsx scripts/models/build.ts --check    rebuild in memory and fail if any file on disk differs
 *   tsx scripts/models/build.ts --manifests   only (re)write the arena-manifest.json of the folders on disk
 *
 * The output is a pure function of the specs and this code: same bytes on every run.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderChat } from "../../lib/metrics/chat";
import { buildManifest, encodeManifest, MANIFEST_FILE, manifestHash } from "../../lib/scoring/manifest";
import { manifestOfDirectory } from "../../lib/scoring/node-files";
import {
  CORPUS_SEED,
  SHIPPED_ARCHITECTURE,
  SHIPPED_MODELS,
  type ShippedModelSpec,
} from "../../lib/scoring/shipped-models";
import { generateConversations } from "./corpus";
import { trainMlpLm, type MlpLmShape, type MlpLmWeights } from "./mlp-lm";
import { exportMlpLmOnnx } from "./onnx-export";
import { sampleFiles } from "./samples";
import { BOS_ID, BYTE_VOCAB_SIZE, encodeBytes, tokenizerConfigJson, tokenizerJson } from "./tokenizer";

/** Bump when the build changes in a way the specs do not show. */
const BUILD_VERSION = 1;

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../public/models");

const SHAPE: MlpLmShape = {
  vocabSize: BYTE_VOCAB_SIZE,
  bosId: BOS_ID,
  window: SHIPPED_ARCHITECTURE.window,
  nearPositions: SHIPPED_ARCHITECTURE.nearPositions,
  bucketWidth: SHIPPED_ARCHITECTURE.bucketWidth,
  embed: SHIPPED_ARCHITECTURE.embed,
  hidden: SHIPPED_ARCHITECTURE.hidden,
};

type BuiltFiles = Map<string, Uint8Array>;

const json = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

function modelConfig(spec: ShippedModelSpec): object {
  return {
    model_type: "gpt2",
    architectures: [spec.kind === "causal-lm" ? "GPT2LMHeadModel" : "GPT2Model"],
    vocab_size: SHAPE.vocabSize,
    n_positions: SHIPPED_ARCHITECTURE.contextLength,
    n_ctx: SHIPPED_ARCHITECTURE.contextLength,
    n_embd: SHAPE.hidden,
    n_layer: 2,
    n_head: 1,
    bos_token_id: BOS_ID,
    eos_token_id: BOS_ID,
    "transformers.js_config": { dtype: "fp32" },
    arena: {
      architecture: "fixed-window MLP language model (see scripts/models/mlp-lm.ts)",
      window: SHAPE.window,
      nearPositions: SHAPE.nearPositions,
      bucketWidth: SHAPE.bucketWidth,
      embed: SHAPE.embed,
      hidden: SHAPE.hidden,
      trainingConversations: spec.trainingConversations,
      trainingSteps: spec.trainingSteps,
      corpusSeed: CORPUS_SEED,
    },
  };
}

function generationConfig(): object {
  return { bos_token_id: BOS_ID, eos_token_id: BOS_ID, pad_token_id: BOS_ID };
}

function train(spec: ShippedModelSpec): MlpLmWeights {
  const sequences = generateConversations(CORPUS_SEED, spec.trainingConversations).map((c) =>
    encodeBytes(renderChat(c)),
  );
  return trainMlpLm(SHAPE, sequences, { seed: 7, steps: spec.trainingSteps, batch: 32, learningRate: 0.01 });
}

function specHash(): string {
  return sha256(json({ BUILD_VERSION, SHAPE, SHIPPED_ARCHITECTURE, SHIPPED_MODELS, CORPUS_SEED }));
}

/** Adds each model folder's arena-manifest.json, built from that folder's files in `files`. */
export async function addManifests(files: BuiltFiles): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const spec of SHIPPED_MODELS) {
    const prefix = `${spec.id}/`;
    const folder = [...files]
      .filter(([name]) => name.startsWith(prefix) && name !== `${prefix}${MANIFEST_FILE}`)
      .map(([name, bytes]) => ({ path: name.slice(prefix.length), bytes }));
    const bytes = encodeManifest(await buildManifest(folder));
    files.set(`${prefix}${MANIFEST_FILE}`, bytes);
    hashes.set(spec.id, await manifestHash(bytes));
  }
  return hashes;
}

export function buildModels(log: (line: string) => void = () => {}): BuiltFiles {
  const files: BuiltFiles = new Map();
  const trained = new Map<string, MlpLmWeights>();
  const manifest: object[] = [];
  for (const spec of SHIPPED_MODELS) {
    const started = performance.now();
    const source = spec.sameWeightsAs ?? spec.id;
    const weights = trained.get(source) ?? train(spec);
    trained.set(source, weights);
    const onnxBytes = exportMlpLmOnnx(
      weights,
      spec.kind === "causal-lm" ? "lm" : "embedding",
      spec.description,
    );
    files.set(`${spec.id}/config.json`, json(modelConfig(spec)));
    files.set(`${spec.id}/tokenizer.json`, json(tokenizerJson()));
    files.set(
      `${spec.id}/tokenizer_config.json`,
      json(tokenizerConfigJson(SHIPPED_ARCHITECTURE.contextLength)),
    );
    // transformers.js asks for it on every causal LM load; without it the browser logs a 404 each time.
    files.set(`${spec.id}/generation_config.json`, json(generationConfig()));
    files.set(`${spec.id}/onnx/model.onnx`, onnxBytes);
    manifest.push({
      ...spec,
      hiddenSize: SHAPE.hidden,
      contextLength: SHIPPED_ARCHITECTURE.contextLength,
      onnxBytes: onnxBytes.length,
      onnxSha256: sha256(onnxBytes),
    });
    log(
      `${spec.id}: ${(onnxBytes.length / 1e6).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  for (const [name, text] of sampleFiles()) files.set(`samples/${name}`, new TextEncoder().encode(text));
  files.set("manifest.json", json({ specHash: specHash(), models: manifest }));
  return files;
}

async function readOrNull(file: string): Promise<Uint8Array | null> {
  return readFile(file).catch(() => null);
}

async function isUpToDate(): Promise<boolean> {
  const manifest = await readOrNull(path.join(MODELS_DIR, "manifest.json"));
  if (!manifest) return false;
  const parsed = JSON.parse(new TextDecoder().decode(manifest)) as { specHash?: string };
  if (parsed.specHash !== specHash()) return false;
  for (const spec of SHIPPED_MODELS) {
    for (const file of [
      "config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "onnx/model.onnx",
      MANIFEST_FILE,
    ]) {
      if (!(await readOrNull(path.join(MODELS_DIR, spec.id, file)))) return false;
    }
  }
  return true;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has("--manifests")) {
    for (const spec of SHIPPED_MODELS) {
      const bytes = encodeManifest(await manifestOfDirectory(path.join(MODELS_DIR, spec.id)));
      await writeFile(path.join(MODELS_DIR, spec.id, MANIFEST_FILE), bytes);
      console.log(`models: ${spec.id} content hash ${await manifestHash(bytes)}`);
    }
    return;
  }
  if (!args.has("--force") && !args.has("--check") && (await isUpToDate())) {
    console.log(`models: up to date in ${MODELS_DIR} (use --force to rebuild)`);
    return;
  }
  const files = buildModels((line) => console.log(`models: ${line}`));
  const hashes = await addManifests(files);
  for (const [id, hash] of hashes) console.log(`models: ${id} content hash ${hash}`);
  if (args.has("--check")) {
    const stale: string[] = [];
    for (const [name, bytes] of files) {
      const onDisk = await readOrNull(path.join(MODELS_DIR, name));
      if (!onDisk || sha256(onDisk) !== sha256(bytes)) stale.push(name);
    }
    if (stale.length > 0) {
      console.error(`models: differ from a fresh build: ${stale.join(", ")}`);
      process.exit(1);
    }
    console.log("models: files on disk equal a fresh build");
    return;
  }
  for (const [name, bytes] of files) {
    const file = path.join(MODELS_DIR, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  const total = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
  console.log(`models: wrote ${files.size} files, ${(total / 1e6).toFixed(2)} MB, to ${MODELS_DIR}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
