/**
 * The Scorer: one loaded model and the metrics of docs/ARCHITECTURE.md §6 computed with it. It runs unchanged in
 * Node (onnxruntime-node, for tests and the machine agent) and in the scorer worker (onnxruntime-web);
 * all arithmetic on the model's outputs lives in lib/metrics, so both compute the same numbers.
 */
import { Tensor } from "@huggingface/transformers";
import { bitsPerByte, sumLosses, targetNll, utf8ByteLength } from "../metrics/bpb";
import { chatSegments, labelledSegments, type TextSegment } from "../metrics/chat";
import { InputError } from "../metrics/errors";
import type { Dataset } from "../metrics/parsers";
import { assembleSequence, type PreparedSequence } from "../metrics/sequence";
import { cosineDistance, meanPool } from "../metrics/vectors";
import { ScorerError, toScorerError } from "./errors";
import { loadModel, type LoadedModel, type LoadHooks, type ScorerEnvironment } from "./load";
import type {
  BenchmarkResult,
  ExampleResult,
  LoadedModelInfo,
  ModelSource,
  ScoreRequest,
  ScoreResult,
  ScorerDevice,
  ScoreTotals,
} from "./protocol";
import { scoreAccuracy, scoreReferenceSimilarity } from "./tasks";

export type ForwardOutput = { length: number; logits: Float32Array | null; hidden: Float32Array | null };

export type ScoreHooks = {
  signal?: AbortSignal;
  onExample?: (result: ExampleResult, done: number, total: number) => void;
  /** Model whose hidden states embed texts for reference similarity (default: this one). */
  embedder?: Scorer;
};

const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function configNumber(config: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) if (typeof config[key] === "number") return config[key] as number;
  return undefined;
}

export class Scorer {
  /** Token ids that end a generated answer (EOS, and BOS where a tokenizer uses it as a separator). */
  readonly stopIds: ReadonlySet<number>;

  /** Tokens the model has read since the counter was last reset (for throughput). */
  tokensRead = 0;

  private constructor(
    private readonly loaded: LoadedModel,
    readonly info: LoadedModelInfo,
    private readonly bosId: number | null,
  ) {
    const eos = loaded.tokenizer.eos_token_id ?? configNumber(loaded.config, ["eos_token_id"]);
    this.stopIds = new Set([bosId, eos].filter((id): id is number => typeof id === "number"));
  }

  static async load(
    source: ModelSource,
    device: ScorerDevice,
    environment: ScorerEnvironment,
    hooks: LoadHooks = {},
  ): Promise<Scorer> {
    const started = performance.now();
    const loaded = await loadModel(source, device, environment, hooks);
    const loadMs = performance.now() - started;
    const { tokenizer, config } = loaded;
    const bos = tokenizer.bos_token_id ?? configNumber(config, ["bos_token_id", "eos_token_id"]) ?? null;
    const maxLength = Number(tokenizer.model_max_length);
    const contextLength =
      configNumber(config, ["n_positions", "max_position_embeddings", "n_ctx"]) ??
      (Number.isFinite(maxLength) && maxLength < 1e6 ? maxLength : 1024);
    const provisional: LoadedModelInfo = {
      id: source.id,
      source: source.kind,
      device,
      vocabSize: configNumber(config, ["vocab_size"]) ?? 0,
      hiddenSize: null,
      contextLength,
      hasLmHead: false,
      hasHiddenStates: false,
      loadMs,
      warmupMs: 0,
    };
    const scorer = new Scorer(loaded, provisional, bos);
    hooks.onPhase?.("warming-up");
    const warmStarted = performance.now();
    const warm = await scorer.forward(scorer.encodeText("User: Hello!\nAssistant: Hi."));
    const info: LoadedModelInfo = {
      ...provisional,
      vocabSize: warm.logits ? warm.logits.length / warm.length : provisional.vocabSize,
      hiddenSize: warm.hidden ? warm.hidden.length / warm.length : null,
      hasLmHead: warm.logits !== null,
      hasHiddenStates: warm.hidden !== null,
      warmupMs: performance.now() - warmStarted,
    };
    scorer.tokensRead = 0;
    return new Scorer(loaded, info, bos);
  }

  encodeText(text: string): number[] {
    return this.loaded.tokenizer.encode(text, { add_special_tokens: false });
  }

  decode(ids: readonly number[]): string {
    return ids.length === 0 ? "" : this.loaded.tokenizer.decode([...ids], { skip_special_tokens: true });
  }

  /** Runs the model on one sequence (batch of 1); logits are [length, vocab], hidden [length, dim]. */
  async forward(ids: readonly number[]): Promise<ForwardOutput> {
    if (ids.length === 0) throw new ScorerError("internal", "cannot run the model on an empty sequence");
    const dims = [1, ids.length];
    const input_ids = new Tensor(
      "int64",
      BigInt64Array.from(ids, (id) => BigInt(id)),
      dims,
    );
    const attention_mask = new Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims);
    let outputs: Record<string, unknown>;
    try {
      outputs = (await this.loaded.model.forward({ input_ids, attention_mask })) as Record<string, unknown>;
    } catch (error) {
      throw toScorerError(error, "score");
    }
    this.tokensRead += ids.length;
    const data = (name: string): Float32Array | null => {
      const tensor = outputs[name];
      return tensor instanceof Tensor && tensor.data instanceof Float32Array ? tensor.data : null;
    };
    return { length: ids.length, logits: data("logits"), hidden: data("last_hidden_state") };
  }

  /** BOS + segments, cut to `maxTokens`; target flags and bytes come from the segments. */
  prepare(segments: readonly TextSegment[], maxTokens: number): PreparedSequence {
    const tokenized = segments.map((segment) => ({
      ids: this.encodeText(segment.text),
      target: segment.target,
      bytes: utf8ByteLength(segment.text),
    }));
    return assembleSequence(this.bosId, tokenized, maxTokens, (ids) => utf8ByteLength(this.decode(ids)));
  }

  maxTokens(request: Pick<ScoreRequest, "maxTokens">): number {
    return Math.max(2, Math.min(request.maxTokens ?? this.info.contextLength, this.info.contextLength));
  }

  /** Loss of the target tokens of one prepared sequence. */
  async loss(
    sequence: PreparedSequence,
  ): Promise<{ nllNats: number; targetTokens: number; hidden: Float32Array | null }> {
    if (!this.info.hasLmHead) {
      throw new ScorerError(
        "unsupported_model",
        `${this.info.id} has no language-model head (no logits), so it cannot score loss.`,
      );
    }
    const output = await this.forward(sequence.ids);
    const logits = output.logits as Float32Array;
    const { nllNats, targetTokens } = targetNll(logits, this.info.vocabSize, sequence.ids, sequence.isTarget);
    return { nllNats, targetTokens, hidden: output.hidden };
  }

  /** Mean-pooled final hidden states of a text (BOS included, so the empty string has an embedding too). */
  async embed(
    text: string,
    maxTokens = this.info.contextLength,
  ): Promise<{ embedding: Float64Array; tokens: number; truncated?: PreparedSequence["truncated"] }> {
    const sequence = this.prepare([{ text, target: false }], maxTokens);
    if (sequence.ids.length === 0)
      throw new InputError("empty", "Nothing to embed: the text is empty and the model has no BOS token.");
    return {
      ...this.pool(sequence, await this.forward(sequence.ids)),
      ...(sequence.truncated ? { truncated: sequence.truncated } : {}),
    };
  }

  private pool(
    sequence: PreparedSequence,
    output: ForwardOutput,
  ): { embedding: Float64Array; tokens: number } {
    if (!output.hidden || this.info.hiddenSize === null) {
      throw new ScorerError(
        "unsupported_model",
        `${this.info.id} does not output hidden states (last_hidden_state), so it cannot embed.`,
      );
    }
    return {
      embedding: meanPool(output.hidden, output.length, this.info.hiddenSize),
      tokens: sequence.ids.length,
    };
  }

  async score(request: ScoreRequest, hooks: ScoreHooks = {}): Promise<ScoreResult> {
    const started = performance.now();
    this.tokensRead = 0;
    const examples: ExampleResult[] = [];
    const total = request.dataset.examples.length;
    const emit = async (result: ExampleResult): Promise<void> => {
      examples.push(result);
      hooks.onExample?.(result, examples.length, total);
      await this.checkpoint(hooks.signal);
    };
    await this.checkpoint(hooks.signal);
    const partial = await this.runMetric(request, hooks, emit);
    const ms = performance.now() - started;
    const totals: ScoreTotals = {
      ...partial,
      metric: request.metric,
      examples: examples.length,
      truncatedExamples: examples.filter((example) => example.truncated !== undefined).length,
      tokens: this.tokensRead,
      ms,
      tokensPerSecond: ms > 0 ? (this.tokensRead / ms) * 1000 : 0,
    };
    return { totals, examples };
  }

  /** Yields to the event loop (so a cancel message can arrive) and stops if cancelled. */
  async checkpoint(signal: AbortSignal | undefined): Promise<void> {
    await nextTick();
    if (signal?.aborted) throw new ScorerError("cancelled", "Scoring was cancelled.");
  }

  private async runMetric(
    request: ScoreRequest,
    hooks: ScoreHooks,
    emit: (result: ExampleResult) => Promise<void>,
  ): Promise<Pick<ScoreTotals, "value"> & Partial<ScoreTotals>> {
    const { dataset } = request;
    switch (request.metric) {
      case "loss":
        return this.scoreLoss(request, textExamples(dataset, "loss"), emit);
      case "embedding":
        return this.scoreEmbedding(request, textExamples(dataset, "embedding"), emit);
      case "accuracy":
        if (dataset.format !== "labelled")
          throw wrongFormat("accuracy", dataset.format, "a labelled CSV (text,label)");
        return scoreAccuracy(this, request, dataset, emit);
      case "reference_similarity":
        if (dataset.format !== "reference")
          throw wrongFormat("reference similarity", dataset.format, "JSONL with query and reference");
        return scoreReferenceSimilarity(this, hooks.embedder ?? this, request, dataset, emit, hooks.signal);
    }
  }

  private async scoreLoss(
    request: ScoreRequest,
    texts: TextSegment[][],
    emit: (result: ExampleResult) => Promise<void>,
  ): Promise<Pick<ScoreTotals, "value"> & Partial<ScoreTotals>> {
    const losses = [];
    const embeddings: Float64Array[] = [];
    for (const [index, segments] of texts.entries()) {
      const sequence = this.prepare(segments, this.maxTokens(request));
      const { nllNats, targetTokens, hidden } = await this.loss(sequence);
      const loss = { nllNats, targetTokens, targetBytes: sequence.targetBytes };
      losses.push(loss);
      if (hidden && this.info.hiddenSize !== null)
        embeddings.push(meanPool(hidden, sequence.ids.length, this.info.hiddenSize));
      await emit({
        metric: "loss",
        index,
        ...loss,
        bpb: bitsPerByte(loss),
        tokens: sequence.ids.length,
        ...(sequence.truncated ? { truncated: sequence.truncated } : {}),
      });
    }
    const total = sumLosses(losses);
    return {
      value: bitsPerByte(total),
      ...total,
      ...this.datasetEmbedding(embeddings, request.targetVector),
    };
  }

  private async scoreEmbedding(
    request: ScoreRequest,
    texts: TextSegment[][],
    emit: (result: ExampleResult) => Promise<void>,
  ): Promise<Pick<ScoreTotals, "value"> & Partial<ScoreTotals>> {
    const embeddings: Float64Array[] = [];
    for (const [index, segments] of texts.entries()) {
      const { embedding, tokens, truncated } = await this.embed(
        segments.map((s) => s.text).join(""),
        this.maxTokens(request),
      );
      embeddings.push(embedding);
      await emit({
        metric: "embedding",
        index,
        tokens,
        embedding: [...embedding],
        ...(request.targetVector ? { distance: cosineDistance(embedding, request.targetVector) } : {}),
        ...(truncated ? { truncated } : {}),
      });
    }
    const summary = this.datasetEmbedding(embeddings, request.targetVector);
    return { value: summary.distance ?? Number.NaN, ...summary };
  }

  /** The data's embedding: the mean of its examples' mean-pooled embeddings (docs/ARCHITECTURE.md §4). */
  private datasetEmbedding(embeddings: Float64Array[], target: number[] | undefined): Partial<ScoreTotals> {
    if (embeddings.length === 0) return {};
    const dim = embeddings[0]?.length ?? 0;
    const mean = new Float64Array(dim);
    for (const e of embeddings)
      for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (e[d] as number) / embeddings.length;
    return { embedding: [...mean], ...(target ? { distance: cosineDistance(mean, target) } : {}) };
  }

  /** Throughput on `ids` cut into windows of `sequenceLength` (each after a BOS); also returns their BPB. */
  async benchmark(ids: readonly number[], sequenceLength: number, bytes?: number): Promise<BenchmarkResult> {
    const window = Math.max(
      1,
      Math.min(sequenceLength, this.info.contextLength) - (this.bosId === null ? 0 : 1),
    );
    this.tokensRead = 0;
    let nllNats = 0;
    const started = performance.now();
    for (let start = 0; start < ids.length; start += window) {
      const chunk = ids.slice(start, start + window);
      const sequence = this.bosId === null ? chunk : [this.bosId, ...chunk];
      const isTarget = sequence.map((_, i) => this.bosId !== null || i > 0);
      const output = await this.forward(sequence);
      if (output.logits) nllNats += targetNll(output.logits, this.info.vocabSize, sequence, isTarget).nllNats;
    }
    const ms = performance.now() - started;
    return {
      device: this.info.device,
      tokens: this.tokensRead,
      ms,
      tokensPerSecond: (this.tokensRead / ms) * 1000,
      ...(bytes && this.info.hasLmHead ? { bpb: bitsPerByte({ nllNats, targetBytes: bytes }) } : {}),
    };
  }

  async dispose(): Promise<void> {
    await this.loaded.model.dispose();
  }
}

function wrongFormat(metric: string, format: Dataset["format"], wanted: string): ScorerError {
  return new ScorerError("wrong_format", `The ${metric} metric needs ${wanted}; this file is ${format}.`);
}

/** The segments of each example for loss and embedding: chat turns, or plain text that is all target. */
function textExamples(dataset: Dataset, metric: string): TextSegment[][] {
  switch (dataset.format) {
    case "chat":
      return dataset.examples.map((example) => chatSegments(example.messages));
    case "text":
      return dataset.examples.map((example) => [{ text: example.text, target: true }]);
    case "labelled":
      return dataset.examples.map((example) => labelledSegments(example.text, example.label));
    case "reference":
      throw wrongFormat(metric, dataset.format, "chat JSONL, plain text or a labelled CSV");
  }
}
