/** ExcelWorkbook on the fake Excel: chunked reads, bounded writes, text stays text, safe swap. */
import { ExcelWorkbook, FIRST_CHUNK_ROWS } from '../../addin/workbook/excel-workbook';
import { columnPoints, PAYLOAD_BUDGET } from '../../addin/workbook/sheet-render';
import { buildTop20 } from '../../shared/reports/top20-build';
import { TOP20_COL, TOP20_HEADER_ROW } from '../../shared/reports/top20-sheet';
import { generateSales, SALES_COL } from '../../shared/sample/sales-generator';
import type { SheetSpec } from '../../shared/sheet-spec';
import { UserError } from '../../shared/user-error';
import type { RawRow } from '../../shared/workbook';
import { FakeExcel, PAYLOAD_LIMIT } from '../fakes/fake-excel';
import { FORMULA_LIKE, fullSpec } from '../file-workbook/fixtures';
import { budgets, MeteredWorkbook, salesWorkbook } from './support';

const NOW = new Date('2026-11-15T08:00:00Z');
const FIRST_ACCOUNT_ROW = TOP20_HEADER_ROW + 2; // 1-based sheet row of rank 1
const accountCell = (rank: number) => `B${FIRST_ACCOUNT_ROW + rank - 1}`;
const noteCell = (rank: number) => `Q${FIRST_ACCOUNT_ROW + rank - 1}`;

async function readAll(
  workbook: ExcelWorkbook,
  sheet: string,
): Promise<{ rows: RawRow[]; calls: [number, number | undefined][] }> {
  const rows: RawRow[] = [];
  const calls: [number, number | undefined][] = [];
  await workbook.readRows(sheet, (chunk, firstRow, lastRow) => {
    calls.push([firstRow, lastRow]);
    for (const row of chunk) rows.push(row);
  });
  return { rows, calls };
}

describe('reading', () => {
  test('200,000 rows × 10 columns: no response over 5 MB, syncs ≤ ⌈payload / 4 MB⌉ + 3', async () => {
    const sample = generateSales({ rows: 200_000, messy: false });
    const fake = new FakeExcel({ sheets: { Sales: [sample.header, ...sample.rows] } });
    const { rows, calls } = await readAll(new ExcelWorkbook(fake.run), 'Sales');

    const expected = [sample.header, ...sample.rows].map((r) => r.map((c) => c ?? ''));
    expect(rows).toHaveLength(200_001);
    expect(JSON.stringify(rows) === JSON.stringify(expected)).toBe(true);

    const payload = fake.syncs.reduce((s, x) => s + x.responseBytes + x.requestBytes, 0);
    const largest = Math.max(...fake.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
    expect(largest).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.syncs.every((s) => s.failed === undefined)).toBe(true);
    expect(fake.syncs.length).toBeLessThanOrEqual(budgets(payload) + 3);
    // chunks: 2,000 rows first, then sized from the bytes seen; lastRow given with every chunk
    expect(calls[0]).toEqual([1, 200_001]);
    expect(calls[1][0]).toBe(FIRST_CHUNK_ROWS + 1);
    expect(calls.every(([, last]) => last === 200_001)).toBe(true);
    console.log(
      `read 200k×10: ${fake.syncs.length} syncs, ${(payload / 2 ** 20).toFixed(1)} MB, ` +
        `largest response ${(largest / 2 ** 20).toFixed(2)} MB`,
    );
  });

  test('rows that grow after the first chunk: a rejected chunk is read again in halves', async () => {
    const short = Array.from({ length: 3_000 }, (_, i) => [i, 'a']);
    const long = Array.from({ length: 3_000 }, (_, i) => [i, 'x'.repeat(3_000)]);
    const fake = new FakeExcel({ sheets: { S: [...short, ...long] } });
    const { rows } = await readAll(new ExcelWorkbook(fake.run), 'S');
    expect(rows).toHaveLength(6_000);
    expect(rows[5_999]).toEqual([2_999, 'x'.repeat(3_000)]);
    expect(fake.syncs.some((s) => s.failed === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(fake.syncs.filter((s) => !s.failed).every((s) => s.responseBytes <= PAYLOAD_LIMIT)).toBe(
      true,
    );
  });

  test('from A1 to the end of the used range; an empty sheet gives no chunk', async () => {
    const fake = new FakeExcel({ sheets: { S: [[], [null, null, 'x']], Empty: [] } });
    const workbook = new ExcelWorkbook(fake.run);
    expect((await readAll(workbook, 'S')).rows).toEqual([
      ['', '', ''],
      ['', '', 'x'],
    ]);
    expect((await readAll(workbook, 'Empty')).calls).toEqual([]);
    expect(await workbook.sheetNames()).toEqual(['S', 'Empty']);
  });

  test('a missing sheet is a UserError', async () => {
    const fake = new FakeExcel({ sheets: { S: [] } });
    const read = readAll(new ExcelWorkbook(fake.run), 'Nope');
    await expect(read).rejects.toThrow(UserError);
    await expect(read).rejects.toThrow('There is no sheet or table "Nope".');
  });
});

describe('Excel tables', () => {
  const sales = [
    ['Customer', 'Net sales'],
    ['Acme AB', 100],
    ['Beta AB', 50],
  ];

  test('are offered before the sheets, in sheet order', async () => {
    const fake = new FakeExcel({ sheets: { Notes: [['x']], Data: [] } });
    fake.addTable('Data', 'SalesTable', 'C3:D5');
    fake.addTable('Notes', 'Other', 'A1:A1');
    expect(await new ExcelWorkbook(fake.run).sourceNames()).toEqual([
      'Other',
      'SalesTable',
      'Notes',
      'Data',
    ]);
  });

  test('a table is read from its own corner, header first, with sheet row numbers', async () => {
    const rows: RawRow[] = [[null, 'Exported', null, null], [], []];
    sales.forEach((line) => rows.push([null, null, ...line]));
    rows.push([null, null, 'Total', 150]); // below the table: not part of it
    const fake = new FakeExcel({ sheets: { Data: rows as never } });
    fake.addTable('Data', 'SalesTable', 'C4:D6');
    const read = await readAll(new ExcelWorkbook(fake.run), 'SalesTable');
    expect(read.rows).toEqual(sales);
    expect(read.calls).toEqual([[4, 6]]);
  });

  test('buildTop20 reads a table by name', async () => {
    const fake = new FakeExcel({
      sheets: { Data: [[], ...sales.map((l) => [null, ...l])] as never },
    });
    fake.addTable('Data', 'SalesTable', 'B2:C4');
    const result = await buildTop20(new ExcelWorkbook(fake.run), {
      sheet: 'SalesTable',
      period: { kind: 'all' },
      now: NOW,
    });
    expect(result.analysis.top.map((a) => a.account)).toEqual(['Acme AB', 'Beta AB']);
  });
});

describe('writing a SheetSpec', () => {
  let fake: FakeExcel;

  beforeAll(async () => {
    fake = new FakeExcel({ sheets: { Sales: [] } });
    await new ExcelWorkbook(fake.run).writeSheet(fullSpec());
  });

  test('in two syncs (build, swap), calculation suspended while formulas are written', () => {
    expect(fake.syncs).toHaveLength(2);
    expect(fake.syncs[0]).toMatchObject({ calculationSuspended: true, wroteFormulas: true });
    expect(fake.sheetNames()).toEqual(['Sales', 'Top 20']);
  });

  test('values and formulas; formula-like text is text, shown exactly', () => {
    expect(fake.cell('Top 20', 'A1')).toMatchObject({ kind: 'text', value: 'Top 20 accounts' });
    expect(fake.cell('Top 20', 'C5')).toMatchObject({ kind: 'number', value: 600 });
    expect(fake.cell('Top 20', 'F5')).toMatchObject({ kind: 'boolean', value: true });
    expect(fake.cell('Top 20', 'E6').kind).toBe('blank');
    expect(fake.cell('Top 20', 'D4').formula).toBe('=C4/$C$7');
    expect(fake.cell('Top 20', 'D6').formula).toBe('=C6/$C$7');
    expect(fake.cell('Top 20', 'D7').formula).toBe('=SUM(D4:D6)');
    expect(fake.cell('Top 20', 'B8').formula).toBe('=IF(C7>0,"ok","no")');
    for (const address of ['B5', 'B6', 'B7', 'E7', 'F7', 'A8']) {
      const cell = fake.cell('Top 20', address);
      expect(cell.formula).toBeNull();
      expect(cell.kind).toBe('text');
      expect(FORMULA_LIKE).toContain(cell.display);
    }
    expect(fake.cell('Top 20', 'B7').display).toBe('-3');
  });

  test('number formats, styles, widths, hidden column, frozen panes, tab colour', () => {
    expect(fake.cell('Top 20', 'C4').numberFormat).toBe('#,##0');
    expect(fake.cell('Top 20', 'D5').numberFormat).toBe('0.0%');
    expect(fake.cell('Top 20', 'E4').numberFormat).toBe('yyyy-mm-dd');
    expect(fake.cell('Top 20', 'A4').numberFormat).toBe('General');
    expect(fake.cell('Top 20', 'A1').format).toEqual({ bold: true, size: 14, color: '#1F4E78' });
    expect(fake.cell('Top 20', 'F3').format).toEqual({
      bold: true,
      fill: '#DDEBF7',
      horizontalAlignment: 'Center',
      wrapText: true,
      verticalAlignment: 'Top',
      borderBottom: true,
    });
    expect(fake.cell('Top 20', 'A7').format).toMatchObject({ italic: true, borderTop: true });
    expect(fake.cell('Top 20', 'A8').format).toMatchObject({ italic: true, borderTop: true });
    const state = fake.sheetState('Top 20');
    expect(state.columnWidths).toEqual({
      0: columnPoints(6),
      1: columnPoints(30),
      2: columnPoints(14),
      3: columnPoints(10),
      4: columnPoints(12),
    });
    expect(state.hiddenColumns).toEqual([5]);
    expect(state.freeze).toEqual({ rows: 3, cols: 2 });
    expect(state.tabColor).toBe('#1F4E78');
  });

  test('conditional formats in spec order (first = top priority)', () => {
    expect(fake.sheetState('Top 20').conditionalFormats).toEqual([
      {
        type: 'CellValue',
        range: 'C4:C6',
        rule: { formula1: '=500', operator: 'LessThan' },
        font: { color: '#9C0006' },
        fill: '#FFC7CE',
      },
      {
        type: 'CellValue',
        range: 'D4:D6',
        rule: { formula1: '=0.25', formula2: '=0.6', operator: 'Between' },
        font: { bold: true },
      },
      { type: 'Custom', range: 'A4:F6', formula: '=$F4=TRUE', font: {}, fill: '#FCE4D6' },
      {
        type: 'DataBar',
        range: 'C4:C6',
        font: {},
        dataBar: {
          lowerBoundRule: { type: 'LowestValue' },
          upperBoundRule: { type: 'HighestValue' },
          fillColor: '#5B9BD5',
          gradientFill: false,
        },
      },
    ]);
  });

  test('charts: columns and a line on a secondary axis, anchored to cells', () => {
    const [combo, line] = fake.sheetState('Top 20').charts;
    expect(combo).toEqual({
      type: 'ColumnClustered',
      source: 'C4:C6',
      seriesBy: 'Columns',
      title: 'Revenue and share',
      legend: 'Bottom',
      position: { start: 'B10', end: 'G24' },
      series: [
        {
          name: 'Revenue',
          values: 'C4:C6',
          xValues: 'B4:B6',
          chartType: 'ColumnClustered',
          axisGroup: 'Primary',
          fill: '#1F4E78',
        },
        {
          name: 'Share',
          values: 'D4:D6',
          xValues: 'B4:B6',
          chartType: 'Line',
          axisGroup: 'Secondary',
          line: '#C00000',
        },
      ],
      axes: { primary: '#,##0', secondary: '0%' },
    });
    expect(line).toMatchObject({ type: 'Line', title: 'Revenue', axes: {} });
    expect(line.series).toHaveLength(1);
  });

  test('print setup: orientation, fit to one page, print area', () => {
    expect(fake.sheetState('Top 20').pageLayout).toEqual({
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
      printArea: 'A1:F8',
    });
  });

  test('a rewrite replaces the sheet in place: same position, still active, nothing left over', async () => {
    const book = new FakeExcel({ sheets: { Sales: [], 'Top 20': [['old', 'stale']], Other: [] } });
    book.activate('Top 20');
    await new ExcelWorkbook(book.run).writeSheet({
      name: 'Top 20',
      blocks: [{ row: 0, col: 0, cells: [['new']] }],
    });
    expect(book.sheetNames()).toEqual(['Sales', 'Top 20', 'Other']);
    expect(book.grid('Top 20')).toEqual([['new']]);
    expect(book.activeSheet()).toBe('Top 20');
  });

  test('a big sheet is written in slices under the budget: ⌈payload / 4 MB⌉ + 1 syncs', async () => {
    const rows = 120_000;
    const spec: SheetSpec = {
      name: 'Data issues',
      blocks: [
        {
          row: 1,
          col: 0,
          cells: Array.from({ length: rows }, (_, i) => [
            i + 2,
            'Net sales',
            `=${i} kr`,
            'Not a number: the row is left out of every figure',
            'rejected',
          ]),
          numberFormats: ['0', null, '@', null, null],
        },
      ],
    };
    const book = new FakeExcel({ sheets: { Sales: [] } });
    await new ExcelWorkbook(book.run).writeSheet(spec);
    const request = book.syncs.reduce((s, x) => s + x.requestBytes, 0);
    expect(book.syncs.every((s) => s.requestBytes <= PAYLOAD_BUDGET + 64 * 1024)).toBe(true);
    expect(book.syncs.length).toBeGreaterThan(2);
    expect(book.syncs.length).toBeLessThanOrEqual(budgets(request) + 1);
    expect(book.cell('Data issues', `C${rows + 1}`)).toMatchObject({
      kind: 'text',
      value: `=${rows - 1} kr`,
      numberFormat: '@',
    });
    expect(book.cell('Data issues', 'A2')).toMatchObject({ value: 2, numberFormat: '0' });
  });
});

describe('Build Top 20 through ExcelWorkbook', () => {
  async function build(fake: FakeExcel): Promise<MeteredWorkbook> {
    const workbook = new MeteredWorkbook(new ExcelWorkbook(fake.run), fake);
    await buildTop20(workbook, { now: NOW });
    return workbook;
  }

  test('the Top 20 is written in the same number of syncs for 2,000 and 60,000 rows', async () => {
    const small = salesWorkbook({ rows: 2_000, accounts: 60 });
    const large = salesWorkbook({ rows: 60_000, accounts: 3_000 });
    const counts = [];
    for (const fake of [small, large]) {
      const metered = await build(fake);
      const top = metered.syncsOf('Top 20');
      const issues = metered.syncsOf('Data issues');
      counts.push({ top: top.length, issues: issues.length });
      expect([...top, ...issues].every((s) => s.requestBytes <= PAYLOAD_BUDGET)).toBe(true);
      expect(top.filter((s) => s.wroteFormulas).every((s) => s.calculationSuspended)).toBe(true);
      expect(fake.sheetNames()).toEqual(['Sales', 'Top 20', 'Data issues']);
      expect(fake.cell('Top 20', accountCell(1)).kind).toBe('text');
    }
    expect(counts[0].top).toBe(counts[1].top);
    expect(counts[0].top).toBe(2);
    console.log(`Top 20 write syncs: ${JSON.stringify(counts)}`);
  });

  test('formula-like account names land as text, displayed exactly', async () => {
    const names = ['=HYPERLINK("http://x","y")', '+46 70 123', '-Minus AB', '@SUM(A1)'];
    const sample = generateSales({ rows: 3_000, accounts: 40, messy: false });
    // the four largest customers get the formula-like names
    const revenue = new Map<string, number>();
    for (const row of sample.rows) {
      const id = String(row[SALES_COL.customerId]);
      revenue.set(id, (revenue.get(id) ?? 0) + Number(row[SALES_COL.netSales]));
    }
    const top = [...revenue.entries()].sort((a, b) => b[1] - a[1]).slice(0, names.length);
    const rename = new Map(top.map(([id], i) => [id, names[i]]));
    const rows = sample.rows.map((row) => {
      const name = rename.get(String(row[SALES_COL.customerId]));
      return name === undefined ? row : row.map((c, j) => (j === SALES_COL.customer ? name : c));
    });
    const fake = new FakeExcel({ sheets: { Sales: [sample.header, ...rows] } });
    await build(fake);

    const shown = new Map<string, string | null>();
    for (let rank = 1; rank <= 20; rank++) {
      const cell = fake.cell('Top 20', accountCell(rank));
      expect(cell.formula).toBeNull();
      expect(cell.kind).toBe('text');
      shown.set(String(cell.value), cell.display);
    }
    for (const name of names) expect(shown.get(name)).toBe(name);
  });

  test('a rebuild keeps a note typed into the notes column', async () => {
    const fake = salesWorkbook({ rows: 2_000, accounts: 60 });
    await build(fake);
    const account = fake.cell('Top 20', accountCell(3)).value;
    fake.typeInto('Top 20', noteCell(3), 'Call Eva before the price talk');
    const metered = await build(fake);
    expect(fake.cell('Top 20', accountCell(3)).value).toBe(account);
    expect(fake.cell('Top 20', noteCell(3))).toMatchObject({
      kind: 'text',
      value: 'Call Eva before the price talk',
    });
    expect(fake.sheetNames()).toEqual(['Sales', 'Top 20', 'Data issues']);
    expect(metered.syncsOf('Top 20')).toHaveLength(2);
    expect(TOP20_COL.notes).toBe(16); // column Q
  });

  describe('a failure while replacing the Top 20 leaves the old sheet as it was', () => {
    let fake: FakeExcel;
    let writeSyncs: number;

    beforeAll(async () => {
      fake = salesWorkbook({ rows: 2_000, accounts: 60 });
      await build(fake);
      fake.typeInto('Top 20', noteCell(1), 'Keep me');
      writeSyncs = (await build(fake)).syncsOf('Top 20').length;
    });

    async function failingRebuild(nth: number, afterActions = 0): Promise<unknown> {
      const metered = new MeteredWorkbook(new ExcelWorkbook(fake.run), fake);
      metered.beforeWrite = (spec) => {
        if (spec.name === 'Top 20') fake.failAt(nth, afterActions);
      };
      return buildTop20(metered, { now: new Date('2026-11-16T08:00:00Z') }).then(
        () => null,
        (e: unknown) => e,
      );
    }

    test('an error injected at the last sync (the swap)', async () => {
      const before = fake.snapshot('Top 20');
      const names = fake.sheetNames();
      const error = await failingRebuild(writeSyncs);
      expect(error).toMatchObject({ code: 'GeneralException' });
      expect(fake.snapshot('Top 20')).toEqual(before);
      expect(fake.sheetNames()).toEqual(names);
      expect(fake.cell('Top 20', noteCell(1)).value).toBe('Keep me');
    });

    test('an error at any sync of the write', async () => {
      const before = fake.snapshot('Top 20');
      const names = fake.sheetNames();
      for (let nth = 1; nth <= writeSyncs; nth++) {
        expect(await failingRebuild(nth)).toMatchObject({ code: 'GeneralException' });
        expect(fake.snapshot('Top 20')).toEqual(before);
        expect(fake.sheetNames()).toEqual(names);
      }
    });

    test('a swap that fails part-way is rolled back (or forward once the old sheet is gone)', async () => {
      const before = fake.snapshot('Top 20');
      const names = fake.sheetNames();
      let afterActions = 0;
      for (; afterActions < 20; afterActions++) {
        const error = await failingRebuild(writeSyncs, afterActions);
        if (error === null) break;
        expect(error).toMatchObject({ code: 'GeneralException' });
        expect(fake.snapshot('Top 20')).toEqual(before);
        expect(fake.sheetNames()).toEqual(names);
      }
      // every action of the swap ran and only its report failed: the new sheet is in place
      expect(afterActions).toBeGreaterThan(1);
      expect(afterActions).toBeLessThan(20);
      expect(fake.sheetNames()).toEqual(names);
      expect(fake.sheetState('Top 20').id).not.toBe(before.state.id);
      expect(fake.cell('Top 20', noteCell(1)).value).toBe('Keep me');
    });
  });
});
