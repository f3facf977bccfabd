import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { renderChat } from "../metrics/chat";
import { parseDataset, type Dataset } from "../metrics/parsers";
import { cosineDistance } from "../metrics/vectors";
import type { LossExample } from "./protocol";
import { nodeEnvironment, SHIPPED_MODELS_DIR } from "./node-files";
import { Scorer } from "./scorer";

const LMS = ["arena-lm-tiny", "arena-lm-small", "arena-lm-base"] as const;

async function sample(name: string): Promise<Dataset> {
  return parseDataset(await readFile(path.join(SHIPPED_MODELS_DIR, "samples", name)), { fileName: name });
}

const relClose = (a: number, b: number, tol: number): boolean =>
  Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

describe("Scorer on the shipped models (onnxruntime-node)", () => {
  const scorers = new Map<string, Scorer>();
  let chat: Dataset;

  before(async () => {
    for (const id of [...LMS, "arena-embed"])
      scorers.set(id, await Scorer.load({ kind: "local", id }, "cpu", nodeEnvironment()));
    chat = await sample("chat.jsonl");
  });
  after(async () => {
    for (const scorer of scorers.values()) await scorer.dispose();
  });
  const get = (id: string): Scorer => {
    const scorer = scorers.get(id);
    assert.ok(scorer, id);
    return scorer;
  };

  it("loads through transformers.js and reports the model's shape", () => {
    const info = get("arena-lm-base").info;
    assert.equal(info.vocabSize, 257);
    assert.equal(info.hiddenSize, 96);
    assert.equal(info.contextLength, 1024);
    assert.ok(info.hasLmHead && info.hasHiddenStates);
    const embed = get("arena-embed").info;
    assert.ok(!embed.hasLmHead && embed.hasHiddenStates);
  });

  it("better-trained models get lower BPB on held-out chat and plain text", async () => {
    const plain = await sample("plain.txt");
    for (const dataset of [chat, plain]) {
      const bpb: number[] = [];
      for (const id of LMS) bpb.push((await get(id).score({ metric: "loss", dataset })).totals.value);
      const [tiny, small, base] = bpb as [number, number, number];
      assert.ok(tiny > small * 1.5 && small > base * 1.2, `BPB not ordered by training: ${bpb.join(", ")}`);
      assert.ok(base < 1, `arena-lm-base BPB ${base} should be well under 1 bit per byte`);
    }
  });

  it("BPB equals a reference computation from the raw logits (assistant turns only)", async () => {
    const scorer = get("arena-lm-small");
    assert.equal(chat.format, "chat");
    if (chat.format !== "chat") return;
    const example = chat.examples[3];
    assert.ok(example);
    const result = await scorer.score({ metric: "loss", dataset: { format: "chat", examples: [example] } });

    // Byte-level tokenizer: token i + 1 is byte i of the rendered text, after BOS (id 256).
    const text = renderChat(example.messages);
    const bytes = new TextEncoder().encode(text);
    const ids = [256, ...bytes];
    const { logits } = await scorer.forward(ids);
    assert.ok(logits);
    const targetByte = new Array<boolean>(bytes.length).fill(false);
    let offset = 0;
    for (const message of example.messages) {
      const prefix = new TextEncoder().encode(
        `${message.role === "user" ? "User" : message.role === "assistant" ? "Assistant" : "System"}: `,
      ).length;
      const content = new TextEncoder().encode(message.content).length;
      if (message.role === "assistant") targetByte.fill(true, offset + prefix, offset + prefix + content);
      offset += prefix + content + 1;
    }
    let nll = 0;
    let targetBytes = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (!targetByte[i]) continue;
      const row = Array.from(logits.subarray(i * 257, (i + 1) * 257));
      const logSumExp = Math.log(row.reduce((sum, x) => sum + Math.exp(x), 0));
      nll += logSumExp - (row[bytes[i] as number] as number);
      targetBytes++;
    }
    const expected = nll / Math.log(2) / targetBytes;
    assert.equal(result.totals.targetBytes, targetBytes);
    assert.ok(relClose(result.totals.value, expected, 1e-9), `${result.totals.value} vs ${expected}`);
    const first = result.examples[0] as LossExample;
    assert.ok(relClose(first.bpb, expected, 1e-9));
  });

  it("embeds by mean-pooling hidden states; the embedding model shares arena-lm-base's", async () => {
    const base = get("arena-lm-base");
    const text = "User: What is the capital of Peru?\n";
    const { embedding, tokens } = await base.embed(text);
    assert.equal(embedding.length, 96);
    assert.equal(tokens, new TextEncoder().encode(text).length + 1);
    const { hidden } = await base.forward([256, ...new TextEncoder().encode(text)]);
    assert.ok(hidden);
    for (const d of [0, 17, 95]) {
      let mean = 0;
      for (let t = 0; t < tokens; t++) mean += (hidden[t * 96 + d] as number) / tokens;
      assert.ok(Math.abs(mean - (embedding[d] as number)) < 1e-9);
    }
    const fromEmbedModel = (await get("arena-embed").embed(text)).embedding;
    assert.ok(cosineDistance(embedding, fromEmbedModel) < 1e-9);
    const empty = (await base.embed("")).embedding;
    assert.equal(empty.length, 96);
    const similar = (await base.embed("User: What is the capital of Chile?\n")).embedding;
    const different = (await base.embed("Assistant: 3, 4, 5, 6.\n")).embedding;
    assert.ok(cosineDistance(embedding, similar) < cosineDistance(embedding, different));

    const result = await base.score({
      metric: "embedding",
      dataset: { format: "text", examples: [{ text }] },
      targetVector: [...embedding],
    });
    assert.ok(Math.abs(result.totals.distance ?? 1) < 1e-9);
  });

  it("accuracy on the labelled review set follows training", async () => {
    const reviews = await sample("reviews.csv");
    const base = await get("arena-lm-base").score({ metric: "accuracy", dataset: reviews });
    const tiny = await get("arena-lm-tiny").score({ metric: "accuracy", dataset: reviews });
    assert.equal(base.examples.length, 40);
    assert.ok(base.totals.value >= 0.85, `base accuracy ${base.totals.value}`);
    assert.ok(
      base.totals.value > tiny.totals.value,
      `base ${base.totals.value} vs tiny ${tiny.totals.value}`,
    );
  });

  it("reference similarity: base answers the persona challenges better than tiny", async () => {
    const references = await sample("reference.jsonl");
    const small = { ...references, examples: references.examples.slice(0, 6) } as Dataset;
    const embedder = get("arena-embed");
    const base = await get("arena-lm-base").score(
      { metric: "reference_similarity", dataset: small, seed: 5 },
      { embedder },
    );
    const tiny = await get("arena-lm-tiny").score(
      { metric: "reference_similarity", dataset: small, seed: 5 },
      { embedder },
    );
    const first = base.examples[0];
    assert.ok(first?.metric === "reference_similarity" && first.generated && first.challenge.length > 0);
    assert.ok(
      base.totals.value > tiny.totals.value,
      `base ${base.totals.value} vs tiny ${tiny.totals.value}`,
    );
    assert.ok(base.totals.value > 0.3, `base ${base.totals.value}`);
  });

  it("truncates examples longer than the context and says so", async () => {
    const long = "Assistant: 1, 2, 3, 4, 5.\n".repeat(80);
    const result = await get("arena-lm-base").score({
      metric: "loss",
      dataset: { format: "text", examples: [{ text: long }] },
      maxTokens: 100,
    });
    const example = result.examples[0] as LossExample;
    assert.deepEqual(example.truncated, { fromTokens: long.length + 1, toTokens: 100 });
    assert.equal(example.targetBytes, 99);
    assert.equal(result.totals.truncatedExamples, 1);
  });

  it("refuses loss on an embedding-only model and stops when cancelled", async () => {
    await assert.rejects(get("arena-embed").score({ metric: "loss", dataset: chat }), {
      code: "unsupported_model",
    });
    await assert.rejects(get("arena-lm-base").score({ metric: "accuracy", dataset: chat }), {
      code: "wrong_format",
    });
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      get("arena-lm-base").score(
        { metric: "loss", dataset: chat },
        { signal: controller.signal, onExample: () => ++seen === 3 && controller.abort() },
      ),
      { code: "cancelled" },
    );
    assert.equal(seen, 3);
  });
});
