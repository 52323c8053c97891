import fc from 'fast-check';
import { SalesIngest, ingestSales } from '../../shared/ingest/sales-ingest';
import type { IngestResult, SalesField } from '../../shared/sales-table';
import type { RawCell, RawRow } from '../../shared/workbook';

const HEADER = ['Datum', 'Kund', 'Kundnr', 'Belopp', 'Antal', 'Kostnad', 'Rabatt', 'Site'];

const cell: fc.Arbitrary<RawCell> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constant('  '),
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom(
    '1 234,50',
    '1,234.50',
    '1,234',
    '1.234',
    '12 %',
    '(450)',
    '450-',
    '\u2212450',
    '12x',
    'abc',
    '1,2,3.4.5',
    '03/04/2026',
    '13/04/2026',
    '04/13/2026',
    '2026-11-26',
    '26.11.2026',
    '31/02/2026',
    'Total',
    'Summa 2025',
    'Acme AB',
    'ACME AB ',
    'Beta',
    '=HYPERLINK("http://x","y")',
  ),
  fc.string({ maxLength: 8 }),
  fc.date({ min: new Date(1900, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: false }),
);

const row: fc.Arbitrary<RawRow> = fc.array(cell, { minLength: 0, maxLength: HEADER.length + 1 });
const table = fc.array(row, { maxLength: 40 });

/** Splits rows into chunks at the given cut points. */
function split<T>(rows: readonly T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const chunks: T[][] = [];
  let at = 0;
  for (const p of points) {
    chunks.push(rows.slice(at, p));
    at = p;
  }
  chunks.push(rows.slice(at));
  return chunks;
}

/** Plain-data view of a result for deep comparison. */
function plain(r: IngestResult): unknown {
  const t = r.table;
  const arr = (a: Float64Array | Int32Array | null) => (a ? Array.from(a) : null);
  const coded = (c: { codes: Int32Array; values: readonly string[] } | null) =>
    c ? { codes: Array.from(c.codes), values: c.values } : null;
  return {
    ...r,
    table: {
      length: t.length,
      sourceRow: [...t.sourceRow],
      date: arr(t.date),
      account: coded(t.account),
      accountIds: t.accountIds,
      subUnit: coded(t.subUnit),
      quantity: arr(t.quantity),
      revenue: arr(t.revenue),
      cost: arr(t.cost),
      grossProfit: arr(t.grossProfit),
      discount: arr(t.discount),
    },
  };
}

function checkInvariants(r: IngestResult, nonBlankRowsUpTo: number): void {
  expect(r.rowsRead).toBe(r.rowsUsed + r.rowsRejected);
  expect(r.rowsRead).toBe(nonBlankRowsUpTo);
  expect(r.table.length).toBe(r.rowsUsed);
  const rejected = r.issues.filter((i) => i.action === 'rejected');
  expect(rejected.length).toBe(r.rowsRejected);
  const rejectedRows = new Set(rejected.map((i) => i.row));
  expect(rejectedRows.size).toBe(rejected.length);
  const used = new Set(r.table.sourceRow);
  expect(used.size).toBe(r.rowsUsed);
  for (const row of used) expect(rejectedRows.has(row)).toBe(false);
  // Adjusted issues only for used rows.
  for (const i of r.issues) if (i.action === 'adjusted') expect(used.has(i.row)).toBe(true);
  // Every row from 2 to the last counted row is used or rejected.
  for (let row = 2; row < 2 + r.rowsRead; row++) {
    expect(used.has(row) || rejectedRows.has(row)).toBe(true);
  }
  for (const v of r.table.revenue) expect(Number.isFinite(v)).toBe(true);
  if (r.table.date) for (const v of r.table.date) expect(Number.isFinite(v)).toBe(true);
  for (const c of r.table.account.codes) {
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThan(r.table.account.values.length);
  }
}

function isBlank(v: RawCell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Rows up to and including the last row with any non-blank cell. */
function countedRows(rows: readonly RawRow[]): number {
  let last = 0;
  rows.forEach((r, i) => {
    if (r.some((c) => !isBlank(c))) last = i + 1;
  });
  return last;
}

describe('properties', () => {
  test('random tables never throw and keep rowsRead = rowsUsed + rowsRejected', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const r = ingestSales(HEADER, rows);
        checkInvariants(r, countedRows(rows));
      }),
      { numRuns: 400 },
    );
  });

  test('chunked push gives the same result as one push', () => {
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const whole = ingestSales(HEADER, rows);
        const ingest = new SalesIngest(HEADER);
        for (const chunk of split(rows, cuts)) ingest.push(chunk);
        expect(plain(ingest.finish())).toEqual(plain(whole));
      }),
      { numRuns: 300 },
    );
  });

  test('per-account revenue sums do not depend on row order', () => {
    const account = fc.constantFrom('Acme AB', 'ACME AB ', 'acme  ab', 'Beta', 'beta', 'Gamma');
    const amount = fc.oneof(
      fc.integer({ min: -10000, max: 10000 }),
      fc.constantFrom('1 234,50', '(450)', '450-', '12,5'),
    );
    const goodRow = fc.tuple(account, amount);
    fc.assert(
      fc.property(
        fc
          .array(goodRow, { minLength: 1, maxLength: 50 })
          .chain((rows) =>
            fc.tuple(
              fc.constant(rows),
              fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
            ),
          ),
        ([rows, shuffled]) => {
          const sums = (rs: RawRow[]) => {
            const r = ingestSales(['Kund', 'Belopp'], rs);
            expect(r.rowsUsed).toBe(rs.length);
            const byKey = new Map<string, number>();
            r.table.account.codes.forEach((c, i) => {
              const key = r.table.account.values[c].toLowerCase();
              byKey.set(key, Math.round(((byKey.get(key) ?? 0) + r.table.revenue[i]) * 100) / 100);
            });
            return byKey;
          };
          expect(sums(shuffled)).toEqual(sums(rows));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('numbers as numbers round-trip exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }),
        (values) => {
          const r = ingestSales(
            ['Kund', 'Belopp'],
            values.map((v) => ['A', v]),
          );
          expect(Array.from(r.table.revenue)).toEqual(values.map((v) => v));
        },
      ),
    );
  });
  test('keeping only some fields keeps the same rows, issues and kept columns', () => {
    const optional: SalesField[] = ['subUnit', 'quantity', 'cost', 'discount'];
    fc.assert(
      fc.property(table, fc.subarray(optional), fc.boolean(), (rows, fields, hint) => {
        const expectedRows = hint ? rows.length : undefined;
        const whole = ingestSales(HEADER, rows, { expectedRows });
        const some = ingestSales(HEADER, rows, { expectedRows, fields });
        expect(some.rowsRead).toBe(whole.rowsRead);
        expect(some.rowsRejected).toBe(whole.rowsRejected);
        expect(some.issues).toEqual(whole.issues);
        const w = plain(whole) as { table: Record<string, unknown> };
        const p = plain(some) as { table: Record<string, unknown> };
        for (const [key, value] of Object.entries(w.table)) {
          const field = key === 'grossProfit' ? 'cost' : key;
          const keptAlways = !optional.includes(field as SalesField);
          const kept = keptAlways || fields.includes(field as SalesField);
          expect([key, p.table[key]]).toEqual([key, kept ? value : null]);
        }
        const keptHeaders = new Set(
          some.table.columns
            .filter((c) => !optional.includes(c.field) || fields.includes(c.field))
            .map((c) => c.header),
        );
        expect(some.notes).toEqual(whole.notes.filter((n) => keptHeaders.has(n.column)));
      }),
      { numRuns: 300 },
    );
  });
});
