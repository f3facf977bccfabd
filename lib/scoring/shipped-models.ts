/**
 * The models `npm run models` builds into public/models/<id>/. They share one architecture and tokenizer
 * and differ only in how much of the generated corpus they were trained on, so their quality is ordered:
 * arena-lm-tiny < arena-lm-small < arena-lm-base. arena-embed is arena-lm-base without its language-model
 * head, served as a feature-extraction model.
 */
import { parseModelUri } from "./modelUri";
import type { ModelSource } from "./protocol";

export type ShippedModelKind = "causal-lm" | "embedding";

export type ShippedModelSpec = {
  id: string;
  kind: ShippedModelKind;
  description: string;
  /** Conversations of the generated corpus used for training (the first N of one seeded stream). */
  trainingConversations: number;
  /** Token positions seen in training (with repetition when the data are smaller). */
  trainingSteps: number;
  /** For an embedding model: the language model whose weights it reuses. */
  sameWeightsAs?: string;
};

const SPECS = [
  {
    id: "arena-lm-tiny",
    kind: "causal-lm",
    description: "Byte-level MLP language model trained on 25 generated conversations (weak).",
    trainingConversations: 25,
    trainingSteps: 15_000,
  },
  {
    id: "arena-lm-small",
    kind: "causal-lm",
    description: "Byte-level MLP language model trained on 250 generated conversations.",
    trainingConversations: 250,
    trainingSteps: 60_000,
  },
  {
    id: "arena-lm-base",
    kind: "causal-lm",
    description: "Byte-level MLP language model trained on 5,000 generated conversations (best).",
    trainingConversations: 5_000,
    trainingSteps: 400_000,
  },
  {
    id: "arena-embed",
    kind: "embedding",
    description: "Mean-pooled hidden states of arena-lm-base, as a feature-extraction model.",
    trainingConversations: 5_000,
    trainingSteps: 400_000,
    sameWeightsAs: "arena-lm-base",
  },
] as const satisfies readonly ShippedModelSpec[];

/** Every shipped model; the language models come first, weakest first (their order of quality). */
export const SHIPPED_MODELS: readonly ShippedModelSpec[] = SPECS;

/** The id of a shipped language model (not the embedder). */
export type ShippedLanguageModelId = Extract<(typeof SPECS)[number], { kind: "causal-lm" }>["id"];

/** The shipped language models, weakest first. */
export const SHIPPED_LANGUAGE_MODELS: readonly ShippedLanguageModelId[] = SPECS.filter(
  (model): model is Extract<(typeof SPECS)[number], { kind: "causal-lm" }> => model.kind === "causal-lm",
).map((model) => model.id);

/** Where `id` stands among the shipped language models, weakest first; any other model sorts after them. */
export function qualityRank(id: string | undefined): number {
  const rank = SHIPPED_LANGUAGE_MODELS.indexOf(id as ShippedLanguageModelId);
  return rank < 0 ? SHIPPED_LANGUAGE_MODELS.length : rank;
}

/** Shape shared by all shipped models. */
export const SHIPPED_ARCHITECTURE = {
  /** Bytes of context each prediction sees; the nearest 16 by position, the rest in buckets of 4. */
  window: 64,
  nearPositions: 16,
  bucketWidth: 4,
  embed: 64,
  hidden: 96,
  contextLength: 1024,
} as const;

/** Seed of the training corpus stream; held-out data use other seeds (see HELD_OUT_SEED). */
export const CORPUS_SEED = 1;
export const HELD_OUT_SEED = 20_261_121;

export function shippedModel(id: string): ShippedModelSpec | undefined {
  return SHIPPED_MODELS.find((model) => model.id === id);
}

/**
 * What the scorer loads for a model id or URI: a shipped id (or /models/<id>) from public/models/, a folder URL
 * as a verified folder, `owner/name@<commit>#<dtype>` as a pinned hub model; anything else is taken as a model
 * hub id (lib/scoring/modelUri.ts).
 */
export function modelSourceFor(id: string): ModelSource {
  const parsed = parseModelUri(id);
  return parsed.ok ? parsed.source : { kind: shippedModel(id) ? "local" : "hub", id };
}

/** The embedding model a metric needs besides `id`: hub models may not expose hidden states. */
export function embeddingModelFor(metric: string, id: string): { kind: "local"; id: string } | undefined {
  if (metric !== "reference_similarity" || shippedModel(id)) return undefined;
  return { kind: "local", id: "arena-embed" };
}
