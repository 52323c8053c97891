/** Finding the sales table for the source picker, and the in-memory workbook. */
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import { findSalesSources } from '../../shared/reports/sales-sources';

const sales = [
  ['Exported 2026-11-27', null, null],
  [],
  ['Kund', 'Fakturadatum', 'Belopp', 'Kostnad'],
  ['Acme AB', '2026-01-05', 1000, 600],
  ['Beta AB', '2026-02-05', 500, 450],
];

test('offers each sheet with a header row, with its columns, skipping built sheets', async () => {
  const wb = new MemoryWorkbook({
    Notes: [['Nothing here'], ['at all']],
    Försäljning: sales,
    'Top 20': [['Customer', 'Revenue']],
    Other: [
      ['Customer name', 'Qty'],
      ['X', 1],
    ],
  });
  const sources = await findSalesSources(wb);
  expect(sources.map((s) => [s.sheet, s.headerRow, s.missing])).toEqual([['Försäljning', 3, []]]);
  expect(sources[0].headers).toEqual(['Kund', 'Fakturadatum', 'Belopp', 'Kostnad']);
  expect(sources[0].columns.map((c) => [c.field, c.index])).toEqual([
    ['account', 0],
    ['date', 1],
    ['revenue', 2],
    ['cost', 3],
  ]);
});

test('a build on the memory workbook keeps a typed note on rebuild', async () => {
  const wb = new MemoryWorkbook({ Sales: sales });
  await buildTop20(wb, { period: { kind: 'all' }, now: new Date(2026, 10, 27) });
  const top = wb.spec('Top 20');
  expect(top?.notes).toBeDefined();
  const notes = top!.notes!;
  const rows = wb.rows('Top 20');
  const acme = rows.findIndex((r) => r[notes.keyCol] === 'Acme AB');
  expect(acme).toBeGreaterThan(notes.headerRow);
  wb.setCell('Top 20', acme + 1, notes.col + 1, 'Call Eva before the renewal');
  await buildTop20(wb, { period: { kind: 'all' }, now: new Date(2026, 10, 28) });
  const again = wb.rows('Top 20');
  const row = again.find((r) => r[notes.keyCol] === 'Acme AB');
  expect(row?.[notes.col]).toBe('Call Eva before the renewal');
});
