/** Saving an opened .xlsx: sheets not rewritten are kept byte for byte, written ones merged in. */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FileWorkbook } from '../../cli/file-workbook';
import { readAllRows } from '../../shared/workbook';
import { fullSpec } from './fixtures';
import { packageProblems } from './package-check';
import { convertWithLibreOffice, needLibreOffice, tempDir } from './support';

const dir = tempDir();

/** A user's workbook: a sales sheet with its own formats, a conditional format and a defined name. */
async function userWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sales = wb.addWorksheet('Sales');
  sales.addRow(['Date', 'Customer', 'Net sales', 'Margin']);
  sales.getRow(1).font = { bold: true, color: { argb: 'FF00B050' } };
  for (let i = 0; i < 50; i++) {
    const row = sales.addRow([new Date(Date.UTC(2026, 0, 1 + i)), `Kund ${i % 7}`, 1000 + i, 0.25]);
    row.getCell(1).numFmt = 'dd/mm/yyyy';
    row.getCell(3).numFmt = '#,##0.000 "kr"';
    row.getCell(4).numFmt = '0.00%';
  }
  sales.addConditionalFormatting({
    ref: 'C2:C51',
    rules: [
      {
        type: 'cellIs',
        operator: 'greaterThan',
        formulae: ['1040'],
        priority: 1,
        style: { font: { italic: true } },
      },
    ],
  });
  wb.definedNames.add("'Sales'!$C$2:$C$51", 'NetSales');
  const notes = wb.addWorksheet('Notes');
  notes.getCell('A1').value = 'keep me';
  notes.pageSetup.printArea = 'A1:B2';
  await wb.xlsx.writeFile(path);
}

async function parts(path: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(path), { createFolders: false });
}

async function partOf(zip: JSZip, sheet: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="(rId\\d+)"`).exec(wb)?.[1];
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]}`;
}

describe('a user workbook with a new Top 20 and a replaced Notes sheet', () => {
  const input = join(dir, 'user.xlsx');
  const output = join(dir, 'user.kam.xlsx');
  let before: JSZip;
  let after: JSZip;

  beforeAll(async () => {
    await userWorkbook(input);
    before = await parts(input);
    const workbook = await FileWorkbook.open(input);
    await workbook.writeSheet(fullSpec());
    await workbook.writeSheet({
      name: 'Notes',
      blocks: [{ row: 0, col: 0, cells: [['rewritten', 0.5]], numberFormats: [null, '0.0%'] }],
    });
    expect(await workbook.sheetNames()).toEqual(['Sales', 'Notes', 'Top 20']);
    await workbook.save(output);
    after = await parts(output);
  });

  test('the package is consistent (relationships, content types)', async () => {
    expect(await packageProblems(output)).toEqual([]);
  });

  test('the sheet not rewritten is byte for byte the same part', async () => {
    const part = await partOf(before, 'Sales');
    expect(await partOf(after, 'Sales')).toBe(part);
    expect(await after.file(part)!.async('string')).toBe(await before.file(part)!.async('string'));
  });

  test('ExcelJS reads every sheet with the right values and styles', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sales', 'Notes', 'Top 20']);
    const sales = wb.getWorksheet('Sales')!;
    expect(sales.getCell('A1').font).toMatchObject({ bold: true, color: { argb: 'FF00B050' } });
    expect(sales.getCell('C2').numFmt).toBe('#,##0.000 "kr"');
    expect(sales.getCell('A2').numFmt).toBe('dd/mm/yyyy');
    const top = wb.getWorksheet('Top 20')!;
    expect(top.getCell('A1').font).toMatchObject({
      bold: true,
      size: 14,
      color: { argb: 'FF1F4E78' },
    });
    expect(top.getCell('C3').fill).toMatchObject({ fgColor: { argb: 'FFDDEBF7' } });
    expect(top.getCell('D4').numFmt).toBe('0.0%');
    expect(top.getCell('C4').numFmt).toBe('#,##0');
    expect(top.getCell('B5').value).toBe('=HYPERLINK("http://x","y")');
    expect(top.getCell('B5').type).toBe(ExcelJS.ValueType.String);
    expect(top.getCell('D4').value).toEqual({ formula: 'C4/$C$7', result: 0.5 });
    expect(top.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    const notes = wb.getWorksheet('Notes')!;
    expect(notes.getCell('A1').value).toBe('rewritten');
    expect(notes.getCell('B1').numFmt).toBe('0.0%');
  });

  test('conditional formats point at the right differential styles', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    type Cf = { ref: string; rules: { type: string; style?: Record<string, unknown> }[] };
    const cfs = (ws: ExcelJS.Worksheet) =>
      (ws as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings;
    expect(cfs(wb.getWorksheet('Sales')!)[0].rules[0].style).toMatchObject({
      font: { italic: true },
    });
    const top = cfs(wb.getWorksheet('Top 20')!);
    expect(top[0].rules[0].style).toMatchObject({ font: { color: { argb: 'FF9C0006' } } });
    expect(top[1].rules[0].style).toMatchObject({ font: { bold: true } });
    expect(top[2].rules[0].style).toMatchObject({ fill: { bgColor: { argb: 'FFFCE4D6' } } });
  });

  test('defined names: the user name kept, print areas for the written sheets, full calc on load', async () => {
    const xml = await after.file('xl/workbook.xml')!.async('string');
    expect(xml).toContain('name="NetSales"');
    expect(xml).toContain(
      '<definedName name="_xlnm.Print_Area" localSheetId="2">&apos;Top 20&apos;!$A$1:$F$8</definedName>',
    );
    expect(xml).not.toMatch(/localSheetId="1"/); // the old Notes print area went with the sheet
    expect(xml).toContain('fullCalcOnLoad="1"');
  });

  test('the written sheets read back through FileWorkbook, the kept sheet too', async () => {
    const again = await FileWorkbook.open(output);
    const sales = await readAllRows(again, 'Sales');
    expect(sales[1]).toEqual([46023, 'Kund 0', 1000, 0.25]);
    expect(sales).toHaveLength(51);
    const top = await readAllRows(again, 'Top 20');
    expect(top[3]).toEqual([1, 'Acme AB', 1000, 0.5, 46352, false]);
  });

  test('charts are added to the merged package', async () => {
    const part = await partOf(after, 'Top 20');
    const sheetXml = await after.file(part)!.async('string');
    expect(sheetXml).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(after.file('xl/charts/chart1.xml')).not.toBeNull();
    expect(after.file('xl/charts/chart2.xml')).not.toBeNull();
  });

  test('LibreOffice opens it and shows the written values with their formats', () => {
    if (!needLibreOffice()) return;
    const csv = readFileSync(
      convertWithLibreOffice(
        output,
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3',
      ),
      'utf8',
    );
    const lines = csv.split(/\r?\n/);
    expect(lines[3]).toBe('1,Acme AB,1000,50%,2026-11-26,FALSE');
    expect(lines[4]).toBe('2,"=HYPERLINK(""http://x"",""y"")",600,30%,2026-11-27,TRUE');
  }, 180_000);
});

test('rewriting a sheet of a workbook we wrote replaces its charts instead of duplicating them', async () => {
  const first = FileWorkbook.create();
  await first.writeSheet({
    name: 'Sales',
    blocks: [{ row: 0, col: 0, cells: [['Kund'], ['Acme']] }],
  });
  await first.writeSheet(fullSpec());
  const path = join(dir, 'charted.xlsx');
  await first.save(path);

  const second = await FileWorkbook.open(path);
  await second.writeSheet(fullSpec());
  const out = join(dir, 'charted-again.xlsx');
  await second.save(out);
  expect(await packageProblems(out)).toEqual([]);
  const zip = await parts(out);
  const files = Object.keys(zip.files);
  expect(files.filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);
  expect(files.filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))).toHaveLength(1);
});

test('charts on a sheet that is not rewritten survive (copied as they are)', async () => {
  const first = FileWorkbook.create();
  await first.writeSheet(fullSpec());
  const path = join(dir, 'keep-charts.xlsx');
  await first.save(path);

  const second = await FileWorkbook.open(path);
  await second.writeSheet({ name: 'Data issues', blocks: [{ row: 0, col: 0, cells: [['none']] }] });
  const out = join(dir, 'keep-charts-out.xlsx');
  await second.save(out);
  expect(await packageProblems(out)).toEqual([]);
  const before = await parts(path);
  const after = await parts(out);
  for (const part of ['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/drawings/drawing1.xml'])
    expect(await after.file(part)!.async('string')).toBe(await before.file(part)!.async('string'));
  expect(await FileWorkbook.open(out).then((w) => w.sheetNames())).toEqual([
    'Top 20',
    'Data issues',
  ]);
});

test('saving an opened workbook without writing copies it unchanged', async () => {
  const input = join(dir, 'plain.xlsx');
  await userWorkbook(input);
  const workbook = await FileWorkbook.open(input);
  const out = join(dir, 'plain-copy.xlsx');
  await workbook.save(out);
  expect(readFileSync(out).equals(readFileSync(input))).toBe(true);
});

test('a workbook written by LibreOffice (calcChain, its own styles) takes a merged sheet', async () => {
  if (!needLibreOffice()) return;
  const input = join(dir, 'lo-src.xlsx');
  await userWorkbook(input);
  const loFile = convertWithLibreOffice(input, 'xlsx');
  const lo = join(dir, 'lo.xlsx');
  copyFileSync(loFile, lo);
  const workbook = await FileWorkbook.open(lo);
  expect(await workbook.sheetNames()).toEqual(['Sales', 'Notes']);
  expect((await readAllRows(workbook, 'Sales'))[1]).toEqual([46023, 'Kund 0', 1000, 0.25]);
  await workbook.writeSheet(fullSpec());
  await workbook.writeSheet({ name: 'Sales', blocks: [{ row: 0, col: 0, cells: [['replaced']] }] });
  const out = join(dir, 'lo-merged.xlsx');
  await workbook.save(out);
  expect(await packageProblems(out)).toEqual([]);
  const zip = await parts(out);
  expect(zip.file('xl/calcChain.xml')).toBeNull();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Sales', 'Notes', 'Top 20']);
  expect(wb.getWorksheet('Top 20')!.getCell('D4').numFmt).toBe('0.0%');
  const back = readFileSync(convertWithLibreOffice(out, 'ods'));
  const ods = await JSZip.loadAsync(back);
  expect(Object.keys(ods.files).filter((f) => /^Object \d+\/content\.xml$/.test(f))).toHaveLength(
    2,
  );
}, 240_000);

test('a sheet whose name needs escaping is found and replaced in place', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sales').getCell('A1').value = 'sales';
  wb.addWorksheet(`R&D "x" <O'Neil>`).getCell('A1').value = 'old';
  wb.addWorksheet('Last').getCell('A1').value = 'last';
  const path = join(dir, 'escaped.xlsx');
  await wb.xlsx.writeFile(path);
  const workbook = await FileWorkbook.open(path);
  expect(await workbook.sheetNames()).toEqual(['Sales', `R&D "x" <O'Neil>`, 'Last']);
  expect(await readAllRows(workbook, `R&D "x" <O'Neil>`)).toEqual([['old']]);
  await workbook.writeSheet({
    name: `R&D "x" <O'Neil>`,
    blocks: [{ row: 0, col: 0, cells: [['new']] }],
    print: { orientation: 'portrait', fitToPage: false, area: 'A1:A1' },
  });
  const out = join(dir, 'escaped-out.xlsx');
  await workbook.save(out);
  expect(await packageProblems(out)).toEqual([]);
  const again = await FileWorkbook.open(out);
  expect(await again.sheetNames()).toEqual(['Sales', `R&D "x" <O'Neil>`, 'Last']);
  expect(await readAllRows(again, `R&D "x" <O'Neil>`)).toEqual([['new']]);
  const xml = await (await parts(out)).file('xl/workbook.xml')!.async('string');
  expect(xml).toContain('&apos;R&amp;D &quot;x&quot; &lt;O&apos;&apos;Neil&gt;&apos;!$A$1:$A$1');
});

test('dates of a 1904-based workbook become 1900-based serial numbers', async () => {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Sales');
  ws.getCell('A1').value = new Date(Date.UTC(2026, 10, 26));
  ws.getCell('A1').numFmt = 'yyyy-mm-dd';
  ws.getCell('B1').value = 100; // a plain number stays as it is
  const path = join(dir, 'd1904.xlsx');
  await wb.xlsx.writeFile(path);
  expect(await readAllRows(await FileWorkbook.open(path), 'Sales')).toEqual([[46352, 100]]);
});
