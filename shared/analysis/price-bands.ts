/**
 * Price bands per product and each account's position in them (SPEC §3 "Price band"), and the
 * transparency exposure of a period's sales (SPEC §3, via exposure.ts): the figures that answer
 * "can we defend every price?".
 *
 * A row belongs to a period when its whole day (Math.floor(date)) lies in the range (inclusive);
 * a null range takes every row. Net quantity and revenue are summed per (account, product); only
 * pairs with net quantity > 0 have a price pₐₖ = Rₐₖ / Qₐₖ.
 */
import type { SalesTable } from '../sales-table';
import { transparencyExposure, type TransparencyExposure } from './exposure';
import { priceBand, pricePercentile, type PriceBand } from './price-band';
import type { DayRange, ResolvedPeriods } from './types';

/** The rows to read for a period's figures: null = every row (period 'all', or no dates). */
export function currentRange(periods: ResolvedPeriods): DayRange | null {
  return periods.choice.kind === 'all' || !Number.isFinite(periods.current.from)
    ? null
    : periods.current;
}

/**
 * Whether row i of the table lies in the range (always true for a null range or without dates).
 *
 * @example
 * const inPeriod = rowFilter(table, { from: 20393, to: 20757 });
 * inPeriod(0) // true when the first row is dated inside the range
 */
export function rowFilter(table: SalesTable, range: DayRange | null): (i: number) => boolean {
  const date = table.date;
  if (range === null || date === null) return () => true;
  const { from, to } = range;
  return (i) => {
    const d = Math.floor(date[i]);
    return d >= from && d <= to;
  };
}

/** Net quantity and revenue per (account, product) pair of a period. */
export interface AccountProductTotals {
  readonly account: Int32Array;
  readonly product: Int32Array;
  readonly quantity: Float64Array;
  readonly revenue: Float64Array;
}

const finite = (x: number): number => (x - x === 0 ? x : 0);

/**
 * Net quantity and revenue per (account, product) in the range, pairs ordered by product then
 * account code. Null when the table has no product or no quantity column. Rows without an account
 * or product are skipped; blank numbers count as 0.
 *
 * @example
 * const pairs = accountProductTotals(table, null);
 * pairs.revenue[0] / pairs.quantity[0] // the unit price of the first pair
 */
export function accountProductTotals(
  table: SalesTable,
  range: DayRange | null,
): AccountProductTotals | null {
  const product = table.product;
  const quantity = table.quantity;
  if (product === null || quantity === null) return null;
  const inRange = rowFilter(table, range);
  const accounts = table.account.values.length;
  const slot = new Map<number, number>();
  const a: number[] = [];
  const p: number[] = [];
  const q: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const ac = table.account.codes[i];
    const pc = product.codes[i];
    if (ac < 0 || pc < 0 || !inRange(i)) continue;
    const key = pc * accounts + ac;
    let s = slot.get(key);
    if (s === undefined) {
      s = a.length;
      slot.set(key, s);
      a.push(ac);
      p.push(pc);
      q.push(0);
      r.push(0);
    }
    q[s] += finite(quantity[i]);
    r[s] += finite(table.revenue[i]);
  }
  const order = a.map((_, i) => i).sort((x, y) => p[x] - p[y] || a[x] - a[y]);
  return {
    account: Int32Array.from(order, (i) => a[i]),
    product: Int32Array.from(order, (i) => p[i]),
    quantity: Float64Array.from(order, (i) => q[i]),
    revenue: Float64Array.from(order, (i) => r[i]),
  };
}

/** The prices paid for one product in a period. */
export interface ProductPrices {
  /** Product code in the SalesTable dictionary. */
  readonly product: number;
  readonly name: string;
  readonly band: PriceBand;
  /** The buyers (account codes) with net quantity > 0, their prices and quantities, aligned. */
  readonly accounts: Int32Array;
  readonly prices: Float64Array;
  readonly quantities: Float64Array;
}

/**
 * The price band of every product bought in the range (products without any pair of positive net
 * quantity are left out), in product code order. Null without product or quantity column.
 *
 * @example
 * // Product A: Acme 10 for 100, Beta 20 for 240 → band min 10, median 11, max 12
 * productPriceBands(table, null)![0].band // { count: 2, min: 10, median: 11, max: 12, spread: 0.18… }
 */
export function productPriceBands(
  table: SalesTable,
  range: DayRange | null,
): ProductPrices[] | null {
  const pairs = accountProductTotals(table, range);
  if (pairs === null) return null;
  const names = (table.product as NonNullable<SalesTable['product']>).values;
  const out: ProductPrices[] = [];
  for (let s = 0; s < pairs.product.length;) {
    const product = pairs.product[s];
    let e = s;
    while (e < pairs.product.length && pairs.product[e] === product) e++;
    const accounts: number[] = [];
    const prices: number[] = [];
    const quantities: number[] = [];
    for (let j = s; j < e; j++) {
      if (!(pairs.quantity[j] > 0)) continue;
      accounts.push(pairs.account[j]);
      prices.push(pairs.revenue[j] / pairs.quantity[j]);
      quantities.push(pairs.quantity[j]);
    }
    const band = priceBand(prices);
    if (band !== null) {
      out.push({
        product,
        name: names[product],
        band,
        accounts: Int32Array.from(accounts),
        prices: Float64Array.from(prices),
        quantities: Float64Array.from(quantities),
      });
    }
    s = e;
  }
  return out;
}

/** One account's position in the price band of one product. */
export interface PricePosition {
  readonly product: number;
  readonly name: string;
  /** The account's unit net price R / Q. */
  readonly price: number;
  readonly quantity: number;
  /** The account's revenue of the product (= price × quantity). */
  readonly revenue: number;
  readonly band: PriceBand;
  /** 0 = the cheapest price in the band, 1 = the dearest (pricePercentile). */
  readonly percentile: number;
}

/**
 * The account's position in the band of every product it bought with positive net quantity,
 * largest revenue first (then by product name).
 *
 * @example
 * accountPricePositions(productPriceBands(table, null)!, acme)[0]
 * // { product: 0, name: 'A', price: 10, quantity: 10, revenue: 100, band, percentile: 0 }
 */
export function accountPricePositions(
  bands: readonly ProductPrices[],
  account: number,
): PricePosition[] {
  const out: PricePosition[] = [];
  for (const b of bands) {
    const at = b.accounts.indexOf(account);
    if (at < 0) continue;
    const price = b.prices[at];
    const quantity = b.quantities[at];
    out.push({
      product: b.product,
      name: b.name,
      price,
      quantity,
      revenue: price * quantity,
      band: b.band,
      percentile: pricePercentile(price, b.prices),
    });
  }
  return out.sort((x, y) => y.revenue - x.revenue || (x.name < y.name ? -1 : 1));
}

/**
 * Transparency exposure of the rows in the range (exposure.ts over the table's codes): per account
 * and in total, with the evidence rows. Null without product or quantity column.
 *
 * @example
 * periodExposure(table, currentRange(periods))?.total
 */
export function periodExposure(
  table: SalesTable,
  range: DayRange | null,
): TransparencyExposure | null {
  if (table.product === null || table.quantity === null) return null;
  const inRange = rowFilter(table, range);
  const accounts = Int32Array.from(table.account.codes, (c, i) => (inRange(i) ? c : -1));
  return transparencyExposure(accounts, table.product.codes, table.quantity, table.revenue);
}
