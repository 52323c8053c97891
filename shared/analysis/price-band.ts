/**
 * Price band (SPEC §3): for one product, the unit net prices pₐₖ = Rₐₖ / Qₐₖ paid by the accounts
 * that bought it — min, median, max, spread — and where one price sits in that band.
 *
 * Non-finite values (NaN = blank) are ignored, as if absent.
 */
import { finiteValues } from './concentration';

/** Summary of the prices paid for one product. */
export interface PriceBand {
  /** Number of finite prices. */
  count: number;
  min: number;
  /** The middle price (the mean of the two middle ones for an even count). */
  median: number;
  max: number;
  /** (max − min) / median; NaN when the median is 0. */
  spread: number;
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  return finiteValues(values).sort();
}

/**
 * The number of values in `sorted` (ascending) strictly below x: a price's rank in its band.
 *
 * @example
 * countBelow(Float64Array.of(1, 2, 2, 3), 2) // 1
 */
export function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The price band of a list of prices: count, min, median, max and spread = (max − min) / median
 * (NaN when the median is 0). Null when there is no finite price.
 *
 * @example
 * priceBand([10, 12, NaN, 9, 11]) // { count: 4, min: 9, median: 10.5, max: 12, spread: 0.2857… }
 */
export function priceBand(prices: ArrayLike<number>): PriceBand | null {
  const sorted = sortedFinite(prices);
  const n = sorted.length;
  if (n === 0) return null;
  const min = sorted[0];
  const max = sorted[n - 1];
  const half = n >>> 1;
  const median = n % 2 === 1 ? sorted[half] : sorted[half - 1] / 2 + sorted[half] / 2;
  const spread = median === 0 ? NaN : (max - min) / median;
  return { count: n, min, median, max, spread };
}

/**
 * The position of a price in a band, 0 = cheapest, 1 = dearest. Inside [min, max] it agrees with
 * Excel's PERCENTRANK.INC(band, price), without its cut to 3 digits (significance): the number of
 * band values strictly below the price / (n − 1), interpolated linearly between the neighbouring
 * distinct band values when the price is not in the band. Below min it is 0, above max 1; for a
 * one-value band, 0 when the price is ≤ that value, else 1. NaN when the price is not finite or
 * the band has no finite value (non-finite band values are ignored).
 *
 * @example
 * pricePercentile(3, [1, 2, 3, 4, 5]) // 0.5
 * pricePercentile(2.5, [1, 2, 3, 4, 5]) // 0.375
 * pricePercentile(2, [1, 2, 2, 3]) // 0.3333…
 */
export function pricePercentile(price: number, band: ArrayLike<number>): number {
  if (!Number.isFinite(price)) return NaN;
  const sorted = sortedFinite(band);
  const n = sorted.length;
  if (n === 0) return NaN;
  if (price < sorted[0]) return 0;
  if (price > sorted[n - 1]) return 1;
  if (n === 1) return 0; // price equals the only value
  const above = countBelow(sorted, price); // index of the first value ≥ price
  if (sorted[above] === price) return above / (n - 1);
  // sorted[above − 1] < price < sorted[above]: interpolate between the two ranks. With integer
  // ranks a < b and 0 ≤ t < 1, a + t·(b − a) never rounds past b, so the result stays monotone.
  const lo = sorted[above - 1];
  const hi = sorted[above];
  const a = countBelow(sorted, lo);
  const t = (price - lo) / (hi - lo);
  return (a + t * (above - a)) / (n - 1);
}
