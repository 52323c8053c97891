/** FileWorkbook writing: every SheetSpec feature as ExcelJS reads it back, text stays text, in-place replace. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FileWorkbook } from '../../cli/file-workbook';
import { readAllRows } from '../../shared/workbook';
import { FORMULA_LIKE, fullSpec } from './fixtures';
import { tempDir } from './support';

const dir = tempDir();

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('a spec with every feature, saved and read back with ExcelJS', () => {
  let ws: ExcelJS.Worksheet;
  let wb: ExcelJS.Workbook;
  const path = join(dir, 'full.xlsx');

  beforeAll(async () => {
    const workbook = FileWorkbook.create();
    await workbook.writeSheet(fullSpec());
    await workbook.save(path);
    wb = await load(path);
    ws = sheet(wb, 'Top 20');
  });

  test('values: numbers, text, booleans, blanks', () => {
    expect(ws.getCell('A1').value).toBe('Top 20 accounts');
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('B4').value).toBe('Acme AB');
    expect(ws.getCell('C5').value).toBe(600);
    expect(ws.getCell('F5').value).toBe(true);
    expect(ws.getCell('F4').value).toBe(false);
    expect(ws.getCell('E6').value).toBeNull();
  });

  test('formulas keep their expected value as the cached result; no value → no result', () => {
    expect(ws.getCell('D4').value).toEqual({ formula: 'C4/$C$7', result: 0.5 });
    expect(ws.getCell('D6').value).toEqual({ formula: 'C6/$C$7', result: 0.2 }); // leading '=' dropped
    expect(ws.getCell('C7').value).toEqual({ formula: 'SUM(C4:C6)', result: 2000 });
    expect(ws.getCell('D7').value).toEqual({ formula: 'SUM(D4:D6)' });
    expect(ws.getCell('B8').value).toEqual({ formula: 'IF(C7>0,"ok","no")', result: 'ok' });
    expect(ws.getCell('C8').value).toEqual({ formula: 'C7>0', result: true });
  });

  test('text that looks like a formula is a String cell with the exact text', () => {
    const cells = ['B5', 'B6', 'B7', 'E7', 'F7', 'A8'].map((a) => ws.getCell(a));
    expect(cells.map((c) => c.value)).toEqual([
      FORMULA_LIKE[0],
      FORMULA_LIKE[1],
      FORMULA_LIKE[2],
      FORMULA_LIKE[3],
      FORMULA_LIKE[4],
      FORMULA_LIKE[5],
    ]);
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeFalsy();
    }
  });

  test('number formats per block column (text, dates, percentages)', () => {
    expect(ws.getCell('B4').numFmt).toBe('@');
    expect(ws.getCell('C4').numFmt).toBe('#,##0');
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(ws.getCell('E4').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('A4').numFmt).toBeFalsy();
    expect(ws.getCell('C8').numFmt).toBe('#,##0');
  });

  test('styles: font, fill, alignment, wrap, borders', () => {
    const title = ws.getCell('A1');
    expect(title.font).toMatchObject({ bold: true, size: 14, color: { argb: 'FF1F4E78' } });
    const header = ws.getCell('C3');
    expect(header.font).toMatchObject({ bold: true });
    expect(header.fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFDDEBF7' },
    });
    expect(header.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(header.border?.bottom?.style).toBe('thin');
    const total = ws.getCell('C7');
    expect(total.font).toMatchObject({ italic: true });
    expect(total.border?.top?.style).toBe('thin');
    expect(total.numFmt).toBe('#,##0');
    expect(ws.getCell('A7').numFmt).toBeFalsy();
  });

  test('column widths and hidden columns, frozen panes, tab colour', () => {
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(6).hidden).toBe(true);
    expect(ws.getColumn(2).hidden).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3, topLeftCell: 'C4' });
    expect(ws.properties.tabColor).toEqual({ argb: 'FF1F4E78' });
  });

  test('conditional formats: cellIs, expression, dataBar', () => {
    const cfs = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(['C4:C6', 'D4:D6', 'A4:F6', 'C4:C6']);
    const [less, between, expr, bar] = cfs.map(
      (c) => c.rules[0] as unknown as Record<string, unknown>,
    );
    expect(less).toMatchObject({ type: 'cellIs', operator: 'lessThan', formulae: ['500'] });
    expect(less.style).toMatchObject({
      font: { color: { argb: 'FF9C0006' } },
      fill: { bgColor: { argb: 'FFFFC7CE' } },
    });
    expect(between).toMatchObject({
      type: 'cellIs',
      operator: 'between',
      formulae: ['0.25', '0.6'],
    });
    expect(expr).toMatchObject({ type: 'expression', formulae: ['$F4=TRUE'] });
    expect(bar).toMatchObject({ type: 'dataBar', color: { argb: 'FF5B9BD5' } });
    const priorities = cfs.map((c) => c.rules[0].priority);
    expect(new Set(priorities).size).toBe(4);
  });

  test('print setup: landscape, one page wide and tall, print area', () => {
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      printArea: 'A1:F8',
    });
  });

  test('the print area is a defined name with absolute references', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    expect(xml).toContain(
      '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Top 20&apos;!$A$1:$F$8</definedName>',
    );
    expect(xml).toContain('fullCalcOnLoad="1"');
  });

  test('readRows returns what was written (formulas as their results)', async () => {
    const again = await FileWorkbook.open(path);
    const rows = await readAllRows(again, 'Top 20');
    expect(rows[3]).toEqual([1, 'Acme AB', 1000, 0.5, 46352, false]);
    expect(rows[4][1]).toBe(FORMULA_LIKE[0]);
    expect(rows[6]).toEqual(['Total', '-3', 2000, null, '@SUM(A1)', '\tTab']);
    expect(rows[7]).toEqual(['=1+1', 'ok', true, null, null, null]);
  });
});

test('a written sheet can be read in the same session, before saving', async () => {
  const workbook = FileWorkbook.create();
  await workbook.writeSheet(fullSpec());
  expect(await workbook.sheetNames()).toEqual(['Top 20']);
  const rows = await readAllRows(workbook, 'Top 20');
  expect(rows[2]).toEqual(['Rank', 'Account', 'Revenue', 'Share', 'Since', 'Loss']);
  expect(rows[3][3]).toBe(0.5);
});

test('rewriting a sheet replaces it in place: same tab position, other sheets untouched', async () => {
  const path = join(dir, 'order.xlsx');
  const first = FileWorkbook.create();
  await first.writeSheet({
    name: 'Sales',
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [
          ['Kund', 'Belopp'],
          ['Acme', 5],
        ],
      },
    ],
  });
  await first.writeSheet({
    name: 'Top 20',
    blocks: [{ row: 0, col: 0, cells: [['old'], ['stale row']] }],
  });
  await first.writeSheet({
    name: 'Data issues',
    blocks: [{ row: 0, col: 0, cells: [['issues']] }],
  });
  await first.save(path);

  const again = await FileWorkbook.open(path);
  await again.writeSheet({ name: 'top 20', blocks: [{ row: 0, col: 0, cells: [['new']] }] });
  expect(await again.sheetNames()).toEqual(['Sales', 'top 20', 'Data issues']);
  await again.save(path);

  const wb = await load(path);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Sales', 'top 20', 'Data issues']);
  expect(sheet(wb, 'Sales').getCell('A2').value).toBe('Acme');
  expect(sheet(wb, 'Sales').getCell('B2').value).toBe(5);
  expect(sheet(wb, 'top 20').getCell('A1').value).toBe('new');
  expect(sheet(wb, 'top 20').getCell('A2').value).toBeNull(); // the old content is gone
  expect(sheet(wb, 'Data issues').getCell('A1').value).toBe('issues');
});

test('a failing write leaves the previous sheet intact', async () => {
  const workbook = FileWorkbook.create();
  await workbook.writeSheet({ name: 'Top 20', blocks: [{ row: 0, col: 0, cells: [['kept']] }] });
  await expect(
    workbook.writeSheet({
      name: 'Top 20',
      blocks: [{ row: 0, col: 0, cells: [['x']] }],
      tabColor: 'not a colour',
    }),
  ).rejects.toThrow(/colour/);
  expect(await workbook.sheetNames()).toEqual(['Top 20']);
  expect(await readAllRows(workbook, 'Top 20')).toEqual([['kept']]);
});

test('a 20,000 × 10 block is written and saved fast', async () => {
  const cells = Array.from({ length: 20_000 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) =>
      j === 0 ? `Account ${i}` : j === 9 ? { formula: `B${i + 1}*2`, value: i * 2 } : i * j,
    ),
  );
  const started = Date.now();
  const workbook = FileWorkbook.create();
  await workbook.writeSheet({
    name: 'Big',
    blocks: [
      { row: 0, col: 0, cells, numberFormats: [null, '#,##0.00'], style: { borderBottom: true } },
    ],
  });
  await workbook.save(join(dir, 'big.xlsx'));
  expect(Date.now() - started).toBeLessThan(15_000);
  const wb = await load(join(dir, 'big.xlsx'));
  expect(sheet(wb, 'Big').getCell('J20000').value).toEqual({ formula: 'B20000*2', result: 39_998 });
});

test('save writes .xlsx atomically: no temp file left, an unwritable target is a UserError', async () => {
  const target = join(dir, 'atomic', 'missing-folder', 'out.xlsx');
  const workbook = FileWorkbook.create();
  await workbook.writeSheet({ name: 'A', blocks: [{ row: 0, col: 0, cells: [['a']] }] });
  await expect(workbook.save(target)).rejects.toMatchObject({ name: 'UserError' });
  await expect(workbook.save(target)).rejects.toThrow(
    /^Cannot write .*out\.xlsx: no such file or folder\.$/,
  );

  const existing = join(dir, 'existing.xlsx');
  writeFileSync(existing, 'old content');
  await workbook.save(existing);
  expect(existsSync(existing)).toBe(true);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect((await load(existing)).worksheets.map((w) => w.name)).toEqual(['A']);
});

test('a print area on a sheet named with an apostrophe is quoted as Excel requires', async () => {
  const path = join(dir, 'apostrophe.xlsx');
  const workbook = FileWorkbook.create();
  await workbook.writeSheet({
    name: 'Plain',
    blocks: [],
    print: { orientation: 'portrait', fitToPage: false, area: 'A1:B2' },
  });
  await workbook.writeSheet({
    name: "Prep — O'Brien AB",
    blocks: [{ row: 0, col: 0, cells: [['x']] }],
    print: { orientation: 'portrait', fitToPage: false, area: 'A1:C9' },
  });
  await workbook.save(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  expect(xml).toContain(
    '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Plain&apos;!$A$1:$B$2</definedName>',
  );
  expect(xml).toContain(
    '<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;Prep — O&apos;&apos;Brien AB&apos;!$A$1:$C$9</definedName>',
  );
  const wb = await load(path);
  expect(sheet(wb, "Prep — O'Brien AB").pageSetup.printArea).toBe('A1:C9');
});
