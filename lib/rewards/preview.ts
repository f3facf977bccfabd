/**
 * Small previews for the app: what a creator's α and β imply for Sybil splitting (docs/ARCHITECTURE.md §8) and the
 * delegate page's effective APY (§3.6).
 */

/**
 * Weight gained by splitting one stake across k identities when weight grows as stake^α: k·(s/k)^α / s^α =
 * k^(1−α). α = 1 gains nothing; α = 0.5 doubles the weight of four identities.
 */
export function splitGain(identities: number, alpha: number): number {
  if (!Number.isInteger(identities) || identities < 1)
    throw new RangeError("identities must be a positive integer");
  if (alpha < 0 || alpha > 1) throw new RangeError("alpha must be in [0, 1]");
  return identities ** (1 - alpha);
}

/** eAPY = (1 + R_t)^365 − 1, with R_t the mean daily return per staked token. */
export function effectiveApy(meanDailyReturn: number): number {
  return (1 + meanDailyReturn) ** 365 - 1;
}

/** Mean daily return per staked token from daily (reward, stake) samples; NaN without samples. */
export function meanDailyReturn(days: readonly { reward: number; stake: number }[]): number {
  const usable = days.filter((d) => d.stake > 0);
  if (usable.length === 0) return Number.NaN;
  return usable.reduce((sum, d) => sum + d.reward / d.stake, 0) / usable.length;
}
