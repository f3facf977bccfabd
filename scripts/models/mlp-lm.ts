/**
 * A small fixed-window neural language model (Bengio et al. 2003 style), trained with Adam in plain
 * TypeScript so the build needs nothing but Node:
 *
 *   a1 = b1 + Σ_j E[table(j)][x(t−j)]   (j = 0..window−1, positions before the text read BOS)
 *
 * The nearest `nearPositions` tokens each have their own embedding table; farther ones share a table per
 * `bucketWidth` positions (a bag of characters), which reaches far back with few parameters.
 *   h1 = tanh(a1), h2 = tanh(h1·W2 + b2), logits = h2·Wo + bo
 *
 * h2 is the model's final hidden state (`last_hidden_state`). Every step runs in a fixed order from a
 * seeded initialisation, so the weights are the same bytes on every run.
 */
import { createRng } from "../../lib/metrics/rng";

export type MlpLmShape = {
  vocabSize: number;
  bosId: number;
  window: number;
  nearPositions: number;
  bucketWidth: number;
  embed: number;
  hidden: number;
};

export type MlpLmWeights = {
  shape: MlpLmShape;
  /** [tables·vocab, embed]: row table(j)·vocab + id embeds `id` seen j positions back. */
  embeddings: Float32Array;
  b1: Float32Array;
  /** [embed, hidden] */
  w2: Float32Array;
  b2: Float32Array;
  /** [hidden, vocab] */
  wo: Float32Array;
  bo: Float32Array;
};

export type TrainOptions = {
  seed: number;
  /** Token positions to train on, in total (epochs are implied by the data size). */
  steps: number;
  batch: number;
  learningRate: number;
};

/** The embedding table used for the token j positions back. */
export function tableIndex(shape: MlpLmShape, j: number): number {
  return j < shape.nearPositions
    ? j
    : shape.nearPositions + Math.floor((j - shape.nearPositions) / shape.bucketWidth);
}

export function tableCount(shape: MlpLmShape): number {
  return tableIndex(shape, shape.window - 1) + 1;
}

function initWeights(shape: MlpLmShape, seed: number): MlpLmWeights {
  const rng = createRng(seed);
  const uniform = (size: number, scale: number): Float32Array => {
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = (rng.next() * 2 - 1) * scale;
    return values;
  };
  const { vocabSize, window, embed, hidden } = shape;
  return {
    shape,
    embeddings: uniform(tableCount(shape) * vocabSize * embed, 1 / Math.sqrt(window)),
    b1: new Float32Array(embed),
    w2: uniform(embed * hidden, Math.sqrt(3 / embed)),
    b2: new Float32Array(hidden),
    wo: uniform(hidden * vocabSize, Math.sqrt(3 / hidden)),
    bo: new Float32Array(vocabSize),
  };
}

type Adam = {
  /** Updates every parameter; with `rows`, only the rows (of `width` values) whose flag is set (lazy Adam). */
  step: (
    params: Float32Array,
    grads: Float32Array,
    lr: number,
    rows?: { touched: Uint8Array; width: number },
  ) => void;
  tick: () => void;
};

function createAdam(sizes: number[]): Adam {
  const beta1 = 0.9;
  const beta2 = 0.99;
  const eps = 1e-8;
  const moments = new Map<number, { m: Float32Array; v: Float32Array }>();
  let t = 0;
  let index = 0;
  sizes.forEach((size, i) => moments.set(i, { m: new Float32Array(size), v: new Float32Array(size) }));
  return {
    tick: () => {
      t++;
      index = 0;
    },
    step: (params, grads, lr, rows) => {
      const state = moments.get(index++);
      if (!state) throw new Error("Adam: more parameter groups than declared");
      const { m, v } = state;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (let i = 0; i < params.length; i++) {
        if (rows && !rows.touched[Math.floor(i / rows.width)]) {
          i += rows.width - 1;
          continue;
        }
        const g = grads[i] as number;
        const mi = beta1 * (m[i] as number) + (1 - beta1) * g;
        const vi = beta2 * (v[i] as number) + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] = (params[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
    },
  };
}

/**
 * Back through a dense layer whose input `a` (length n) is a tanh output, given the gradient `g` (length m) of
 * its pre-activation output: accumulates the weight gradient `gw` (row-major [n, m], as `w`) += a·gᵀ and writes
 * the gradient of the input's pre-activation, `dIn` = (w·g) ⊙ (1 − a²).
 */
function denseBackward(
  a: Float32Array,
  w: Float32Array,
  g: Float32Array | Float64Array,
  gw: Float32Array,
  dIn: Float32Array,
): void {
  const m = g.length;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const off = i * m;
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const gj = g[j] as number;
      gw[off + j] = (gw[off + j] as number) + x * gj;
      acc += (w[off + j] as number) * gj;
    }
    dIn[i] = acc * (1 - x * x);
  }
}

/**
 * Trains on `sequences` (token ids without BOS; each starts a fresh context). Positions are visited in a
 * seeded shuffled order of sequences, epoch after epoch, until `steps` positions have been used.
 */
export function trainMlpLm(
  shape: MlpLmShape,
  sequences: readonly Int32Array[],
  options: TrainOptions,
): MlpLmWeights {
  const weights = initWeights(shape, options.seed);
  const { vocabSize: V, window: K, embed: D, hidden: H, bosId } = shape;
  const { embeddings: E, b1, w2, b2, wo, bo } = weights;
  const gE = new Float32Array(E.length);
  const gb1 = new Float32Array(D);
  const gw2 = new Float32Array(w2.length);
  const gb2 = new Float32Array(H);
  const gwo = new Float32Array(wo.length);
  const gbo = new Float32Array(V);
  const adam = createAdam([E.length, D, w2.length, H, wo.length, V]);
  const touched = new Uint8Array(tableCount(shape) * V);
  const tableOffsets = Int32Array.from({ length: K }, (_, j) => tableIndex(shape, j) * V);

  const h1 = new Float32Array(D);
  const h2 = new Float32Array(H);
  const probs = new Float64Array(V);
  const dh2 = new Float32Array(H);
  const dh1 = new Float32Array(D);
  const context = new Int32Array(K);

  const rng = createRng(options.seed ^ 0x5eed);
  let order: number[] = [];
  let cursor = 0;
  let seqIndex = -1;
  let position = 0;
  const nextPosition = (): { seq: Int32Array; t: number } => {
    for (;;) {
      const seq = seqIndex >= 0 ? sequences[seqIndex] : undefined;
      if (seq && position < seq.length) return { seq, t: position++ };
      if (cursor >= order.length) {
        order = sequences.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        cursor = 0;
      }
      seqIndex = order[cursor++] as number;
      position = 0;
    }
  };

  const batches = Math.ceil(options.steps / options.batch);
  for (let batch = 0; batch < batches; batch++) {
    for (let row = 0; row < touched.length; row++) {
      if (touched[row]) gE.fill(0, row * D, (row + 1) * D);
    }
    touched.fill(0);
    gb1.fill(0);
    gw2.fill(0);
    gb2.fill(0);
    gwo.fill(0);
    gbo.fill(0);
    for (let b = 0; b < options.batch; b++) {
      const { seq, t } = nextPosition();
      // Predict seq[t] from the window of tokens before it (BOS before the start).
      for (let j = 0; j < K; j++) {
        const p = t - 1 - j;
        context[j] = (tableOffsets[j] as number) + (p >= 0 ? (seq[p] as number) : bosId);
      }
      for (let d = 0; d < D; d++) h1[d] = b1[d] as number;
      for (let j = 0; j < K; j++) {
        const row = (context[j] as number) * D;
        for (let d = 0; d < D; d++) h1[d] = (h1[d] as number) + (E[row + d] as number);
      }
      for (let d = 0; d < D; d++) h1[d] = Math.tanh(h1[d] as number);
      for (let h = 0; h < H; h++) h2[h] = b2[h] as number;
      for (let d = 0; d < D; d++) {
        const x = h1[d] as number;
        const off = d * H;
        for (let h = 0; h < H; h++) h2[h] = (h2[h] as number) + x * (w2[off + h] as number);
      }
      for (let h = 0; h < H; h++) h2[h] = Math.tanh(h2[h] as number);
      for (let v = 0; v < V; v++) probs[v] = bo[v] as number;
      for (let h = 0; h < H; h++) {
        const x = h2[h] as number;
        const off = h * V;
        for (let v = 0; v < V; v++) probs[v] = (probs[v] as number) + x * (wo[off + v] as number);
      }
      let max = -Infinity;
      for (let v = 0; v < V; v++) max = Math.max(max, probs[v] as number);
      let sum = 0;
      for (let v = 0; v < V; v++) {
        const e = Math.exp((probs[v] as number) - max);
        probs[v] = e;
        sum += e;
      }
      const target = seq[t] as number;
      for (let v = 0; v < V; v++) probs[v] = (probs[v] as number) / sum;
      probs[target] = (probs[target] as number) - 1;
      // Backward: probs now holds dLoss/dlogits.
      for (let v = 0; v < V; v++) gbo[v] = (gbo[v] as number) + (probs[v] as number);
      denseBackward(h2, wo, probs, gwo, dh2);
      for (let h = 0; h < H; h++) gb2[h] = (gb2[h] as number) + (dh2[h] as number);
      denseBackward(h1, w2, dh2, gw2, dh1);
      for (let d = 0; d < D; d++) gb1[d] = (gb1[d] as number) + (dh1[d] as number);
      for (let j = 0; j < K; j++) {
        const rowIndex = context[j] as number;
        touched[rowIndex] = 1;
        const row = rowIndex * D;
        for (let d = 0; d < D; d++) gE[row + d] = (gE[row + d] as number) + (dh1[d] as number);
      }
    }
    const scale = 1 / options.batch;
    for (const g of [gb1, gw2, gb2, gwo, gbo])
      for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * scale;
    for (let row = 0; row < touched.length; row++) {
      if (!touched[row]) continue;
      for (let i = row * D; i < (row + 1) * D; i++) gE[i] = (gE[i] as number) * scale;
    }
    const progress = batch / batches;
    const lr =
      options.learningRate *
      Math.min(1, (batch + 1) / 50) *
      (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    adam.tick();
    adam.step(E, gE, lr, { touched, width: D });
    adam.step(b1, gb1, lr);
    adam.step(w2, gw2, lr);
    adam.step(b2, gb2, lr);
    adam.step(wo, gwo, lr);
    adam.step(bo, gbo, lr);
  }
  return weights;
}

/** Natural-log loss of each token of `seq` (BOS before the start), computed in float64 in plain TS. */
export function mlpLmNll(weights: MlpLmWeights, seq: Int32Array): Float64Array {
  const { vocabSize: V, window: K, embed: D, hidden: H, bosId } = weights.shape;
  const { embeddings: E, b1, w2, b2, wo, bo } = weights;
  const out = new Float64Array(seq.length);
  const h1 = new Float64Array(D);
  const h2 = new Float64Array(H);
  const logits = new Float64Array(V);
  for (let t = 0; t < seq.length; t++) {
    h1.set(b1);
    for (let j = 0; j < K; j++) {
      const p = t - 1 - j;
      const row = (tableIndex(weights.shape, j) * V + (p >= 0 ? (seq[p] as number) : bosId)) * D;
      for (let d = 0; d < D; d++) h1[d] = (h1[d] as number) + (E[row + d] as number);
    }
    for (let d = 0; d < D; d++) h1[d] = Math.tanh(h1[d] as number);
    h2.set(b2);
    for (let d = 0; d < D; d++)
      for (let h = 0; h < H; h++) h2[h] = (h2[h] as number) + (h1[d] as number) * (w2[d * H + h] as number);
    for (let h = 0; h < H; h++) h2[h] = Math.tanh(h2[h] as number);
    logits.set(bo);
    for (let h = 0; h < H; h++)
      for (let v = 0; v < V; v++)
        logits[v] = (logits[v] as number) + (h2[h] as number) * (wo[h * V + v] as number);
    let max = -Infinity;
    for (const x of logits) max = Math.max(max, x);
    let sum = 0;
    for (const x of logits) sum += Math.exp(x - max);
    out[t] = Math.log(sum) + max - (logits[seq[t] as number] as number);
  }
  return out;
}
