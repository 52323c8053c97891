/**
 * The price-volume-mix bridge of one account (SPEC §3): its products' quantities and revenues in
 * the comparison and the current period, bridged by `priceVolumeMix`. Rows without a product are
 * one product of their own ("no product"), so the bridge still sums to the account's revenue
 * change.
 */
import type { SalesTable } from '../sales-table';
import { priceVolumeMix, type PvmBridge } from './pvm';
import type { ResolvedPeriods } from './types';

/** How one product enters the bridge. */
export type PvmStatus = 'continuing' | 'new' | 'lost' | 'other';

export interface PvmProduct {
  /** Product name; null for the rows without a product. */
  readonly product: string | null;
  readonly quantity0: number;
  readonly revenue0: number;
  readonly quantity1: number;
  readonly revenue1: number;
  readonly status: PvmStatus;
}

export type AccountPvm =
  | {
      readonly available: true;
      readonly bridge: PvmBridge;
      /** The account's revenue in the comparison (0) and current (1) period. */
      readonly revenue0: number;
      readonly revenue1: number;
      /** Products with sales in either period, largest revenue change (absolute) first. */
      readonly products: readonly PvmProduct[];
    }
  | {
      readonly available: false;
      /** Why there is no bridge: no quantity column, no product column, or no comparison period. */
      readonly reason: 'no-quantity' | 'no-product' | 'no-comparison';
    };

const finite = (x: number): number => (x - x === 0 ? x : 0);

/**
 * The account's PVM bridge between the comparison and the current period.
 *
 * @example
 * // SPEC worked example: A 10×1000 → 11×1000, B 15×800 → 15×700, C 20×500 → 23×800
 * const pvm = accountPvm(table, periods, acme);
 * pvm.available && pvm.bridge // { volume: 2782.6…, mix: 1717.4…, price: 3400, …, total: 7900 }
 */
export function accountPvm(
  table: SalesTable,
  periods: ResolvedPeriods,
  account: number,
): AccountPvm {
  if (table.quantity === null) return { available: false, reason: 'no-quantity' };
  if (table.product === null) return { available: false, reason: 'no-product' };
  const cmp = periods.comparison;
  if (cmp === null || table.date === null || periods.choice.kind === 'all') {
    return { available: false, reason: 'no-comparison' };
  }
  const cur = periods.current;
  const n = table.product.values.length + 1; // last slot: no product
  const q0 = new Float64Array(n);
  const r0 = new Float64Array(n);
  const q1 = new Float64Array(n);
  const r1 = new Float64Array(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < table.length; i++) {
    if (table.account.codes[i] !== account) continue;
    const d = Math.floor(table.date[i]);
    const p = table.product.codes[i] < 0 ? n - 1 : table.product.codes[i];
    if (d >= cur.from && d <= cur.to) {
      q1[p] += finite(table.quantity[i]);
      r1[p] += finite(table.revenue[i]);
    } else if (d >= cmp.from && d <= cmp.to) {
      q0[p] += finite(table.quantity[i]);
      r0[p] += finite(table.revenue[i]);
    } else continue;
    seen[p] = 1;
  }
  const bridge = priceVolumeMix(q0, r0, q1, r1);
  const products: PvmProduct[] = [];
  let revenue0 = 0;
  let revenue1 = 0;
  for (let p = 0; p < n; p++) {
    revenue0 += r0[p];
    revenue1 += r1[p];
    if (!seen[p] || (q0[p] === 0 && r0[p] === 0 && q1[p] === 0 && r1[p] === 0)) continue;
    const status: PvmStatus =
      q0[p] > 0 && q1[p] > 0
        ? 'continuing'
        : r0[p] === 0 && q0[p] === 0
          ? 'new'
          : r1[p] === 0 && q1[p] === 0
            ? 'lost'
            : 'other';
    products.push({
      product: p === n - 1 ? null : table.product.values[p],
      quantity0: q0[p],
      revenue0: r0[p],
      quantity1: q1[p],
      revenue1: r1[p],
      status,
    });
  }
  products.sort(
    (x, y) =>
      Math.abs(y.revenue1 - y.revenue0) - Math.abs(x.revenue1 - x.revenue0) ||
      ((x.product ?? '') < (y.product ?? '') ? -1 : 1),
  );
  return { available: true, bridge, revenue0, revenue1, products };
}
