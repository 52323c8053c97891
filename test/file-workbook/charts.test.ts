/** Charts added to the saved package: parts, anchors, relationships, content types, ranges; Excel readers open it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FileWorkbook } from '../../cli/file-workbook';
import { chartXml, sheetRange } from '../../cli/xlsx-charts';
import { insertWorksheetChild } from '../../cli/xlsx-package';
import type { SheetSpec } from '../../shared/sheet-spec';
import { fullSpec } from './fixtures';
import { convertWithLibreOffice, needLibreOffice, tempDir } from './support';

const dir = tempDir();

const text = async (zip: JSZip, path: string): Promise<string> => {
  const file = zip.file(path);
  if (file === null) throw new Error(`missing part ${path}`);
  return file.async('string');
};

/** Workbook with a plain sheet first, so the charted sheet is not sheet1.xml. */
async function saveCharted(
  name: string,
  extra: SheetSpec[] = [],
): Promise<{ path: string; zip: JSZip }> {
  const workbook = FileWorkbook.create();
  await workbook.writeSheet({
    name: 'Sales',
    blocks: [{ row: 0, col: 0, cells: [['Kund'], ['Acme']] }],
  });
  await workbook.writeSheet(fullSpec());
  for (const spec of extra) await workbook.writeSheet(spec);
  const path = join(dir, name);
  await workbook.save(path);
  return { path, zip: await JSZip.loadAsync(readFileSync(path)) };
}

describe('a sheet with two charts', () => {
  let zip: JSZip;
  let path: string;
  let sheetPart: string;

  beforeAll(async () => {
    ({ zip, path } = await saveCharted('charts.xlsx'));
    const workbook = await text(zip, 'xl/workbook.xml');
    const rid = /<sheet [^>]*name="Top 20"[^>]*r:id="(rId\d+)"/.exec(workbook)?.[1];
    const rels = await text(zip, 'xl/_rels/workbook.xml.rels');
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    sheetPart = `xl/${target}`;
  });

  test('the sheet has a <drawing> in OOXML order and its relationship', async () => {
    const xml = await text(zip, sheetPart);
    const drawing = /<drawing r:id="(rId\d+)"\/>/.exec(xml);
    expect(drawing).not.toBeNull();
    // after pageSetup, before the worksheet-level extLst (the data bar's x14 part)
    expect(xml.indexOf('<pageSetup')).toBeLessThan(drawing!.index);
    expect(xml.lastIndexOf('<extLst>')).toBeGreaterThan(drawing!.index);
    const rels = await text(zip, sheetPart.replace('worksheets/', 'worksheets/_rels/') + '.rels');
    expect(rels).toContain(
      `Id="${drawing![1]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`,
    );
  });

  test('the drawing anchors both charts at their cells and points at their parts', async () => {
    const drawing = await text(zip, 'xl/drawings/drawing1.xml');
    const anchors = [...drawing.matchAll(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g)].map(
      (m) => m[0],
    );
    expect(anchors).toHaveLength(2);
    expect(anchors[0]).toContain(
      '<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>',
    );
    expect(anchors[0]).toContain(
      '<xdr:to><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>24</xdr:row>',
    );
    const rels = await text(zip, 'xl/drawings/_rels/drawing1.xml.rels');
    for (const [i, anchor] of anchors.entries()) {
      const rid = /r:id="(rId\d+)"/.exec(anchor)?.[1];
      expect(rels).toContain(
        `Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart${i + 1}.xml"`,
      );
    }
  });

  test('content types name the drawing and the charts', async () => {
    const types = await text(zip, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    for (const n of [1, 2])
      expect(types).toContain(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
  });

  test('the combo chart: columns and a line on a secondary axis, ranges quoted with the sheet name', async () => {
    const xml = await text(zip, 'xl/charts/chart1.xml');
    expect(xml).toContain('<a:t>Revenue and share</a:t>');
    expect(xml).toMatch(
      /<c:barChart><c:barDir val="col"\/>[\s\S]*<c:v>Revenue<\/c:v>[\s\S]*<\/c:barChart>/,
    );
    expect(xml).toMatch(/<c:lineChart>[\s\S]*<c:v>Share<\/c:v>[\s\S]*<\/c:lineChart>/);
    expect(xml).toContain('<c:cat><c:strRef><c:f>&apos;Top 20&apos;!$B$4:$B$6</c:f>');
    expect(xml).toContain('<c:val><c:numRef><c:f>&apos;Top 20&apos;!$C$4:$C$6</c:f>');
    expect(xml).toContain('<c:val><c:numRef><c:f>&apos;Top 20&apos;!$D$4:$D$6</c:f>');
    expect(xml.match(/<c:valAx>/g)).toHaveLength(2);
    expect(xml.match(/<c:catAx>/g)).toHaveLength(2);
    expect(xml).toContain('<c:crosses val="max"/>');
    expect(xml).toContain('<c:numFmt formatCode="#,##0" sourceLinked="0"/>');
    expect(xml).toContain('<c:numFmt formatCode="0%" sourceLinked="0"/>');
    expect(xml).toContain('<a:srgbClr val="C00000"/>');
    // caches from the spec's values: numbers and the formulas' expected results
    expect(xml).toContain('<c:pt idx="1"><c:v>600</c:v></c:pt>');
    expect(xml).toContain('<c:pt idx="2"><c:v>0.2</c:v></c:pt>');
  });

  test('numeric categories become a numeric reference', async () => {
    const xml = await text(zip, 'xl/charts/chart2.xml');
    expect(xml).toContain('<c:cat><c:numRef><c:f>&apos;Top 20&apos;!$A$4:$A$6</c:f>');
    expect(xml.match(/<c:valAx>/g)).toHaveLength(1);
  });

  test('ExcelJS re-opens the file and reads the charted sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sales', 'Top 20']);
    expect(wb.getWorksheet('Top 20')?.getCell('C5').value).toBe(600);
    const again = await FileWorkbook.open(path);
    expect(await again.sheetNames()).toEqual(['Sales', 'Top 20']);
  });

  test('LibreOffice opens the file and sees both charts with their ranges', async () => {
    if (!needLibreOffice()) return;
    const odsZip = await JSZip.loadAsync(readFileSync(convertWithLibreOffice(path, 'ods')));
    const objects = Object.keys(odsZip.files).filter((f) => /^Object \d+\/content\.xml$/.test(f));
    expect(objects).toHaveLength(2);
    const contents = await Promise.all(objects.map((o) => text(odsZip, o)));
    const combo = contents.find((c) => c.includes('Revenue and share'));
    expect(combo).toBeDefined();
    expect(combo).toContain(
      'chart:values-cell-range-address="&apos;Top 20&apos;.C4:&apos;Top 20&apos;.C6"',
    );
    expect(combo).toContain('chart:attached-axis="secondary-y"');
    expect(combo).toContain('chart:class="chart:bar"');
    expect(combo).toContain('chart:class="chart:line"');
  }, 180_000);
});

test('charts are added again when a charted sheet is rewritten after re-opening', async () => {
  const { path } = await saveCharted('reopen-src.xlsx');
  const workbook = await FileWorkbook.open(path);
  await workbook.writeSheet(fullSpec());
  const out = join(dir, 'reopen.xlsx');
  await workbook.save(out);
  const zip = await JSZip.loadAsync(readFileSync(out));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(2);
  const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f));
  expect(drawings).toHaveLength(1);
});

test('charts on two sheets get their own drawings; sheet names with quotes and ampersands are escaped', async () => {
  const second: SheetSpec = { ...fullSpec("Bob's & Co"), charts: [fullSpec().charts![1]] };
  const { zip } = await saveCharted('two.xlsx', [second]);
  expect(zip.file('xl/drawings/drawing2.xml')).not.toBeNull();
  expect(zip.file('xl/charts/chart3.xml')).not.toBeNull();
  const xml = await text(zip, 'xl/charts/chart3.xml');
  expect(xml).toContain('<c:f>&apos;Bob&apos;&apos;s &amp; Co&apos;!$C$4:$C$6</c:f>');
});

test('sheetRange quotes the sheet and makes references absolute', () => {
  expect(sheetRange('C7:C26', 'Top 20')).toBe("'Top 20'!$C$7:$C$26");
  expect(sheetRange('$b$2:b9', "O'Neil")).toBe("'O''Neil'!$B$2:$B$9");
  expect(sheetRange('Other!A1:A3', 'Top 20')).toBe('Other!A1:A3');
});

test('a chart without caches still references its ranges', () => {
  const xml = chartXml(fullSpec().charts![0], 'Top 20');
  expect(xml).toContain('<c:f>&apos;Top 20&apos;!$C$4:$C$6</c:f></c:numRef>');
});

test('<drawing> goes before legacyDrawing/tableParts/extLst and after pageSetup/headerFooter', () => {
  const base =
    '<worksheet xmlns="x" xmlns:r="y"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
    '<conditionalFormatting sqref="A1"><cfRule type="dataBar"><extLst><ext/></extLst></cfRule></conditionalFormatting>' +
    '<pageMargins/><pageSetup/><headerFooter><oddHeader>x</oddHeader></headerFooter>';
  const el = '<drawing r:id="rId9"/>';
  expect(insertWorksheetChild(`${base}<tableParts count="0"/><extLst/></worksheet>`, el)).toBe(
    `${base}${el}<tableParts count="0"/><extLst/></worksheet>`,
  );
  expect(insertWorksheetChild(`${base}</worksheet>`, el)).toBe(`${base}${el}</worksheet>`);
  expect(
    insertWorksheetChild('<worksheet><sheetData/><legacyDrawing r:id="a"/></worksheet>', el),
  ).toBe(`<worksheet><sheetData/>${el}<legacyDrawing r:id="a"/></worksheet>`);
});
