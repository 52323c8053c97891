/**
 * Price-volume-mix (SPEC §3): the bridge of revenue from the comparison period (0) to the current
 * period (1), product by product. Continuing products (net quantity > 0 in both periods) split
 * into volume, mix and price; the rest are new, lost or other (credit notes, quantity missing).
 *
 * Conventions: non-finite values (NaN = blank) count as 0. All sums are compensated (Neumaier), so
 * the six components add up to R₁ − R₀ to rounding even when they are large and cancel.
 */

import { addCompensated, compensatedTotal } from './compensated-sum';

/** The revenue bridge; volume + mix + price + new + lost + other = total (to rounding). */
export interface PvmBridge {
  /** (ΣQ₁ − ΣQ₀) · P̄₀ over continuing products. */
  volume: number;
  /** ΣP₀ᵢ·Q₁ᵢ − ΣQ₁ · P̄₀ over continuing products. */
  mix: number;
  /** Σ(P₁ᵢ − P₀ᵢ) · Q₁ᵢ over continuing products. */
  price: number;
  /** Current revenue of products with no comparison-period sales. */
  new: number;
  /** −comparison revenue of products with no current-period sales (≤ 0 for positive revenue). */
  lost: number;
  /** Revenue change of products with sales in both periods that are not continuing. */
  other: number;
  /** R₁ − R₀: all current revenue minus all comparison revenue. */
  total: number;
}

/** A compensated sum (compensated-sum.ts): [running sum, compensation]. */
type Sum = Float64Array;

const newSum = (): Sum => new Float64Array(2);
const add = (acc: Sum, x: number): void => addCompensated(acc, 0, x);
const value = (acc: Sum): number => compensatedTotal(acc, 0);

function num(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

/**
 * The price-volume-mix bridge; index i is product i in all four arrays (equal lengths, else a
 * RangeError). A product has sales in a period when its revenue or its quantity is ≠ 0; it is
 * continuing when its quantity is > 0 in both periods. With P̄₀ = ΣR₀ᵢ / ΣQ₀ᵢ over the
 * continuing products: volume = (ΣQ₁ − ΣQ₀)·P̄₀, mix = ΣP₀ᵢQ₁ᵢ − ΣQ₁·P̄₀, price = Σ(P₁ᵢ − P₀ᵢ)Q₁ᵢ
 * (all 0 when nothing continues). new = Σr₁ of products without period-0 sales, lost = −Σr₀ of
 * products without period-1 sales, other = Σ(r₁ − r₀) of the remaining products.
 *
 * @example
 * // A 10×1000 → 11×1000, B 15×800 → 15×700, C 20×500 → 23×800
 * priceVolumeMix([1000, 800, 500], [10000, 12000, 10000], [1000, 700, 800], [11000, 10500, 18400])
 * // { volume: 2782.6087…, mix: 1717.3913…, price: 3400, new: 0, lost: 0, other: 0, total: 7900 }
 */
export function priceVolumeMix(
  qty0: ArrayLike<number>,
  revenue0: ArrayLike<number>,
  qty1: ArrayLike<number>,
  revenue1: ArrayLike<number>,
): PvmBridge {
  const n = qty0.length;
  if (revenue0.length !== n || qty1.length !== n || revenue1.length !== n) {
    throw new RangeError(
      'priceVolumeMix: arrays differ in length ' +
        `(${n}, ${revenue0.length}, ${qty1.length}, ${revenue1.length})`,
    );
  }
  const sumQ0 = newSum(); // continuing ΣQ₀
  const sumR0 = newSum(); // continuing ΣR₀ = ΣP₀ᵢQ₀ᵢ
  const sumQ1 = newSum(); // continuing ΣQ₁
  const deltaQ = newSum(); // continuing ΣQ₁ − ΣQ₀, term by term
  const p0q1 = newSum(); // continuing ΣP₀ᵢQ₁ᵢ
  const price = newSum();
  const fresh = newSum();
  const lost = newSum();
  const other = newSum();
  const total = newSum();
  for (let i = 0; i < n; i++) {
    const q0 = num(qty0[i]);
    const r0 = num(revenue0[i]);
    const q1 = num(qty1[i]);
    const r1 = num(revenue1[i]);
    add(total, r1);
    add(total, -r0);
    if (q0 > 0 && q1 > 0) {
      const p0 = r0 / q0;
      const p1 = r1 / q1;
      add(sumQ0, q0);
      add(sumR0, r0);
      add(sumQ1, q1);
      add(deltaQ, q1);
      add(deltaQ, -q0);
      add(p0q1, p0 * q1);
      add(price, (p1 - p0) * q1);
    } else if (r0 === 0 && q0 === 0) {
      add(fresh, r1);
    } else if (r1 === 0 && q1 === 0) {
      add(lost, -r0);
    } else {
      add(other, r1);
      add(other, -r0);
    }
  }
  let volume = 0;
  let mix = 0;
  const q0Total = value(sumQ0);
  if (q0Total > 0) {
    const mean0 = value(sumR0) / q0Total;
    volume = value(deltaQ) * mean0;
    mix = value(p0q1) - value(sumQ1) * mean0;
  }
  return {
    volume,
    mix,
    price: value(price),
    new: value(fresh),
    lost: value(lost),
    other: value(other),
    total: value(total),
  };
}
