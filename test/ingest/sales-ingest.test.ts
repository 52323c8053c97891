import { dayOfYmd } from '../../shared/analysis/calendar';
import { SalesIngest, ingestSales } from '../../shared/ingest/sales-ingest';
import { isTotalLabel } from '../../shared/ingest/totals';
import { hasProfitFromCost, type IngestResult, type RowIssue } from '../../shared/sales-table';
import { UserError } from '../../shared/user-error';
import type { RawRow } from '../../shared/workbook';

const D = dayOfYmd;

function issuesOf(r: IngestResult): Omit<RowIssue, never>[] {
  return r.issues.map((i) => ({ ...i }));
}

function checkCounts(r: IngestResult): void {
  expect(r.rowsRead).toBe(r.rowsUsed + r.rowsRejected);
  expect(r.table.length).toBe(r.rowsUsed);
  const rejectedRows = r.issues.filter((i) => i.action === 'rejected').map((i) => i.row);
  expect(rejectedRows.length).toBe(r.rowsRejected);
  expect(new Set(rejectedRows).size).toBe(rejectedRows.length);
  for (const row of r.table.sourceRow) expect(rejectedRows).not.toContain(row);
}

describe('a small Swedish table, end to end', () => {
  const header = ['Datum', 'Kund', 'Artikel', 'Antal', 'Belopp', 'Kostnad'];
  const rows: RawRow[] = [
    [46352, 'Acme AB', 'A1', 2, '1 234,50', '1 000,00'],
    ['2026-11-27', 'ACME AB ', 'A1', -1, -100, -80],
    [new Date(2026, 10, 28, 12), 'Beta', 'B2', 1, 50, ''],
    [null, null, null, null, null, null],
    ['27/11/2026', 'Gamma', 'A1', 1, 'abc', 1],
    ['', 'Totalt', '', '', 1184.5, ''],
    ['', '', '', '', 1184.5, ''],
    [],
    [null, ''],
  ];
  const r = ingestSales(header, rows);

  test('counts', () => {
    expect(r.rowsRead).toBe(7);
    expect(r.rowsUsed).toBe(3);
    expect(r.rowsRejected).toBe(4);
    checkCounts(r);
  });

  test('columns', () => {
    const t = r.table;
    expect([...t.sourceRow]).toEqual([2, 3, 4]);
    expect([...t.date!]).toEqual([20783, 20784, 20785.5]);
    expect([...t.account.codes]).toEqual([0, 0, 1]);
    expect(t.account.values).toEqual(['Acme AB', 'Beta']);
    expect(t.accountIds).toBeNull();
    expect([...t.product!.codes]).toEqual([0, 0, 1]);
    expect(t.product!.values).toEqual(['A1', 'B2']);
    expect([...t.quantity!]).toEqual([2, -1, 1]);
    expect([...t.revenue]).toEqual([1234.5, -100, 50]);
    expect([...t.cost!]).toEqual([1000, -80, 50]);
    expect([...t.grossProfit!]).toEqual([234.5, -20, 0]);
    expect(t.discount).toBeNull();
    expect(t.subUnit).toBeNull();
    expect(t.columns.map((c) => c.field)).toEqual([
      'date',
      'account',
      'product',
      'quantity',
      'revenue',
      'cost',
    ]);
  });

  test('issues', () => {
    expect(issuesOf(r)).toEqual([
      {
        row: 3,
        column: 'Antal',
        value: '-1',
        reason: 'credit note (negative quantity) kept',
        action: 'adjusted',
      },
      {
        row: 4,
        column: 'Kostnad',
        value: '',
        reason: 'cost is blank: gross profit counted as 0 (cost taken as equal to revenue)',
        action: 'adjusted',
      },
      { row: 5, column: null, value: '', reason: 'empty row', action: 'rejected' },
      {
        row: 6,
        column: 'Belopp',
        value: 'abc',
        reason: 'revenue is not a number',
        action: 'rejected',
      },
      {
        row: 7,
        column: 'Kund',
        value: 'Totalt',
        reason: 'total row detected and skipped',
        action: 'rejected',
      },
      {
        row: 8,
        column: 'Kund',
        value: '',
        reason: 'total row detected and skipped',
        action: 'rejected',
      },
    ]);
  });
});

describe('row numbering', () => {
  test('data rows are numbered after the header row', () => {
    const r = ingestSales(
      ['Kund', 'Belopp'],
      [
        ['A', 1],
        ['B', 'x'],
      ],
      { headerRowNumber: 5 },
    );
    expect([...r.table.sourceRow]).toEqual([6]);
    expect(r.issues[0].row).toBe(7);
  });
});

describe('blank rows', () => {
  test('trailing blank rows are not data; blank rows in between are rejected', () => {
    const r = ingestSales(
      ['Kund', 'Belopp'],
      [[null, null], ['A', 1], [], ['', '  '], ['B', 2], [null, null], [], ['', '']],
    );
    expect(r.rowsRead).toBe(5);
    expect(r.rowsUsed).toBe(2);
    expect(issuesOf(r)).toEqual([
      { row: 2, column: null, value: '', reason: 'empty row', action: 'rejected' },
      { row: 4, column: null, value: '', reason: 'empty row', action: 'rejected' },
      { row: 5, column: null, value: '', reason: 'empty row', action: 'rejected' },
    ]);
  });
  test('only blank rows: nothing read', () => {
    const r = ingestSales(['Kund', 'Belopp'], [[], [null, null]]);
    expect([r.rowsRead, r.rowsUsed, r.rowsRejected]).toEqual([0, 0, 0]);
    expect(r.table.length).toBe(0);
  });
  test('a trailing blank run followed by data in a later chunk is counted', () => {
    const ingest = new SalesIngest(['Kund', 'Belopp']);
    ingest.push([['A', 1], []]);
    ingest.push([[null], ['B', 2]]);
    const r = ingest.finish();
    expect(r.rowsRead).toBe(4);
    expect(r.issues.map((i) => i.row)).toEqual([3, 4]);
  });
});

describe('total rows', () => {
  test.each([
    'Total',
    'TOTAL',
    'total:',
    'Grand total',
    'Grand Total:',
    'Sum',
    'Subtotal',
    'Sub-total',
    'Totalt',
    'Summa',
    'Summa:',
    'Delsumma',
    'Totalsumma',
    'Total Q3',
    'Summa 2025',
    'Total 2025-01 – 2025-12',
    'Totalt jan',
    'Summa totalt',
    'Total FY2025',
    'Total YTD',
  ])('%j is a total', (label) => {
    expect(isTotalLabel(label)).toBe(true);
  });

  test.each([
    'Summa Industries AB',
    'Total Logistics',
    'Totalbygg AB',
    'Sumo Foods',
    'Acme AB',
    'Grand Hotel',
    '',
  ])('%j is a name', (label) => {
    expect(isTotalLabel(label)).toBe(false);
  });

  test('a total row is rejected with one issue; a real customer named Summa is kept', () => {
    const r = ingestSales(
      ['Customer', 'Date', 'Sales'],
      [
        ['Summa Industries AB', 46352, 100],
        ['Total Q3', null, 100],
        [null, null, 100],
        [null, 46352, 100],
        [null, null, 'n/a'],
      ],
    );
    expect(r.rowsUsed).toBe(1);
    expect(r.table.account.values).toEqual(['Summa Industries AB']);
    expect(r.issues.map((i) => [i.row, i.reason])).toEqual([
      [3, 'total row detected and skipped'],
      [4, 'total row detected and skipped'],
      [5, 'account is blank'],
      [6, 'account is blank'],
    ]);
    checkCounts(r);
  });

  test('without a date column: blank account and a numeric revenue is a total', () => {
    const r = ingestSales(
      ['Customer', 'Sales'],
      [
        ['A', 1],
        ['', 1],
      ],
    );
    expect(r.issues.map((i) => i.reason)).toEqual(['total row detected and skipped']);
  });
});

describe('rejections', () => {
  const header = ['Kund', 'Datum', 'Belopp', 'Antal', 'Listpris', 'Rabatt', 'Frakt'];
  const cases: [RawRow, string, string, string][] = [
    [['A', 46352, null, 1, 1, 0, 1], 'Belopp', '', 'revenue is blank'],
    [['A', 46352, '12x', 1, 1, 0, 1], 'Belopp', '12x', 'revenue is not a number'],
    [['A', 46352, true, 1, 1, 0, 1], 'Belopp', 'TRUE', 'revenue is not a number (TRUE/FALSE)'],
    [['A', 46352, '12 %', 1, 1, 0, 1], 'Belopp', '12 %', 'revenue is a percentage, not an amount'],
    [['A', null, 10, 1, 1, 0, 1], 'Datum', '', 'date is blank'],
    [['A', 'soon', 10, 1, 1, 0, 1], 'Datum', 'soon', 'date is not a readable date'],
    [['A', '31/02/2026', 10, 1, 1, 0, 1], 'Datum', '31/02/2026', 'date is not a readable date'],
    [['A', true, 10, 1, 1, 0, 1], 'Datum', 'TRUE', 'date is not a readable date'],
    [['A', 46352, 10, 'many', 1, 0, 1], 'Antal', 'many', 'quantity is not a number'],
    [['A', 46352, 10, 1, '1,2,3.4.5', 0, 1], 'Listpris', '1,2,3.4.5', 'list price is not a number'],
    [['A', 46352, 10, 1, 1, false, 1], 'Rabatt', 'FALSE', 'discount is not a number (TRUE/FALSE)'],
    [['A', 46352, 10, 1, 1, 0, 'abc'], 'Frakt', 'abc', 'cost to serve is not a number'],
    [
      ['A', 46352, 10, 1, 1, 0, '5 %'],
      'Frakt',
      '5 %',
      'cost to serve is a percentage, not an amount',
    ],
    [['', 46352, 10, 1, 1, 0, 1], 'Kund', '', 'account is blank'],
  ];
  test.each(cases)('%j → %s %j: %s', (row, column, value, reason) => {
    const r = ingestSales(header, [row]);
    expect(r.rowsUsed).toBe(0);
    expect(issuesOf(r)).toEqual([{ row: 2, column, value, reason, action: 'rejected' }]);
  });

  test('blank optional numbers are blank (NaN), not rejections', () => {
    const r = ingestSales(header, [['A', 46352, 10, null, '', ' ', undefined]]);
    expect(r.rowsUsed).toBe(1);
    expect(r.issues).toEqual([]);
    expect(r.table.quantity![0]).toBeNaN();
    expect(r.table.listPrice![0]).toBeNaN();
    expect(r.table.discount![0]).toBeNaN();
    expect(r.table.costToServe![0]).toBeNaN();
  });
});

describe('cost and gross profit', () => {
  test('no cost and no profit column: grossProfit is null', () => {
    const r = ingestSales(['Kund', 'Belopp'], [['A', 10]]);
    expect(r.table.grossProfit).toBeNull();
    expect(r.table.cost).toBeNull();
  });
  test('profit column wins; blank profit is revenue − cost or 0', () => {
    const r = ingestSales(
      ['Kund', 'Belopp', 'Kostnad', 'TB'],
      [
        ['A', 100, 70, 25],
        ['A', 100, 70, null],
        ['A', 100, null, null],
        ['A', 100, null, 40],
      ],
    );
    expect([...r.table.grossProfit!]).toEqual([25, 30, 0, 40]);
    expect([...r.table.cost!]).toEqual([70, 70, 100, 60]);
    expect(issuesOf(r)).toEqual([
      {
        row: 3,
        column: 'TB',
        value: '',
        reason: 'gross profit is blank: computed as revenue − cost',
        action: 'adjusted',
      },
      {
        row: 4,
        column: 'TB',
        value: '',
        reason:
          'gross profit and cost are blank: gross profit counted as 0 (cost taken as equal to revenue)',
        action: 'adjusted',
      },
      {
        row: 5,
        column: 'Kostnad',
        value: '',
        reason: 'cost is blank: taken as revenue − gross profit',
        action: 'adjusted',
      },
    ]);
  });
  test('profit column only: blank profit counts 0', () => {
    const r = ingestSales(['Kund', 'Belopp', 'Gross profit'], [['A', 100, null]]);
    expect([...r.table.grossProfit!]).toEqual([0]);
    expect(r.issues[0].reason).toBe('gross profit is blank: counted as 0');
    expect(r.issues[0].action).toBe('adjusted');
  });
});

describe('discount', () => {
  test('fractions stay fractions; "12 %" is 0.12', () => {
    const r = ingestSales(
      ['Kund', 'Belopp', 'Rabatt'],
      [
        ['A', 1, 0.12],
        ['A', 1, '12 %'],
        ['A', 1, '5%'],
      ],
    );
    expect([...r.table.discount!]).toEqual([0.12, 0.12, 0.05]);
    expect(r.notes).toEqual([]);
  });
  test('a column with numbers above 1 is in percent (12 → 0.12), with a note', () => {
    const r = ingestSales(
      ['Kund', 'Belopp', 'Discount %'],
      [
        ['A', 1, 12],
        ['A', 1, '12 %'],
        ['A', 1, 0.5],
        ['A', 1, '7,5'],
      ],
    );
    expect([...r.table.discount!]).toEqual([0.12, 0.12, 0.005, 0.075]);
    expect(r.notes).toEqual([
      {
        column: 'Discount %',
        note: 'Discounts read as percent: values above 1 such as 12 mean 12 %.',
      },
    ]);
  });
});

describe('values as users really have them, through the ingest', () => {
  test('ambiguous thousands are decided per column', () => {
    const r = ingestSales(
      ['Kund', 'Belopp', 'Antal', 'Listpris'],
      [
        ['A', '1,234', '1.500', '1,234'],
        ['A', '12,50', '2.5', '1,000'],
      ],
    );
    // Belopp shows a decimal comma, Antal a decimal point, Listpris nothing.
    expect([...r.table.revenue]).toEqual([1.234, 12.5]);
    expect([...r.table.quantity!]).toEqual([1.5, 2.5]);
    expect([...r.table.listPrice!]).toEqual([1234, 1000]);
    expect(r.notes).toEqual([
      {
        column: 'Belopp',
        note: '1 value with one separator before three digits (e.g. "1,234") read with the column\'s decimal comma.',
      },
      {
        column: 'Antal',
        note: '1 value with one separator before three digits (e.g. "1.500") read with the column\'s decimal point.',
      },
      {
        column: 'Listpris',
        note: '2 values with one separator before three digits (e.g. "1,234") read as thousands: no value in this column shows its decimal separator.',
      },
    ]);
  });

  test('evidence later in the column decides earlier ambiguous cells (chunked)', () => {
    const ingest = new SalesIngest(['Kund', 'Belopp']);
    ingest.push([['A', '2.500']]);
    ingest.push([['A', '1.234.567,00']]);
    const r = ingest.finish();
    expect([...r.table.revenue]).toEqual([2500, 1234567]);
  });

  test('day/month order per column, with conflicts rejected', () => {
    const r = ingestSales(
      ['Kund', 'Datum', 'Belopp'],
      [
        ['A', '03/04/2026', 1],
        ['A', '13/04/2026', 1],
        ['A', '04/13/2026', 1],
        ['A', '14/04/2026', 1],
      ],
    );
    expect([...r.table.date!]).toEqual([D(2026, 4, 3), D(2026, 4, 13), D(2026, 4, 14)]);
    expect([...r.table.sourceRow]).toEqual([2, 3, 5]);
    expect(issuesOf(r)).toEqual([
      {
        row: 4,
        column: 'Datum',
        value: '04/13/2026',
        reason:
          'date "04/13/2026" is not a real date read day/month/year, the order of this column',
        action: 'rejected',
      },
    ]);
    checkCounts(r);
  });

  test('a row rejected by the column decision loses its adjusted issues', () => {
    const r = ingestSales(
      ['Kund', 'Datum', 'Belopp', 'Antal'],
      [
        ['A', '13/04/2026', 1, 1],
        ['B', '04/13/2026', 1, -1],
        ['C', '14/04/2026', 1, 1],
      ],
    );
    expect(issuesOf(r).map((i) => [i.row, i.action])).toEqual([[3, 'rejected']]);
    expect(r.table.account.values).toEqual(['A', 'C']);
    expect([...r.table.account.codes]).toEqual([0, 1]);
    expect([...r.table.quantity!]).toEqual([1, 1]);
  });

  test('month-first column', () => {
    const r = ingestSales(
      ['Kund', 'Datum', 'Belopp'],
      [
        ['A', '03/04/2026', 1],
        ['A', '12/31/2026', 1],
      ],
    );
    expect([...r.table.date!]).toEqual([D(2026, 3, 4), D(2026, 12, 31)]);
    expect(r.notes).toEqual([
      { column: 'Datum', note: 'Dates read month/day/year, as values like "12/31/2026" show.' },
    ]);
  });

  test('formula-looking names are kept exactly', () => {
    const r = ingestSales(
      ['Kund', 'Belopp'],
      [
        ['=HYPERLINK("http://x","y")', 1],
        ['+1+2', 2],
      ],
    );
    expect(r.table.account.values).toEqual(['=HYPERLINK("http://x","y")', '+1+2']);
  });
});

describe('account identity through the ingest', () => {
  test('case and spacing variants are one account with the most frequent spelling', () => {
    const r = ingestSales(
      ['Kund', 'Belopp'],
      [
        ['ACME AB', 1],
        ['Acme AB ', 2],
        ['Acme\u00a0AB', 4],
        ['Beta', 8],
      ],
    );
    expect(r.table.account.values).toEqual(['Acme AB', 'Beta']);
    expect([...r.table.account.codes]).toEqual([0, 0, 0, 1]);
  });
  test('with an id column the id is the key', () => {
    const r = ingestSales(
      ['Kundnr', 'Kund', 'Belopp'],
      [
        ['K1', 'Acme', 1],
        ['K2', 'Acme', 1],
        ['K1', 'Acme AB', 1],
        ['K1', 'Acme AB', 1],
      ],
    );
    expect(r.table.account.values).toEqual(['Acme AB', 'Acme']);
    expect(r.table.accountIds).toEqual(['K1', 'K2']);
    expect([...r.table.account.codes]).toEqual([0, 1, 0, 0]);
  });
  test('sub-units, product groups and owners are dictionary-encoded', () => {
    const r = ingestSales(
      ['Kund', 'Belopp', 'Site', 'Product', 'Category', 'Salesperson'],
      [
        ['A', 1, 'Site A', 'P1', 'G1', 'Eva'],
        ['A', 1, 'site a ', 'P2', 'G1', 'eva'],
        ['B', 1, null, 'P1', 'G1', 'Eva'],
      ],
    );
    expect(r.table.subUnit).toEqual({ codes: Int32Array.from([0, 0, -1]), values: ['Site A'] });
    expect(r.table.product).toEqual({ codes: Int32Array.from([0, 1, 0]), values: ['P1', 'P2'] });
    expect(r.table.productGroup).toEqual({ codes: Int32Array.from([0, 0, 0]), values: ['G1'] });
    expect(r.table.owner).toEqual({ codes: Int32Array.from([0, 0, 0]), values: ['Eva'] });
  });
});

describe('API', () => {
  test('the constructor throws the UserError of a missing column', () => {
    expect(() => new SalesIngest(['Datum', 'Kund', 'Artikel'])).toThrow(UserError);
  });
  test('mapping override', () => {
    const r = ingestSales(['X', 'Y'], [['A', 5]], { mapping: { account: 'X', revenue: 1 } });
    expect([...r.table.revenue]).toEqual([5]);
  });
  test('finish twice returns the same result; push after finish throws', () => {
    const ingest = new SalesIngest(['Kund', 'Belopp']);
    ingest.push([['A', 1]]);
    const a = ingest.finish();
    expect(ingest.finish()).toBe(a);
    expect(() => ingest.push([['B', 1]])).toThrow();
  });
  test('columns are exact-length typed arrays', () => {
    const ingest = new SalesIngest(['Kund', 'Belopp', 'Datum']);
    for (let k = 0; k < 3; k++) ingest.push(Array.from({ length: 700 }, () => ['A', 1, 46352]));
    const t = ingest.finish().table;
    expect(t.revenue).toBeInstanceOf(Float64Array);
    expect(t.revenue.length).toBe(2100);
    expect(t.date!.length).toBe(2100);
    expect(t.sourceRow.length).toBe(2100);
    expect(t.account.codes.length).toBe(2100);
    expect(t.revenue.buffer.byteLength).toBe(2100 * 8);
    expect(t.sourceRow.at(2099)).toBe(2101);
  });
  test('chunks are not retained', () => {
    const ingest = new SalesIngest(['Kund', 'Belopp']);
    const chunk: unknown[][] = [['A', 1]];
    ingest.push(chunk as RawRow[]);
    chunk[0][0] = 'changed';
    chunk[0][1] = 99;
    expect(ingest.finish().table.account.values).toEqual(['A']);
  });
});

describe('gross profit from cost', () => {
  const header = ['Customer', 'Sales', 'Cost'];
  const rows = [
    ['Acme', 100, 60],
    ['Beta', '1 234,50', ''],
    ['Acme', 50, 45.5],
  ];

  it('is revenue − cost, a blank cost taken as the revenue', () => {
    const t = ingestSales(header, rows, { expectedRows: 3 }).table;
    expect(hasProfitFromCost(t)).toBe(true);
    expect([...(t.cost as Float64Array)]).toEqual([60, 1234.5, 45.5]);
    expect([...(t.grossProfit as Float64Array)]).toEqual([40, 0, 4.5]);
    expect(t.grossProfit).toBe(t.grossProfit); // computed once
  });

  it('no longer holds for a table built with another revenue column', () => {
    const t = ingestSales(header, rows).table;
    const scaled = { ...t, revenue: t.revenue.map((r) => r * 2) };
    expect(hasProfitFromCost(scaled)).toBe(false);
    expect([...(scaled.grossProfit as Float64Array)]).toEqual([40, 0, 4.5]);
  });

  it('is not claimed when the sheet has a profit column', () => {
    const t = ingestSales([...header, 'GP'], [['Acme', 100, 60, 41]]).table;
    expect(hasProfitFromCost(t)).toBe(false);
    expect([...(t.grossProfit as Float64Array)]).toEqual([41]);
  });
});
