/**
 * Test-only: builds a SalesTable from small literal rows (the ingestion module is separate).
 * Dates are ISO 'YYYY-MM-DD' (optionally with ' HH:MM', kept as the day fraction) or epoch days.
 */
import { dayOfIso } from '../../shared/analysis/calendar';
import type { CodedColumn, SalesTable } from '../../shared/sales-table';
import { SourceRows } from '../../shared/source-rows';

export interface Row {
  readonly date?: string | number;
  readonly account: string;
  readonly id?: string;
  readonly revenue: number;
  readonly gp?: number;
  readonly qty?: number;
  readonly owner?: string;
}

export interface TableOptions {
  /** Force a date column even when no row has a date (default: when any row has one). */
  readonly dates?: boolean;
  /** Whether to keep a profit column (default: when any row has gp). */
  readonly profit?: boolean;
}

export function day(iso: string): number {
  const [d, time] = iso.split(' ');
  const whole = dayOfIso(d);
  if (whole === null) throw new Error(`bad test date ${iso}`);
  if (!time) return whole;
  const [h, m] = time.split(':').map(Number);
  return whole + (h * 60 + m) / 1440;
}

function coded(texts: readonly (string | undefined)[]): CodedColumn {
  const values: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(texts.length);
  texts.forEach((t, i) => {
    if (t === undefined) {
      codes[i] = -1;
      return;
    }
    let c = index.get(t);
    if (c === undefined) {
      c = values.length;
      values.push(t);
      index.set(t, c);
    }
    codes[i] = c;
  });
  return { codes, values };
}

export function makeTable(rows: readonly Row[], options: TableOptions = {}): SalesTable {
  const hasDates = options.dates ?? rows.some((r) => r.date !== undefined);
  const hasProfit = options.profit ?? rows.some((r) => r.gp !== undefined);
  const hasQty = rows.some((r) => r.qty !== undefined);
  const hasOwner = rows.some((r) => r.owner !== undefined);
  const hasIds = rows.some((r) => r.id !== undefined);
  const key = (r: Row) => (hasIds ? (r.id as string) : r.account);
  const account = coded(rows.map(key));
  const names = account.values.map((k) => rows.find((r) => key(r) === k)!.account);
  const num = (f: (r: Row) => number | undefined) => Float64Array.from(rows, (r) => f(r) ?? NaN);
  return {
    length: rows.length,
    sourceRow: SourceRows.contiguous(2, rows.length),
    date: hasDates
      ? num((r) =>
          r.date === undefined ? undefined : typeof r.date === 'number' ? r.date : day(r.date),
        )
      : null,
    account: { codes: account.codes, values: names },
    accountIds: hasIds ? account.values : null,
    subUnit: null,
    product: null,
    productGroup: null,
    owner: hasOwner ? coded(rows.map((r) => r.owner)) : null,
    quantity: hasQty ? num((r) => r.qty) : null,
    revenue: num((r) => r.revenue),
    cost: null,
    grossProfit: hasProfit ? num((r) => r.gp) : null,
    discount: null,
    listPrice: null,
    costToServe: null,
    columns: [],
  };
}

/** A deterministic shuffle (Fisher–Yates with a small LCG). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
