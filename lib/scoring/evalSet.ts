/**
 * SHIM (helper B's branch only): helper A's lib/scoring/evalSet.ts replaces this file at the merge. Same
 * signature as interface 1: fetches the set, refuses bytes whose sha256 differs, parses it.
 */
import { sha256, type Hex } from "viem";
import { parseDataset, type Dataset } from "../metrics/parsers";
import { ScorerError } from "./errors";

export async function fetchVerifiedEvalSet(
  url: string,
  expectedSha256: Hex,
  opts: { signal?: AbortSignal } = {},
): Promise<Dataset> {
  const response = await fetch(url, opts.signal ? { signal: opts.signal } : {});
  if (!response.ok)
    throw new ScorerError("internal", `Could not fetch the evaluation set ${url} (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = sha256(bytes);
  if (actual.toLowerCase() !== expectedSha256.toLowerCase())
    throw new ScorerError(
      "internal",
      `The evaluation set ${url} hashes to ${actual}, not ${expectedSha256}.`,
    );
  const fileName = new URL(url, "http://localhost").pathname.split("/").pop() ?? "";
  return parseDataset(bytes, { fileName });
}
