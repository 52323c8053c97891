/**
 * Test-only: a SalesTable from small literal invoice lines with every column the negotiation prep
 * reads (product, group, sub-unit, quantity, discount, list price), and a sales sheet as raw rows.
 */
import { day } from '../analysis/table';
import type { CodedColumn, SalesTable } from '../../shared/sales-table';
import type { RawRow } from '../../shared/workbook';
import { SourceRows } from '../../shared/source-rows';

export interface Line {
  readonly date?: string;
  readonly account: string;
  readonly product?: string;
  readonly group?: string;
  readonly sub?: string;
  readonly qty?: number;
  readonly revenue: number;
  readonly gp?: number;
  readonly discount?: number;
  readonly listPrice?: number;
  readonly owner?: string;
}

function coded(texts: readonly (string | undefined)[]): CodedColumn {
  const values: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(texts, (t) => {
    if (t === undefined) return -1;
    let c = index.get(t);
    if (c === undefined) {
      c = values.length;
      values.push(t);
      index.set(t, c);
    }
    return c;
  });
  return { codes, values };
}

/** Columns exist when any line has the field. */
export function linesTable(lines: readonly Line[]): SalesTable {
  const has = (f: keyof Line) => lines.some((l) => l[f] !== undefined);
  const num = (f: (l: Line) => number | undefined) => Float64Array.from(lines, (l) => f(l) ?? NaN);
  const text = (f: keyof Line) =>
    has(f) ? coded(lines.map((l) => l[f] as string | undefined)) : null;
  return {
    length: lines.length,
    sourceRow: SourceRows.contiguous(2, lines.length),
    date: has('date') ? num((l) => (l.date === undefined ? undefined : day(l.date))) : null,
    account: coded(lines.map((l) => l.account)),
    accountIds: null,
    subUnit: text('sub'),
    product: text('product'),
    productGroup: text('group'),
    owner: text('owner'),
    quantity: has('qty') ? num((l) => l.qty) : null,
    revenue: num((l) => l.revenue),
    cost: null,
    grossProfit: has('gp') ? num((l) => l.gp) : null,
    discount: has('discount') ? num((l) => l.discount) : null,
    listPrice: has('listPrice') ? num((l) => l.listPrice) : null,
    costToServe: null,
    columns: [],
  };
}

/** The same lines as a "Sales" sheet (header + rows) for a Workbook. */
export function salesSheet(lines: readonly Line[]): RawRow[] {
  const header = [
    'Invoice date',
    'Customer',
    'Product',
    'Product group',
    'Region',
    'Quantity',
    'Net sales',
    'Gross profit',
    'Salesperson',
  ];
  return [
    header,
    ...lines.map((l) => [
      l.date ?? null,
      l.account,
      l.product ?? null,
      l.group ?? null,
      l.sub ?? null,
      l.qty ?? null,
      l.revenue,
      l.gp ?? null,
      l.owner ?? null,
    ]),
  ];
}
