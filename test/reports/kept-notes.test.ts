import { accountKey, readKeptNotes } from '../../shared/reports/kept-notes';

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
