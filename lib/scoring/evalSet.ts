/**
 * Evaluation sets bound to their bytes (issue 13): a task stores the sha256 of its public evaluation set at
 * creation and the creator reveals the held-back set's with it, so every scorer fetches the set, hashes what it
 * got and refuses to score anything else. Works in the browser and in Node (crypto.subtle, fetch).
 */
import type { Hex } from "viem";
import { parseDataset, type Dataset } from "../metrics/parsers";
import { connectRefusal } from "../security/appConnect";
import { ScorerError } from "./errors";
import { sha256Hex } from "./manifest";

export type EvalSetFetchOptions = {
  signal?: AbortSignal;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Resolves ipfs:// URIs (default https://ipfs.io/ipfs/). */
  ipfsGateway?: string;
};

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Where a data URI (an evaluation set, a target's submitted data) is fetched from in the browser: the app's blob
 * store for sha256:<hex>, a gateway for ipfs://, anything else as it is.
 */
export function evalSetFetchUrl(uri: string, ipfsGateway = "https://ipfs.io/ipfs/"): string {
  if (uri.startsWith("sha256:") && HEX64.test(uri.slice(7))) return `/api/blobs/${uri.slice(7)}`;
  if (uri.startsWith("ipfs://")) return `${ipfsGateway}${uri.slice(7)}`;
  return uri;
}

/** The set's bytes and their sha256; fails with `eval_set_unavailable` when it cannot be fetched. */
export async function fetchEvalSetBytes(
  uri: string,
  opts: EvalSetFetchOptions = {},
): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: Hex }> {
  const url = evalSetFetchUrl(uri, opts.ipfsGateway);
  const refused = connectRefusal(url);
  if (refused)
    throw new ScorerError("origin_not_allowed", `Cannot fetch the evaluation set ${uri}. ${refused}`);
  const get = opts.fetch ?? fetch;
  const response = await get(url, opts.signal ? { signal: opts.signal } : {}).catch((error: unknown) => {
    if (opts.signal?.aborted) throw new ScorerError("cancelled", "Cancelled.");
    throw new ScorerError(
      "eval_set_unavailable",
      `Could not fetch the evaluation set ${uri}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  if (!response.ok)
    throw new ScorerError(
      "eval_set_unavailable",
      `Could not fetch the evaluation set ${uri} (HTTP ${response.status}).`,
    );
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, sha256: await sha256Hex(bytes) };
}

function parseEvalSet(uri: string, bytes: Uint8Array, ipfsGateway: string | undefined): Dataset {
  const fileName = new URL(evalSetFetchUrl(uri, ipfsGateway), "http://localhost").pathname.split("/").pop();
  return parseDataset(bytes, { fileName: fileName ?? "" });
}

/** Fetches and parses an evaluation set (format from the file name, else sniffed), with the sha256 of its bytes. */
export async function fetchEvalSet(
  uri: string,
  opts: EvalSetFetchOptions = {},
): Promise<{ dataset: Dataset; sha256: Hex }> {
  const { bytes, sha256 } = await fetchEvalSetBytes(uri, opts);
  return { dataset: parseEvalSet(uri, bytes, opts.ipfsGateway), sha256 };
}

/**
 * Fetches an evaluation set, checks that its bytes hash to `expectedSha256` (the task's on-chain hash) and only
 * then parses it. A set that differs fails with `eval_set_mismatch`, naming both hashes, before anything is scored.
 */
export async function fetchVerifiedEvalSet(
  url: string,
  expectedSha256: Hex,
  opts: EvalSetFetchOptions = {},
): Promise<Dataset> {
  const { bytes, sha256 } = await fetchEvalSetBytes(url, opts);
  if (sha256.toLowerCase() !== expectedSha256.toLowerCase())
    throw new ScorerError(
      "eval_set_mismatch",
      `The evaluation set ${url} does not match the task: its sha256 is ${sha256}, the task's on-chain hash is ${expectedSha256}. Refusing to score on it.`,
    );
  return parseEvalSet(url, bytes, opts.ipfsGateway);
}
