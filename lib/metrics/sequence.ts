/**
 * Assembles one scored sequence from tokenized segments: BOS, then the segments in order, cut to the
 * model's context. Only target segments' tokens are scored, and only their bytes count.
 */
export type TokenizedSegment = { ids: readonly number[]; target: boolean; bytes: number };

export type PreparedSequence = {
  ids: number[];
  isTarget: boolean[];
  targetBytes: number;
  /** Set when the example was longer than the context and its end was dropped. */
  truncated?: { fromTokens: number; toTokens: number };
};

/**
 * `bytesOf` gives the UTF-8 length of a partial segment (the tokens kept when one is cut). Without a BOS
 * the first token has no prediction, so it is context only and its bytes do not count.
 */
export function assembleSequence(
  bosId: number | null,
  segments: readonly TokenizedSegment[],
  maxTokens: number,
  bytesOf: (ids: readonly number[]) => number,
): PreparedSequence {
  const ids: number[] = bosId === null ? [] : [bosId];
  const isTarget: boolean[] = bosId === null ? [] : [false];
  let targetBytes = 0;
  let fullLength = ids.length;
  for (const segment of segments) {
    fullLength += segment.ids.length;
    const kept = segment.ids.slice(0, Math.max(0, maxTokens - ids.length));
    ids.push(...kept);
    kept.forEach(() => isTarget.push(segment.target));
    if (segment.target) targetBytes += kept.length === segment.ids.length ? segment.bytes : bytesOf(kept);
  }
  if (bosId === null && isTarget[0]) {
    isTarget[0] = false;
    targetBytes -= bytesOf(ids.slice(0, 1));
  }
  const sequence: PreparedSequence = { ids, isTarget, targetBytes };
  if (fullLength > ids.length) sequence.truncated = { fromTokens: fullLength, toTokens: ids.length };
  return sequence;
}
