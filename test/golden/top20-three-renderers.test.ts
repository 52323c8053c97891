/**
 * One golden spec, three renderers (issue 5's acceptance): the Top 20 of one golden dataset —
 * the generated sample plus accounts whose names look like formulas, numbers and quoted text —
 * built by the core (MemoryWorkbook → the SheetSpec of shared/reports/top20-sheet.ts), and
 * written by
 *   1. the Google Sheets bundle (dist/apps-script/Code.js with its entry points) run as a classic
 *      script in a Node vm with the fake Apps Script services: kamBuild → kamResult;
 *   2. ExcelWorkbook on the fake Excel (test/fakes/fake-excel.ts);
 *   3. the CLI's FileWorkbook: the .xlsx it saves, read back with ExcelJS.
 * The written cells of each (values; formulas as text without the leading '='; the cached result
 * where the renderer stores one — only the .xlsx does) equal the spec's. One clock (NOW) for all:
 * the vm's Date answers NOW for "now".
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { ExcelWorkbook } from '../../addin/workbook/excel-workbook';
import { FileWorkbook } from '../../cli/file-workbook';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { labels } from '../../shared/reports/labels';
import { buildTop20 } from '../../shared/reports/top20-build';
import { generateSales, SALES_COL } from '../../shared/sample/sales-generator';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawCell } from '../../shared/workbook';
import { FakeExcel } from '../fakes/fake-excel';
import { FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { buildInto } from '../sheets/support-build';
import { NOW, settle } from '../sheets/support';
import {
  dated,
  excelGrid,
  sheetsGrid,
  specGolden,
  withoutCache,
  xlsxGrid,
  type Golden,
} from './support';

const L = labels('en');
const PERIOD = { kind: 'r12' } as const;

// ---------------------------------------------------------------------------------------------
// The golden dataset

/** Serial dates (as Excel and the .xlsx hold them); three accounts with hazardous names on top. */
function goldenRows(): RawCell[][] {
  const { header, rows } = generateSales({ rows: 1_500, seed: 29, messy: false });
  const last = Math.max(...rows.map((r) => Number(r[SALES_COL.date])));
  const crafted = ['=HYPERLINK("http://x.test","click")', '+46 Trading AB', "'Quoted & Co"].map(
    (name, i) => {
      const row: RawCell[] = [...rows[i]];
      row[SALES_COL.date] = last - 10 - i;
      row[SALES_COL.customerId] = `G-${i}`;
      row[SALES_COL.customer] = name;
      row[SALES_COL.netSales] = 5_000_000 - i * 100_000;
      row[SALES_COL.cost] = 3_000_000;
      return row;
    },
  );
  return [header, ...rows, ...crafted];
}

// ---------------------------------------------------------------------------------------------
// The three renderers

let code: string;
let core: SheetSpec;

beforeAll(async () => {
  const out = await buildInto('apps-script', 'development');
  code = readFileSync(join(out, 'apps-script', 'Code.js'), 'utf8');
  const memory = new MemoryWorkbook({ Sales: goldenRows() });
  await buildTop20(memory, { sheet: 'Sales', period: PERIOD, lang: 'en', now: NOW });
  core = memory.spec(L.top20Sheet) as SheetSpec;
}, 60_000);

/** 1. The Sheets bundle in a vm, its clock at NOW. */
async function viaSheetsBundle(): Promise<Golden[][]> {
  const context = vm.createContext({});
  vm.runInContext(
    `Date = (function (D) {
       function FixedDate(...a) {
         if (!new.target) return new D(${NOW.getTime()}).toString();
         return a.length === 0 ? new D(${NOW.getTime()}) : new D(...a);
       }
       FixedDate.prototype = D.prototype;
       FixedDate.now = () => ${NOW.getTime()};
       FixedDate.UTC = D.UTC;
       FixedDate.parse = D.parse;
       return FixedDate;
     })(Date);`,
    context,
  );
  const ContextDate = vm.runInContext('Date', context) as DateConstructor;
  const fake = new FakeAppsScript({ locale: 'en_US' });
  fake.addSheet('Sales', dated(goldenRows(), [SALES_COL.date], ContextDate));
  Object.assign(context, fake.services);
  vm.runInContext(code, context, { filename: 'Code.js' });
  const global = (name: string) =>
    (context as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
  const ticket = global('kamBuild')({ sheet: 'Sales', mapping: {}, period: PERIOD });
  const outcome = await settle(
    (t) => global('kamResult')(t) as { ok?: unknown; error?: string } | null,
    ticket as { ticket: string },
  );
  expect(outcome.error).toBeUndefined();
  expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);
  return sheetsGrid(fake.sheet(L.top20Sheet));
}

/** 2. ExcelWorkbook on the fake Excel. */
async function viaExcel(): Promise<Golden[][]> {
  const fake = new FakeExcel({ sheets: { Sales: goldenRows() as (string | number | null)[][] } });
  await buildTop20(new ExcelWorkbook(fake.run), {
    sheet: 'Sales',
    period: PERIOD,
    lang: 'en',
    now: NOW,
  });
  return excelGrid(fake, L.top20Sheet);
}

/** 3. FileWorkbook: the saved .xlsx, read back with ExcelJS (formulas with their cached results). */
async function viaFile(): Promise<Golden[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'kam-golden-'));
  const input = join(dir, 'sales.xlsx');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Sales').addRows(goldenRows());
  await book.xlsx.writeFile(input);
  const workbook = await FileWorkbook.open(input);
  await buildTop20(workbook, { sheet: 'Sales', period: PERIOD, lang: 'en', now: NOW });
  const output = join(dir, 'report.xlsx');
  await workbook.save(output);

  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(output);
  const ws = back.getWorksheet(L.top20Sheet);
  if (!ws) throw new Error('no Top 20 in the saved file');
  return xlsxGrid(ws);
}

// ---------------------------------------------------------------------------------------------

test('the golden dataset puts the hazardous names in the Top 20', () => {
  const texts = specGolden(core, false).flat();
  expect(texts).toEqual(
    expect.arrayContaining([
      '=HYPERLINK("http://x.test","click")',
      '+46 Trading AB',
      "'Quoted & Co",
    ]),
  );
  // Formulas, most with the value the core expects (what the .xlsx caches).
  const formulas = specGolden(core, true)
    .flat()
    .filter((v) => typeof v === 'object' && v !== null);
  expect(formulas.length).toBeGreaterThan(20);
  expect(formulas.filter((v) => 'v' in v).length).toBeGreaterThan(20);
});

test('Google Sheets (bundle in a vm, fake SpreadsheetApp) writes the core’s Top 20', async () => {
  expect(await viaSheetsBundle()).toEqual(specGolden(core, false));
}, 60_000);

test('Excel (ExcelWorkbook on the fake Excel) writes the core’s Top 20', async () => {
  expect(await viaExcel()).toEqual(specGolden(core, false));
}, 60_000);

test('the file adapter (.xlsx read back with ExcelJS) writes the core’s Top 20, cached values included', async () => {
  expect(await viaFile()).toEqual(specGolden(core, true));
}, 60_000);

test('all three renderers agree with one another, formula for formula', async () => {
  const [sheets, excel, file] = await Promise.all([viaSheetsBundle(), viaExcel(), viaFile()]);
  expect(sheets).toEqual(excel);
  expect(withoutCache(file)).toEqual(excel);
}, 60_000);
