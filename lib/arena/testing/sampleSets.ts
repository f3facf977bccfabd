import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";

/**
 * The evaluation sets shipped in public/models/samples/ with the sha256 of their bytes, for tests, seeds and
 * benchmarks (Node only): a task pointing at `/models/samples/<name>` carries the hash of that very file.
 */

const SAMPLES = fileURLToPath(new URL("../../../public/models/samples/", import.meta.url));

export type SampleSet = "chat.jsonl" | "plain.txt" | "reference.jsonl" | "reviews.csv" | "bench-100k.txt";

export const sampleSetURI = (name: SampleSet) => `/models/samples/${name}`;

/** sha256 of a file's bytes as a 0x-prefixed bytes32. */
export function fileSha256(path: string): Hex {
  return `0x${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
}

export function sampleSetSha256(name: SampleSet): Hex {
  return fileSha256(SAMPLES + name);
}
