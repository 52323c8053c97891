/**
 * Per-account aggregates for a current and a comparison period, in one pass over the rows.
 * Everything is a typed array indexed by account code (`table.account.codes`): no Maps and no
 * per-row allocation, so a million rows take a few milliseconds.
 *
 * A row belongs to a period when its whole day (Math.floor(date)) lies in the range (inclusive).
 * Rows without an account (code -1) are skipped. Non-finite numbers (blanks) add nothing but the
 * row still counts as a line.
 */
import { hasProfitFromCost, type SalesTable } from '../sales-table';
import type { DayRange } from './types';

/** One period's sums per account code. */
export interface PeriodAggregates {
  readonly revenue: Float64Array;
  /** null when the table has no profit data. */
  readonly grossProfit: Float64Array | null;
  /** null when the table has no quantity column. */
  readonly quantity: Float64Array | null;
  /** Number of rows (invoice lines). An account is active in the period when lines > 0. */
  readonly lines: Int32Array;
}

export interface AccountAggregates {
  /** Number of account codes (= table.account.values.length). */
  readonly accounts: number;
  readonly current: PeriodAggregates;
  /** null when there is no comparison period. */
  readonly comparison: PeriodAggregates | null;
  /**
   * The most frequent owner code per account in the current period (-1 when none; ties → the
   * owner name first in code-unit order, so the result does not depend on row order); null when
   * the table has no owner column.
   */
  readonly owner: Int32Array | null;
}

/** Which rows to aggregate: `current` null = every row (period 'all', dated or not). */
export interface AggregateRanges {
  readonly current: DayRange | null;
  readonly comparison: DayRange | null;
}

/**
 * Sums revenue, gross profit, quantity and lines per account for the current and comparison
 * periods in a single pass, then finds each account's most frequent owner in the current period.
 *
 * @example
 * const agg = aggregateAccounts(table, { current: { from: 20393, to: 20757 }, comparison: null });
 * agg.current.revenue[table.account.codes[0]] // revenue of the first row's account
 */
export function aggregateAccounts(table: SalesTable, ranges: AggregateRanges): AccountAggregates {
  const n = table.account.values.length;
  const date = table.date;
  const all = ranges.current === null || date === null;
  const twoPeriods = !all && ranges.comparison !== null;
  // One array per measure for both periods: the current period at [0, n), the comparison at
  // [n, 2n). A row picks its slot with one offset, no per-row choice of arrays.
  const size = twoPeriods ? 2 * n : n;
  const revenueSum = new Float64Array(size);
  // Profit as revenue − cost where the table says so: its grossProfit is then never allocated.
  const costForProfit = hasProfitFromCost(table) ? table.cost : null;
  const gp = costForProfit === null ? table.grossProfit : null;
  const gpSum = costForProfit !== null || gp !== null ? new Float64Array(size) : null;
  const qtySum = table.quantity ? new Float64Array(size) : null;
  const lines = new Int32Array(size);

  const codes = table.account.codes;
  const revenue = table.revenue;
  const qty = table.quantity;
  const length = table.length;
  const cFrom = ranges.current ? ranges.current.from : 0;
  const cTo = ranges.current ? ranges.current.to : 0;
  const pFrom = twoPeriods ? ranges.comparison!.from : 1;
  const pTo = twoPeriods ? ranges.comparison!.to : 0; // an empty range when there is none
  // Owner counts per (account, owner) of current-period rows, in the same pass, when the matrix
  // is small (accounts × owners); else a separate pass (mostFrequentOwner).
  const owners = table.owner;
  const ownerCount = owners ? owners.values.length : 0;
  const dense = owners !== null && n * ownerCount <= DENSE_OWNER_LIMIT;
  const ownerRows = dense ? new Int32Array(n * ownerCount) : null;
  const ownerCodes = owners ? owners.codes : null;

  for (let i = 0; i < length; i++) {
    let k = codes[i];
    if (k < 0) continue;
    if (!all) {
      const d = Math.floor((date as Float64Array)[i]);
      if (d >= cFrom && d <= cTo) {
        // current: k = the account code
      } else if (d >= pFrom && d <= pTo) k += n;
      else continue;
    }
    lines[k]++;
    if (ownerRows !== null && k < n) {
      const o = (ownerCodes as Int32Array)[i];
      if (o >= 0) ownerRows[k * ownerCount + o]++;
    }
    const r = revenue[i];
    if (r - r === 0) revenueSum[k] += r; // finite only
    if (gpSum !== null) {
      const g = costForProfit !== null ? r - costForProfit[i] : (gp as Float64Array)[i];
      if (g - g === 0) gpSum[k] += g;
    }
    if (qtySum !== null) {
      const q = (qty as Float64Array)[i];
      if (q - q === 0) qtySum[k] += q;
    }
  }

  const period = (from: number): PeriodAggregates => ({
    revenue: revenueSum.subarray(from, from + n),
    grossProfit: gpSum ? gpSum.subarray(from, from + n) : null,
    quantity: qtySum ? qtySum.subarray(from, from + n) : null,
    lines: lines.subarray(from, from + n),
  });
  const current = period(0);
  const comparison = twoPeriods ? period(n) : null;
  const owner =
    owners === null
      ? null
      : ownerRows !== null
        ? denseMostFrequentOwner(ownerRows, n, owners.values)
        : mostFrequentOwner(table, current.lines, all, cFrom, cTo);
  return { accounts: n, current, comparison, owner };
}

/** Largest accounts × owners matrix counted in the aggregate pass (16 MB of Int32). */
const DENSE_OWNER_LIMIT = 1 << 22;

/**
 * Mode of the owner code per account from a counts matrix (`rows[a * owners + o]`); ties → the
 * owner name first in code-unit order; -1 when an account has no owner.
 */
function denseMostFrequentOwner(rows: Int32Array, n: number, names: readonly string[]): Int32Array {
  const m = names.length;
  const result = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    let best = -1;
    let bestCount = 0;
    const base = a * m;
    for (let o = 0; o < m; o++) {
      const c = rows[base + o];
      if (c > bestCount || (c > 0 && c === bestCount && names[o] < names[best])) {
        best = o;
        bestCount = c;
      }
    }
    result[a] = best;
  }
  return result;
}

/**
 * Mode of the owner code per account over the current period's rows: a counting sort of those
 * rows' owner codes by account, then one scratch counter per owner, reset after each account.
 */
function mostFrequentOwner(
  table: SalesTable,
  lines: Int32Array,
  all: boolean,
  from: number,
  to: number,
): Int32Array {
  const owners = table.owner!;
  const names = owners.values;
  const n = lines.length;
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) start[a + 1] = start[a] + lines[a];
  const fill = start.slice(0, n);
  const grouped = new Int32Array(start[n]);
  const codes = table.account.codes;
  const ownerCodes = owners.codes;
  const date = table.date;
  for (let i = 0; i < table.length; i++) {
    const a = codes[i];
    if (a < 0) continue;
    if (!all) {
      const d = Math.floor((date as Float64Array)[i]);
      if (!(d >= from && d <= to)) continue;
    }
    grouped[fill[a]++] = ownerCodes[i];
  }
  const count = new Int32Array(names.length);
  const result = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    let best = -1;
    let bestCount = 0;
    for (let k = start[a]; k < start[a + 1]; k++) {
      const o = grouped[k];
      if (o < 0) continue;
      const c = ++count[o];
      if (c > bestCount || (c === bestCount && names[o] < names[best])) {
        best = o;
        bestCount = c;
      }
    }
    for (let k = start[a]; k < start[a + 1]; k++) if (grouped[k] >= 0) count[grouped[k]] = 0;
    result[a] = best;
  }
  return result;
}
