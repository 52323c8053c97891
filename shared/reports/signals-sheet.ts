/**
 * The Signals sheet (SPEC §2, §5): the log of signs of dissatisfaction with a live clock. Users
 * (and the pane's "Log a signal") fill the columns of SIGNALS; "Hours left" and "Status" are
 * native formulas (IF, ROUND, NOW — never a KAM.* formula), so the clock runs in a workbook opened
 * without the add-in:
 *
 *   Hours left = limit − ROUND((IF(acted at = "", as of, acted at) − raised at) × 86,400,000, 0)
 *                / 3,600,000
 *   Status     = overdue / open (not acted on) or acted late / acted in time, by hours left < 0
 *
 * The limit (24 h) and "as of" (=NOW()) are settings cells above the table. Elapsed time is
 * rounded to whole milliseconds exactly as the core's signal clock does (analysis/signal-clock),
 * so a signal acted on at exactly the limit is in time in both. Times are wall-clock serial
 * numbers (see analysis/signals.ts on daylight-saving changes). Overdue rows are red, late ones
 * amber.
 */
import { assessSignals, DEFAULT_SIGNAL_LIMIT_HOURS, type Signal } from '../analysis/signals';
import { SIGNAL_TYPES, SIGNALS } from '../companions/schema';
import { DATETIME_FORMAT } from '../companions/templates';
import { dateFromDateObject, EXCEL_EPOCH_OFFSET } from '../ingest/dates';
import { textKey } from '../ingest/accounts';
import type { Cell, ConditionalFormat, SheetSpec } from '../sheet-spec';
import { columnLetter, rangeRef } from './a1';
import { labels, type Labels, type Lang } from './labels';
import { FORMAT, STYLE } from './styles';

/** Where things are on the sheet (0-based rows). */
export const SIGNALS_LAYOUT = {
  limitRow: 1,
  asOfRow: 2,
  hintRow: 3,
  headerRow: 4,
  firstRow: 5,
  /** Column of the settings' values (their labels are in column A). */
  valueCol: 1,
} as const;

/** Columns of the table (0-based): the SIGNALS columns, then the two formula columns. */
export const SIGNAL_COL = {
  raisedAt: 0,
  account: 1,
  type: 2,
  description: 3,
  raisedBy: 4,
  escalatedTo: 5,
  escalatedAt: 6,
  actedAt: 7,
  action: 8,
  hoursLeft: 9,
  status: 10,
} as const;
const WIDTH = 11;

/** Rows below the log that get the drop-downs and the overdue highlighting. */
export const SIGNALS_SPARE_ROWS = 2000;

export interface SignalsSheetOptions {
  readonly lang?: Lang;
  /** Signals to write (default none: an empty log). */
  readonly signals?: readonly Signal[];
  /** The limit in hours (default 24). */
  readonly limitHours?: number;
  /**
   * A fixed "as of" time (epoch days, wall clock) instead of =NOW() — for a frozen snapshot, and
   * for tests that recompute the sheet deterministically.
   */
  readonly asOf?: number;
  /** The time NOW() is computed at for the cached values (default: this machine's clock). */
  readonly now?: number;
}

/** The A1 references the status formulas of a row use. */
export interface SignalFormulaRefs {
  /** Column letters. */
  readonly raisedAt: string;
  readonly actedAt: string;
  readonly hoursLeft: string;
  /** Absolute references of the settings cells; null = the default limit / NOW(). */
  readonly limit: string | null;
  readonly asOf: string | null;
}

/** The references of the sheet the toolkit builds. */
export const SIGNAL_REFS: SignalFormulaRefs = {
  raisedAt: columnLetter(SIGNAL_COL.raisedAt),
  actedAt: columnLetter(SIGNAL_COL.actedAt),
  hoursLeft: columnLetter(SIGNAL_COL.hoursLeft),
  limit: `$${columnLetter(SIGNALS_LAYOUT.valueCol)}$${SIGNALS_LAYOUT.limitRow + 1}`,
  asOf: `$${columnLetter(SIGNALS_LAYOUT.valueCol)}$${SIGNALS_LAYOUT.asOfRow + 1}`,
};

/**
 * The Hours left and Status formulas of one row (`row` is the 1-based row, or the append
 * placeholder `{row}`).
 *
 * @example
 * signalFormulas(SIGNAL_REFS, 6, labels('en')).status
 * // 'IF(A6="","",IF(H6="",IF(J6<0,"overdue","open"),IF(J6<0,"acted late","acted in time")))'
 */
export function signalFormulas(
  refs: SignalFormulaRefs,
  row: number | string,
  L: Labels,
): { hoursLeft: string; status: string } {
  const raised = `${refs.raisedAt}${row}`;
  const acted = `${refs.actedAt}${row}`;
  const left = `${refs.hoursLeft}${row}`;
  const limit = refs.limit ?? String(DEFAULT_SIGNAL_LIMIT_HOURS);
  const asOf = refs.asOf ?? 'NOW()';
  const s = L.signals.states;
  return {
    hoursLeft: `IF(${raised}="","",${limit}-ROUND((IF(${acted}="",${asOf},${acted})-${raised})*86400000,0)/3600000)`,
    status: `IF(${raised}="","",IF(${acted}="",IF(${left}<0,"${s.overdue}","${s.open}"),IF(${left}<0,"${s['acted-late']}","${s['acted-in-time']}")))`,
  };
}

/**
 * A wall-clock epoch day as a spreadsheet serial number; null (or not finite) gives null.
 *
 * @example
 * serialOf(20783.5) // 46352.5
 */
export function serialOf(day: number | null): number | null {
  return day === null || !Number.isFinite(day) ? null : day + EXCEL_EPOCH_OFFSET;
}

/**
 * A signal type in the sheet's language (a value of SIGNAL_TYPES in either language; any other
 * text as it is).
 *
 * @example
 * signalTypeText('price complaint', 'sv') // 'prisklagomål'
 */
export function signalTypeText(type: string, lang: Lang): string {
  const key = textKey(type);
  const hit = SIGNAL_TYPES.find((v) => textKey(v.text.en) === key || textKey(v.text.sv) === key);
  return hit ? hit.text[lang] : type;
}

/** Number formats of a log row, by column. */
export const SIGNAL_ROW_FORMATS: readonly (string | null)[] = [
  DATETIME_FORMAT,
  null,
  null,
  null,
  null,
  null,
  DATETIME_FORMAT,
  DATETIME_FORMAT,
  null,
  FORMAT.decimal1,
  null,
];

/**
 * The cells of one log row: the signal's fields, then the two formulas with the values the core
 * expects at `now` (or at the fixed as-of time).
 *
 * @example
 * signalRowCells(signal, 6, { lang: 'en', limitHours: 24, now: 20783.5 })
 */
export function signalRowCells(
  signal: Signal,
  row: number | string,
  options: { readonly lang: Lang; readonly limitHours: number; readonly now: number },
  refs: SignalFormulaRefs = SIGNAL_REFS,
): Cell[] {
  const L = labels(options.lang);
  const [assessed] = assessSignals([signal], { limitHours: options.limitHours, now: options.now });
  const f = signalFormulas(refs, row, L);
  const cells: Cell[] = new Array<Cell>(WIDTH).fill(null);
  cells[SIGNAL_COL.raisedAt] = serialOf(signal.raisedAt);
  cells[SIGNAL_COL.account] = signal.account;
  cells[SIGNAL_COL.type] = signal.type === '' ? null : signalTypeText(signal.type, options.lang);
  cells[SIGNAL_COL.description] = signal.description || null;
  cells[SIGNAL_COL.raisedBy] = signal.raisedBy || null;
  cells[SIGNAL_COL.escalatedTo] = signal.escalatedTo || null;
  cells[SIGNAL_COL.escalatedAt] = serialOf(signal.escalatedAt);
  cells[SIGNAL_COL.actedAt] = serialOf(signal.actedAt);
  cells[SIGNAL_COL.action] = signal.action || null;
  cells[SIGNAL_COL.hoursLeft] = { formula: f.hoursLeft, value: assessed.hoursLeft };
  cells[SIGNAL_COL.status] = { formula: f.status, value: L.signals.states[assessed.state] };
  return cells;
}

/**
 * The Signals sheet: title, settings (limit, as of), the header, the log (when given) with its
 * formulas, drop-downs of the signal types, and the overdue highlighting.
 *
 * @example
 * const spec = buildSignalsSheet({ lang: 'sv' });
 * spec.name // 'Signaler'
 */
export function buildSignalsSheet(options: SignalsSheetOptions = {}): SheetSpec {
  const lang = options.lang ?? 'en';
  const L = labels(lang);
  const S = SIGNALS_LAYOUT;
  const limitHours = options.limitHours ?? DEFAULT_SIGNAL_LIMIT_HOURS;
  const now = options.asOf ?? options.now ?? dateFromDateObject(new Date());
  const signals = options.signals ?? [];
  const header: Cell[] = [
    ...SIGNALS.columns.map((c) => c.header[lang]),
    L.signals.hoursLeft,
    L.signals.status,
  ];
  const body = signals.map((s, i) =>
    signalRowCells(s, S.firstRow + i + 1, { lang, limitHours, now }),
  );
  const end = S.firstRow + Math.max(signals.length, 1) + SIGNALS_SPARE_ROWS - 1;
  const asOfCell: Cell =
    options.asOf !== undefined
      ? (serialOf(options.asOf) as number)
      : { formula: 'NOW()', value: serialOf(now) };
  const allCols = rangeRef(S.firstRow, 0, end, WIDTH - 1);
  const status = (state: keyof Labels['signals']['states']) =>
    `$${columnLetter(SIGNAL_COL.status)}${S.firstRow + 1}="${L.signals.states[state]}"`;
  const conditionalFormats: ConditionalFormat[] = [
    { kind: 'expression', range: allCols, formula: status('overdue'), style: STYLE.alarm },
    { kind: 'expression', range: allCols, formula: status('acted-late'), style: STYLE.warning },
  ];
  const typeCol = columnLetter(SIGNAL_COL.type);
  return {
    name: SIGNALS.sheet[lang],
    blocks: [
      { row: 0, col: 0, cells: [[L.signals.title]], style: STYLE.title },
      { row: S.limitRow, col: 0, cells: [[L.signals.limit], [L.signals.asOf]], style: STYLE.label },
      { row: S.limitRow, col: S.valueCol, cells: [[limitHours]] },
      {
        row: S.asOfRow,
        col: S.valueCol,
        cells: [[asOfCell, L.signals.asOfHint]],
        numberFormats: [DATETIME_FORMAT, null],
      },
      { row: S.hintRow, col: 0, cells: [[L.signals.hint]], style: { italic: true } },
      { row: S.headerRow, col: 0, cells: [header], style: STYLE.tableHeader },
      ...(body.length > 0
        ? [{ row: S.firstRow, col: 0, cells: body, numberFormats: SIGNAL_ROW_FORMATS }]
        : []),
    ],
    columns: [...SIGNALS.columns.map((c) => ({ width: c.width })), { width: 11 }, { width: 15 }],
    freeze: { rows: S.firstRow, cols: 0 },
    conditionalFormats,
    validations: [
      {
        range: `${typeCol}${S.firstRow + 1}:${typeCol}${end + 1}`,
        list: SIGNAL_TYPES.map((v) => v.text[lang]),
      },
    ],
    print: {
      orientation: 'landscape',
      fitToPage: true,
      area: rangeRef(0, 0, S.firstRow + Math.max(signals.length, 1) - 1, WIDTH - 1),
    },
    tabColor: 'C00000',
  };
}
