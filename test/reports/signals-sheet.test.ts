import { parseSignalLog } from '../../shared/companions/signals-reader';
import { SIGNALS } from '../../shared/companions/schema';
import { isToolkitSheet } from '../../shared/reports/sheet-names';
import {
  buildSignalsSheet,
  SIGNAL_COL as C,
  SIGNALS_LAYOUT as S,
  signalFormulas,
  SIGNAL_REFS,
  signalTypeText,
} from '../../shared/reports/signals-sheet';
import { labels } from '../../shared/reports/labels';
import { isFormula } from '../../shared/sheet-spec';
import { day } from '../analysis/table';
import { AS_OF, testLog } from '../companions/signal-log';

describe('the Signals sheet', () => {
  test('an empty log: settings, header, drop-downs, overdue highlighting', () => {
    const spec = buildSignalsSheet({ now: AS_OF });
    expect(spec.name).toBe('Signals');
    const header = spec.blocks.find((b) => b.row === S.headerRow)!.cells[0];
    expect(header).toEqual([
      'Raised at',
      'Account',
      'Type',
      'Description',
      'Raised by',
      'Escalated to',
      'Escalated at',
      'Acted at',
      'Action',
      'Hours left',
      'Status',
    ]);
    const limit = spec.blocks.find((b) => b.row === S.limitRow && b.col === S.valueCol)!;
    expect(limit.cells).toEqual([[24]]);
    const asOf = spec.blocks.find((b) => b.row === S.asOfRow && b.col === S.valueCol)!;
    expect(asOf.cells[0][0]).toEqual({ formula: 'NOW()', value: AS_OF + 25569 });
    expect(spec.validations).toEqual([
      {
        range: 'C6:C2006',
        list: [
          'dissatisfaction',
          'termination threat',
          'volume reduction',
          'price complaint',
          'other',
        ],
      },
    ]);
    expect(spec.conditionalFormats).toEqual([
      expect.objectContaining({ kind: 'expression', range: 'A6:K2006', formula: '$K6="overdue"' }),
      expect.objectContaining({ range: 'A6:K2006', formula: '$K6="acted late"' }),
    ]);
    expect(spec.freeze).toEqual({ rows: S.firstRow, cols: 0 });
  });

  test('Swedish: names, labels, states and drop-down', () => {
    const spec = buildSignalsSheet({
      lang: 'sv',
      signals: testLog(0),
      asOf: AS_OF,
      limitHours: 12,
    });
    expect(spec.name).toBe('Signaler');
    expect(spec.validations?.[0].list).toEqual([
      'missnöje',
      'uppsägningshot',
      'volymminskning',
      'prisklagomål',
      'annat',
    ]);
    const body = spec.blocks.find((b) => b.row === S.firstRow)!.cells;
    expect(body[0][C.type]).toBe('missnöje');
    const status = body[7][C.status];
    expect(isFormula(status!) && status.formula).toContain('"försenad","öppen"');
    expect(isFormula(status!) && status.value).toBe('öppen');
    // the as-of cell is a fixed time, not NOW()
    expect(spec.blocks.find((b) => b.row === S.asOfRow && b.col === S.valueCol)!.cells[0][0]).toBe(
      AS_OF + 25569,
    );
    expect(isToolkitSheet('Signaler') && isToolkitSheet('Signals')).toBe(true);
  });

  test('the formulas', () => {
    const f = signalFormulas(SIGNAL_REFS, 7, labels('en'));
    expect(f.hoursLeft).toBe('IF(A7="","",$B$2-ROUND((IF(H7="",$B$3,H7)-A7)*86400000,0)/3600000)');
    expect(f.status).toBe(
      'IF(A7="","",IF(H7="",IF(J7<0,"overdue","open"),IF(J7<0,"acted late","acted in time")))',
    );
    const bare = signalFormulas({ ...SIGNAL_REFS, limit: null, asOf: null }, 7, labels('en'));
    expect(bare.hoursLeft).toBe(
      'IF(A7="","",24-ROUND((IF(H7="",NOW(),H7)-A7)*86400000,0)/3600000)',
    );
    expect(signalTypeText('PRISKLAGOMÅL', 'en')).toBe('price complaint');
    expect(signalTypeText('a phone call', 'sv')).toBe('a phone call');
  });
});

describe('reading a Signals sheet users made', () => {
  test('any column order, no settings: 24 h; bad rows reported, never dropped silently', () => {
    const log = parseSignalLog('signals', [
      ['Kund', 'Datum', 'Typ', 'Åtgärdad', 'Status'],
      ['Acme AB', '2026-11-20 08:15', 'prisklagomål', '2026-11-20 10:00', 'done'],
      ['Beta Bygg', '', 'missnöje', null, null],
      ['Gamma Oy', 46351.25, 'boss', null, null],
      [null, null, null, null, null],
    ]);
    expect(log.limitHours).toBe(24);
    expect(log.asOf).toBeNull();
    expect(log.lastRow).toBe(4);
    expect(log.layout).toMatchObject({ headerRow: 0, hoursLeftCol: null, statusCol: 4 });
    expect(log.signals.map((s) => [s.row, s.account, s.type])).toEqual([
      [2, 'Acme AB', 'price complaint'],
      [4, 'Gamma Oy', ''],
    ]);
    expect(log.signals[0].raisedAt).toBeCloseTo(day('2026-11-20 08:15'), 9);
    expect(log.signals[0].actedAt).toBeCloseTo(day('2026-11-20 10:00'), 9);
    expect(log.signals[1].raisedAt).toBeCloseTo(day('2026-11-25 06:00'), 9);
    expect(log.issues.map((i) => [i.row, i.action])).toEqual([
      [3, 'rejected'],
      [4, 'adjusted'],
    ]);
    expect(log.issues[0].reason).toBe('signals: raised at is blank');
  });

  test('a sheet without the required headers reads as an empty log with one issue', () => {
    const log = parseSignalLog(SIGNALS.sheet.en, [
      ['Who', 'What'],
      ['Eva', 'called'],
    ]);
    expect(log.layout).toBeNull();
    expect(log.signals).toEqual([]);
    expect(log.issues).toHaveLength(1);
  });
});
