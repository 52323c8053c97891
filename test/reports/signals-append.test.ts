/**
 * Logging a signal appends ONE row: with 10,000 rows on the sheet, every existing row stays byte
 * for byte — in memory and in the saved .xlsx (the Excel and Google Sheets adapters implement the
 * same `appendRows`; their tests belong to those adapters).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { FileWorkbook } from '../../cli/file-workbook';
import { readSignalLog } from '../../shared/companions/signals-reader';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { isFormula } from '../../shared/sheet-spec';
import { appendSignal, signalToAppend } from '../../shared/reports/signals-build';
import {
  buildSignalsSheet,
  SIGNAL_COL as C,
  SIGNALS_LAYOUT as S,
} from '../../shared/reports/signals-sheet';
import { UserError } from '../../shared/user-error';
import { appendedFormula, type Workbook } from '../../shared/workbook';
import { day } from '../analysis/table';
import { AS_OF, longSignalLog } from '../companions/signal-log';
import { recomputeWithHyperFormula } from '../support/recompute';

const dir = mkdtempSync(join(tmpdir(), 'kam-signals-append-'));
const ROWS = 10_000;
const NOW = day('2026-11-26 12:30');

const input = {
  account: 'Acme AB',
  type: 'prisklagomål',
  description: '+46 says the price is too high',
  raisedBy: 'Per Holm',
  escalatedTo: 'Anna CEO',
};

describe('the row to append (pure)', () => {
  const layout = {
    headerRow: S.headerRow,
    columns: new Map([
      ['raisedAt', 0],
      ['account', 1],
      ['type', 2],
      ['description', 3],
      ['raisedBy', 4],
      ['escalatedTo', 5],
      ['escalatedAt', 6],
      ['actedAt', 7],
      ['action', 8],
    ]),
    hoursLeftCol: 9,
    statusCol: 10,
    limitCell: { row: 1, col: 1 },
    asOfCell: { row: 2, col: 1 },
  };

  test('fields in their columns, formulas with the row placeholder', () => {
    const a = signalToAppend(input, layout, { lang: 'en', now: NOW, limitHours: 24 });
    expect(a.cells.slice(0, 7)).toEqual([
      NOW + 25569,
      'Acme AB',
      'price complaint',
      '+46 says the price is too high',
      'Per Holm',
      'Anna CEO',
      NOW + 25569,
    ]);
    expect(a.cells[7]).toBeNull();
    const hours = a.cells[C.hoursLeft];
    expect(hours !== null && isFormula(hours) && appendedFormula(hours.formula, 10006)).toBe(
      'IF(A10006="","",$B$2-ROUND((IF(H10006="",$B$3,H10006)-A10006)*86400000,0)/3600000)',
    );
    expect(a.cells[C.status]).toMatchObject({ value: 'open' });
    expect(a.numberFormats[0]).toBe('yyyy-mm-dd hh:mm');
    expect(a.signal).toMatchObject({ type: 'price complaint', escalatedAt: NOW, actedAt: null });
  });

  test('a blank account or an unknown type is a clear error', () => {
    const opts = { lang: 'en' as const, now: NOW, limitHours: 24 };
    expect(() => signalToAppend({ ...input, account: '  ' }, layout, opts)).toThrow(UserError);
    expect(() => signalToAppend({ ...input, type: 'boss' }, layout, opts)).toThrow(
      /Unknown signal type "boss" \(use dissatisfaction, termination threat/,
    );
  });

  test('a sheet of its own layout: fields where its headers are, no formulas without them', async () => {
    const wb = new MemoryWorkbook({
      Signaler: [
        ['Kund', 'Inkom', 'Beskrivning', 'Typ', 'Åtgärdad'],
        ['Beta Bygg', 46300.5, 'late delivery', 'missnöje', null],
      ],
    });
    const result = await appendSignal(wb, input, { now: NOW });
    expect(result).toMatchObject({ sheet: 'Signaler', row: 3, created: false });
    expect(wb.rows('Signaler')[2]).toEqual([
      'Acme AB',
      NOW + 25569,
      '+46 says the price is too high',
      'prisklagomål',
      null,
    ]);
  });

  test('a workbook without a Signals sheet gets one, and the signal on its first row', async () => {
    const wb = new MemoryWorkbook({ Sales: [['Customer', 'Sales']] });
    const result = await appendSignal(wb, input, { now: NOW, lang: 'sv' });
    expect(result).toMatchObject({ sheet: 'Signaler', row: S.firstRow + 1, created: true });
    expect(wb.rows('Signaler')[S.firstRow][C.status]).toBe('öppen');
  });

  test('a host without appendRows is refused, the log untouched', async () => {
    const wb = new MemoryWorkbook();
    const host: Workbook = {
      sheetNames: () => wb.sheetNames(),
      readRows: (s, f) => wb.readRows(s, f),
      writeSheet: (spec) => wb.writeSheet(spec),
    };
    await expect(appendSignal(host, input)).rejects.toThrow(/cannot append/);
  });
});

describe('appending to 10,000 rows keeps every existing row', () => {
  const spec = buildSignalsSheet({ signals: longSignalLog(ROWS), asOf: AS_OF });

  test('in memory', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(spec);
    const before = wb.rows('Signals');
    expect(before.length).toBe(S.firstRow + ROWS);
    const result = await appendSignal(wb, input, { now: NOW });
    expect(result.row).toBe(S.firstRow + ROWS + 1);
    const after = wb.rows('Signals');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + 1);
    expect(after[before.length][C.account]).toBe('Acme AB');
    const second = await appendSignal(wb, { account: 'Beta Bygg', type: 'other' }, { now: NOW });
    expect(second.row).toBe(result.row + 1);
  });

  describe('in the saved .xlsx', () => {
    const original = join(dir, 'log.xlsx');
    const appended = join(dir, 'log-appended.xlsx');
    let before: JSZip;
    let after: JSZip;
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const rowsOf = async (zip: JSZip) =>
      (await zip.file(sheetPart)!.async('string')).match(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g) ??
      [];

    beforeAll(async () => {
      const created = FileWorkbook.create();
      await created.writeSheet(spec);
      await created.save(original);
      const wb = await FileWorkbook.open(original);
      const first = await appendSignal(wb, input, { now: NOW });
      expect(first.row).toBe(S.firstRow + ROWS + 1);
      const second = await appendSignal(wb, { account: 'Beta Bygg', type: 'other' }, { now: NOW });
      expect(second.row).toBe(first.row + 1);
      await wb.save(appended);
      before = await JSZip.loadAsync(readFileSync(original));
      after = await JSZip.loadAsync(readFileSync(appended));
    }, 60_000);

    test('every existing <row> is byte for byte the same; two rows are added', async () => {
      const old = await rowsOf(before);
      const now = await rowsOf(after);
      expect(old.length).toBe(S.firstRow + ROWS);
      expect(now.length).toBe(old.length + 2);
      expect(now.slice(0, old.length)).toEqual(old);
      expect(now[old.length]).toContain(`<row r="${S.firstRow + ROWS + 1}">`);
      expect(now[old.length]).toContain('<t xml:space="preserve">Acme AB</t>');
    });

    test('every other part is unchanged but the styles (a date format added)', async () => {
      for (const name of Object.keys(before.files)) {
        if (name === sheetPart || name === 'xl/styles.xml' || before.files[name].dir) continue;
        expect([name, await after.file(name)!.async('string')]).toEqual([
          name,
          await before.file(name)!.async('string'),
        ]);
      }
      const sheetXml = await after.file(sheetPart)!.async('string');
      expect(sheetXml).toContain(`<dimension ref="A1:K${S.firstRow + ROWS + 2}"/>`);
    });

    test('the appended rows read back, and their formulas compute the clock', async () => {
      const log = await readSignalLog(await FileWorkbook.open(appended));
      expect(log.signals.length).toBe(ROWS + 2);
      expect(log.signals[ROWS]).toMatchObject({
        row: S.firstRow + ROWS + 1,
        account: 'Acme AB',
        type: 'price complaint',
        description: '+46 says the price is too high',
        actedAt: null,
      });
      expect(log.signals[ROWS].raisedAt).toBeCloseTo(NOW, 8);
      const grid = await recomputeWithHyperFormula(appended, 'Signals');
      const row = grid[S.firstRow + ROWS];
      // as of (fixed, 12:00) is before the signal was raised (12:30): 24.5 hours left
      expect(row[C.hoursLeft]).toBeCloseTo(24.5, 9);
      expect(row[C.status]).toBe('open');
    });

    test('appending to a sheet written in the same session', async () => {
      const wb = FileWorkbook.create();
      await wb.writeSheet(buildSignalsSheet({ asOf: AS_OF }));
      const result = await appendSignal(wb, input, { now: NOW });
      expect(result.row).toBe(S.firstRow + 1);
      const path = join(dir, 'fresh.xlsx');
      await wb.save(path);
      const grid = await recomputeWithHyperFormula(path, 'Signals');
      expect(grid[S.firstRow][C.account]).toBe('Acme AB');
      expect(grid[S.firstRow][C.status]).toBe('open');
    });
  });
});
