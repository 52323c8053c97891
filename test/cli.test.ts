/** The `kam` command line on real files: text stays text, notes survive, bad input gets one clear message. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Top20Json } from '../shared/reports/top20-json';
import { TOP20_COL as C, TOP20_HEADER_ROW } from '../shared/reports/top20-sheet';
import { runKam } from './support/cli';
import { libreOffice, recomputeWithLibreOffice, stripFormulaResults } from './support/recompute';

const dir = mkdtempSync(join(tmpdir(), 'kam-cli-'));
const csvCell = (v: string | number) => {
  const s = String(v);
  return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function writeCsv(name: string, rows: (string | number)[][]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n');
  return path;
}

const FORMULA_LIKE = ['=HYPERLINK("http://x","y")', '+1+2', '-Minus AB', '@SUM(A1)'];
const HEADER = ['Fakturadatum', 'Kund', 'Artikel', 'Antal', 'Försäljning', 'Kostnad'];

function salesRows(): (string | number)[][] {
  const rows: (string | number)[][] = [HEADER];
  const customers = [...FORMULA_LIKE, 'Acme AB', 'Beta Bygg AB', 'Gamma Gruppen'];
  customers.forEach((name, i) => {
    for (const month of ['2025-03-15', '2025-09-15', '2026-03-15', '2026-09-15']) {
      const revenue = (i + 1) * 10_000 + (month.startsWith('2026') ? 1_500 : 0);
      rows.push([
        month,
        name,
        'A-100',
        10 + i,
        `${revenue.toLocaleString('sv-SE')},00`,
        `${Math.round(revenue * 0.7)}`,
      ]);
    }
  });
  return rows;
}

const topRowsOf = async (path: string, sheet = 'Top 20') => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return { wb, ws };
};

test('customer names that look like formulas arrive as that text, in JSON, in the file and after LibreOffice', async () => {
  const csv = writeCsv('formula-names.csv', salesRows());
  const out = join(dir, 'formula-names.xlsx');
  const run = await runKam(['top20', csv, '-o', out, '--json']);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const json = JSON.parse(run.out) as Top20Json;
  for (const name of FORMULA_LIKE) expect(json.rows.map((r) => r.account)).toContain(name);

  const { ws } = await topRowsOf(out);
  const names: string[] = [];
  for (let r = TOP20_HEADER_ROW + 2; r < TOP20_HEADER_ROW + 2 + json.rows.length; r++) {
    const cell = ws.getCell(r, C.account + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeFalsy();
    names.push(cell.value as string);
  }
  expect(names).toEqual(json.rows.map((r) => r.account));

  if (libreOffice()) {
    const stripped = join(dir, 'formula-names-stripped.xlsx');
    await stripFormulaResults(out, stripped);
    const grid = await recomputeWithLibreOffice(stripped, 'Top 20');
    const loNames = json.rows.map((_, i) => grid[TOP20_HEADER_ROW + 1 + i][C.account]);
    expect(loNames).toEqual(json.rows.map((r) => r.account));
  }
}, 120_000);

test('running top20 on its own output keeps the notes typed in the Top 20, and the input sheet', async () => {
  const csv = writeCsv('notes.csv', salesRows());
  const first = await runKam(['top20', csv]);
  expect(first.code).toBe(0);
  const out = join(dir, 'notes.kam.xlsx');
  expect(existsSync(out)).toBe(true);

  const { wb, ws } = await topRowsOf(out);
  let acmeRow = -1;
  ws.eachRow((row, r) => {
    if (row.getCell(C.account + 1).value === 'Acme AB' && r > TOP20_HEADER_ROW + 1) acmeRow = r;
  });
  expect(acmeRow).toBeGreaterThan(0);
  ws.getCell(acmeRow, C.notes + 1).value = 'Call Eva before the price talk; =not a formula';
  await wb.xlsx.writeFile(out);

  for (let i = 0; i < 2; i++) {
    const again = await runKam(['top20', out]);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
  }
  const after = await topRowsOf(out);
  const notes = new Map<string, unknown>();
  after.ws.eachRow((row) =>
    notes.set(String(row.getCell(C.account + 1).value), row.getCell(C.notes + 1).value),
  );
  expect(notes.get('Acme AB')).toBe('Call Eva before the price talk; =not a formula');
  expect(after.wb.worksheets.map((w) => w.name)).toEqual(['notes', 'Top 20', 'Data issues']);
}, 120_000);

test('a missing column is one clear message naming it and listing the headers found', async () => {
  const csv = writeCsv('no-revenue.csv', [
    ['Datum', 'Kund', 'Artikel'],
    ['2026-01-01', 'Acme AB', 'A'],
  ]);
  const run = await runKam(['top20', csv, '--json']);
  expect(run.code).toBe(2);
  expect(run.out).toBe('');
  expect(run.err).toMatch(/revenue/i);
  expect(run.err).toContain('Datum, Kund, Artikel');
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(run.err.trim().split('\n')).toHaveLength(1);
});

test('unreadable, missing and empty inputs exit non-zero with a message, not a stack trace', async () => {
  const pdf = join(dir, 'report.pdf');
  writeFileSync(pdf, '%PDF-1.4 not a table');
  const empty = writeCsv('empty.csv', [HEADER]);
  const corrupt = join(dir, 'corrupt.xlsx');
  writeFileSync(corrupt, 'PK\u0003\u0004 this is not a zip');
  for (const file of [join(dir, 'missing.xlsx'), pdf, empty, corrupt]) {
    const run = await runKam(['top20', file]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^kam: /);
    expect(run.err).not.toMatch(/\n\s+at /);
  }
  expect((await runKam(['top20'])).code).toBe(2);
  expect((await runKam(['frobnicate'])).code).toBe(2);
  expect((await runKam(['top20', empty, '--lang', 'de'])).err).toContain('--lang must be en or sv');
  expect((await runKam(['top20', empty, '--period', 'last-week'])).code).toBe(2);
});

test('without companion sheets the share-of-wallet and role columns are hidden in the file, letters kept', async () => {
  const csv = writeCsv('no-companions.csv', salesRows());
  const out = join(dir, 'no-companions.xlsx');
  const run = await runKam(['top20', csv, '--json', '-o', out]);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.out) as Top20Json;
  expect(json.rows.every((r) => r.shareOfWallet === null && r.roleToday === null)).toBe(true);
  const { ws } = await topRowsOf(out);
  expect(ws.getColumn(C.shareOfWallet + 1).hidden).toBe(true);
  expect(ws.getColumn(C.role + 1).hidden).toBe(true);
  expect(ws.getColumn(C.flags + 1).hidden).toBe(false);
  const header = ws.getRow(TOP20_HEADER_ROW + 1);
  expect(header.getCell(C.flags + 1).value).toBe('Flags');
  expect(header.getCell(C.notes + 1).value).toBe('Notes / action');
  for (let i = 0; i < json.rows.length; i++) {
    expect(ws.getCell(TOP20_HEADER_ROW + 2 + i, C.shareOfWallet + 1).value).toBeNull();
    expect(ws.getCell(TOP20_HEADER_ROW + 2 + i, C.role + 1).value).toBeNull();
  }
});

test('--lang sv writes Swedish sheets', async () => {
  const csv = writeCsv('svenska.csv', salesRows());
  const out = join(dir, 'svenska.xlsx');
  expect((await runKam(['top20', csv, '--lang', 'sv', '-o', out])).code).toBe(0);
  const { wb, ws } = await topRowsOf(out, 'Topp 20');
  expect(wb.getWorksheet('Dataproblem')).toBeDefined();
  expect(ws.getCell(TOP20_HEADER_ROW + 1, C.account + 1).value).toBe('Kund');
});

test('inputs over 100,000 rows show progress on a terminal, and nothing when not a terminal', async () => {
  const rows: (string | number)[][] = [HEADER];
  for (let i = 0; i < 120_000; i++)
    rows.push(['2026-01-01', `Kund ${i % 500}`, 'A', 1, 100 + (i % 7), 60]);
  const csv = writeCsv('big.csv', rows);
  const tty = await runKam(['top20', csv, '--json'], true);
  expect(tty.code).toBe(0);
  expect(tty.err).toMatch(/Reading sales rows: 120,000/);
  const pipe = await runKam(['top20', csv, '--json'], false);
  expect(pipe.err).toBe('');
  expect((JSON.parse(pipe.out) as Top20Json).input.rowsRead).toBe(120_000);
}, 120_000);

test('a table without dates is analysed as a whole, with no period and no growth', async () => {
  const csv = writeCsv('no-dates.csv', [
    ['Kund', 'Försäljning', 'Kostnad'],
    ['Acme AB', '600', '450'],
    ['Beta AB', '400', '200'],
  ]);
  const out = join(dir, 'no-dates.xlsx');
  const run = await runKam(['top20', csv, '--json', '-o', out]);
  expect(run.err).toBe('');
  const json = JSON.parse(run.out) as Top20Json;
  expect(json.period).toBeNull();
  expect(json.comparison).toBeNull();
  expect(json.rows.map((r) => [r.account, r.share, r.margin, r.growth])).toEqual([
    ['Acme AB', 0.6, 0.25, null],
    ['Beta AB', 0.4, 0.5, null],
  ]);
  const { ws } = await topRowsOf(out);
  expect(ws.getCell(3, 3).value).toBe('all rows (the table has no date column)');
});

test('a CSV with a quote that is never closed is an error naming the row, not a silently short table', async () => {
  const path = join(dir, 'unclosed.csv');
  writeFileSync(path, 'Kund;Försäljning\r\nAcme AB;100\r\n"Beta AB;200\r\nGamma AB;300\r\n');
  const run = await runKam(['top20', path, '--json']);
  expect(run.code).toBe(2);
  expect(run.err).toBe(
    'kam: Sheet "unclosed": Cannot read unclosed.csv: the quoted field that starts in row 3 is never closed (a " is missing).\n',
  );
});
