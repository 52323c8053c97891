/**
 * Sub-unit breakdown of one account (SPEC §1: "a large customer is really a group of smaller
 * customers; be important to each"): revenue, margin, growth, products and rank of each of its
 * sites / regions / business units — where are we important, and where not?
 */
import type { SalesTable } from '../sales-table';
import { growth } from './growth';
import type { ResolvedPeriods } from './types';

/** One sub-unit of the account. */
export interface SubUnitRow {
  /** The sub-unit's name; null for the account's rows without a sub-unit. */
  readonly subUnit: string | null;
  /** 1 = the sub-unit where we sell most (current period revenue, ties by name). */
  readonly rank: number;
  readonly revenue: number;
  /** Share of the account's current revenue (0 when that is ≤ 0). */
  readonly share: number;
  /** null without profit data. */
  readonly grossProfit: number | null;
  readonly margin: number | null;
  /** Comparison-period revenue, null without a comparison period. */
  readonly previousRevenue: number | null;
  /** null when there is no comparison period or no comparison revenue ("new"). */
  readonly growth: number | null;
  /** Distinct products bought in the current period (0 without a product column). */
  readonly products: number;
}

/**
 * The account's sub-units active in either period, by current revenue descending (ties by name,
 * blank last). Null when the table has no sub-unit column.
 *
 * @example
 * // Acme: North 600 (GP 120), South 400 (GP 40)
 * subUnitBreakdown(table, periods, acme)
 * // [{ subUnit: 'North', rank: 1, revenue: 600, share: 0.6, grossProfit: 120, margin: 0.2, … },
 * //  { subUnit: 'South', rank: 2, revenue: 400, share: 0.4, grossProfit: 40, margin: 0.1, … }]
 */
export function subUnitBreakdown(
  table: SalesTable,
  periods: ResolvedPeriods,
  account: number,
): SubUnitRow[] | null {
  const sub = table.subUnit;
  if (sub === null) return null;
  const all = periods.choice.kind === 'all' || table.date === null;
  const cur = periods.current;
  const cmp = all ? null : periods.comparison;
  const n = sub.values.length + 1; // the last slot: blank sub-unit
  const revenue = new Float64Array(n);
  const gp = new Float64Array(n);
  const previous = new Float64Array(n);
  const active = new Uint8Array(n);
  const products: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const date = table.date;
  for (let i = 0; i < table.length; i++) {
    if (table.account.codes[i] !== account) continue;
    const s = sub.codes[i] < 0 ? n - 1 : sub.codes[i];
    const d = date === null ? NaN : Math.floor(date[i]);
    const r = Number.isFinite(table.revenue[i]) ? table.revenue[i] : 0;
    if (all || (d >= cur.from && d <= cur.to)) {
      active[s] = 1;
      revenue[s] += r;
      const g = table.grossProfit?.[i] ?? NaN;
      if (Number.isFinite(g)) gp[s] += g;
      const p = table.product?.codes[i] ?? -1;
      if (p >= 0) products[s].add(p);
    } else if (cmp !== null && d >= cmp.from && d <= cmp.to) {
      active[s] = 1;
      previous[s] += r;
    }
  }
  let total = 0;
  for (let s = 0; s < n; s++) total += revenue[s];
  const hasProfit = table.grossProfit !== null;
  const name = (s: number): string | null => (s === n - 1 ? null : sub.values[s]);
  const order: number[] = [];
  for (let s = 0; s < n; s++) if (active[s]) order.push(s);
  order.sort((x, y) => {
    if (revenue[y] !== revenue[x]) return revenue[y] - revenue[x];
    const a = name(x);
    const b = name(y);
    if (a === null || b === null) return a === null ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return order.map((s, k) => ({
    subUnit: name(s),
    rank: k + 1,
    revenue: revenue[s],
    share: total > 0 ? revenue[s] / total : 0,
    grossProfit: hasProfit ? gp[s] : null,
    margin: hasProfit && revenue[s] !== 0 ? gp[s] / revenue[s] : null,
    previousRevenue: cmp === null ? null : previous[s],
    growth: cmp === null ? null : growth(revenue[s], previous[s]),
    products: products[s].size,
  }));
}
