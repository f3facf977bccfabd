/**
 * SN1-style reference similarity (docs/ARCHITECTURE.md §6):
 *   score = (0.5·ROUGE-1 F(ref, resp) + 0.5·max(0, cos(e(ref), e(resp)) − cos(e(ref), e(""))))
 *           · (1 − 0.5·ROUGE-1 F(challenge, resp))
 * The empty-string baseline removes the similarity any text has to the reference; the last factor punishes
 * answers that echo the prompt.
 */
import { rouge1 } from "./rouge";
import { cosineSimilarity, type Vector } from "./vectors";

export type ReferenceSimilarityInput = {
  challenge: string;
  reference: string;
  response: string;
  embeddings: { reference: Vector; response: Vector; empty: Vector };
};

export type ReferenceSimilarity = {
  rouge1: number;
  semantic: number;
  echo: number;
  score: number;
};

export function referenceSimilarity(input: ReferenceSimilarityInput): ReferenceSimilarity {
  const lexical = rouge1(input.reference, input.response).f;
  const { reference, response, empty } = input.embeddings;
  const semantic = Math.max(0, cosineSimilarity(reference, response) - cosineSimilarity(reference, empty));
  const echo = rouge1(input.challenge, input.response).f;
  return { rouge1: lexical, semantic, echo, score: (0.5 * lexical + 0.5 * semantic) * (1 - 0.5 * echo) };
}
