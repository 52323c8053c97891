/**
 * The acceptance test of the Signals sheet: its native status formulas (IF, ROUND, the settings
 * cells — no KAM.* formula) agree with the core's signal clock on every row of a test log, as
 * HyperFormula and LibreOffice recompute them. "As of" is a fixed time in these files (by default
 * it is =NOW()), so the recompute is deterministic.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FileWorkbook } from '../cli/file-workbook';
import { assessSignals, type Signal } from '../shared/analysis/signals';
import { readSignalLog } from '../shared/companions/signals-reader';
import { labels, type Lang } from '../shared/reports/labels';
import {
  buildSignalsSheet,
  SIGNAL_COL as C,
  SIGNALS_LAYOUT as S,
} from '../shared/reports/signals-sheet';
import { AS_OF, testLog } from './companions/signal-log';
import {
  type Grid,
  libreOffice,
  recomputeWithHyperFormula,
  recomputeWithLibreOffice,
  stripFormulaResults,
} from './support/recompute';

const dir = mkdtempSync(join(tmpdir(), 'kam-signals-recompute-'));
const log: Signal[] = testLog(60);

async function written(name: string, lang: Lang, limitHours: number): Promise<string> {
  const workbook = FileWorkbook.create();
  await workbook.writeSheet(buildSignalsSheet({ lang, signals: log, limitHours, asOf: AS_OF }));
  const path = join(dir, name);
  await workbook.save(path);
  return path;
}

/**
 * ExcelJS reads a formula whose saved result is 0 as having no result (a falsy check): for the
 * LibreOffice file, a missing hours left is read as 0 — the Status column, which tests the same
 * cell against 0, is checked as it is.
 */
function expectAgreement(grid: Grid, lang: Lang, limitHours: number, zeroAsBlank = false): void {
  const L = labels(lang);
  const core = assessSignals(log, { limitHours, now: AS_OF });
  core.forEach((a, i) => {
    const row = grid[S.firstRow + i];
    expect([i, row[C.status]]).toEqual([i, L.signals.states[a.state]]);
    const hours = zeroAsBlank ? (row[C.hoursLeft] ?? 0) : row[C.hoursLeft];
    expect(hours).toBeCloseTo(a.hoursLeft, 9);
  });
  // the row below the log is empty: no status, no hours
  const below = grid[S.firstRow + log.length] ?? [];
  expect(below[C.status] ?? null).toBeNull();
}

let en24: string;

beforeAll(async () => {
  en24 = await written('signals-en.xlsx', 'en', 24);
});

test('the sheet holds native formulas only, with the core values cached', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(en24);
  const ws = wb.getWorksheet('Signals')!;
  let formulas = 0;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      formulas++;
      expect(cell.formula).not.toMatch(/KAM/i);
    }),
  );
  expect(formulas).toBe(2 * log.length);
  expect(ws.getCell('B2').value).toBe(24);
  expect(ws.getCell('J6').formula).toBe(
    'IF(A6="","",$B$2-ROUND((IF(H6="",$B$3,H6)-A6)*86400000,0)/3600000)',
  );
});

test('HyperFormula recomputes every status and hours left to the core figures', async () => {
  expectAgreement(await recomputeWithHyperFormula(en24, 'Signals'), 'en', 24);
});

test('a different limit in the settings cell, Swedish labels', async () => {
  const path = await written('signals-sv-48.xlsx', 'sv', 48);
  expectAgreement(await recomputeWithHyperFormula(path, 'Signaler'), 'sv', 48);
});

test('the sheet reads back as the same log, limit and as-of time', async () => {
  const read = await readSignalLog(await FileWorkbook.open(en24));
  expect(read.sheet).toBe('Signals');
  expect(read.limitHours).toBe(24);
  expect(read.asOf).toBeCloseTo(AS_OF, 9);
  expect(read.issues).toEqual([]);
  expect(read.signals.length).toBe(log.length);
  read.signals.forEach((s, i) => {
    expect(s.row).toBe(S.firstRow + 1 + i);
    expect(s.account).toBe(log[i].account);
    expect(s.type).toBe(log[i].type);
    expect(s.raisedAt).toBeCloseTo(log[i].raisedAt, 8);
    if (log[i].actedAt === null) expect(s.actedAt).toBeNull();
    else expect(s.actedAt).toBeCloseTo(log[i].actedAt as number, 8);
  });
});

const lo = libreOffice();
(lo || process.env.CI ? test : test.skip)(
  'LibreOffice recomputes every status and hours left to the core figures',
  async () => {
    expect(lo).not.toBeNull();
    const stripped = join(dir, 'stripped.xlsx');
    await stripFormulaResults(en24, stripped);
    expectAgreement(await recomputeWithLibreOffice(stripped, 'Signals'), 'en', 24, true);
  },
  240_000,
);
