import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDataset } from "../metrics/parsers";
import { benchmarkText } from "./benchmarkText";

const parse = (text: string, fileName: string) => parseDataset(new TextEncoder().encode(text), { fileName });

test("a chat file is benchmarked as the turns the model reads, not as its JSON", () => {
  const chat = parse(
    [
      '{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."}]}',
      '{"messages":[{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"}]}',
    ].join("\n"),
    "chat.jsonl",
  );
  const text = benchmarkText(chat)!;
  assert.equal(text, "User: Hi\nAssistant: Hello.\n\nUser: 2+2?\nAssistant: 4\n");
  assert.doesNotMatch(text, /[{}"]/);
});

test("plain text keeps its paragraphs; reference pairs have no language-model text", () => {
  assert.equal(benchmarkText(parse("One.\n\nTwo.", "plain.txt")), "One.\n\nTwo.");
  const reference = parse('{"query":"q","reference":"r"}', "reference.jsonl");
  assert.equal(reference.format, "reference");
  assert.equal(benchmarkText(reference), undefined);
});
