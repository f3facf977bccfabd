import { MICRO } from "./vector";

/** EMA of the fill rate (micro units): alpha·rate + (1 − alpha)·ema; unchanged when no target opened. */
export function nextEma(ema: bigint, fills: bigint, targets: bigint, alpha: bigint): bigint {
  if (targets === 0n) return ema;
  const rate = (fills * MICRO) / targets;
  return (alpha * rate + (MICRO - alpha) * ema) / MICRO;
}

/** The next epoch's threshold: half the EMA's deviation from the target fill rate, clamped to the bounds. */
export function nextThreshold(
  threshold: bigint,
  ema: bigint,
  targetFillRate: bigint,
  min: bigint,
  max: bigint,
): bigint {
  const factor =
    ema > targetFillRate ? MICRO - (ema - targetFillRate) / 2n : MICRO + (targetFillRate - ema) / 2n;
  const next = (threshold * factor) / MICRO;
  return next < min ? min : next > max ? max : next;
}
