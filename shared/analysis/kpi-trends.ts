/**
 * KPI trends (SPEC §5 "KPI trends"): for chosen key accounts, per month or quarter of a period —
 * revenue, growth against the same months a year earlier, margin, share of wallet (when the Wallet
 * sheet gives the account's spend for a period) and the price-mix effect: (PVM mix + price) of the
 * bucket against the same bucket a year earlier, as a share of the bucket's revenue.
 *
 * Buckets are calendar months (quarters) cut to the period, so the buckets of the current period
 * add up to the period exactly: their revenue sums to the Top 20 figures of the same accounts.
 * One pass over the rows (a binary search finds a row's bucket); product sums for the PVM only for
 * the chosen accounts.
 */
import type { SalesTable } from '../sales-table';
import { addMonths, dayOfYmd, daysInMonth, isoDay, ymdOfDay } from './calendar';
import { growth } from './growth';
import { priceVolumeMix } from './pvm';
import type { DayRange } from './types';

export type TrendGrain = 'month' | 'quarter';

/** One bucket: a calendar month or quarter, cut to the period. */
export interface TrendPeriod {
  /** '2026-03' or '2026-Q1'. */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** The same days a year earlier (the comparison of growth and price-mix). */
  readonly previous: DayRange;
}

/** One account's figures per bucket (arrays indexed like `KpiTrends.periods`). */
export interface AccountTrend {
  readonly code: number;
  readonly account: string;
  readonly revenue: readonly number[];
  readonly previousRevenue: readonly number[];
  /** null when the same bucket a year earlier had no revenue ("new"). */
  readonly growth: readonly (number | null)[];
  /** null without profit data. */
  readonly grossProfit: readonly number[] | null;
  readonly margin: readonly (number | null)[] | null;
  /** null per bucket without a wallet estimate covering it; null overall without any. */
  readonly shareOfWallet: readonly (number | null)[] | null;
  /** (mix + price) / revenue; null per bucket without revenue in both years; null overall without quantity and product columns. */
  readonly priceMix: readonly (number | null)[] | null;
}

export interface KpiTrends {
  readonly grain: TrendGrain;
  readonly range: DayRange;
  readonly periods: readonly TrendPeriod[];
  readonly accounts: readonly AccountTrend[];
  /** Sums over the chosen accounts per bucket. */
  readonly totals: {
    readonly revenue: readonly number[];
    readonly previousRevenue: readonly number[];
    readonly grossProfit: readonly number[] | null;
  };
}

/** A wallet estimate of an account for a day range (a Wallet row with a period). */
export interface TrendWallet {
  readonly accountCode: number;
  readonly range: DayRange;
  readonly wallet: number;
}

export interface KpiTrendOptions {
  /** The period the buckets cover (e.g. the Top 20's current period). */
  readonly range: DayRange;
  readonly grain: TrendGrain;
  /** Account codes, in the order shown. */
  readonly accounts: readonly number[];
  readonly wallet?: readonly TrendWallet[];
}

/**
 * The months (quarters) of a range, each cut to the range, with the same days a year earlier.
 *
 * @example
 * trendPeriods({ from: dayOfIso('2025-11-27')!, to: dayOfIso('2026-01-31')! }, 'month').map((p) => p.label)
 * // ['2025-11', '2025-12', '2026-01']
 */
export function trendPeriods(range: DayRange, grain: TrendGrain): TrendPeriod[] {
  const out: TrendPeriod[] = [];
  const step = grain === 'month' ? 1 : 3;
  let { y, m } = ymdOfDay(range.from);
  if (grain === 'quarter') m = m - ((m - 1) % 3);
  for (;;) {
    const start = dayOfYmd(y, m, 1);
    if (start > range.to) break;
    const endMonth = m + step - 1;
    const end = dayOfYmd(y, endMonth, daysInMonth(y, endMonth));
    const from = Math.max(start, range.from);
    const to = Math.min(end, range.to);
    const label =
      grain === 'month'
        ? `${y}-${String(m).padStart(2, '0')}`
        : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    out.push({ label, from, to, previous: { from: addMonths(from, -12), to: addMonths(to, -12) } });
    m += step;
    if (m > 12) {
      m -= 12;
      y++;
    }
  }
  return out;
}

/** Index of the bucket holding day d (buckets sorted, disjoint), or -1. */
function bucketOf(froms: Float64Array, tos: Float64Array, d: number): number {
  let lo = 0;
  let hi = froms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (d < froms[mid]) hi = mid - 1;
    else if (d > tos[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const finite = (x: number): number => (x - x === 0 ? x : 0);

/**
 * The KPI trends of the chosen accounts per bucket of the range.
 *
 * @example
 * const trends = analyseKpiTrends(table, { range: top.periods.current, grain: 'quarter', accounts: top.top.map((a) => a.code) });
 * trends.accounts[0].revenue // one figure per quarter
 */
export function analyseKpiTrends(table: SalesTable, options: KpiTrendOptions): KpiTrends {
  const periods = trendPeriods(options.range, options.grain);
  const B = periods.length;
  const A = options.accounts.length;
  const slotOf = new Int32Array(table.account.values.length).fill(-1);
  options.accounts.forEach((code, i) => {
    if (code >= 0 && code < slotOf.length) slotOf[code] = i;
  });
  const froms = Float64Array.from(periods, (p) => p.from);
  const tos = Float64Array.from(periods, (p) => p.to);
  const pFroms = Float64Array.from(periods, (p) => p.previous.from);
  const pTos = Float64Array.from(periods, (p) => p.previous.to);
  const R1 = new Float64Array(A * B);
  const R0 = new Float64Array(A * B);
  const GP = table.grossProfit ? new Float64Array(A * B) : null;
  const withPvm = table.quantity !== null && table.product !== null;
  const P = (table.product?.values.length ?? 0) + 1; // last slot: no product
  // (account, bucket, product) → [q0, r0, q1, r1]
  const products = new Map<number, Float64Array>();
  const date = table.date;
  if (date !== null) {
    for (let i = 0; i < table.length; i++) {
      const code = table.account.codes[i];
      if (code < 0) continue;
      const a = slotOf[code];
      if (a < 0) continue;
      const d = Math.floor(date[i]);
      let b = bucketOf(froms, tos, d);
      let current = true;
      if (b < 0) {
        b = bucketOf(pFroms, pTos, d);
        current = false;
        if (b < 0) continue;
      }
      const k = a * B + b;
      const r = finite(table.revenue[i]);
      if (current) {
        R1[k] += r;
        if (GP !== null) GP[k] += finite((table.grossProfit as Float64Array)[i]);
      } else R0[k] += r;
      if (withPvm) {
        const p = (table.product as NonNullable<SalesTable['product']>).codes[i];
        const key = k * P + (p < 0 ? P - 1 : p);
        let e = products.get(key);
        if (e === undefined) {
          e = new Float64Array(4);
          products.set(key, e);
        }
        const q = finite((table.quantity as Float64Array)[i]);
        if (current) {
          e[2] += q;
          e[3] += r;
        } else {
          e[0] += q;
          e[1] += r;
        }
      }
    }
  }

  let priceMix: (number | null)[][] | null = null;
  if (withPvm) {
    const grouped = new Map<number, Float64Array[]>();
    for (const [key, e] of products) {
      const k = Math.floor(key / P);
      const list = grouped.get(k);
      if (list === undefined) grouped.set(k, [e]);
      else list.push(e);
    }
    priceMix = Array.from({ length: A }, () => new Array<number | null>(B).fill(null));
    for (const [k, list] of grouped) {
      const revenue = R1[k];
      if (revenue === 0 || R0[k] === 0) continue;
      const col = (j: number) => list.map((e) => e[j]);
      const bridge = priceVolumeMix(col(0), col(1), col(2), col(3));
      priceMix[Math.floor(k / B)][k % B] = (bridge.mix + bridge.price) / revenue;
    }
  }

  const wallets = options.wallet ?? [];
  const accounts: AccountTrend[] = options.accounts.map((code, a) => {
    const row = (arr: Float64Array) => Array.from(arr.subarray(a * B, (a + 1) * B));
    const revenue = row(R1);
    const previousRevenue = row(R0);
    const gp = GP ? row(GP) : null;
    const mine = wallets.filter((w) => w.accountCode === code && w.wallet > 0);
    return {
      code,
      account: table.account.values[code],
      revenue,
      previousRevenue,
      growth: revenue.map((r, b) => growth(r, previousRevenue[b])),
      grossProfit: gp,
      margin: gp ? gp.map((g, b) => (revenue[b] !== 0 ? g / revenue[b] : null)) : null,
      shareOfWallet:
        wallets.length === 0
          ? null
          : periods.map((p, b) => {
              const w = mine.find((x) => x.range.from <= p.from && x.range.to >= p.to);
              if (w === undefined) return null;
              const share = (p.to - p.from + 1) / (w.range.to - w.range.from + 1);
              return revenue[b] / (w.wallet * share);
            }),
      priceMix: priceMix ? priceMix[a] : null,
    };
  });
  const sum = (arr: Float64Array) =>
    periods.map((_, b) => {
      let s = 0;
      for (let a = 0; a < A; a++) s += arr[a * B + b];
      return s;
    });
  return {
    grain: options.grain,
    range: options.range,
    periods,
    accounts,
    totals: { revenue: sum(R1), previousRevenue: sum(R0), grossProfit: GP ? sum(GP) : null },
  };
}

/**
 * A bucket's label with its days when it is cut short by the period ('2025-11 (27–30)').
 *
 * @example
 * periodCaption({ label: '2026-03', from: dayOfIso('2026-03-01')!, to: dayOfIso('2026-03-31')!, previous }) // '2026-03'
 */
export function periodCaption(p: TrendPeriod, grain: TrendGrain): string {
  const { y, m } = ymdOfDay(p.from);
  const startM = grain === 'quarter' ? m - ((m - 1) % 3) : m;
  const endM = startM + (grain === 'quarter' ? 2 : 0);
  const full =
    p.from === dayOfYmd(y, startM, 1) && p.to === dayOfYmd(y, endM, daysInMonth(y, endM));
  return full ? p.label : `${p.label} (${isoDay(p.from).slice(5)}–${isoDay(p.to).slice(5)})`;
}
