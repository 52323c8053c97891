/**
 * Compensated summation (Neumaier's variant of Kahan's): sums that stay exact to rounding when
 * large terms cancel, as price-volume-mix components and net quantities do. A sum lives in two
 * slots of a Float64Array: the running sum at `at`, its compensation at `at + 1`.
 */

/**
 * Adds x into the compensated sum at acc[at], acc[at + 1].
 *
 * @example
 * const s = new Float64Array(2);
 * for (const x of [1e16, 1, -1e16]) addCompensated(s, 0, x);
 * compensatedTotal(s, 0); // 1 (a plain sum gives 0)
 */
export function addCompensated(acc: Float64Array, at: number, x: number): void {
  const s = acc[at];
  const t = s + x;
  acc[at + 1] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  acc[at] = t;
}

/**
 * The total of the compensated sum at acc[at], acc[at + 1].
 *
 * @example
 * compensatedTotal(new Float64Array([3, 0.5]), 0); // 3.5
 */
export function compensatedTotal(acc: Float64Array, at = 0): number {
  return acc[at] + acc[at + 1];
}
