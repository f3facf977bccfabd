/**
 * ROUGE-1 and ROUGE-L F-measures (β = 1), with the tokenisation of Google's rouge-score package without
 * stemming: lowercase, every run of characters other than a–z and 0–9 is a separator.
 */
export type RougeScore = { precision: number; recall: number; f: number };

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((token) => token.length > 0);
}

function score(overlap: number, candidateLength: number, referenceLength: number): RougeScore {
  const precision = candidateLength === 0 ? 0 : overlap / candidateLength;
  const recall = referenceLength === 0 ? 0 : overlap / referenceLength;
  const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f };
}

/** Unigram overlap, each token counted at most as often as it appears in both texts. */
export function rouge1(reference: string, candidate: string): RougeScore {
  const ref = rougeTokens(reference);
  const cand = rougeTokens(candidate);
  const counts = new Map<string, number>();
  for (const token of ref) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of cand) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  return score(overlap, cand.length, ref.length);
}

export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

export function rougeL(reference: string, candidate: string): RougeScore {
  const ref = rougeTokens(reference);
  const cand = rougeTokens(candidate);
  return score(longestCommonSubsequence(ref, cand), cand.length, ref.length);
}
