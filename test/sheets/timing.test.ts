/**
 * Apps Script stops an execution after 6 minutes. Timed once: the core's share of a Build Top 20
 * over 200,000 rows (reading the blocks from the fake, ingesting, analysing, building and writing
 * the sheets through SheetsWorkbook). Nothing is asserted about the time — machines differ — it is
 * printed; the call count shows what Sheets itself would add (a constant plus two per block).
 */
import { SheetsWorkbook } from '../../apps-script/src/sheets-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import { NOW, fakeWithSales, sample } from './support';

test('Build Top 20 over 200,000 rows through SheetsWorkbook completes', async () => {
  const fake = fakeWithSales(sample(200_000).dated);
  const workbook = new SheetsWorkbook(fake.services.SpreadsheetApp);
  fake.log.reset();
  const start = performance.now();
  const result = await buildTop20(workbook, {
    sheet: 'Sales',
    period: { kind: 'r12' },
    lang: 'en',
    now: NOW,
  });
  const ms = performance.now() - start;
  expect(result.ingest.rowsRead).toBe(200_000);
  expect(result.written).toEqual(['Top 20', 'Data issues']);
  console.log(
    `200,000 rows: core + SheetsWorkbook over the fake ${Math.round(ms)} ms; ` +
      `${fake.log.count()} service calls, ${workbook.blocksRead} read blocks`,
  );
});
