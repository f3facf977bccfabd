import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultMetric, formatBytes, metricFits, parseInput, parseVector } from "./inputs";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("scorer form input", () => {
  it("is nothing (not an error) until a file or some text is given", () => {
    assert.equal(parseInput(null, "", "auto"), null);
    assert.equal(parseInput(null, "  \n\t ", "auto"), null);
  });

  it("parses pasted text, detecting the format or taking the one chosen", () => {
    const chat = parseInput(
      null,
      '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n',
      "auto",
    );
    assert.ok(chat && "dataset" in chat);
    assert.equal(chat.dataset.format, "chat");
    const text = parseInput(null, "just some words", "text");
    assert.ok(text && "dataset" in text);
    assert.deepEqual(text.dataset, { format: "text", examples: [{ text: "just some words" }] });
  });

  it("takes the file over the pasted text, and reads its format from its name", () => {
    const file = { name: "reviews.csv", bytes: bytes("text,label\ngreat film,pos\nawful,neg\n") };
    const parsed = parseInput(file, "ignored pasted text", "auto");
    assert.ok(parsed && "dataset" in parsed);
    assert.equal(parsed.dataset.format, "labelled");
    assert.equal(parsed.dataset.examples.length, 2);
  });

  it("turns a parse failure into an input error that names the line", () => {
    const parsed = parseInput(null, '{"messages":[]}\nnot json\n', "chat");
    assert.ok(parsed && "error" in parsed);
    assert.equal(parsed.error.code, "malformed_jsonl");
    assert.equal(parsed.error.line, 2);
    assert.match(parsed.error.message, /Line 2/);
  });

  it("refuses an empty or binary file with the parser's reason", () => {
    const empty = parseInput({ name: "a.txt", bytes: new Uint8Array() }, "", "auto");
    assert.ok(empty && "error" in empty);
    assert.equal(empty.error.code, "empty");
    const binary = parseInput({ name: "a.bin", bytes: new Uint8Array([104, 0, 105]) }, "", "auto");
    assert.ok(binary && "error" in binary);
    assert.equal(binary.error.code, "binary");
  });
});

describe("metric for a format", () => {
  it("defaults to the metric each format is scored with", () => {
    assert.equal(defaultMetric("reference"), "reference_similarity");
    assert.equal(defaultMetric("labelled"), "accuracy");
    assert.equal(defaultMetric("chat"), "loss");
    assert.equal(defaultMetric("text"), "loss");
    assert.equal(defaultMetric(undefined), "loss");
  });

  it("fits reference similarity only to reference data, accuracy only to labelled data", () => {
    const formats = ["chat", "text", "labelled", "reference"] as const;
    const fits = (metric: Parameters<typeof metricFits>[0]) => formats.filter((f) => metricFits(metric, f));
    assert.deepEqual(fits("reference_similarity"), ["reference"]);
    assert.deepEqual(fits("accuracy"), ["labelled"]);
    assert.deepEqual(fits("loss"), ["chat", "text", "labelled"]);
    assert.deepEqual(fits("embedding"), ["chat", "text", "labelled"]);
    // The default metric always fits its format.
    for (const f of formats) assert.ok(metricFits(defaultMetric(f), f), f);
  });
});

describe("target vector", () => {
  it("reads a JSON array, commas or spaces; empty is no vector", () => {
    assert.deepEqual(parseVector("[0.5, -1, 2e-3]"), { vector: [0.5, -1, 0.002] });
    assert.deepEqual(parseVector("1,2,3"), { vector: [1, 2, 3] });
    assert.deepEqual(parseVector(" 1  2\n3 "), { vector: [1, 2, 3] });
    assert.deepEqual(parseVector("   "), {});
    assert.deepEqual(parseVector("[]"), {});
  });

  it("names the first item that is not a number", () => {
    assert.deepEqual(parseVector("1, two, 3"), { error: 'Target vector: item 2 ("two") is not a number.' });
    assert.match(parseVector("1 Infinity").error ?? "", /item 2 \("Infinity"\)/);
  });
});

describe("file sizes", () => {
  it("reads in B, kB and MB", () => {
    assert.equal(formatBytes(0), "0 B");
    assert.equal(formatBytes(1023), "1023 B");
    assert.equal(formatBytes(1024), "1.0 kB");
    assert.equal(formatBytes(1536), "1.5 kB");
    assert.equal(formatBytes(5 * 1024 ** 2), "5.0 MB");
  });
});
