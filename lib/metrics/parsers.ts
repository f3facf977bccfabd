/**
 * Parsers for the scorer's inputs: chat JSONL, reference JSONL (SN1), labelled CSV and plain text.
 * Each throws an InputError that says what is wrong and, for line formats, on which line.
 */
import type { ChatMessage, ChatRole } from "./chat";
import { InputError } from "./errors";

export type ChatExample = { messages: ChatMessage[] };
export type TextExample = { text: string };
export type LabelledExample = { text: string; label: string };
export type ReferenceExample = { query: string; reference: string; response?: string };

export type Dataset =
  | { format: "chat"; examples: ChatExample[] }
  | { format: "text"; examples: TextExample[] }
  | { format: "labelled"; examples: LabelledExample[]; labels: string[] }
  | { format: "reference"; examples: ReferenceExample[] };

export type DatasetFormat = Dataset["format"];

/** Decodes file bytes as UTF-8 text, refusing empty and binary files. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError("empty", "The file is empty.");
  if (bytes.includes(0))
    throw new InputError("binary", "This looks like a binary file (it contains NUL bytes), not text.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError("binary", "This is not UTF-8 text; binary files cannot be scored.");
  }
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 100)) {
    throw new InputError(
      "binary",
      "This looks like a binary file (it is full of control characters), not text.",
    );
  }
  if (text.trim().length === 0) throw new InputError("empty", "The file contains only whitespace.");
  return text.replace(/^\ufeff/, "");
}

type JsonObject = Record<string, unknown>;

function jsonLines(text: string): { line: number; value: JsonObject }[] {
  const rows: { line: number; value: JsonObject }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError("malformed_jsonl", `Line ${line} is not valid JSON: ${reason}`, line);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError("malformed_jsonl", `Line ${line} must be a JSON object.`, line);
    }
    rows.push({ line, value: value as JsonObject });
  });
  if (rows.length === 0) throw new InputError("no_examples", "The file has no JSON lines.");
  return rows;
}

const ROLES: readonly ChatRole[] = ["system", "user", "assistant"];

function chatMessages(value: JsonObject, line: number): ChatMessage[] {
  if (typeof value.prompt === "string" && typeof value.completion === "string") {
    return [
      { role: "user", content: value.prompt },
      { role: "assistant", content: value.completion },
    ];
  }
  const messages = value.messages;
  if (!Array.isArray(messages)) {
    throw new InputError(
      "malformed_jsonl",
      `Line ${line} needs a "messages" array (or "prompt" and "completion").`,
      line,
    );
  }
  const parsed = messages.map((message: unknown, i): ChatMessage => {
    const m = (typeof message === "object" && message !== null ? message : {}) as JsonObject;
    const role = ROLES.find((r) => r === m.role);
    if (!role || typeof m.content !== "string") {
      throw new InputError(
        "malformed_jsonl",
        `Line ${line}, message ${i + 1}: needs a role (system, user or assistant) and a string content.`,
        line,
      );
    }
    return { role, content: m.content };
  });
  if (!parsed.some((m) => m.role === "assistant")) {
    throw new InputError(
      "malformed_jsonl",
      `Line ${line} has no assistant message, so nothing to score.`,
      line,
    );
  }
  return parsed;
}

export function parseChatJsonl(text: string): Dataset & { format: "chat" } {
  return {
    format: "chat",
    examples: jsonLines(text).map(({ line, value }) => ({ messages: chatMessages(value, line) })),
  };
}

export function parseReferenceJsonl(text: string): Dataset & { format: "reference" } {
  const examples = jsonLines(text).map(({ line, value }): ReferenceExample => {
    if (typeof value.query !== "string" || typeof value.reference !== "string") {
      throw new InputError(
        "malformed_jsonl",
        `Line ${line} needs string "query" and "reference" fields.`,
        line,
      );
    }
    if (value.response !== undefined && typeof value.response !== "string") {
      throw new InputError(
        "malformed_jsonl",
        `Line ${line}: "response" must be a string when present.`,
        line,
      );
    }
    return {
      query: value.query,
      reference: value.reference,
      ...(typeof value.response === "string" ? { response: value.response } : {}),
    };
  });
  return { format: "reference", examples };
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines. Returns [line, fields][]. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || (fields[0] ?? "").trim().length > 0) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted)
    throw new InputError("malformed_csv", `Line ${recordLine}: a quoted field is never closed.`, recordLine);
  endRecord();
  return records;
}

export function parseLabelledCsv(text: string): Dataset & { format: "labelled" } {
  const [header, ...rows] = csvRecords(text);
  if (!header) throw new InputError("no_examples", "The CSV file has no rows.");
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const textColumn = names.indexOf("text");
  const labelColumn = names.indexOf("label");
  if (textColumn < 0 || labelColumn < 0) {
    throw new InputError("malformed_csv", 'Line 1 must be a header with "text" and "label" columns.', 1);
  }
  const examples = rows.map(({ line, fields }): LabelledExample => {
    if (fields.length !== names.length) {
      throw new InputError(
        "malformed_csv",
        `Line ${line} has ${fields.length} fields; the header has ${names.length}.`,
        line,
      );
    }
    const label = (fields[labelColumn] ?? "").trim();
    if (label.length === 0) throw new InputError("malformed_csv", `Line ${line} has an empty label.`, line);
    return { text: fields[textColumn] ?? "", label };
  });
  if (examples.length === 0)
    throw new InputError("no_examples", "The CSV file has a header but no examples.");
  const labels = [...new Set(examples.map((example) => example.label))];
  if (labels.length < 2)
    throw new InputError("malformed_csv", "A labelled set needs at least two different labels.");
  return { format: "labelled", examples, labels };
}

/** Plain text: each paragraph (separated by blank lines) is one example. */
export function parsePlainText(text: string): Dataset & { format: "text" } {
  const examples = text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => ({ text: paragraph }));
  if (examples.length === 0) throw new InputError("empty", "The text is empty.");
  return { format: "text", examples };
}

/** Guesses the format from the file name, then from the first JSON line's fields. */
export function detectFormat(text: string, fileName = ""): DatasetFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv")) return "labelled";
  const firstLine =
    text
      .split(/\r?\n/)
      .find((line) => line.trim().length > 0)
      ?.trim() ?? "";
  if (name.endsWith(".jsonl") || name.endsWith(".json") || firstLine.startsWith("{")) {
    return /"(query|reference)"\s*:/.test(firstLine) ? "reference" : "chat";
  }
  return "text";
}

export function parseDataset(
  input: Uint8Array | string,
  options: { fileName?: string; format?: DatasetFormat } = {},
): Dataset {
  const text = typeof input === "string" ? decodeText(new TextEncoder().encode(input)) : decodeText(input);
  const format = options.format ?? detectFormat(text, options.fileName);
  switch (format) {
    case "chat":
      return parseChatJsonl(text);
    case "reference":
      return parseReferenceJsonl(text);
    case "labelled":
      return parseLabelledCsv(text);
    case "text":
      return parsePlainText(text);
  }
}
