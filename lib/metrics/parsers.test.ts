import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "./errors";
import {
  decodeText,
  detectFormat,
  parseChatJsonl,
  parseDataset,
  parseLabelledCsv,
  parsePlainText,
  parseReferenceJsonl,
} from "./parsers";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function inputError(fn: () => unknown, code: string, line?: number): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.line, line);
    return true;
  });
}

describe("parsers", () => {
  it("refuses empty and binary files", () => {
    inputError(() => decodeText(new Uint8Array()), "empty");
    inputError(() => decodeText(bytes(" \n\t\n")), "empty");
    inputError(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), "binary");
    inputError(() => decodeText(new Uint8Array([0xff, 0xfe, 0xfd, 0x41])), "binary");
    inputError(
      () => decodeText(bytes("\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f")),
      "binary",
    );
    assert.equal(decodeText(bytes("\ufeffhi")), "hi");
  });

  it("parses chat JSONL and names the malformed line", () => {
    const good = [
      JSON.stringify({
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello" },
        ],
      }),
      "",
      JSON.stringify({ prompt: "2+2?", completion: "4" }),
    ].join("\n");
    const dataset = parseChatJsonl(good);
    assert.equal(dataset.examples.length, 2);
    assert.deepEqual(dataset.examples[1]?.messages[1], { role: "assistant", content: "4" });
    inputError(
      () =>
        parseChatJsonl(
          `${JSON.stringify({ messages: [{ role: "assistant", content: "a" }] })}\n{"messages": [`,
        ),
      "malformed_jsonl",
      2,
    );
    inputError(() => parseChatJsonl("[1, 2]"), "malformed_jsonl", 1);
    inputError(() => parseChatJsonl('{"messages":[{"role":"bot","content":"x"}]}'), "malformed_jsonl", 1);
    inputError(
      () => parseChatJsonl('\n\n{"messages":[{"role":"user","content":"x"}]}'),
      "malformed_jsonl",
      3,
    );
  });

  it("parses reference JSONL", () => {
    const dataset = parseReferenceJsonl(
      '{"query":"q","reference":"r"}\n{"query":"q2","reference":"r2","response":"x"}',
    );
    assert.deepEqual(dataset.examples, [
      { query: "q", reference: "r" },
      { query: "q2", reference: "r2", response: "x" },
    ]);
    inputError(() => parseReferenceJsonl('{"query":"q"}'), "malformed_jsonl", 1);
  });

  it("parses labelled CSV with quoted fields", () => {
    const csv =
      'text,label\n"Is it good? ""Yes, very.""",positive\nplain text,negative\r\n"two\nlines",negative\n';
    const dataset = parseLabelledCsv(csv);
    assert.deepEqual(dataset.labels, ["positive", "negative"]);
    assert.equal(dataset.examples[0]?.text, 'Is it good? "Yes, very."');
    assert.equal(dataset.examples[2]?.text, "two\nlines");
    inputError(() => parseLabelledCsv("words,tag\na,b"), "malformed_csv", 1);
    inputError(() => parseLabelledCsv("text,label\na,b\nc,d,e"), "malformed_csv", 3);
    inputError(() => parseLabelledCsv('text,label\n"open,b'), "malformed_csv", 2);
    inputError(() => parseLabelledCsv("text,label\na,x\nb,x"), "malformed_csv");
  });

  it("splits plain text into paragraphs and detects formats", () => {
    assert.deepEqual(parsePlainText("one\ntwo\n\n\nthree\n").examples, [
      { text: "one\ntwo" },
      { text: "three" },
    ]);
    assert.equal(detectFormat("a,b", "x.csv"), "labelled");
    assert.equal(detectFormat('{"messages":[]}'), "chat");
    assert.equal(detectFormat('{"query":"q","reference":"r"}', "set.jsonl"), "reference");
    assert.equal(detectFormat("Just some words."), "text");
    assert.equal(parseDataset("hello there").format, "text");
    inputError(() => parseDataset(new Uint8Array()), "empty");
  });
});
