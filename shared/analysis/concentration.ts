/**
 * Concentration measures (SPEC §3) as pure functions of a list of values (account revenues). The
 * custom functions (=KAM.CONCENTRATION, =KAM.SHARE, =KAM.TOPN) and the Top 20 analysis share these
 * definitions.
 *
 * Conventions for awkward values:
 * - Non-finite values (NaN = blank) are ignored everywhere, as if absent.
 * - HHI and Gini use only the positive values (an account with zero or negative revenue has no
 *   share of the market to concentrate).
 * - Shares, CRn and N80 divide by the total of *all* values (credit notes included), so CRn is the
 *   cumulative share of the revenue ranking; when that total is ≤ 0 they are 0 (nothing to share).
 */
import type { HhiBand } from './types';

/**
 * The finite values, largest first (a copy; already-sorted input, such as a revenue ranking, is
 * only checked, not sorted again).
 *
 * @example
 * sortedDescending([3, NaN, 9, -1]) // Float64Array [9, 3, -1]
 */
export function sortedDescending(values: ArrayLike<number>): Float64Array {
  return sortDescendingInPlace(finiteValues(values));
}

function sortDescendingInPlace(out: Float64Array): Float64Array {
  for (let i = 1; i < out.length; i++) {
    if (out[i] > out[i - 1]) {
      out.sort();
      out.reverse();
      break;
    }
  }
  return out;
}

/**
 * The finite values (NaN = blank dropped), in their order, as a new array.
 *
 * @example
 * finiteValues([3, NaN, -1]) // Float64Array [3, -1]
 */
export function finiteValues(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out;
}

function positive(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0 && values[i] < Infinity) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && v < Infinity) out[k++] = v;
  }
  return out;
}

function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) sum += values[i];
  return sum;
}

/**
 * Each value's share of the total of all values (0 where the total is ≤ 0; NaN stays NaN).
 *
 * @example
 * shares([50, 30, 20]) // Float64Array [0.5, 0.3, 0.2]
 */
export function shares(values: ArrayLike<number>): Float64Array {
  const sum = total(values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? (sum > 0 ? v / sum : 0) : NaN;
  }
  return out;
}

/**
 * Herfindahl–Hirschman index: Σ(100·sᵢ)² over the positive values, sᵢ = vᵢ / Σpositive.
 * 10,000/n ≤ HHI ≤ 10,000 for n positive values; 0 when none is positive.
 *
 * @example
 * hhi([50, 30, 20]) // 3800
 */
export function hhi(values: ArrayLike<number>): number {
  // A fixed summation order: the result is exactly the same for any order of the values.
  const pos = sortDescendingInPlace(positive(values));
  let sum = 0;
  for (let i = 0; i < pos.length; i++) sum += pos[i];
  if (sum <= 0) return 0;
  let h = 0;
  for (let i = 0; i < pos.length; i++) {
    const s = (100 * pos[i]) / sum;
    h += s * s;
  }
  return Math.min(h, 10000);
}

/**
 * The band of an HHI (US merger guidelines 2023): below 1,000 low, 1,000–1,800 moderate (both
 * inclusive), above 1,800 high.
 *
 * @example
 * hhiBand(3800) // 'high'
 */
export function hhiBand(h: number): HhiBand {
  if (h < 1000) return 'low';
  if (h <= 1800) return 'moderate';
  return 'high';
}

/**
 * Effective number of customers = 10,000 / HHI (n equal customers give n); 0 when HHI ≤ 0.
 *
 * @example
 * effectiveNumber(3800) // 2.6315…
 */
export function effectiveNumber(h: number): number {
  return h > 0 ? 10000 / h : 0;
}

/**
 * CRn: the sum of the n largest values / the sum of all values (1 when n ≥ the count; 0 when n ≤ 0
 * or the total is ≤ 0). With negative values (credit notes) it can exceed 1.
 *
 * @example
 * concentrationRatio([50, 30, 20], 1) // 0.5
 */
export function concentrationRatio(values: ArrayLike<number>, n: number): number {
  const sorted = sortedDescending(values);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  if (!(sum > 0) || !(n >= 1)) return 0;
  const k = Math.min(Math.floor(n), sorted.length);
  if (k === sorted.length) return 1;
  let top = 0;
  for (let i = 0; i < k; i++) top += sorted[i];
  return top / sum;
}

/**
 * N80: the fewest of the largest values whose sum reaches ≥ level × the total of all values
 * (a relative tolerance of 1e-12 absorbs rounding). 0 when the total is ≤ 0.
 *
 * @example
 * n80([50, 30, 20]) // 2
 * n80([50, 30, 20], 0.5) // 1
 */
export function n80(values: ArrayLike<number>, level = 0.8): number {
  const sorted = sortedDescending(values);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  if (!(sum > 0)) return 0;
  const target = level * sum - 1e-12 * sum;
  let running = 0;
  for (let i = 0; i < sorted.length; i++) {
    running += sorted[i];
    if (running >= target) return i + 1;
  }
  return sorted.length;
}

/**
 * Gini coefficient of the positive values: G = Σ(2i − n − 1)·xᵢ / (n·Σx), x ascending, i = 1..n.
 * 0 = all equal, (n − 1)/n = one value holds everything; 0 for n ≤ 1.
 *
 * @example
 * gini([50, 30, 20]) // 0.2
 */
export function gini(values: ArrayLike<number>): number {
  const x = sortDescendingInPlace(positive(values)); // x[n − i] is the i-th smallest
  const n = x.length;
  if (n <= 1) return 0;
  let weighted = 0;
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    const v = x[n - i];
    weighted += (2 * i - n - 1) * v;
    sum += v;
  }
  return weighted / (n * sum);
}
