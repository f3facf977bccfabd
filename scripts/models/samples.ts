/**
 * Small held-out files in each input format the scorer reads, written to public/models/samples/ so the
 * scorer page and the tests have real data to score. None of it overlaps the training stream's seed.
 */
import { renderChat } from "../../lib/metrics/chat";
import { HELD_OUT_SEED } from "../../lib/scoring/shipped-models";
import { generateConversations, generateReviews } from "./corpus";

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function heldOutConversations(count: number): ReturnType<typeof generateConversations> {
  return generateConversations(HELD_OUT_SEED, count);
}

/** Bytes (= tokens for the shipped byte-level models) of the fixed benchmark file. */
export const BENCH_BYTES = 100_000;

/** The benchmark's evaluation text: held-out conversations, cut to exactly BENCH_BYTES of ASCII. */
export function benchmarkText(): string {
  const parts: string[] = [];
  let length = 0;
  for (let batch = 0; length < BENCH_BYTES; batch++) {
    for (const conversation of generateConversations(HELD_OUT_SEED + 100 + batch, 200)) {
      const text = renderChat(conversation);
      parts.push(text);
      length += text.length;
    }
  }
  return parts.join("").slice(0, BENCH_BYTES);
}

export function sampleFiles(): [string, string][] {
  const chats = heldOutConversations(60);
  const chatJsonl = chats.map((messages) => JSON.stringify({ messages })).join("\n") + "\n";
  const plain = generateConversations(HELD_OUT_SEED + 1, 30)
    .map(renderChat)
    .join("\n");
  const reviews = generateReviews(HELD_OUT_SEED + 2, 40);
  const csv =
    ["text,label", ...reviews.map((r) => `${csvField(r.text)},${csvField(r.label)}`)].join("\n") + "\n";
  const references = generateConversations(HELD_OUT_SEED + 3, 20).map((messages) => {
    const [user, assistant] = messages;
    return JSON.stringify({ query: user?.content ?? "", reference: assistant?.content ?? "" });
  });
  return [
    ["chat.jsonl", chatJsonl],
    ["plain.txt", plain],
    ["reviews.csv", csv],
    ["reference.jsonl", references.join("\n") + "\n"],
    ["bench-100k.txt", benchmarkText()],
  ];
}
