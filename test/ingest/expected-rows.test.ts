import { BLOCK_SIZE } from '../../shared/ingest/columns';
import { SalesIngest } from '../../shared/ingest/sales-ingest';
import type { IngestResult } from '../../shared/sales-table';
import type { RawRow } from '../../shared/workbook';

const HEADER = ['Datum', 'Kund-ID', 'Kund', 'Region', 'Produkt', 'Antal', 'Belopp', 'Kostnad'];

/** Rows with a total, a blank row, an ambiguous day/month date that finish() rejects, credits. */
function rows(n: number): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < n; i++) {
    const q = i % 17 === 0 ? -1 : 1 + (i % 5);
    out.push([
      46000 + (i % 400),
      `C${i % 31}`,
      `Kund ${i % 31}`,
      `R${i % 3}`,
      `P${i % 7}`,
      q,
      100 + i,
      i % 11 === 0 ? null : 60,
    ]);
  }
  out.splice(5, 0, ['Total', '', 'Total', '', '', '', 123, '']);
  out.splice(9, 0, []);
  out.splice(12, 0, ['13/13/2026', 'C1', 'Kund 1', 'R1', 'P1', 1, 5, 2]);
  return out;
}

function ingest(data: RawRow[], expectedRows?: number, chunk = 1000): IngestResult {
  const s = new SalesIngest(HEADER, expectedRows === undefined ? {} : { expectedRows });
  for (let i = 0; i < data.length; i += chunk) s.push(data.slice(i, i + chunk));
  return s.finish();
}

function plain(r: IngestResult): unknown {
  const t = r.table;
  return {
    ...r,
    table: {
      ...t,
      sourceRow: [...t.sourceRow],
      date: [...t.date!],
      revenue: [...t.revenue],
      cost: [...t.cost!],
      grossProfit: [...t.grossProfit!],
      quantity: [...t.quantity!],
      account: { values: t.account.values, codes: [...t.account.codes] },
      subUnit: { values: t.subUnit!.values, codes: [...t.subUnit!.codes] },
      product: { values: t.product!.values, codes: [...t.product!.codes] },
    },
  };
}

describe('SalesIngest expectedRows (a row-count hint)', () => {
  const data = rows(3000);
  const base = plain(ingest(data));
  test.each([
    ['exact', data.length],
    ['too small (rows beyond the hint)', 100],
    ['slightly too large (views)', data.length + 100],
    ['far too large (trimmed copies)', data.length * 4],
    ['ignored: not a whole number', 2.5],
    ['ignored: negative', -3],
  ])('same result with a hint that is %s', (_, hint) => {
    const r = ingest(data, hint);
    expect(plain(r)).toEqual(base);
    expect(r.rowsRead).toBe(r.rowsUsed + r.rowsRejected);
  });
  test('a hint larger than a block, overflowing into blocks', () => {
    const big = rows(BLOCK_SIZE + 500);
    expect(plain(ingest(big, BLOCK_SIZE - 7, 9000))).toEqual(plain(ingest(big, undefined, 9000)));
  });
  test('far too large a hint does not keep the large buffer', () => {
    const t = ingest(data, data.length * 4).table;
    expect(t.revenue.buffer.byteLength).toBe(t.revenue.length * 8);
  });
});
