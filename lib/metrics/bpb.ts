/**
 * Loss as bits per byte (docs/ARCHITECTURE.md §6): BPB = Σ NLL (nats) / ln 2 / Σ UTF-8 bytes of the target text.
 * Dividing by bytes rather than tokens makes models with different tokenizers comparable.
 */
export type LossSum = { nllNats: number; targetTokens: number; targetBytes: number };

const encoder = new TextEncoder();

export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}

/** −log softmax(row)[target] in float64, from one row of logits. */
export function tokenNll(
  logits: ArrayLike<number>,
  rowOffset: number,
  vocabSize: number,
  target: number,
): number {
  if (target < 0 || target >= vocabSize)
    throw new RangeError(`token id ${target} outside vocabulary of ${vocabSize}`);
  let max = -Infinity;
  for (let v = 0; v < vocabSize; v++) max = Math.max(max, logits[rowOffset + v] as number);
  let sum = 0;
  for (let v = 0; v < vocabSize; v++) sum += Math.exp((logits[rowOffset + v] as number) - max);
  return Math.log(sum) + max - (logits[rowOffset + target] as number);
}

/**
 * Sum of NLL over the tokens `ids[i]` (i ≥ 1) with `isTarget[i]`, each predicted from logits row i − 1.
 * `logits` is [ids.length, vocabSize] row-major, as a causal LM returns for one sequence.
 */
export function targetNll(
  logits: ArrayLike<number>,
  vocabSize: number,
  ids: ArrayLike<number>,
  isTarget: ArrayLike<boolean>,
): { nllNats: number; targetTokens: number; perToken: Float64Array } {
  const perToken = new Float64Array(ids.length);
  let nllNats = 0;
  let targetTokens = 0;
  for (let i = 1; i < ids.length; i++) {
    if (!isTarget[i]) continue;
    const nll = tokenNll(logits, (i - 1) * vocabSize, vocabSize, ids[i] as number);
    perToken[i] = nll;
    nllNats += nll;
    targetTokens++;
  }
  return { nllNats, targetTokens, perToken };
}

export function bitsPerByte(loss: Pick<LossSum, "nllNats" | "targetBytes">): number {
  return loss.targetBytes === 0 ? Number.NaN : loss.nllNats / Math.LN2 / loss.targetBytes;
}

/** Totals are pooled (Σ NLL / Σ bytes), not a mean of per-example BPB, so long examples weigh more. */
export function sumLosses(losses: readonly LossSum[]): LossSum {
  return losses.reduce(
    (total, loss) => ({
      nllNats: total.nllNats + loss.nllNats,
      targetTokens: total.targetTokens + loss.targetTokens,
      targetBytes: total.targetBytes + loss.targetBytes,
    }),
    { nllNats: 0, targetTokens: 0, targetBytes: 0 },
  );
}
