/**
 * SheetsWorkbook over the fake SpreadsheetApp: one golden spec, three renderers — the Top 20 that
 * Build Top 20 writes through Sheets has the cells (values and formulas) the in-memory workbook
 * and the file workbook get for the same data; text stays text; notes survive a rebuild; a failed
 * build leaves the old sheet; service calls stay bounded by a constant plus the read blocks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FileWorkbook } from '../../cli/file-workbook';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildTop20, type Top20BuildOptions } from '../../shared/reports/top20-build';
import { labels } from '../../shared/reports/labels';
import { TOP20_COL, TOP20_HEADER_ROW } from '../../shared/reports/top20-sheet';
import type { SheetSpec } from '../../shared/sheet-spec';
import { SheetsWorkbook, formulaRects, literal } from '../../apps-script/src/sheets-workbook';
import { FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import {
  NOW,
  fakeWithSales,
  recompute,
  sample,
  sheetGrid,
  specGrid,
  trim,
  type GridCell,
} from './support';

const L = labels('en');
const OPTIONS: Top20BuildOptions = {
  sheet: 'Sales',
  period: { kind: 'r12' },
  lang: 'en',
  now: NOW,
};

describe('one golden spec, three renderers (3,000 sample rows)', () => {
  const { serial, dated } = sample(3_000);
  let fake: FakeAppsScript;
  let memory: MemoryWorkbook;

  beforeAll(async () => {
    fake = fakeWithSales(dated);
    await buildTop20(new SheetsWorkbook(fake.services.SpreadsheetApp), OPTIONS);
    memory = new MemoryWorkbook({ Sales: serial });
    await buildTop20(memory, OPTIONS);
  });

  test.each([L.top20Sheet, L.issuesSheet])(
    '%s: the same cells as the in-memory workbook',
    (name) => {
      const spec = memory.spec(name) as SheetSpec;
      expect(sheetGrid(fake.sheet(name))).toEqual(specGrid(spec));
    },
  );

  test('the tabs: Sales, Top 20, Data issues; the user stays on the sheet they were on', () => {
    expect(fake.names()).toEqual(['Sales', L.top20Sheet, L.issuesSheet]);
    expect(fake.spreadsheet.active?.name).toBe('Sales');
  });

  test('the formulas Sheets got compute (HyperFormula) the values the core expected', () => {
    const computed = recompute(fake.sheet(L.top20Sheet));
    const expected = memory.rows(L.top20Sheet);
    const spec = specGrid(memory.spec(L.top20Sheet) as SheetSpec);
    let formulas = 0;
    spec.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null || typeof cell !== 'object' || cell instanceof Date) return;
        formulas++;
        const want = expected[r][c];
        const got = computed[r][c];
        if (typeof want === 'number') {
          expect(typeof got).toBe('number');
          expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(want)),
          );
        } else expect(got === null ? '' : got).toEqual(want);
      }),
    );
    expect(formulas).toBeGreaterThan(100);
  });

  test('the file workbook (ExcelJS) writes the same cells', async () => {
    const file = FileWorkbook.create();
    await file.writeSheet({ name: 'Sales', blocks: [{ row: 0, col: 0, cells: serial as never }] });
    await buildTop20(file, OPTIONS);
    const path = join(mkdtempSync(join(tmpdir(), 'kam-sheets-')), 'top20.xlsx');
    await file.save(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet(L.top20Sheet) as ExcelJS.Worksheet;
    const mine = sheetGrid(fake.sheet(L.top20Sheet));
    const theirs: GridCell[][] = mine.map((row, r) =>
      row.map((_, c) => {
        const v = ws.getCell(r + 1, c + 1).value;
        if (v === null || v === undefined || v === '') return null;
        if (typeof v === 'object' && 'formula' in v) return { formula: `=${v.formula}` };
        if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
        return v as GridCell;
      }),
    );
    expect(trim(theirs)).toEqual(mine);
  });

  test('rendering: formats, styles, widths, freeze, rules, charts, tab colour', () => {
    const ws = fake.sheet(L.top20Sheet);
    const first = TOP20_HEADER_ROW + 2; // 1-based first account row
    expect(ws.peekNumberFormat(first, TOP20_COL.revenue + 1)).toBe('#,##0');
    expect(ws.peekNumberFormat(first, TOP20_COL.share + 1)).toBe('0.0%');
    const head = ws.peekFormat(TOP20_HEADER_ROW + 1, TOP20_COL.account + 1);
    expect(head).toMatchObject({
      fontWeight: 'bold',
      fontColor: '#FFFFFF',
      background: '#1F4E78',
      wrap: true,
    });
    expect(head.border).toEqual({ top: null, bottom: true, horizontal: null });
    expect(ws.peekFormat(1, 1)).toMatchObject({
      fontWeight: 'bold',
      fontSize: 14,
      fontColor: '#1F4E78',
    });
    expect(ws.columnWidths.get(TOP20_COL.account + 1)).toBe(32 * 7 + 5);
    expect([ws.frozenRows, ws.frozenColumns]).toEqual([
      TOP20_HEADER_ROW + 1,
      TOP20_COL.account + 1,
    ]);
    expect(ws.tabColor).toBe('#1F4E78');
    expect(ws.rules[0]).toMatchObject({
      condition: null,
      gradient: { min: '#FFFFFF', max: '#5B9BD5' },
    });
    expect(ws.rules[1]).toMatchObject({
      condition: { type: 'CUSTOM_FORMULA', args: ['=D9>=0.2'] },
      format: { fontColor: '#9C0006', background: '#FFC7CE' },
      ranges: ['D9:D28'],
    });
    expect(ws.charts.map((c) => c.type)).toEqual(['combo', 'line']);
    expect(ws.charts[0].ranges).toEqual(['B9:B28', 'C9:C28', 'E9:E28']);
    expect(ws.charts[0].options).toMatchObject({
      title: L.paretoChart,
      series: { 0: { type: 'bars', color: '#1F4E78' }, 1: { type: 'line', targetAxisIndex: 1 } },
      vAxes: { 0: { format: '#,##0' }, 1: { format: '0%' } },
    });
    expect(ws.charts[0].position).toEqual({ row: 1, column: 19, offsetX: 0, offsetY: 0 });
  });
});

describe('text stays text', () => {
  const NAMES = ['=HYPERLINK("http://x","y")', '+46 70', '-Minus AB', '@SUM(A1)'];

  test('formula-like account names land in the Top 20 as text', async () => {
    const rows = [
      ['Customer', 'Net sales'],
      ...NAMES.map((n, i) => [n, 1000 * (i + 1)]),
      ['Acme AB', 50],
    ];
    const fake = fakeWithSales(rows);
    await buildTop20(new SheetsWorkbook(fake.services.SpreadsheetApp), {
      ...OPTIONS,
      period: { kind: 'all' },
    });
    const ws = fake.sheet(L.top20Sheet);
    const accounts = new Map<string, string>();
    for (let r = TOP20_HEADER_ROW + 2; r <= ws.getLastRow(); r++) {
      const v = ws.peekValue(r, TOP20_COL.account + 1);
      if (typeof v === 'string') accounts.set(v, ws.peekFormula(r, TOP20_COL.account + 1));
    }
    for (const name of NAMES) expect(accounts.get(name)).toBe('');
  });

  test('every literal string reads back exactly, whatever it looks like', async () => {
    const tricky = [
      "'quoted",
      '\tTab',
      '\rCR',
      '00123',
      'TRUE',
      '12%',
      '2026-01-02',
      '=1+2',
      '-5x',
      '#N/A',
    ];
    const fake = new FakeAppsScript();
    fake.addSheet('Sales', [['x']]);
    const wb = new SheetsWorkbook(fake.services.SpreadsheetApp);
    await wb.writeSheet({
      name: 'T',
      blocks: [
        {
          row: 0,
          col: 0,
          cells: tricky.map((t) => [t, t, 1, true, null]),
          numberFormats: [null, '@'],
        },
      ],
    });
    const ws = fake.sheet('T');
    tricky.forEach((t, i) => {
      expect([ws.peekValue(i + 1, 1), ws.peekFormula(i + 1, 1)]).toEqual([t, '']);
      expect([ws.peekValue(i + 1, 2), ws.peekFormula(i + 1, 2)]).toEqual([t, '']);
      expect([ws.peekValue(i + 1, 3), ws.peekValue(i + 1, 4), ws.peekValue(i + 1, 5)]).toEqual([
        1,
        true,
        '',
      ]);
    });
    expect(ws.peekNumberFormat(1, 2)).toBe('@');
  });

  test('the fake parses unescaped text as Sheets does (what the escaping prevents)', async () => {
    const fake = new FakeAppsScript();
    const ws = fake.addSheet('S');
    ws.getRange(1, 1, 1, 4).setValues([['=1+2', '00123', 'TRUE', "'=1+2"]]);
    expect(ws.peekFormula(1, 1)).toBe('=1+2');
    expect([ws.peekValue(1, 2), ws.peekValue(1, 3), ws.peekValue(1, 4)]).toEqual([
      123,
      true,
      '=1+2',
    ]);
  });

  test('literal: the apostrophe, none in a plain-text column, #NUM! for non-finite numbers', () => {
    expect(literal('=SUM(A1)', false)).toBe("'=SUM(A1)");
    expect(literal('=SUM(A1)', true)).toBe('=SUM(A1)');
    expect(literal('', false)).toBe('');
    expect(literal(null, false)).toBe('');
    expect(literal(Number.NaN, false)).toBe("'#NUM!");
    expect(literal(2.5, false)).toBe(2.5);
  });
});

test('formulaRects: one rectangle per run of formula columns', () => {
  const t = true;
  const f = false;
  expect(
    formulaRects([
      [f, t, t, f, t],
      [f, t, t, f, t],
      [f, t, f, f, t],
    ]),
  ).toEqual([
    { top: 0, bottom: 2, left: 1, right: 3 },
    { top: 0, bottom: 3, left: 4, right: 5 },
    { top: 2, bottom: 3, left: 1, right: 2 },
  ]);
  expect(formulaRects([[f, f]])).toEqual([]);
});

describe('rebuilds', () => {
  const { dated } = sample(2_000);

  test('a rebuild keeps a typed note beside its account, in the same tab position', async () => {
    const fake = fakeWithSales(dated);
    fake.addSheet('Other', [['x']]);
    const wb = new SheetsWorkbook(fake.services.SpreadsheetApp);
    await buildTop20(wb, OPTIONS);
    fake.spreadsheet.moveTo(L.top20Sheet, 1);
    const ws = fake.sheet(L.top20Sheet);
    const row = TOP20_HEADER_ROW + 4;
    const account = ws.peekValue(row, TOP20_COL.account + 1);
    ws.type(row, TOP20_COL.notes + 1, 'Call Eva about the price list');
    const order = fake.names();
    await buildTop20(wb, OPTIONS);
    const again = fake.sheet(L.top20Sheet);
    expect(again).not.toBe(ws);
    expect(fake.names()).toEqual(order);
    expect(again.peekValue(row, TOP20_COL.account + 1)).toBe(account);
    expect(again.peekValue(row, TOP20_COL.notes + 1)).toBe('Call Eva about the price list');
  });

  test('a failure before the swap leaves the old sheet as it was and no temporary sheet', async () => {
    const fake = fakeWithSales(dated);
    const wb = new SheetsWorkbook(fake.services.SpreadsheetApp);
    await buildTop20(wb, OPTIONS);
    const before = sheetGrid(fake.sheet(L.top20Sheet));
    const names = fake.names();
    fake.log.failNext('Range.setFormulas');
    await expect(
      buildTop20(wb, { ...OPTIONS, now: new Date(Date.UTC(2027, 0, 1)) }),
    ).rejects.toThrow('Injected failure in Range.setFormulas');
    expect(fake.names()).toEqual(names);
    expect(sheetGrid(fake.sheet(L.top20Sheet))).toEqual(before);
    expect(fake.spreadsheet.active?.name).toBe('Sales');
  });
});

describe('service calls', () => {
  async function measure(
    rows: number,
  ): Promise<{ calls: number; blocks: number; fake: FakeAppsScript }> {
    const fake = fakeWithSales(sample(rows).dated);
    const wb = new SheetsWorkbook(fake.services.SpreadsheetApp);
    fake.log.reset();
    await buildTop20(wb, OPTIONS);
    return { calls: fake.log.count(), blocks: wb.blocksRead, fake };
  }

  test('a Top 20 build: a constant plus two per read block, the same for 2,000 and 50,000 rows', async () => {
    const small = await measure(2_000);
    const big = await measure(50_000);
    expect(big.blocks).toBe(Math.ceil(50_001 / 5_000));
    expect(small.calls - 2 * small.blocks).toBe(big.calls - 2 * big.blocks);
    expect(small.calls - 2 * small.blocks).toBeLessThan(300);
    for (const { fake } of [small, big]) {
      expect(fake.log.count('Range.getValues')).toBeGreaterThan(0);
      expect(fake.log.count('Range.getValue')).toBe(0);
      expect(fake.log.count('Range.setValue')).toBe(0);
    }
    console.log(
      `Top 20 build service calls: 2,000 rows ${small.calls} (${small.blocks} read blocks), ` +
        `50,000 rows ${big.calls} (${big.blocks} read blocks); constant ${small.calls - 2 * small.blocks}\n` +
        JSON.stringify(big.fake.log.table()),
    );
  });
});
