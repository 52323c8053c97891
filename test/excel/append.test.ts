/**
 * ExcelWorkbook.appendRows over the fake Excel: logging a signal on a Signals sheet of 10,000 rows
 * writes ONE row below them — every existing cell (value, formula, number format, format, quote
 * prefix) and the sheet's state stay as they were — in two syncs (read the used range, write).
 */
import { ExcelWorkbook } from '../../addin/workbook/excel-workbook';
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
import { FakeExcel, type SyncRecord } from '../fakes/fake-excel';

const ROWS = 10_000;
const NOW = day('2026-11-26 12:30');
/** The 1-based row the first appended signal lands on. */
const NEXT = S.firstRow + ROWS + 1;

const input = {
  account: 'Acme AB',
  type: 'price complaint',
  description: '=1+1',
  raisedBy: '+46 70',
  escalatedTo: '@Anna',
};

/** Column letters of the Signals sheet. */
const col = (c: number) => String.fromCharCode(65 + c);

/** Every cell of a snapshot, as JSON, by address: compared byte for byte. */
function cellsAsJson(cells: Record<string, unknown>): Map<string, string> {
  return new Map(Object.entries(cells).map(([address, cell]) => [address, JSON.stringify(cell)]));
}

/** The 1-based row of an address ('J10006' → 10006). */
const rowOf = (address: string) => Number(/\d+$/.exec(address)![0]);

/** The relative cell references of a formula (absolute ones such as $B$2 left out). */
function relativeRows(formula: string): number[] {
  const refs = formula.replace(/"[^"]*"/g, '').match(/(?<![$A-Z])[A-Z]{1,3}\d+/g) ?? [];
  return refs.map(rowOf);
}

/** An ExcelWorkbook whose appendRows records the syncs of each call. */
function metered(fake: FakeExcel): { workbook: Workbook; appends: SyncRecord[][] } {
  const inner = new ExcelWorkbook(fake.run);
  const appends: SyncRecord[][] = [];
  const workbook: Workbook = {
    sheetNames: () => inner.sheetNames(),
    readRows: (sheet, onChunk) => inner.readRows(sheet, onChunk),
    writeSheet: (spec) => inner.writeSheet(spec),
    appendRows: async (sheet, rows, formats) => {
      const from = fake.syncs.length;
      try {
        return await inner.appendRows(sheet, rows, formats);
      } finally {
        appends.push(fake.syncs.slice(from));
      }
    },
  };
  return { workbook, appends };
}

describe('appending a signal to 10,000 rows in Excel', () => {
  const fake = new FakeExcel({ sheets: { Sales: [['Customer', 'Net sales']] } });
  const { workbook, appends } = metered(fake);
  let before: ReturnType<FakeExcel['snapshot']>;
  let result: Awaited<ReturnType<typeof appendSignal>>;
  let signalSyncs: SyncRecord[];

  beforeAll(async () => {
    await workbook.writeSheet(buildSignalsSheet({ signals: longSignalLog(ROWS), asOf: AS_OF }));
    before = fake.snapshot('Signals');
    const from = fake.syncs.length;
    result = await appendSignal(workbook, input, { now: NOW });
    signalSyncs = fake.syncs.slice(from);
  }, 60_000);

  test('the signal lands on the row below the log', () => {
    expect(result).toMatchObject({ sheet: 'Signals', row: NEXT, created: false });
    expect(fake.grid('Signals').length).toBe(NEXT);
  });

  test('every existing cell and the sheet state stay byte for byte', () => {
    const after = fake.snapshot('Signals');
    const old = cellsAsJson(before.cells);
    const now = cellsAsJson(after.cells);
    expect(old.size).toBeGreaterThan(ROWS * 10);
    const kept = new Map([...now].filter(([address]) => rowOf(address) < NEXT));
    expect(kept).toEqual(old);
    expect([...now.keys()].filter((a) => rowOf(a) > NEXT)).toEqual([]);
    expect(after.state).toEqual(before.state);
  });

  test('the new row holds the input; formula-like text stays text', () => {
    const cell = (c: number) => fake.cell('Signals', `${col(c)}${NEXT}`);
    expect(cell(C.raisedAt)).toMatchObject({
      kind: 'number',
      value: NOW + 25569,
      numberFormat: 'yyyy-mm-dd hh:mm',
    });
    expect(cell(C.account)).toMatchObject({ kind: 'text', value: 'Acme AB' });
    expect(cell(C.type)).toMatchObject({ kind: 'text', value: 'price complaint' });
    expect(cell(C.description)).toMatchObject({ kind: 'text', value: '=1+1', formula: null });
    expect(cell(C.raisedBy)).toMatchObject({ kind: 'text', value: '+46 70', formula: null });
    expect(cell(C.escalatedTo)).toMatchObject({ kind: 'text', value: '@Anna', formula: null });
    expect(cell(C.escalatedAt)).toMatchObject({ kind: 'number', value: NOW + 25569 });
    expect(cell(C.actedAt).kind).toBe('blank');
    expect(cell(C.action).kind).toBe('blank');
    expect(cell(C.hoursLeft).numberFormat).toBe('0.0');
  });

  test('its formulas reference its own row', () => {
    const hours = fake.cell('Signals', `${col(C.hoursLeft)}${NEXT}`).formula!;
    const status = fake.cell('Signals', `${col(C.status)}${NEXT}`).formula!;
    expect(hours).toBe(
      `=IF(A${NEXT}="","",$B$2-ROUND((IF(H${NEXT}="",$B$3,H${NEXT})-A${NEXT})*86400000,0)/3600000)`,
    );
    for (const formula of [hours, status]) {
      expect(relativeRows(formula).length).toBeGreaterThan(0);
      expect(new Set(relativeRows(formula))).toEqual(new Set([NEXT]));
    }
    // the row above keeps its own references
    const above = fake.cell('Signals', `${col(C.status)}${NEXT - 1}`).formula!;
    expect(new Set(relativeRows(above))).toEqual(new Set([NEXT - 1]));
  });

  test('the append takes two small syncs (read the used range, write the row)', () => {
    expect(appends.length).toBe(1);
    const syncs = appends[0];
    expect(syncs.length).toBeLessThanOrEqual(3);
    expect(syncs.length).toBe(2);
    expect(syncs.every((s) => s.failed === undefined)).toBe(true);
    expect(syncs.every((s) => s.requestBytes < 4096 && s.responseBytes < 4096)).toBe(true);
    // the whole appendSignal: the sheet list, reading the log, and the append
    expect(signalSyncs.every((s) => s.failed === undefined)).toBe(true);
    expect(signalSyncs.length).toBeLessThanOrEqual(2 + 1 + Math.ceil(NEXT / 2_000) + 2);
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
    fake.typeInto('Signals', `B${NEXT + 1}`, 'Typed by Per');
    const again = await appendSignal(
      workbook,
      { account: 'Beta Bygg', type: 'other' },
      { now: NOW },
    );
    expect(again.row).toBe(NEXT + 2);
    expect(fake.cell('Signals', `B${NEXT + 1}`).value).toBe('Typed by Per');
    expect(fake.cell('Signals', `B${NEXT + 2}`).value).toBe('Beta Bygg');
    expect(appends[appends.length - 1].length).toBe(2);
  });
});

describe('ExcelWorkbook.appendRows', () => {
  test('an empty sheet gets the rows from row 1; {row} in every formula cell', async () => {
    const fake = new FakeExcel({ sheets: { Log: [] } });
    const workbook = new ExcelWorkbook(fake.run);
    const first = await workbook.appendRows(
      'Log',
      [
        [1, 'x', { formula: 'A{row}*2', value: 2 }],
        [2, null, { formula: '=A{row}*2', value: 4 }],
      ],
      [null, '@', '0.00'],
    );
    expect(first).toBe(1);
    expect(fake.grid('Log')).toEqual([
      [1, 'x', '=A1*2'],
      [2, null, '=A2*2'],
    ]);
    expect(fake.cell('Log', 'A1').numberFormat).toBe('General');
    expect(fake.cell('Log', 'C2').numberFormat).toBe('0.00');
    expect(fake.syncs.length).toBe(2);
  });

  test('a missing sheet is a UserError, nothing written', async () => {
    const fake = new FakeExcel({ sheets: { Sales: [['Customer']] } });
    await expect(new ExcelWorkbook(fake.run).appendRows('Signals', [['x']])).rejects.toThrow(
      UserError,
    );
    expect(fake.sheetNames()).toEqual(['Sales']);
  });

  test('rows over the 4 MB budget are refused before anything is written', async () => {
    const fake = new FakeExcel({ sheets: { Log: [['Header']] } });
    const before = fake.snapshot('Log');
    const huge = 'x'.repeat(4.5 * 1024 * 1024);
    await expect(new ExcelWorkbook(fake.run).appendRows('Log', [[huge]])).rejects.toThrow(
      /Cannot append 1 rows in one request/,
    );
    expect(fake.syncs.length).toBe(1); // the read only
    expect(fake.snapshot('Log')).toEqual(before);
  });
});
