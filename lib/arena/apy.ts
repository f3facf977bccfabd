import { formatDuration, formatPercent } from "../format";

/**
 * What delegating to a pool paid (docs/ARCHITECTURE.md §3.6), as a yearly figure:
 * - APR = R_t · 365, the simple extrapolation of R_t, the mean daily return per staked token over the window;
 * - eAPY = (1 + R_t)^365 − 1, the same return compounded daily.
 * A young pool's few days say little about a year, and compounding a large daily return 365 times explodes
 * (a 2 %-a-day pool "earns" over 137,000 %), so each figure is null with the reason when it would mislead.
 */
export type ReturnSample = {
  /** When the reward was credited (seconds). */
  timestamp: number;
  /** Reward per staked token credited then (e.g. 0.002 = 0.2 %). */
  perToken: number;
};

/** A yearly figure, or null with why not: `reason` in full (a title), `short` for beside the "—". */
export type Figure = { value: number; reason?: undefined; short?: undefined } | NoFigure;
export type NoFigure = { value: null; reason: string; short: string };

export type EApy = {
  /** eAPY as a fraction (0.12 = 12 %), or null with why. */
  apy: Figure;
  /** Simple APR as a fraction, or null with why. */
  apr: Figure;
  /** Mean daily return per token over the window. */
  dailyReturn: number;
  /** Days the figure covers: the window, or the pool's age when it is younger. */
  days: number;
  young: boolean;
};

const DAY = 86_400;
export const YOUNG_POOL_DAYS = 14;
/** Below a day of history, no yearly figure at all: an hour's luck times 8,760 is not a rate. */
export const MIN_APR_DAYS = 1;
/** Compounding needs a week of history: daily compounding of a day or two is noise raised to the 365th power. */
export const MIN_EAPY_DAYS = 7;
/** Above this (as a fraction, 100 = 10,000 %), a compounded figure is no longer a rate anyone will see. */
export const MAX_EAPY = 100;

const none = (reason: string, short: string): NoFigure => ({ value: null, reason, short });

export function effectiveApy(
  samples: readonly ReturnSample[],
  now: number,
  windowDays: number,
  since: number,
): EApy {
  const ageDays = Math.max(0, (now - since) / DAY);
  const days = Math.min(windowDays, ageDays);
  const young = ageDays < YOUNG_POOL_DAYS;
  const from = now - days * DAY;
  const inWindow = samples.filter((s) => s.timestamp > from && s.timestamp <= now);
  const total = inWindow.reduce((a, s) => a + s.perToken, 0);
  const dailyReturn = days > 0 ? total / days : 0;
  const base = { dailyReturn: Number.isFinite(dailyReturn) ? dailyReturn : 0, days, young };
  if (days <= 0 || inWindow.length === 0) {
    const why = none("No reward has been paid to this pool's delegators yet.", "no rewards yet");
    return { ...base, apr: why, apy: why };
  }
  if (!Number.isFinite(total) || !Number.isFinite(dailyReturn * 365)) {
    const why = none("The rewards paid per delegated token are too large to annualise.", "not meaningful");
    return { ...base, apr: why, apy: why };
  }
  if (days < MIN_APR_DAYS) {
    const why = none(
      `Only ${formatDuration(days * DAY)} of history: a yearly figure needs at least ${MIN_APR_DAYS} day.`,
      `${formatDuration(days * DAY)} of history`,
    );
    return { ...base, apr: why, apy: why };
  }
  const apr: Figure = { value: dailyReturn * 365 };
  if (days < MIN_EAPY_DAYS)
    return {
      ...base,
      apr,
      apy: none(
        `Only ${formatDuration(days * DAY)} of history: compounding needs at least ${MIN_EAPY_DAYS} days.`,
        `< ${MIN_EAPY_DAYS} days`,
      ),
    };
  if (dailyReturn <= -1)
    return { ...base, apr, apy: none("The pool lost its whole stake: nothing compounds.", "not meaningful") };
  const compounded = Math.pow(1 + dailyReturn, 365) - 1;
  if (!Number.isFinite(compounded) || compounded > MAX_EAPY)
    return {
      ...base,
      apr,
      apy: none(
        `Compounding ${formatPercent(dailyReturn)} a day over a year gives a meaningless figure; see the APR.`,
        "not meaningful",
      ),
    };
  return { ...base, apr, apy: { value: compounded } };
}

/** Stake growth over the last week as a fraction (0.1 = +10 %), or null without stake a week ago. */
export function weeklyGrowth(stakeNow: bigint, stakeWeekAgo: bigint): number | null {
  if (stakeWeekAgo === 0n) return null;
  return Number(((stakeNow - stakeWeekAgo) * 1_000_000n) / stakeWeekAgo) / 1_000_000;
}
