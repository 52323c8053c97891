/**
 * The Signals jobs every host runs: create the Signals sheet on request, report the open and
 * overdue signals (pane on open, `kam signals`), and log a new signal by APPENDING one row — never
 * rewriting the log, so nothing a colleague typed is lost.
 */
import {
  assessSignals,
  openSignals,
  signalCounts,
  type AssessedSignal,
  type Signal,
  type SignalState,
} from '../analysis/signals';
import { isoDay } from '../analysis/calendar';
import { displayText, textKey } from '../ingest/accounts';
import { dateFromDateObject } from '../ingest/dates';
import { SIGNAL_TYPES, SIGNALS } from '../companions/schema';
import { readSignalLog, type SignalLog, type SignalsLayout } from '../companions/signals-reader';
import { DATETIME_FORMAT } from '../companions/templates';
import type { RowIssue } from '../sales-table';
import { UserError } from '../user-error';
import { APPEND_ROW_TOKEN, type AppendCell, type AppendRow, type Workbook } from '../workbook';
import { cellRef, columnLetter } from './a1';
import type { Lang } from './labels';
import { FORMAT } from './styles';
import {
  buildSignalsSheet,
  SIGNAL_COL,
  signalRowCells,
  type SignalFormulaRefs,
} from './signals-sheet';

/**
 * The current wall-clock time as epoch days (the machine's local time, as NOW() in a sheet).
 *
 * @example
 * wallClockNow() // 20783.586… at 2026-11-26 14:05 local time
 */
export const wallClockNow = (): number => dateFromDateObject(new Date());

/** What the pane and `kam signals` show. */
export interface SignalsReport {
  readonly sheet: string | null;
  /** The time the clocks were read at (epoch days, wall clock). */
  readonly now: number;
  readonly limitHours: number;
  readonly assessed: readonly AssessedSignal[];
  /** Open and overdue signals, newest first. */
  readonly open: readonly AssessedSignal[];
  readonly counts: Record<SignalState, number>;
  readonly issues: readonly RowIssue[];
}

/**
 * Reads the Signals sheet and runs every signal's clock at `now` (default: this machine's
 * wall-clock time) against the sheet's limit.
 *
 * @example
 * const report = await reportSignals(workbook);
 * report.open[0] // the newest open signal, with hoursLeft and state
 */
export async function reportSignals(
  workbook: Workbook,
  options: { readonly now?: number } = {},
): Promise<SignalsReport> {
  const log = await readSignalLog(workbook);
  const now = options.now ?? wallClockNow();
  const assessed = assessSignals(log.signals, { limitHours: log.limitHours, now });
  return {
    sheet: log.sheet,
    now,
    limitHours: log.limitHours,
    assessed,
    open: openSignals(assessed),
    counts: signalCounts(assessed),
    issues: log.issues,
  };
}

/** A signal as JSON (times as ISO wall-clock text). */
export interface SignalJson {
  readonly row: number;
  readonly raisedAt: string;
  readonly account: string;
  readonly type: string;
  readonly description: string;
  readonly raisedBy: string;
  readonly escalatedTo: string;
  readonly actedAt: string | null;
  readonly hoursElapsed: number;
  readonly hoursLeft: number;
  readonly state: SignalState;
}

/** `kam signals --json`. */
export interface SignalsJson {
  readonly sheet: string | null;
  readonly now: string;
  readonly limitHours: number;
  readonly counts: Record<SignalState, number>;
  readonly open: readonly SignalJson[];
  readonly issues: readonly RowIssue[];
}

/**
 * Wall-clock epoch days as ISO text to the minute ('2026-11-26 14:05').
 *
 * @example
 * isoTime(20783.5868) // '2026-11-26 14:05'
 */
export function isoTime(day: number): string {
  const minutes = Math.round(day * 1440);
  const d = Math.floor(minutes / 1440);
  const m = minutes - d * 1440;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDay(d)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * The report as JSON.
 *
 * @example
 * JSON.stringify(signalsJson(await reportSignals(workbook)))
 */
export function signalsJson(report: SignalsReport): SignalsJson {
  return {
    sheet: report.sheet,
    now: isoTime(report.now),
    limitHours: report.limitHours,
    counts: report.counts,
    open: report.open.map((a) => ({
      row: a.signal.row,
      raisedAt: isoTime(a.signal.raisedAt),
      account: a.signal.account,
      type: a.signal.type,
      description: a.signal.description,
      raisedBy: a.signal.raisedBy,
      escalatedTo: a.signal.escalatedTo,
      actedAt: a.signal.actedAt === null ? null : isoTime(a.signal.actedAt),
      hoursElapsed: a.hoursElapsed,
      hoursLeft: a.hoursLeft,
      state: a.state,
    })),
    issues: report.issues,
  };
}

/**
 * Creates the Signals sheet when the workbook has none (in either language); returns its name,
 * or null when one is already there (it is never replaced).
 *
 * @example
 * await createSignalsSheet(workbook, { lang: 'sv' }) // 'Signaler'
 */
export async function createSignalsSheet(
  workbook: Workbook,
  options: { readonly lang?: Lang; readonly now?: number } = {},
): Promise<string | null> {
  const names = (await workbook.sheetNames()).map((n) => n.trim().toLowerCase());
  if (
    names.includes(SIGNALS.sheet.en.toLowerCase()) ||
    names.includes(SIGNALS.sheet.sv.toLowerCase())
  )
    return null;
  const spec = buildSignalsSheet({ lang: options.lang, now: options.now });
  await workbook.writeSheet(spec);
  return spec.name;
}

/** What the pane's form (or a caller) logs. */
export interface NewSignal {
  readonly account: string;
  /** A signal type in English or Swedish ('price complaint', 'prisklagomål'). */
  readonly type: string;
  readonly description?: string;
  readonly raisedBy?: string;
  readonly escalatedTo?: string;
}

/** The row to append and its number formats. */
export interface SignalAppend {
  readonly signal: Signal;
  readonly cells: AppendRow;
  readonly numberFormats: readonly (string | null)[];
}

/**
 * The row that logs a new signal on a Signals sheet laid out as `layout`: raised at `now`
 * (escalated at `now` too when it names whom it was escalated to), each field in its column, and
 * — when the sheet has them — the Hours left and Status formulas, written with the `{row}`
 * placeholder for the row the host appends at. Pure: no workbook.
 * A blank account or an unknown type is a UserError.
 *
 * @example
 * const { cells } = signalToAppend({ account: 'Acme AB', type: 'price complaint' }, log.layout!, { lang: 'en', now, limitHours: 24 });
 * cells[0] // 46352.5 (the serial of now)
 */
export function signalToAppend(
  input: NewSignal,
  layout: SignalsLayout,
  options: { readonly lang: Lang; readonly now: number; readonly limitHours: number },
): SignalAppend {
  const account = displayText(input.account ?? '');
  if (account === '') throw new UserError('A signal needs an account.');
  const typeKey = textKey(input.type ?? '');
  const type = SIGNAL_TYPES.find(
    (v) => textKey(v.text.en) === typeKey || textKey(v.text.sv) === typeKey,
  );
  if (type === undefined) {
    throw new UserError(
      `Unknown signal type "${input.type}" (use ${SIGNAL_TYPES.map((v) => v.text[options.lang]).join(', ')}).`,
    );
  }
  const escalatedTo = displayText(input.escalatedTo ?? '');
  const signal: Signal = {
    row: 0,
    raisedAt: options.now,
    account,
    type: type.value,
    description: (input.description ?? '').trim(),
    raisedBy: displayText(input.raisedBy ?? ''),
    escalatedTo,
    escalatedAt: escalatedTo === '' ? null : options.now,
    actedAt: null,
    action: '',
  };
  const col = (field: string) => layout.columns.get(field);
  const raisedCol = col('raisedAt') as number;
  const actedCol = col('actedAt');
  const width =
    Math.max(
      raisedCol,
      ...layout.columns.values(),
      layout.hoursLeftCol ?? 0,
      layout.statusCol ?? 0,
    ) + 1;
  const cells: AppendCell[] = new Array<AppendCell>(width).fill(null);
  const formats: (string | null)[] = new Array<string | null>(width).fill(null);
  const abs = (at: { row: number; col: number } | null) =>
    at === null ? null : cellRef(at.row, at.col, true);
  const refs: SignalFormulaRefs | null =
    layout.hoursLeftCol !== null && actedCol !== undefined
      ? {
          raisedAt: columnLetter(raisedCol),
          actedAt: columnLetter(actedCol),
          hoursLeft: columnLetter(layout.hoursLeftCol),
          limit: abs(layout.limitCell),
          asOf: abs(layout.asOfCell),
        }
      : null;
  const ours = signalRowCells(signal, APPEND_ROW_TOKEN, options, refs ?? undefined);
  // signalRowCells lays the fields out in SIGNAL_COL order: take each to the sheet's column.
  const fields = ['raisedAt', 'account', 'type', 'description', 'raisedBy', 'escalatedTo'];
  [...fields, 'escalatedAt'].forEach((field, i) => {
    const c = col(field);
    if (c === undefined) return;
    cells[c] = ours[i];
    if (field === 'raisedAt' || field === 'escalatedAt') formats[c] = DATETIME_FORMAT;
  });
  if (refs !== null && layout.hoursLeftCol !== null) {
    cells[layout.hoursLeftCol] = ours[SIGNAL_COL.hoursLeft];
    formats[layout.hoursLeftCol] = FORMAT.decimal1;
    if (layout.statusCol !== null) cells[layout.statusCol] = ours[SIGNAL_COL.status];
  }
  return { signal, cells, numberFormats: formats };
}

export interface AppendSignalResult {
  readonly sheet: string;
  /** The 1-based sheet row the signal was written to. */
  readonly row: number;
  /** True when the Signals sheet had to be created first. */
  readonly created: boolean;
  readonly signal: Signal;
}

/**
 * Logs a signal: creates the Signals sheet when there is none, reads the log (its columns and
 * settings), and appends ONE row through the host's `appendRows` — the rest of the sheet is not
 * written. A host without `appendRows` is an error (never a rewrite of the log).
 *
 * @example
 * await appendSignal(workbook, { account: 'Acme AB', type: 'price complaint', raisedBy: 'Eva' })
 * // { sheet: 'Signals', row: 6, created: true, signal }
 */
export async function appendSignal(
  workbook: Workbook,
  input: NewSignal,
  options: { readonly lang?: Lang; readonly now?: number } = {},
): Promise<AppendSignalResult> {
  if (workbook.appendRows === undefined)
    throw new Error('This host cannot append rows: the signal was not logged.');
  const now = options.now ?? wallClockNow();
  const created = (await createSignalsSheet(workbook, { lang: options.lang, now })) !== null;
  const log: SignalLog = await readSignalLog(workbook);
  const sheet = log.sheet as string;
  if (log.layout === null) {
    throw new UserError(
      `The sheet "${sheet}" has no header row with "${SIGNALS.columns[0].header.en}" and "${SIGNALS.columns[1].header.en}": the signal was not logged.`,
    );
  }
  const lang: Lang =
    sheet.trim().toLowerCase() === SIGNALS.sheet.sv.toLowerCase() ? 'sv' : (options.lang ?? 'en');
  const append = signalToAppend(input, log.layout, { lang, now, limitHours: log.limitHours });
  const row = await workbook.appendRows(sheet, [append.cells], append.numberFormats);
  return { sheet, row, created, signal: { ...append.signal, row } };
}
