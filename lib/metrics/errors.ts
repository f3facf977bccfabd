/** Errors about the data a user gave the scorer; `line` is 1-based where a line is to blame. */
export type InputErrorCode = "empty" | "binary" | "malformed_jsonl" | "malformed_csv" | "no_examples";

export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
