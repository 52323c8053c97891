/** FileWorkbook reading: CSV encodings and separators, xlsx cell kinds, chunks, and clear errors. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { CHUNK_ROWS, FileWorkbook, dateToSerial, rawCell } from '../../cli/file-workbook';
import { sheetNameForFile } from '../../cli/csv-file';
import { isDateFormat } from '../../cli/xlsx-reader';
import { UserError } from '../../shared/user-error';
import { readAllRows, type RawRow } from '../../shared/workbook';
import { convertWithLibreOffice, needLibreOffice, tempDir } from './support';

const dir = tempDir();

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function csvRows(name: string, content: string | Buffer): Promise<RawRow[]> {
  const workbook = await FileWorkbook.open(file(name, content));
  const [sheet] = await workbook.sheetNames();
  return readAllRows(workbook, sheet);
}

describe('CSV decoding', () => {
  const expected = [
    ['Kund', 'Belopp', 'Ort'],
    ['Åkesson AB', '1 234,50', 'Malmö'],
    ['Café €', '99', null],
  ];

  test('UTF-8 without BOM, `;`, CRLF, quoted decimal comma', async () => {
    const rows = await csvRows(
      'utf8.csv',
      'Kund;Belopp;Ort\r\nÅkesson AB;"1 234,50";Malmö\r\nCafé €;99;\r\n',
    );
    expect(rows).toEqual(expected);
  });

  test('UTF-8 with BOM: the BOM is not part of the first header', async () => {
    const rows = await csvRows(
      'bom.csv',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('Kund;Belopp;Ort\nÅkesson AB;1 234,50;Malmö\nCafé €;99;\n'),
      ]),
    );
    expect(rows).toEqual(expected);
  });

  test('Windows-1252 (å = 0xE5, € = 0x80) is decoded when the bytes are not UTF-8', async () => {
    const bytes = iconv.encode(
      'Kund;Belopp;Ort\r\nÅkesson AB;"1 234,50";Malmö\r\nCafé €;99;\r\n',
      'win1252',
    );
    expect(bytes.includes(0xe5)).toBe(false); // Å is 0xC5; check the lower case too:
    const lower = iconv.encode('Kund\r\nhåkan\r\n€\r\n', 'win1252');
    expect([...lower]).toContain(0xe5);
    expect([...lower]).toContain(0x80);
    expect(await csvRows('cp1252.csv', bytes)).toEqual(expected);
    expect(await csvRows('cp1252b.csv', lower)).toEqual([['Kund'], ['håkan'], ['€']]);
  });

  test('UTF-16 with BOM (Excel "Unicode text") is decoded too', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Kund\tBelopp\r\nÅkesson AB\t12\r\n', 'utf16le'),
    ]);
    expect(await csvRows('unicode.txt', bytes)).toEqual([
      ['Kund', 'Belopp'],
      ['Åkesson AB', '12'],
    ]);
  });

  test('multi-byte characters across read-buffer boundaries stay UTF-8', async () => {
    const line = 'Åsa Öberg;ÄÖÅ€\n';
    const content = `Namn;Text\n${line.repeat(120_000)}`; // > 2 MB
    const rows = await csvRows('long-utf8.csv', content);
    expect(rows).toHaveLength(120_001);
    expect(rows.every((r, i) => i === 0 || (r[0] === 'Åsa Öberg' && r[1] === 'ÄÖÅ€'))).toBe(true);
  });
});

describe('CSV separators and quoting', () => {
  test('comma with quoted thousands', async () => {
    expect(await csvRows('comma.csv', 'Customer,Amount\nAcme,"1,234.50"\nBeta,12\n')).toEqual([
      ['Customer', 'Amount'],
      ['Acme', '1,234.50'],
      ['Beta', '12'],
    ]);
  });

  test('semicolon with unquoted decimal commas (Swedish export)', async () => {
    expect(
      await csvRows('semi.csv', 'Kund;Belopp;Antal\nAcme;1234,50;3\nBeta;99,00;2\nGamma;5;1\n'),
    ).toEqual([
      ['Kund', 'Belopp', 'Antal'],
      ['Acme', '1234,50', '3'],
      ['Beta', '99,00', '2'],
      ['Gamma', '5', '1'],
    ]);
    expect(await csvRows('semi2.csv', 'Kund;Belopp\nAcme;"1 234,50"')).toEqual([
      ['Kund', 'Belopp'],
      ['Acme', '1 234,50'],
    ]);
  });

  test('tab, also in a .tsv and a .txt', async () => {
    const content = 'Kund\tBelopp, SEK\nAcme; AB\t1,5\n';
    const want = [
      ['Kund', 'Belopp, SEK'],
      ['Acme; AB', '1,5'],
    ];
    expect(await csvRows('tab.tsv', content)).toEqual(want);
    expect(await csvRows('tab.txt', content)).toEqual(want);
  });

  test('quoted fields with separators, newlines and quotes; empty fields are null', async () => {
    const content =
      'Kund;Anteckning;Belopp\r\n"Acme; ""Big"" AB";"rad 1\r\nrad 2";\r\n;"";7\r\n"=HYPERLINK(""http://x"",""y"")";+1+2;-3\r\n';
    expect(await csvRows('quoted.csv', content)).toEqual([
      ['Kund', 'Anteckning', 'Belopp'],
      ['Acme; "Big" AB', 'rad 1\r\nrad 2', null],
      [null, null, '7'],
      ['=HYPERLINK("http://x","y")', '+1+2', '-3'],
    ]);
  });

  test("Excel's sep= line, blank lines inside (kept as empty rows) and at the end (dropped)", async () => {
    expect(await csvRows('sep.csv', 'sep=;\nKund;Belopp\n\nAcme;1,5\n\n\n')).toEqual([
      ['Kund', 'Belopp'],
      [],
      ['Acme', '1,5'],
    ]);
  });

  test('an old-Mac CR-only file and a file without a final newline', async () => {
    expect(await csvRows('cr.csv', 'Kund;Belopp\rAcme;1\rBeta;2')).toEqual([
      ['Kund', 'Belopp'],
      ['Acme', '1'],
      ['Beta', '2'],
    ]);
  });

  test('an empty file is a sheet without rows', async () => {
    expect(await csvRows('empty.csv', '')).toEqual([]);
  });
});

describe('CSV as a workbook', () => {
  test('one sheet named after the file; chunks of 10,000 rows with 1-based first rows', async () => {
    const lines = ['Kund;Belopp', ...Array.from({ length: 25_000 }, (_, i) => `K${i};${i}`)];
    const workbook = await FileWorkbook.open(file('Sales 2026.csv', lines.join('\n')));
    expect(await workbook.sheetNames()).toEqual(['Sales 2026']);
    const chunks: [number, number][] = [];
    await workbook.readRows('Sales 2026', (rows, firstRow) => chunks.push([firstRow, rows.length]));
    expect(CHUNK_ROWS).toBe(10_000);
    expect(chunks).toEqual([
      [1, 10_000],
      [10_001, 10_000],
      [20_001, 5_001],
    ]);
  });

  test('an error thrown by the chunk handler stops the read and reaches the caller', async () => {
    const lines = ['Kund;Belopp', ...Array.from({ length: 30_000 }, (_, i) => `K${i};${i}`)];
    const workbook = await FileWorkbook.open(file('stop.csv', lines.join('\n')));
    let calls = 0;
    await expect(
      workbook.readRows('stop', () => {
        calls++;
        throw new Error('not a sales table');
      }),
    ).rejects.toThrow('not a sales table');
    expect(calls).toBe(1);
  });

  test('the CSV sheet is saved first, as text cells exactly as read, beside the written sheets', async () => {
    const csv = file(
      'input.csv',
      'Kund;Belopp;Datum\r\n"=HYPERLINK(""http://x"",""y"")";"1 234,50";2026-11-26\r\n  Acme  ;+1+2;\r\n"Tab\tin";-3;@SUM(A1)\r\n',
    );
    const workbook = await FileWorkbook.open(csv);
    await workbook.writeSheet({
      name: 'Top 20',
      blocks: [{ row: 0, col: 0, cells: [['report']] }],
    });
    const out = join(dir, 'input.kam.xlsx');
    await workbook.save(out);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['input', 'Top 20']);
    const ws = wb.getWorksheet('input')!;
    const grid: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      grid[r - 1] = [1, 2, 3].map((c) => row.getCell(c).value);
      row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String));
    });
    expect(grid).toEqual([
      ['Kund', 'Belopp', 'Datum'],
      ['=HYPERLINK("http://x","y")', '1 234,50', '2026-11-26'],
      ['  Acme  ', '+1+2', null],
      ['Tab\tin', '-3', '@SUM(A1)'],
    ]);

    // Re-opened, the kept sheet reads back the same text.
    const again = await FileWorkbook.open(out);
    expect(await readAllRows(again, 'input')).toEqual([
      ['Kund', 'Belopp', 'Datum'],
      ['=HYPERLINK("http://x","y")', '1 234,50', '2026-11-26'],
      ['  Acme  ', '+1+2', null],
      ['Tab\tin', '-3', '@SUM(A1)'],
    ]);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toContain(
      '<c r="B3" t="inlineStr"><is><t>+1+2</t></is></c>',
    );

    if (needLibreOffice()) {
      const back = readFileSync(
        convertWithLibreOffice(out, 'csv:Text - txt - csv (StarCalc):59,34,76,1'),
        'utf8',
      );
      // LibreOffice quotes text cells: the amounts and dates stayed text, the formula-like text too.
      expect(back.split(/\r?\n/)[1]).toBe(
        '"=HYPERLINK(""http://x"",""y"")";"1 234,50";"2026-11-26"',
      );
    }
  }, 180_000);

  test('rewriting the CSV sheet itself drops the CSV rows from the output', async () => {
    const workbook = await FileWorkbook.open(file('replace.csv', 'a;b\n1;2\n'));
    await workbook.writeSheet({ name: 'replace', blocks: [{ row: 0, col: 0, cells: [['new']] }] });
    expect(await readAllRows(workbook, 'replace')).toEqual([['new']]);
    const out = join(dir, 'replace.xlsx');
    await workbook.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('replace')!.getCell('A1').value).toBe('new');
    expect(wb.getWorksheet('replace')!.rowCount).toBe(1);
  });

  test('sheet names from file names follow the sheet-name rules', () => {
    expect(sheetNameForFile('/data/Sales [2026]: Q1?.csv')).toBe('Sales 2026 Q1');
    expect(sheetNameForFile('C:\\exports\\försäljning.csv')).toBe('försäljning');
    expect(sheetNameForFile('/x/a-very-long-file-name-that-goes-on-and-on.csv')).toHaveLength(31);
    expect(sheetNameForFile('/x/[].csv')).toBe('Data');
  });
});

describe('xlsx cells as the core expects them', () => {
  let rows: RawRow[];

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sales');
    ws.getCell('A1').value = 'Date';
    ws.getCell('A2').value = new Date(Date.UTC(2026, 10, 26));
    ws.getCell('A2').numFmt = 'yyyy-mm-dd';
    ws.getCell('A3').value = new Date(Date.UTC(2026, 10, 26, 12));
    ws.getCell('B2').value = { formula: 'C2*2', result: 84 } as ExcelJS.CellFormulaValue;
    ws.getCell('B3').value = {
      formula: 'NA()',
      result: { error: '#N/A' },
    } as ExcelJS.CellFormulaValue;
    ws.getCell('C2').value = 42;
    ws.getCell('C3').value = {
      richText: [{ text: 'Acme ' }, { font: { bold: true }, text: 'AB' }],
    };
    ws.getCell('D2').value = { text: 'Beta AB', hyperlink: 'http://beta.example' };
    ws.getCell('D3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('E2').value = true;
    ws.getCell('E3').value = '=not a formula';
    ws.getCell('F5').value = 'far';
    ws.mergeCells('G2:H2');
    ws.getCell('G2').value = 'merged';
    await wb.xlsx.writeFile(join(dir, 'kinds.xlsx'));
    rows = await readAllRows(await FileWorkbook.open(join(dir, 'kinds.xlsx')), 'Sales');
  });

  test('dates are Excel serial numbers, never Date objects', () => {
    expect(rows[1][0]).toBe(46352);
    expect(rows[2][0]).toBe(46352.5);
    expect(dateToSerial(new Date(Date.UTC(1899, 11, 31)))).toBe(1);
  });

  test('formulas give their cached results; rich text, hyperlinks and errors give text', () => {
    expect(rows[1].slice(1, 5)).toEqual([84, 42, 'Beta AB', true]);
    expect(rows[2].slice(1, 5)).toEqual(['#N/A', 'Acme AB', '#DIV/0!', '=not a formula']);
  });

  test('rows are padded to the used width; blank rows and cells are null; merged cells once', () => {
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows[3]).toEqual(Array(8).fill(null));
    expect(rows[4][5]).toBe('far');
    expect(rows[1].slice(6)).toEqual(['merged', null]);
  });

  test('rawCell covers every ExcelJS value shape', () => {
    expect(rawCell(undefined)).toBeNull();
    expect(rawCell({ sharedFormula: 'A1', result: 3 } as unknown as ExcelJS.CellValue)).toBe(3);
    expect(rawCell({ formula: 'A1' } as ExcelJS.CellFormulaValue)).toBeNull();
    expect(
      rawCell({
        text: { richText: [{ text: 'x' }, { text: 'y' }] },
        hyperlink: 'h',
      } as unknown as ExcelJS.CellValue),
    ).toBe('xy');
  });
});

describe('clear errors, never a stack', () => {
  const expectUserError = async (promise: Promise<unknown>, message: RegExp) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  };

  test('a missing sheet lists the sheets', async () => {
    const workbook = await FileWorkbook.open(join(dir, 'kinds.xlsx'));
    await expectUserError(
      workbook.readRows('Nope', () => undefined),
      /^There is no sheet "Nope"\. Sheets: Sales\.$/,
    );
  });

  test('a missing file', async () => {
    await expectUserError(
      FileWorkbook.open(join(dir, 'missing.xlsx')),
      /^Cannot read missing\.xlsx: no such file/,
    );
    await expectUserError(
      FileWorkbook.open(join(dir, 'missing.csv')),
      /^Cannot read missing\.csv: no such file/,
    );
  });

  test('a corrupt .xlsx: text, a broken zip, a zip without a workbook, an OLE file', async () => {
    await expectUserError(
      FileWorkbook.open(file('text.xlsx', 'Kund;Belopp\nAcme;1\n')),
      /^Cannot read text\.xlsx: it is not an \.xlsx workbook \(not a zip package/,
    );
    await expectUserError(
      FileWorkbook.open(file('broken.xlsx', 'PK\u0003\u0004 this is not a zip')),
      /^Cannot read broken\.xlsx: the workbook is damaged or is not an Excel workbook \(.+\)\.$/,
    );
    const zip = new JSZip();
    zip.file('hello.txt', 'a zip, but not a workbook');
    await expectUserError(
      FileWorkbook.open(file('zip.xlsx', await zip.generateAsync({ type: 'nodebuffer' }))),
      /^Cannot read zip\.xlsx: it is not an Excel workbook/,
    );
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    await expectUserError(
      FileWorkbook.open(file('locked.xlsx', ole)),
      /password-protected or an old \.xls/,
    );
  });

  test('a CSV that changes after it was opened is not silently mixed up', async () => {
    const path = file('moving.csv', 'Kund;Belopp\nAcme;1\n');
    const workbook = await FileWorkbook.open(path);
    writeFileSync(path, 'Kund;Belopp\nAcme;1\nBeta;2\n');
    await expectUserError(
      workbook.readRows('moving', () => undefined),
      /^moving\.csv changed or disappeared/,
    );
    await expectUserError(workbook.save(join(dir, 'moving.xlsx')), /^moving\.csv changed/);
  });

  test('a file type that is not supported', async () => {
    await expectUserError(
      FileWorkbook.open(file('report.pdf', '%PDF-1.4')),
      /^Cannot read report\.pdf: only \.xlsx and \.csv files are supported\.$/,
    );
    await expectUserError(FileWorkbook.open(file('old.xls', 'x')), /save it as \.xlsx first/);
  });

  test('a folder', async () => {
    await expectUserError(
      FileWorkbook.open(join(dir, 'folder.csv').replace('folder.csv', '')),
      /only \.xlsx/,
    );
  });
});

test('isDateFormat tells date formats from number formats', () => {
  for (const f of ['yyyy-mm-dd', 'dd/mm/yyyy hh:mm', '[h]:mm:ss', 'mmm-yy', '[$-41D]d mmmm yyyy'])
    expect(isDateFormat(f)).toBe(true);
  for (const f of ['0.00%', '#,##0 "kr"', '"Day" 0', '[Red]0.0', 'General', '0.0\\h'])
    expect(isDateFormat(f)).toBe(false);
});
