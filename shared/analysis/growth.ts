/** Growth (SPEC §3). */

/**
 * Growth = (current − previous) / |previous|; null ("new") when previous is 0. A negative previous
 * (credit notes) still gives growth > 0 when current rose.
 *
 * @example
 * growth(110, 100) // 0.1
 * growth(50, 0) // null (new)
 * growth(-50, -100) // 0.5
 */
export function growth(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
