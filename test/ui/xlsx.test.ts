/**
 * The preview's .xlsx download, rendered in Node with the same module the browser uses (ExcelJS's
 * Node build here): the sample sheet and the built sheets, values and number formats as
 * `kam top20` writes them (cli/xlsx-render.ts), charts left out.
 */
import ExcelJS from 'exceljs';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import { previewXlsx } from '../../ui/preview/xlsx';
import { sampleSheet, SAMPLE_SHEET } from '../../ui/preview/sample';

test('the preview workbook downloads as an .xlsx with every sheet', async () => {
  const sample = sampleSheet();
  const workbook = new MemoryWorkbook({
    [SAMPLE_SHEET]: sample.rows,
    Other: [['a', undefined, 1]],
  });
  const result = await buildTop20(workbook, { sheet: SAMPLE_SHEET, period: { kind: 'r12' } });
  const bytes = await previewXlsx(ExcelJS, workbook, new Map([[SAMPLE_SHEET, sample.spec]]));
  expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip package

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual([
    SAMPLE_SHEET,
    'Other',
    'Top 20',
    'Data issues',
  ]);

  const sales = book.getWorksheet(SAMPLE_SHEET) as ExcelJS.Worksheet;
  expect(sales.rowCount).toBe(sample.rows.length);
  expect(sales.getCell('A2').numFmt).toBe('yyyy-mm-dd');
  expect(sales.getCell('A1').font?.bold).toBe(true);
  expect(book.getWorksheet('Other')?.getCell('C1').value).toBe(1);

  const top = book.getWorksheet('Top 20') as ExcelJS.Worksheet;
  let found = false;
  top.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.value === result.analysis.top[0].account) found = true;
    });
  });
  expect(found).toBe(true);
}, 30_000);
