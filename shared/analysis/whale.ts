/**
 * The whale curve (SPEC §3): accounts by gross profit descending, cumulative GP as a fraction of
 * total GP. Its peak above 1 is the profit the loss-making tail destroys. Non-finite values are
 * ignored.
 */
import { sortedDescending } from './concentration';

/**
 * The whale curve: point k−1 = cumulative GP of the k most profitable accounts / total GP
 * (k = 1..n; the last point is exactly 1). Empty when there are no values or total GP ≤ 0 (the
 * curve has no meaning then).
 *
 * @example
 * whaleCurve([60, -20, 40]) // Float64Array [0.75, 1.25, 1]
 */
export function whaleCurve(profits: ArrayLike<number>): Float64Array {
  const sorted = sortedDescending(profits);
  const curve = new Float64Array(sorted.length);
  let running = 0;
  for (let i = 0; i < sorted.length; i++) {
    running += sorted[i];
    curve[i] = running;
  }
  // The total is the last running sum, so the curve ends at exactly 1.
  if (!(running > 0)) return new Float64Array(0);
  for (let i = 0; i < curve.length; i++) curve[i] /= running;
  return curve;
}

/**
 * The whale-curve peak as a fraction (1.25 = 125 %), null when there are no accounts or total
 * GP ≤ 0. Always ≥ 1 otherwise.
 *
 * @example
 * whalePeak([60, -20, 40]) // 1.25
 */
export function whalePeak(profits: ArrayLike<number>): number | null {
  const curve = whaleCurve(profits);
  if (curve.length === 0) return null;
  let peak = -Infinity;
  for (let i = 0; i < curve.length; i++) if (curve[i] > peak) peak = curve[i];
  return peak;
}
