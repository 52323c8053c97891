/**
 * SheetsWorkbook.appendRows over the fake SpreadsheetApp: logging a signal on a Signals sheet of
 * 10,000 rows writes ONE row below them — every existing cell (value, formula, number format,
 * format) and the sheet's rules, drop-downs and layout stay as they were — with a handful of
 * service calls (never getValue / setValue) and no lock of its own (the server holds it).
 */
import { SheetsWorkbook } from '../../apps-script/src/sheets-workbook';
import { readSignalLog } from '../../shared/companions/signals-reader';
import { appendSignal } from '../../shared/reports/signals-build';
import {
  buildSignalsSheet,
  SIGNAL_COL as C,
  SIGNALS_LAYOUT as S,
} from '../../shared/reports/signals-sheet';
import { UserError } from '../../shared/user-error';
import type { Workbook } from '../../shared/workbook';
import { day } from '../analysis/table';
import { AS_OF, longSignalLog } from '../companions/signal-log';
import { FakeAppsScript, type FakeSheet } from '../fakes/fake-spreadsheet-app';

const ROWS = 10_000;
const NOW = day('2026-11-26 12:30');
/** The 1-based row the first appended signal lands on. */
const NEXT = S.firstRow + ROWS + 1;
/** Columns of the Signals sheet. */
const WIDTH = C.status + 1;

const input = {
  account: 'Acme AB',
  type: 'price complaint',
  description: '=1+1',
  raisedBy: '+46 70',
  escalatedTo: '@Anna',
};

/** Every cell of rows 1..`rows` (value, formula, number format, format) as JSON, row by row. */
function cells(sheet: FakeSheet, rows: number): string[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: WIDTH }, (__, j) =>
      JSON.stringify([
        sheet.peekValue(i + 1, j + 1),
        sheet.peekFormula(i + 1, j + 1),
        sheet.peekNumberFormat(i + 1, j + 1),
        sheet.peekFormat(i + 1, j + 1),
      ]),
    ),
  );
}

/** Everything about the sheet but its cells. */
function state(sheet: FakeSheet): unknown {
  return structuredClone({
    name: sheet.name,
    index: sheet.getIndex(),
    rules: sheet.rules,
    charts: sheet.charts,
    validations: [...sheet.validations],
    columnWidths: [...sheet.columnWidths],
    hiddenColumns: [...sheet.hiddenColumns],
    frozen: [sheet.frozenRows, sheet.frozenColumns],
    tabColor: sheet.tabColor,
  });
}

/** The relative cell references of a formula (absolute ones such as $B$2 left out). */
function relativeRows(formula: string): number[] {
  const refs = formula.replace(/"[^"]*"/g, '').match(/(?<![$A-Z])[A-Z]{1,3}\d+/g) ?? [];
  return refs.map((ref) => Number(/\d+$/.exec(ref)![0]));
}

/** The calls made between two copies of the call log. */
function callsBetween(
  from: ReadonlyMap<string, number>,
  to: ReadonlyMap<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of to)
    if (n !== (from.get(name) ?? 0)) out[name] = n - (from.get(name) ?? 0);
  return out;
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((s, n) => s + n, 0);

/** A SheetsWorkbook whose appendRows records the service calls of each call. */
function metered(fake: FakeAppsScript): {
  workbook: Workbook;
  appends: Record<string, number>[];
} {
  const inner = new SheetsWorkbook(fake.services.SpreadsheetApp);
  const appends: Record<string, number>[] = [];
  const workbook: Workbook = {
    sheetNames: () => inner.sheetNames(),
    readRows: (sheet, onChunk) => inner.readRows(sheet, onChunk),
    writeSheet: (spec) => inner.writeSheet(spec),
    appendRows: async (sheet, rows, formats) => {
      const from = new Map(fake.log.calls);
      try {
        return await inner.appendRows(sheet, rows, formats);
      } finally {
        appends.push(callsBetween(from, fake.log.calls));
      }
    },
  };
  return { workbook, appends };
}

describe('appending a signal to 10,000 rows in Google Sheets', () => {
  const fake = new FakeAppsScript();
  fake.addSheet('Sales', [['Customer', 'Net sales']]);
  const { workbook, appends } = metered(fake);
  let before: string[][];
  let stateBefore: unknown;
  let result: Awaited<ReturnType<typeof appendSignal>>;
  let signalCalls: Record<string, number>;

  beforeAll(async () => {
    await workbook.writeSheet(buildSignalsSheet({ signals: longSignalLog(ROWS), asOf: AS_OF }));
    const sheet = fake.sheet('Signals');
    expect(sheet.getLastRow()).toBe(NEXT - 1);
    before = cells(sheet, NEXT - 1);
    stateBefore = state(sheet);
    const from = new Map(fake.log.calls);
    result = await appendSignal(workbook, input, { now: NOW });
    signalCalls = callsBetween(from, fake.log.calls);
  }, 60_000);

  test('the signal lands on the row below the log', () => {
    expect(result).toMatchObject({ sheet: 'Signals', row: NEXT, created: false });
    expect(fake.sheet('Signals').getLastRow()).toBe(NEXT);
  });

  test('every existing cell and the sheet state stay byte for byte', () => {
    const sheet = fake.sheet('Signals');
    expect(cells(sheet, NEXT - 1)).toEqual(before);
    expect(state(sheet)).toEqual(stateBefore);
  });

  test('the new row holds the input; formula-like text stays text', () => {
    const sheet = fake.sheet('Signals');
    const value = (c: number) => sheet.peekValue(NEXT, c + 1);
    const formula = (c: number) => sheet.peekFormula(NEXT, c + 1);
    expect(value(C.raisedAt)).toBe(NOW + 25569);
    expect(sheet.peekNumberFormat(NEXT, C.raisedAt + 1)).toBe('yyyy-mm-dd hh:mm');
    expect(value(C.account)).toBe('Acme AB');
    expect(value(C.type)).toBe('price complaint');
    for (const c of [C.description, C.raisedBy, C.escalatedTo]) expect(formula(c)).toBe('');
    expect(value(C.description)).toBe('=1+1');
    expect(value(C.raisedBy)).toBe('+46 70');
    expect(value(C.escalatedTo)).toBe('@Anna');
    expect(value(C.escalatedAt)).toBe(NOW + 25569);
    expect(value(C.actedAt)).toBe('');
    expect(value(C.action)).toBe('');
    expect(sheet.peekNumberFormat(NEXT, C.hoursLeft + 1)).toBe('0.0');
    // a column without a format keeps the sheet's default
    expect(sheet.peekNumberFormat(NEXT, C.account + 1)).toBe(
      sheet.peekNumberFormat(NEXT + 1, C.account + 1),
    );
  });

  test('its formulas reference its own row', () => {
    const sheet = fake.sheet('Signals');
    const hours = sheet.peekFormula(NEXT, C.hoursLeft + 1);
    const status = sheet.peekFormula(NEXT, C.status + 1);
    expect(hours).toBe(
      `=IF(A${NEXT}="","",$B$2-ROUND((IF(H${NEXT}="",$B$3,H${NEXT})-A${NEXT})*86400000,0)/3600000)`,
    );
    for (const f of [hours, status]) {
      expect(relativeRows(f).length).toBeGreaterThan(0);
      expect(new Set(relativeRows(f))).toEqual(new Set([NEXT]));
    }
  });

  test('the append: a handful of calls, one setValues, no getValue / setValue, no lock', () => {
    expect(appends.length).toBe(1);
    const calls = appends[0];
    expect(calls['Range.setValues']).toBe(1);
    expect(calls['Range.setFormulas']).toBeUndefined();
    expect(calls['Range.getValue']).toBeUndefined();
    expect(calls['Range.setValue']).toBeUndefined();
    expect(calls['Range.getValues']).toBeUndefined();
    expect(calls['Lock.tryLock']).toBeUndefined();
    expect(calls['SpreadsheetApp.flush']).toBe(1);
    // the grid reaches past the log (the drop-downs' spare rows): no rows inserted
    expect(calls['Sheet.getMaxRows']).toBe(1);
    expect(calls['Sheet.insertRowsAfter']).toBeUndefined();
    expect(total(calls)).toBeLessThanOrEqual(15);
    // the whole appendSignal: no single-cell calls, reads in blocks
    expect(signalCalls['Range.getValue'] ?? 0).toBe(0);
    expect(signalCalls['Range.setValue'] ?? 0).toBe(0);
    expect(total(signalCalls)).toBeLessThanOrEqual(30);
  });

  test('the log reads back with the signal as typed', async () => {
    const log = await readSignalLog(workbook);
    expect(log.signals.length).toBe(ROWS + 1);
    expect(log.signals[ROWS]).toMatchObject({
      row: NEXT,
      account: 'Acme AB',
      description: '=1+1',
      raisedBy: '+46 70',
      escalatedTo: '@Anna',
    });
  });

  test('a row a colleague typed meanwhile is never overwritten', async () => {
    const sheet = fake.sheet('Signals');
    sheet.type(NEXT + 1, C.account + 1, 'Typed by Per');
    const again = await appendSignal(
      workbook,
      { account: 'Beta Bygg', type: 'other' },
      { now: NOW },
    );
    expect(again.row).toBe(NEXT + 2);
    expect(sheet.peekValue(NEXT + 1, C.account + 1)).toBe('Typed by Per');
    expect(sheet.peekValue(NEXT + 2, C.account + 1)).toBe('Beta Bygg');
    expect(appends[appends.length - 1]['Range.setValues']).toBe(1);
  });
});

describe('SheetsWorkbook.appendRows', () => {
  test('an empty sheet gets the rows from row 1; a text column takes text as it is', async () => {
    const fake = new FakeAppsScript();
    fake.addSheet('Log');
    const workbook = new SheetsWorkbook(fake.services.SpreadsheetApp);
    const first = await workbook.appendRows(
      'Log',
      [
        [1, '00123', { formula: 'A{row}*2', value: 2 }],
        [2, null, { formula: '=A{row}*2', value: 4 }],
      ],
      [null, '@', '0.00'],
    );
    expect(first).toBe(1);
    expect(fake.sheet('Log').peekGrid()).toEqual([
      [1, '00123', { formula: '=A1*2' }],
      [2, null, { formula: '=A2*2' }],
    ]);
    expect(fake.sheet('Log').peekNumberFormat(1, 2)).toBe('@');
    expect(fake.log.count('Sheet.insertRowsAfter')).toBe(0);
  });

  test('rows that do not fit the grid are added at its end first', async () => {
    const fake = new FakeAppsScript();
    const log = fake.addSheet(
      'Log',
      Array.from({ length: 1_000 }, (_, i) => [i + 1]),
    );
    expect(log.getMaxRows()).toBe(1_000);
    const workbook = new SheetsWorkbook(fake.services.SpreadsheetApp);
    expect(await workbook.appendRows('Log', [[1001], [1002], [1003]])).toBe(1_001);
    expect(fake.log.count('Sheet.insertRowsAfter')).toBe(1);
    expect(log.getMaxRows()).toBe(1_003);
    expect(log.peekValue(1_000, 1)).toBe(1_000);
    expect(log.peekValue(1_003, 1)).toBe(1_003);
  });

  test('a missing sheet is a UserError', async () => {
    const fake = new FakeAppsScript();
    fake.addSheet('Sales', [['Customer']]);
    const workbook = new SheetsWorkbook(fake.services.SpreadsheetApp);
    await expect(workbook.appendRows('Signals', [['x']])).rejects.toThrow(UserError);
    expect(fake.names()).toEqual(['Sales']);
  });
});
