/** Vector helpers for embeddings: mean pooling, cosine similarity and distance. */
export type Vector = ArrayLike<number>;

/** Mean of the rows of `hidden` ([tokens, dim] row-major) whose mask is set (all rows without a mask). */
export function meanPool(
  hidden: ArrayLike<number>,
  tokens: number,
  dim: number,
  mask?: ArrayLike<number | boolean>,
): Float64Array {
  const pooled = new Float64Array(dim);
  let count = 0;
  for (let t = 0; t < tokens; t++) {
    if (mask && !mask[t]) continue;
    count++;
    for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] as number) + (hidden[t * dim + d] as number);
  }
  if (count > 0) for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] as number) / count;
  return pooled;
}

export function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`vector lengths differ: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Cosine similarity; 0 when either vector is zero (no direction to compare). */
export function cosineSimilarity(a: Vector, b: Vector): number {
  const norms = Math.sqrt(dot(a, a)) * Math.sqrt(dot(b, b));
  return norms === 0 ? 0 : dot(a, b) / norms;
}

/** 1 − cosine similarity, in [0, 2]: the distance targets use (docs/ARCHITECTURE.md §4). */
export function cosineDistance(a: Vector, b: Vector): number {
  return 1 - cosineSimilarity(a, b);
}
