import { labelledSegments, renderChat } from "../metrics/chat";
import type { Dataset } from "../metrics/parsers";

/**
 * The text a benchmark reads for a dataset: each example as the scorer shows it to the model (chat turns as
 * "User: …\nAssistant: …", a labelled row as its question and answer, plain text as it is), one after another.
 * Not the file's bytes: JSON syntax is text no model here was trained on, and a benchmark over it reports a
 * bits-per-byte several times the score's (6.78 against 1.13 for arena-lm-small on chat.jsonl). Undefined
 * for data the language-model loss does not read (reference pairs): the benchmark then uses seeded tokens.
 */
export function benchmarkText(dataset: Dataset): string | undefined {
  switch (dataset.format) {
    case "chat":
      return dataset.examples.map((e) => renderChat(e.messages)).join("\n");
    case "labelled":
      return dataset.examples
        .map((e) =>
          labelledSegments(e.text, e.label)
            .map((s) => s.text)
            .join(""),
        )
        .join("\n");
    case "text":
      return dataset.examples.map((e) => e.text).join("\n\n");
    case "reference":
      return undefined;
  }
}
