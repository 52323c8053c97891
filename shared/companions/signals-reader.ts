/**
 * Reading the Signals log (SPEC §2): the signals, the sheet's settings (limit in hours, "as of"
 * time) and where its columns are — what `kam signals`, the pane and the append job need. The
 * sheet may be the one the toolkit builds (reports/signals-sheet.ts) or one a user made with the
 * same headers (English or Swedish, any column order, settings optional).
 */
import { DEFAULT_SIGNAL_LIMIT_HOURS, type Signal } from '../analysis/signals';
import { cellText, textKey } from '../ingest/accounts';
import { parseDate } from '../ingest/dates';
import { headerText, normaliseHeader } from '../ingest/headers';
import { parseNumber } from '../ingest/numbers';
import { ALL_LABELS } from '../reports/labels';
import type { RowIssue } from '../sales-table';
import { readAllRows, type RawCell, type RawRow, type Workbook } from '../workbook';
import { companionSheet, findCompanionColumns, parseCompanion } from './readers';
import { SIGNALS } from './schema';

/** Where things are on a Signals sheet (0-based rows and columns). */
export interface SignalsLayout {
  /** The header row. */
  readonly headerRow: number;
  /** Column of each field of SIGNALS found in the header. */
  readonly columns: ReadonlyMap<string, number>;
  /** The Hours left and Status formula columns, when the header has them. */
  readonly hoursLeftCol: number | null;
  readonly statusCol: number | null;
  /** The cells of the settings (the value beside the label), when the sheet has them. */
  readonly limitCell: { readonly row: number; readonly col: number } | null;
  readonly asOfCell: { readonly row: number; readonly col: number } | null;
}

/** The Signals log as read. */
export interface SignalLog {
  /** The sheet's name; null when the workbook has no Signals sheet. */
  readonly sheet: string | null;
  readonly signals: readonly Signal[];
  /** The limit set on the sheet (hours), or 24. */
  readonly limitHours: number;
  /** The "as of" cell's value (epoch days; the cached NOW() of the last calculation), or null. */
  readonly asOf: number | null;
  /** null when the sheet has no header row with "Raised at" and "Account". */
  readonly layout: SignalsLayout | null;
  /** 1-based last row with any value (0 for an empty sheet). */
  readonly lastRow: number;
  /** Rejected and adjusted rows. */
  readonly issues: readonly RowIssue[];
}

const labelKeys = (pick: (l: (typeof ALL_LABELS)[number]) => string): Set<string> =>
  new Set(ALL_LABELS.map((l) => normaliseHeader(pick(l))));
const LIMIT = labelKeys((l) => l.signals.limit);
const AS_OF = labelKeys((l) => l.signals.asOf);
const HOURS_LEFT = labelKeys((l) => l.signals.hoursLeft);
const STATUS = labelKeys((l) => l.signals.status);

const isBlank = (c: RawCell): boolean => cellText(c).trim() === '';

/**
 * Parses a Signals sheet's cells (rows from sheet row 1).
 *
 * @example
 * const log = parseSignalLog('Signals', rows);
 * log.limitHours // 24
 * log.signals[0].raisedAt // 20783.375
 */
export function parseSignalLog(sheet: string, rows: readonly RawRow[]): SignalLog {
  let lastRow = 0;
  rows.forEach((r, i) => {
    if (r.some((c) => !isBlank(c))) lastRow = i + 1;
  });
  const found = findCompanionColumns(SIGNALS, rows);
  const parsed = parseCompanion(SIGNALS, sheet, rows);
  const empty = { sheet, signals: [], layout: null, lastRow, issues: parsed.issues };
  // Settings: a label in any column of the rows above the header, its value in the next cell.
  let limitCell: SignalsLayout['limitCell'] = null;
  let asOfCell: SignalsLayout['asOfCell'] = null;
  const above = found === null ? Math.min(rows.length, 10) : found.headerIndex;
  for (let r = 0; r < above; r++) {
    rows[r].forEach((c, i) => {
      const key = normaliseHeader(headerText(c));
      if (key === '') return;
      if (LIMIT.has(key) && limitCell === null) limitCell = { row: r, col: i + 1 };
      if (AS_OF.has(key) && asOfCell === null) asOfCell = { row: r, col: i + 1 };
    });
  }
  const at = (cell: { row: number; col: number } | null): RawCell =>
    cell === null ? null : rows[cell.row]?.[cell.col];
  const limitValue = at(limitCell);
  const limit = typeof limitValue === 'number' ? limitValue : parseNumber(cellText(limitValue));
  const limitHours = Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_SIGNAL_LIMIT_HOURS;
  const asOfValue = parseDate(at(asOfCell));
  const asOf = Number.isFinite(asOfValue) ? asOfValue : null;
  if (found === null) return { ...empty, limitHours, asOf };

  const header = rows[found.headerIndex];
  const find = (keys: Set<string>) => {
    const i = header.findIndex((c) => keys.has(normaliseHeader(headerText(c))));
    return i < 0 ? null : i;
  };
  const layout: SignalsLayout = {
    headerRow: found.headerIndex,
    columns: found.columns,
    hoursLeftCol: find(HOURS_LEFT),
    statusCol: find(STATUS),
    limitCell,
    asOfCell,
  };
  const str = (v: string | number | null | undefined) => (typeof v === 'string' ? v : '');
  const time = (v: string | number | null | undefined) => (typeof v === 'number' ? v : null);
  const signals: Signal[] = parsed.rows.map(({ row, values }) => ({
    row,
    raisedAt: values.raisedAt as number,
    account: str(values.account),
    type: str(values.type),
    description: str(values.description),
    raisedBy: str(values.raisedBy),
    escalatedTo: str(values.escalatedTo),
    escalatedAt: time(values.escalatedAt),
    actedAt: time(values.actedAt),
    action: str(values.action),
  }));
  return { sheet, signals, limitHours, asOf, layout, lastRow, issues: parsed.issues };
}

/**
 * Reads the Signals sheet of a workbook (English or Swedish name, any case); a workbook without
 * one gives an empty log with `sheet: null`.
 *
 * @example
 * const log = await readSignalLog(workbook);
 * log.signals.length
 */
export async function readSignalLog(workbook: Workbook): Promise<SignalLog> {
  const sheet = companionSheet(await workbook.sheetNames(), SIGNALS);
  if (sheet === null) {
    return {
      sheet: null,
      signals: [],
      limitHours: DEFAULT_SIGNAL_LIMIT_HOURS,
      asOf: null,
      layout: null,
      lastRow: 0,
      issues: [],
    };
  }
  return parseSignalLog(sheet, await readAllRows(workbook, sheet));
}

/**
 * The English value of a signal type written in either language ('prisklagomål' →
 * 'price complaint'); other text is returned as it is.
 *
 * @example
 * signalTypeKey('Prisklagomål') // 'price complaint'
 */
export function signalTypeKey(text: string): string {
  const key = textKey(text);
  const hit = (SIGNALS.columns.find((c) => c.field === 'type')?.values ?? []).find(
    (v) => textKey(v.text.en) === key || textKey(v.text.sv) === key,
  );
  return hit ? hit.value : text;
}
