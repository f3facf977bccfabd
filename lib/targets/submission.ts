import type { Hex } from "viem";
import { formatNumber } from "../format";
import { microToNumber, numberToMicro } from "../units";
import { cosineDistanceMicro, pack, quantize } from "./vector";

export type ModelScore = { modelId: number; name: string; loss: number; embedding: readonly number[] };

export type SubmissionPlan = {
  scores: (ModelScore & { distance: bigint })[];
  winner: ModelScore & { distance: bigint };
  /** Loss in micro bits per byte, as submitted. */
  lossMicro: bigint;
  embedding: bigint[];
  packedEmbedding: Hex;
  /** Cosine distance (micro units) that the contract will recompute. */
  distance: bigint;
  threshold: bigint;
  accepted: boolean;
  reason?: string;
};

/** A value in micro units (a distance, a threshold, a loss in micro bits per byte) as a 4-decimal number. */
export const formatMicro = (micro: bigint): string => formatNumber(microToNumber(micro), 4);

/**
 * What a submission would be: the lowest-loss model wins (ties to the earlier model), its embedding of the data
 * becomes the submission's embedding, and the contract accepts it when the distance is within the threshold.
 */
export function planSubmission(
  scores: readonly ModelScore[],
  target: readonly bigint[],
  threshold: bigint,
): SubmissionPlan {
  if (scores.length === 0) throw new Error("No model was scored");
  const withDistance = scores.map((s) => ({
    ...s,
    distance: cosineDistanceMicro(quantize(s.embedding), target),
  }));
  const winner = withDistance.reduce((best, s) => (s.loss < best.loss ? s : best));
  const embedding = quantize(winner.embedding);
  const distance = winner.distance;
  const accepted = distance <= threshold;
  return {
    scores: withDistance,
    winner,
    lossMicro: numberToMicro(winner.loss),
    embedding,
    packedEmbedding: pack(embedding),
    distance,
    threshold,
    accepted,
    ...(accepted
      ? {}
      : {
          reason: `The winning model (${winner.name}) puts your data at distance ${formatMicro(distance)}, outside the threshold ${formatMicro(threshold)}.`,
        }),
  };
}

/** Audits tolerate device differences: 1% relative or 0.01 absolute (docs/ARCHITECTURE.md §8). */
export function withinTolerance(claimed: number, measured: number): boolean {
  const diff = Math.abs(claimed - measured);
  return diff <= 0.01 || diff <= 0.01 * Math.max(Math.abs(claimed), Math.abs(measured));
}

export type AuditVerdict = { honest: boolean; reasons: string[] };

/** What the auditor fetched: the sha256 (0x-hex) and byte length of the data behind the submission's URI. */
export type FetchedBlob = { sha256: Hex; size: number };

/**
 * The data must be exactly what was declared on chain: its sha256 and its real byte length (the bond was taken
 * for that size). A mismatch is fraud that any validator auditing the fill may report.
 */
export function blobReasons(fetched: FetchedBlob, declared: { dataHash: Hex; dataSize: number }): string[] {
  const reasons: string[] = [];
  if (fetched.sha256.toLowerCase() !== declared.dataHash.toLowerCase()) {
    reasons.push(`The data's sha256 is ${fetched.sha256}, not the ${declared.dataHash} declared on chain.`);
  }
  if (fetched.size !== declared.dataSize) {
    reasons.push(`The data is ${fetched.size} bytes, not the ${declared.dataSize} bytes declared on chain.`);
  }
  return reasons;
}

/**
 * Compares a re-scored submission with what was claimed: the data's hash and size (when `blob` is given), the
 * winning model, its loss and the distance.
 */
export function auditSubmission(
  claimed: { loss: number; distance: number; modelId: number; dataHash?: Hex; dataSize?: number },
  rescored: { winnerModelId: number; loss: number; distance: number },
  blob?: FetchedBlob,
): AuditVerdict {
  const reasons: string[] =
    blob && claimed.dataHash !== undefined && claimed.dataSize !== undefined
      ? blobReasons(blob, { dataHash: claimed.dataHash, dataSize: claimed.dataSize })
      : [];
  if (rescored.winnerModelId !== claimed.modelId) {
    reasons.push(
      `Another assigned model (#${rescored.winnerModelId}) has a lower loss than the claimed winner.`,
    );
  }
  if (!withinTolerance(claimed.loss, rescored.loss)) {
    reasons.push(
      `Loss ${formatNumber(rescored.loss, 4)} measured, ${formatNumber(claimed.loss, 4)} claimed.`,
    );
  }
  if (!withinTolerance(claimed.distance, rescored.distance)) {
    reasons.push(
      `Distance ${formatNumber(rescored.distance, 4)} measured, ${formatNumber(claimed.distance, 4)} claimed.`,
    );
  }
  return { honest: reasons.length === 0, reasons };
}
