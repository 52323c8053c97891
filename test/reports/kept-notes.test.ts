import { MemoryWorkbook } from '../../shared/memory-workbook';
import { accountKey, readKeptNotes } from '../../shared/reports/kept-notes';
import { buildTop20 } from '../../shared/reports/top20-build';
import { TOP20_COL, TOP20_HEADER_ROW } from '../../shared/reports/top20-sheet';

test('notes are read from every table with an account and a notes header, in either language', () => {
  const rows = [
    ['Top 20 accounts'],
    [],
    ['Rank', 'Account', 'Revenue', 'Notes / action'],
    [1, 'Acme AB', 100, 'Call Eva'],
    [2, '=HYPERLINK("http://x","y")', 90, '=not a formula'],
    [3, 'Beta AB', 80, null],
    [null, null, null, null],
    ['Kund', null, 'Anteckningar / åtgärd'],
    ['Gamla Kunden AB', null, 42],
  ];
  const notes = readKeptNotes(rows);
  expect([...notes.entries()]).toEqual([
    ['acme ab', { account: 'Acme AB', note: 'Call Eva' }],
    [
      '=hyperlink("http://x","y")',
      { account: '=HYPERLINK("http://x","y")', note: '=not a formula' },
    ],
    ['gamla kunden ab', { account: 'Gamla Kunden AB', note: 42 }],
  ]);
});

test('a sheet without a notes column has no notes', () => {
  expect(
    readKeptNotes([
      ['Account', 'Revenue'],
      ['Acme AB', 1],
    ]).size,
  ).toBe(0);
  expect(readKeptNotes([]).size).toBe(0);
});

test('account keys ignore case and spacing', () => {
  expect(accountKey('  ACME\u00a0 AB ')).toBe(accountKey('Acme AB'));
  expect(accountKey('Acme AB')).not.toBe(accountKey('Acme ABC'));
});

test('notes typed into a Top 20 of the earlier 15-column layout come back in the notes column', async () => {
  // Before share of wallet and role, the notes were column O (14); they are found by header.
  const old: (string | number | null)[][] = [['Top 20 accounts'], []];
  const header: (string | number | null)[] = new Array<string | null>(15).fill(null);
  header[0] = 'Rank';
  header[1] = 'Account';
  header[14] = 'Notes / action';
  const acme: (string | number | null)[] = new Array<string | number | null>(15).fill(null);
  acme[0] = 1;
  acme[1] = 'ACME AB';
  acme[14] = 'Call Eva';
  old.push(header, acme);
  const workbook = new MemoryWorkbook({
    Sales: [
      ['Customer', 'Sales'],
      ['Acme AB', 100],
      ['Beta AB', 50],
    ],
    'Top 20': old,
  });
  await buildTop20(workbook, { sheet: 'Sales' });
  const rows = workbook.rows('Top 20');
  const at = rows.findIndex((r) => r[TOP20_COL.account] === 'Acme AB');
  expect(rows[TOP20_HEADER_ROW][TOP20_COL.notes]).toBe('Notes / action');
  expect(rows[at][TOP20_COL.notes]).toBe('Call Eva');
});
