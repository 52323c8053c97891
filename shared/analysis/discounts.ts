/**
 * Discount comparison with peers (SPEC §5 "Negotiation prep"): per product, the discount one
 * account gets against the median discount of the other accounts that bought the product.
 *
 * The discount of an account on a product in a period:
 * - with a discount column: the revenue-weighted mean of the row discounts, Σ(dᵢ·Rᵢ) / ΣRᵢ over
 *   rows with a discount and positive revenue;
 * - else with a list price and a quantity column: 1 − ΣRᵢ / Σ(listPriceᵢ·Qᵢ) over rows with a
 *   positive list price and quantity (what the account paid against the list);
 * - else there is no discount comparison (null).
 */
import type { SalesTable } from '../sales-table';
import { priceBand } from './price-band';
import { rowFilter } from './price-bands';
import type { DayRange } from './types';

/** One product's discount comparison. */
export interface DiscountRow {
  readonly product: number;
  readonly name: string;
  /** The account's discount as a fraction (0.12 = 12 %). */
  readonly discount: number;
  /** The median discount of the other accounts that bought the product; null when none did. */
  readonly peerMedian: number | null;
  /** discount − peerMedian (positive: we give this account more than its peers get). */
  readonly difference: number | null;
  /** Number of other accounts with a discount on the product. */
  readonly peers: number;
  /** The account's revenue of the product (the weight of the row). */
  readonly revenue: number;
}

export interface DiscountComparison {
  /** Where the discounts come from. */
  readonly source: 'discount' | 'listPrice';
  /** The account's discount over all its products, and the median of every other account's. */
  readonly overall: { readonly discount: number | null; readonly peerMedian: number | null };
  /** Products the account has a discount on: largest difference first, then by revenue. */
  readonly products: readonly DiscountRow[];
}

/**
 * Compares the account's discounts with its peers' in the range (null = every row). Null when
 * the table has neither a discount column nor list price and quantity columns. Without a product
 * column only `overall` is filled.
 *
 * @example
 * // Product A: Acme 10 % (on 1000), Beta 4 %, Gamma 6 %
 * discountComparison(table, null, acme)!.products[0]
 * // { name: 'A', discount: 0.1, peerMedian: 0.05, difference: 0.05, peers: 2, revenue: 1000, … }
 */
export function discountComparison(
  table: SalesTable,
  range: DayRange | null,
  account: number,
): DiscountComparison | null {
  const source = table.discount
    ? 'discount'
    : table.listPrice && table.quantity
      ? 'listPrice'
      : null;
  if (source === null) return null;
  const inRange = rowFilter(table, range);
  const accounts = table.account.values.length;
  const product = table.product;
  // Sums per (product, account) and per account: [numerator, denominator, revenue].
  const byPair = new Map<number, Float64Array>();
  const byAccount = new Map<number, Float64Array>();
  const bump = (
    map: Map<number, Float64Array>,
    key: number,
    num: number,
    den: number,
    r: number,
  ) => {
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = new Float64Array(3)));
    s[0] += num;
    s[1] += den;
    s[2] += r;
  };
  for (let i = 0; i < table.length; i++) {
    const a = table.account.codes[i];
    if (a < 0 || !inRange(i)) continue;
    const r = table.revenue[i];
    let num: number;
    let den: number;
    if (source === 'discount') {
      const d = (table.discount as Float64Array)[i];
      if (!Number.isFinite(d) || !(r > 0)) continue;
      num = d * r;
      den = r;
    } else {
      const lp = (table.listPrice as Float64Array)[i];
      const q = (table.quantity as Float64Array)[i];
      if (!(lp > 0) || !(q > 0) || !Number.isFinite(r)) continue;
      den = lp * q;
      num = den - r;
    }
    bump(byAccount, a, num, den, r);
    const p = product ? product.codes[i] : -1;
    if (p >= 0) bump(byPair, p * accounts + a, num, den, r);
  }
  const rate = (s: Float64Array | undefined): number | null =>
    s !== undefined && s[1] > 0 ? s[0] / s[1] : null;
  const median = (xs: number[]): number | null => priceBand(xs)?.median ?? null;

  const others: number[] = [];
  for (const [a, s] of byAccount) {
    const d = rate(s);
    if (a !== account && d !== null) others.push(d);
  }
  const overall = { discount: rate(byAccount.get(account)), peerMedian: median(others) };

  const rows: DiscountRow[] = [];
  if (product) {
    const peersOf = new Map<number, number[]>();
    const mine = new Map<number, Float64Array>();
    for (const [key, s] of byPair) {
      const p = Math.floor(key / accounts);
      const a = key - p * accounts;
      if (a === account) {
        mine.set(p, s);
        continue;
      }
      const d = rate(s);
      if (d === null) continue;
      const list = peersOf.get(p) ?? [];
      list.push(d);
      peersOf.set(p, list);
    }
    for (const [p, s] of mine) {
      const discount = rate(s);
      if (discount === null) continue;
      const peers = peersOf.get(p) ?? [];
      const peerMedian = median(peers);
      rows.push({
        product: p,
        name: product.values[p],
        discount,
        peerMedian,
        difference: peerMedian === null ? null : discount - peerMedian,
        peers: peers.length,
        revenue: s[2],
      });
    }
    rows.sort(
      (x, y) =>
        (y.difference ?? -Infinity) - (x.difference ?? -Infinity) ||
        y.revenue - x.revenue ||
        (x.name < y.name ? -1 : 1),
    );
  }
  return { source, overall, products: rows };
}
