/**
 * Effective APY of delegating to a pool (docs/ARCHITECTURE.md §3.6): eAPY = (1 + R_t)^365 − 1, R_t the mean daily return
 * per staked token over the window. Pools younger than 14 days are flagged: their figure rests on few epochs.
 */
export type ReturnSample = {
  /** When the reward was credited (seconds). */
  timestamp: number;
  /** Reward per staked token credited then (e.g. 0.002 = 0.2 %). */
  perToken: number;
};

export type EApy = {
  /** eAPY as a fraction (0.12 = 12 %), or null when the pool has no history yet. */
  apy: number | null;
  /** Mean daily return per token over the window. */
  dailyReturn: number;
  /** Days the figure covers: the window, or the pool's age when it is younger. */
  days: number;
  young: boolean;
};

const DAY = 86_400;
export const YOUNG_POOL_DAYS = 14;

export function effectiveApy(
  samples: readonly ReturnSample[],
  now: number,
  windowDays: number,
  since: number,
): EApy {
  const ageDays = Math.max(0, (now - since) / DAY);
  const days = Math.min(windowDays, ageDays);
  const young = ageDays < YOUNG_POOL_DAYS;
  if (days <= 0) return { apy: null, dailyReturn: 0, days: 0, young };
  const from = now - days * DAY;
  const total = samples
    .filter((s) => s.timestamp > from && s.timestamp <= now)
    .reduce((a, s) => a + s.perToken, 0);
  const dailyReturn = total / days;
  return { apy: Math.pow(1 + dailyReturn, 365) - 1, dailyReturn, days, young };
}

/** Stake growth over the last week as a fraction (0.1 = +10 %), or null without stake a week ago. */
export function weeklyGrowth(stakeNow: bigint, stakeWeekAgo: bigint): number | null {
  if (stakeWeekAgo === 0n) return null;
  return Number(((stakeNow - stakeWeekAgo) * 1_000_000n) / stakeWeekAgo) / 1_000_000;
}
