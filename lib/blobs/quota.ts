/**
 * Quota accounting, pure: who stored how many bytes when, what is in use in the rolling window, and whether
 * one more upload fits the per-address quota and the store's total cap.
 */
import { BlobError } from "./errors";

export const DAY_SECONDS = 86_400;

/** One stored blob charged to an address (`at` in unix seconds). */
export type QuotaEntry = { address: string; sha256: string; size: number; at: number };

export type QuotaLimits = {
  /** Bytes one address may store per rolling window. */
  quotaBytes: number;
  /** Bytes the whole store may hold. */
  totalBytes: number;
  windowSeconds: number;
};

/** Entries still inside the window ending at `now`. */
export function pruneEntries(
  entries: readonly QuotaEntry[],
  now: number,
  windowSeconds: number,
): QuotaEntry[] {
  return entries.filter((e) => e.at > now - windowSeconds);
}

/** Bytes `address` stored in the window ending at `now`. */
export function usedInWindow(
  entries: readonly QuotaEntry[],
  address: string,
  now: number,
  windowSeconds: number,
): number {
  const who = address.toLowerCase();
  return pruneEntries(entries, now, windowSeconds)
    .filter((e) => e.address === who)
    .reduce((sum, e) => sum + e.size, 0);
}

/**
 * The earliest time at which `address` has room for `size` more bytes (its oldest entries leave the window),
 * or undefined when even an empty window would not fit it.
 */
export function quotaFreesAt(
  entries: readonly QuotaEntry[],
  address: string,
  size: number,
  pending: number,
  now: number,
  limits: QuotaLimits,
): number | undefined {
  if (size + pending > limits.quotaBytes) return undefined;
  const who = address.toLowerCase();
  const mine = pruneEntries(entries, now, limits.windowSeconds)
    .filter((e) => e.address === who)
    .sort((a, b) => a.at - b.at);
  let used = mine.reduce((sum, e) => sum + e.size, 0) + pending;
  if (used + size <= limits.quotaBytes) return now;
  for (const entry of mine) {
    used -= entry.size;
    if (used + size <= limits.quotaBytes) return entry.at + limits.windowSeconds;
  }
  return undefined;
}

export type QuotaUsage = {
  /** Bytes the address stored in the window plus its uploads in flight. */
  addressBytes: number;
  /** Bytes in the store plus all uploads in flight. */
  storeBytes: number;
};

/** Throws quota_exceeded or store_full when `size` more bytes for `address` would not fit. */
export function checkQuota(
  entries: readonly QuotaEntry[],
  address: string,
  size: number,
  usage: QuotaUsage,
  now: number,
  limits: QuotaLimits,
): void {
  if (usage.addressBytes + size > limits.quotaBytes) {
    const pending = usage.addressBytes - usedInWindow(entries, address, now, limits.windowSeconds);
    const retryAt = quotaFreesAt(entries, address, size, pending, now, limits);
    throw new BlobError(
      "quota_exceeded",
      `This address may store ${limits.quotaBytes} bytes per day; it has used ${usage.addressBytes}, and this upload needs ${size} more.`,
      {
        quotaBytes: limits.quotaBytes,
        usedBytes: usage.addressBytes,
        size,
        ...(retryAt === undefined ? {} : { retryAt }),
      },
    );
  }
  if (usage.storeBytes + size > limits.totalBytes) {
    throw new BlobError(
      "store_full",
      `The blob store is full (${usage.storeBytes} of ${limits.totalBytes} bytes); this upload needs ${size} more.`,
      { totalBytes: limits.totalBytes, storeBytes: usage.storeBytes, size },
    );
  }
}
