import { findHeaderRow, matchHeaders, normaliseHeader } from '../../shared/ingest/headers';
import type { SalesField } from '../../shared/sales-table';
import { UserError } from '../../shared/user-error';

function fields(
  header: (string | null)[],
  override?: Partial<Record<SalesField, string | number>>,
) {
  return Object.fromEntries(matchHeaders(header, override).map((c) => [c.field, c.index]));
}

describe('normaliseHeader', () => {
  test('case, accents and punctuation do not matter', () => {
    expect(normaliseHeader('Kund-id')).toBe('kundid');
    expect(normaliseHeader('KUND ID')).toBe('kundid');
    expect(normaliseHeader('Försäljning')).toBe('forsaljning');
    expect(normaliseHeader('  Net_Sales (SEK) ')).toBe('netsalessek');
    expect(normaliseHeader('Øre')).toBe('ore');
  });
});

describe('matchHeaders', () => {
  test('a field mapped to null is left out, even when a header would match it', () => {
    const header = ['Customer', 'Net sales', 'Cost', 'Salesperson'];
    expect(matchHeaders(header).map((c) => c.field)).toContain('owner');
    const left = matchHeaders(header, { owner: null, cost: null });
    expect(left.map((c) => c.field)).toEqual(['account', 'revenue']);
    expect(() => matchHeaders(header, { revenue: null })).toThrow(/Missing column "revenue"/);
  });

  test('English headers', () => {
    expect(
      fields([
        'Invoice date',
        'Customer ID',
        'Customer',
        'Region',
        'Product',
        'Product group',
        'Quantity',
        'Net sales',
        'Cost',
        'Salesperson',
      ]),
    ).toEqual({
      date: 0,
      accountId: 1,
      account: 2,
      subUnit: 3,
      product: 4,
      productGroup: 5,
      quantity: 6,
      revenue: 7,
      cost: 8,
      owner: 9,
    });
  });

  test('Swedish headers, any case and accents', () => {
    expect(
      fields([
        'FAKTURADATUM',
        'Kundnr',
        'Kundnamn',
        'Avdelning',
        'Artikel',
        'Produktgrupp',
        'Antal',
        'Forsaljning',
        'Täckningsbidrag',
        'Rabatt',
        'Listpris',
        'Frakt',
        'Kundansvarig',
      ]),
    ).toEqual({
      date: 0,
      accountId: 1,
      account: 2,
      subUnit: 3,
      product: 4,
      productGroup: 5,
      quantity: 6,
      revenue: 7,
      grossProfit: 8,
      discount: 9,
      listPrice: 10,
      costToServe: 11,
      owner: 12,
    });
  });

  test('"Kund-id" is the account id, "Kund" the account', () => {
    expect(fields(['Kund-id', 'Kund', 'Belopp'])).toEqual({ accountId: 0, account: 1, revenue: 2 });
  });

  test('"Margin %" is not gross profit; "Discount %" is discount', () => {
    expect(fields(['Customer', 'Sales', 'Margin %', 'Discount %'])).toEqual({
      account: 0,
      revenue: 1,
      discount: 3,
    });
    expect(fields(['Customer', 'Sales', 'Margin %', 'Margin'])).toEqual({
      account: 0,
      revenue: 1,
      grossProfit: 3,
    });
  });

  test('exact match wins over a contained word; each header serves one field', () => {
    expect(fields(['Customer', 'Sales', 'Net sales'])).toEqual({ account: 0, revenue: 1 });
    expect(fields(['Customer', 'Sales rep', 'Amount'])).toEqual({
      account: 0,
      owner: 1,
      revenue: 2,
    });
    expect(fields(['Cost to serve', 'Cost', 'Customer', 'Sales'])).toEqual({
      costToServe: 0,
      cost: 1,
      account: 2,
      revenue: 3,
    });
  });

  test('headers containing a synonym as whole words', () => {
    expect(fields(['Customer name (legal)', 'Net sales SEK', 'Invoice date 2026'])).toEqual({
      account: 0,
      revenue: 1,
      date: 2,
    });
  });

  test('mapped columns carry the header as written, in input order', () => {
    expect(matchHeaders([' Kund ', 'Belopp'])).toEqual([
      { field: 'account', index: 0, header: 'Kund' },
      { field: 'revenue', index: 1, header: 'Belopp' },
    ]);
  });

  test('override by header text or by 0-based index', () => {
    expect(fields(['Kund', 'Summa SEK', 'Belopp'], { revenue: 'Summa SEK' })).toEqual({
      account: 0,
      revenue: 1,
    });
    expect(fields(['Kund', 'Summa SEK', 'Belopp'], { revenue: 'summa-sek' })).toEqual({
      account: 0,
      revenue: 1,
    });
    expect(fields(['A', 'B', 'C'], { account: 2, revenue: 0 })).toEqual({ account: 2, revenue: 0 });
    // The override takes the column away from automatic matching.
    expect(
      fields(['Customer', 'Sales', 'Amount'], { account: 'Sales', revenue: 'Amount' }),
    ).toEqual({
      account: 1,
      revenue: 2,
    });
  });

  test('an override naming no column is a UserError listing the headers', () => {
    expect(() => matchHeaders(['Kund', 'Belopp'], { revenue: 'Sales SEK' })).toThrow(UserError);
    expect(() => matchHeaders(['Kund', 'Belopp'], { revenue: 'Sales SEK' })).toThrow(
      'Mapping for "revenue": there is no column "Sales SEK". Headers found: Kund, Belopp.',
    );
    expect(() => matchHeaders(['Kund', 'Belopp'], { revenue: 5 })).toThrow(
      'Mapping for "revenue": there is no column 5 (columns are numbered from 0 to 1). Headers found: Kund, Belopp.',
    );
  });

  test('two fields on one column is a UserError', () => {
    expect(() => matchHeaders(['Kund', 'Belopp'], { revenue: 1, cost: 'Belopp' })).toThrow(
      'Mapping for "cost": column "Belopp" is already mapped to "revenue".',
    );
  });

  test('a missing required column names it, the headers looked for and the headers found', () => {
    let error: unknown;
    try {
      matchHeaders(['Datum', 'Kund', 'Artikel']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'Missing column "revenue": looked for Sales, Revenue, Net sales, Amount, Turnover, Net revenue, Sales amount, Försäljning, Belopp, Nettoförsäljning, Omsättning, Intäkt. Headers found: Datum, Kund, Artikel.',
    );
  });

  test('both required columns missing', () => {
    expect(() => matchHeaders(['Datum', null, ''])).toThrow(
      /^Missing column "account": looked for Customer, .*\. Missing column "revenue": looked for Sales, .*\. Headers found: Datum\.$/,
    );
    expect(() => matchHeaders([])).toThrow(/Headers found: none\.$/);
  });
});

describe('findHeaderRow', () => {
  test('skips title rows above the table', () => {
    const rows = [
      ['Sales report 2026'],
      [],
      [null, 'Printed 2026-11-26'],
      ['Datum', 'Kund', 'Belopp'],
      [46352, 'Acme AB', 100],
    ];
    expect(findHeaderRow(rows)).toBe(3);
  });
  test('first row when the table starts at once', () => {
    expect(
      findHeaderRow([
        ['Customer', 'Sales'],
        ['Acme', 1],
      ]),
    ).toBe(0);
  });
  test('-1 when no row has both an account and a revenue header', () => {
    expect(
      findHeaderRow([
        ['Customer', 'Date'],
        ['Acme', 46352],
      ]),
    ).toBe(-1);
    expect(findHeaderRow([])).toBe(-1);
  });
  test('scans only the first maxScan rows', () => {
    const rows = [['x'], ['y'], ['Customer', 'Sales']];
    expect(findHeaderRow(rows, 2)).toBe(-1);
    expect(findHeaderRow(rows, 3)).toBe(2);
  });
  test('a data row does not pass for a header', () => {
    expect(
      findHeaderRow([
        ['Acme AB', 46352, 1234.5],
        ['Customer', 'Sales'],
      ]),
    ).toBe(1);
  });
});
