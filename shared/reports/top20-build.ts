/**
 * Build Top 20: the whole job every host runs — find the sales table, ingest it chunk by chunk,
 * read the companion sheets (Stakeholders, Wallet, Account plans) and the Signals log when the
 * workbook has them, analyse, keep the notes of the previous build, write the Top 20 and Data
 * issues sheets. Hosts only supply a Workbook; no rule lives in them.
 */
import type { HeaderOverride } from '../ingest/headers';
import { assessSignals, type AssessedSignal } from '../analysis/signals';
import { analyseTop20, withTop20Extras, type Top20ExtraData } from '../analysis/top20';
import type { AnalysisSettings, PeriodChoice, Top20Analysis } from '../analysis/types';
import { accountLookup, readCompanions, type CompanionData } from '../companions/readers';
import { readSignalLog } from '../companions/signals-reader';
import { dateFromDateObject } from '../ingest/dates';
import { findHeaderRow } from '../ingest/headers';
import { SalesIngest } from '../ingest/sales-ingest';
import type { IngestResult, RowIssue, SalesTable } from '../sales-table';
import type { SheetSpec } from '../sheet-spec';
import { UserError } from '../user-error';
import { readAllRows, type RawRow, type Workbook } from '../workbook';
import { buildDataIssuesSheet } from './data-issues-sheet';
import { readKeptNotes, type KeptNotes } from './kept-notes';
import { ALL_LABELS, labels, type Lang } from './labels';
import { findSalesSources } from './sales-sources';
import { isToolkitSheet } from './sheet-names';
import type { SourceInfo } from './sheet-header';
import { top20Json, type Top20Json } from './top20-json';
import { buildTop20Sheet } from './top20-sheet';

export interface Top20BuildOptions {
  /** The sheet holding the sales table; default: the first sheet whose headers match. */
  readonly sheet?: string;
  readonly period?: PeriodChoice;
  readonly lang?: Lang;
  readonly mapping?: HeaderOverride;
  readonly settings?: Partial<AnalysisSettings>;
  /**
   * Build time written in the header blocks; also the time signal clocks and account-plan reviews
   * are judged at. Default: this machine's clock.
   */
  readonly now?: Date;
  /** When false, analyse only (for `--json` without an output file). Default true. */
  readonly write?: boolean;
  /**
   * Called after each chunk with the data rows read so far and, when the host knows the used
   * range, the data rows in all.
   */
  readonly onProgress?: (rowsRead: number, rowsTotal?: number) => void;
  /** Called when reading is done and the analysis starts, and when the sheets are written. */
  readonly onPhase?: (phase: 'analysing' | 'writing') => void;
}

export interface Top20BuildResult {
  readonly ingest: IngestResult;
  readonly analysis: Top20Analysis;
  /**
   * Every issue on the Data issues sheet: the sales table's (`ingest.issues`), then the companion
   * sheets' and the Signals log's rejected and adjusted rows.
   */
  readonly issues: readonly RowIssue[];
  /** The companion sheets as read (empty when absent or unreadable): the later jobs reuse them. */
  readonly companions: CompanionData;
  readonly source: SourceInfo;
  readonly json: Top20Json;
  /** Names of the sheets written. */
  readonly written: readonly string[];
}

class NoTableHere extends Error {}

/**
 * Runs Build Top 20 against a workbook. Companion sheets and the Signals log are optional: their
 * bad rows go to Data issues, and a sheet that cannot be read at all is one issue — the Top 20 is
 * built either way.
 *
 * @example
 * const result = await buildTop20(await FileWorkbook.open('sales.xlsx'), { period: { kind: 'r12' } });
 * result.json.portfolio.hhi
 */
export async function buildTop20(
  workbook: Workbook,
  options: Top20BuildOptions = {},
): Promise<Top20BuildResult> {
  const { ingest, source } = await readSales(workbook, options);
  const extra = await readExtras(workbook, ingest.table, options.now ?? new Date());
  options.onPhase?.('analysing');
  const analysis = withTop20Extras(
    analyseTop20(ingest.table, { period: options.period, settings: options.settings }),
    ingest.table,
    extra.data,
  );
  const issues = [...ingest.issues, ...extra.issues];
  const json = top20Json(analysis, { ...ingest, issues });
  const { companions } = extra;
  const base = { ingest, analysis, issues, companions, source, json };
  if (options.write === false) return { ...base, written: [] };

  const lang = options.lang ?? 'en';
  const L = labels(lang);
  options.onPhase?.('writing');
  const keptNotes = await readPreviousNotes(workbook, lang);
  const common = { lang, source, builtAt: options.now };
  const issuesSheet = buildDataIssuesSheet(
    { issues, notes: ingest.notes },
    { ...common, periods: analysis.periods },
  );
  const top20 = buildTop20Sheet(analysis, { ...common, keptNotes });
  await workbook.writeSheet(top20);
  await workbook.writeSheet(issuesSheet);
  return { ...base, written: [L.top20Sheet, L.issuesSheet] };
}

/** A sheet that could not be read at all: one whole-sheet issue, the build goes on. */
function unreadable(what: string, e: unknown): RowIssue {
  return {
    row: 1,
    column: null,
    value: '',
    reason: `${what} could not be read (${e instanceof Error ? e.message : String(e)}); the Top 20 is built without it`,
    action: 'rejected',
  };
}

/**
 * The companion sheets and the Signals log as the Top 20 needs them (as prep-build reads them:
 * readCompanions with the sales accounts' lookup, readSignalLog), signals assessed at `now`.
 */
async function readExtras(
  workbook: Workbook,
  table: SalesTable,
  now: Date,
): Promise<{ data: Top20ExtraData; issues: RowIssue[]; companions: CompanionData }> {
  const asOf = dateFromDateObject(now);
  const issues: RowIssue[] = [];
  let companions: CompanionData | null = null;
  try {
    companions = await readCompanions(workbook, accountLookup(table));
    issues.push(...companions.issues);
  } catch (e) {
    issues.push(unreadable('The companion sheets (Stakeholders, Wallet, Account plans)', e));
  }
  let signals: AssessedSignal[] = [];
  try {
    const log = await readSignalLog(workbook);
    issues.push(...log.issues);
    signals = assessSignals(log.signals, { limitHours: log.limitHours, now: asOf });
  } catch (e) {
    issues.push(unreadable('The Signals sheet', e));
  }
  return {
    data: {
      stakeholders: companions?.stakeholders,
      wallet: companions?.wallet,
      plans: companions?.plans,
      signals,
      asOf,
    },
    issues,
    companions: companions ?? NO_COMPANIONS,
  };
}

/** No companion sheets. */
const NO_COMPANIONS: CompanionData = {
  stakeholders: [],
  wallet: [],
  ladder: [],
  plans: [],
  issues: [],
  sheets: {},
};

/** Finds the sales table and ingests it, chunk by chunk. */
async function readSales(
  workbook: Workbook,
  options: Top20BuildOptions,
): Promise<{ ingest: IngestResult; source: SourceInfo }> {
  const names = await workbook.sheetNames();
  if (options.sheet !== undefined && !names.includes(options.sheet)) {
    const sources = (await workbook.sourceNames?.()) ?? names;
    if (!sources.includes(options.sheet)) {
      throw new UserError(`There is no sheet "${options.sheet}". Sheets: ${names.join(', ')}.`);
    }
  }
  const candidates =
    options.sheet !== undefined ? [options.sheet] : names.filter((n) => !isToolkitSheet(n));
  if (candidates.length === 0) throw new UserError('The workbook has no sheet with sales data.');
  for (const sheet of candidates) {
    const found = await tryRead(workbook, sheet, options, candidates.length === 1);
    if (found) return found;
  }
  // No sheet matched: explain with the first sheet's headers (names the missing column).
  const first = await tryRead(workbook, candidates[0], options, true);
  if (first) return first;
  throw new UserError(`No sales table found in sheets ${candidates.join(', ')}.`);
}

async function tryRead(
  workbook: Workbook,
  sheet: string,
  options: Top20BuildOptions,
  explain: boolean,
): Promise<{ ingest: IngestResult; source: SourceInfo } | null> {
  let ingest: SalesIngest | null = null;
  let headerRow = 0;
  let lastRow = 0;
  let read = 0;
  try {
    await workbook.readRows(sheet, (rows, firstRow, sheetLastRow) => {
      let start = 0;
      if (ingest === null) {
        const at = headerIndex(rows, options, explain);
        if (at < 0) throw new NoTableHere();
        headerRow = firstRow + at;
        ingest = new SalesIngest(rows[at], {
          mapping: options.mapping,
          headerRowNumber: headerRow,
          expectedRows: sheetLastRow === undefined ? undefined : sheetLastRow - headerRow,
        });
        start = at + 1;
      }
      ingest.push(start === 0 ? rows : rows.slice(start));
      read += rows.length - start;
      lastRow = firstRow + rows.length - 1;
      options.onProgress?.(read, sheetLastRow === undefined ? undefined : sheetLastRow - headerRow);
    });
  } catch (e) {
    if (e instanceof NoTableHere) return null;
    if (e instanceof UserError && explain) {
      throw new UserError(`Sheet "${sheet}": ${e.message}`);
    }
    throw e;
  }
  if (ingest === null) {
    if (!explain) return null;
    throw new UserError(`Sheet "${sheet}" is empty: there is no sales table to read.`);
  }
  const result = (ingest as SalesIngest).finish();
  if (result.rowsUsed === 0) {
    const why = result.issues
      .slice(0, 3)
      .map((i) => `row ${i.row}: ${i.reason}`)
      .join('; ');
    throw new UserError(
      `The sales table on sheet "${sheet}" has no usable rows (${result.rowsRead} read${why ? `; ${why}` : ''}).`,
    );
  }
  return {
    ingest: result,
    source: {
      sheet,
      firstRow: headerRow + 1,
      lastRow: Math.max(headerRow + 1, lastRow),
      rowsRead: result.rowsRead,
      rowsUsed: result.rowsUsed,
      rowsRejected: result.rowsRejected,
    },
  };
}

/** Index of the header row in the first chunk; with `explain`, the first non-blank row. */
function headerIndex(
  rows: readonly RawRow[],
  options: Top20BuildOptions,
  explain: boolean,
): number {
  const at = findHeaderRow(rows);
  if (at >= 0 || !(explain || options.mapping)) return at;
  return rows.findIndex((r) => r.some((c) => c !== null && c !== undefined && c !== ''));
}

/** Notes typed into the previous Top 20 (this language's sheet first, then any other). */
async function readPreviousNotes(workbook: Workbook, lang: Lang): Promise<KeptNotes> {
  const names = await workbook.sheetNames();
  const mine = labels(lang).top20Sheet;
  const order = [mine, ...ALL_LABELS.map((l) => l.top20Sheet).filter((n) => n !== mine)];
  const sheet = order.find((n) => names.includes(n));
  return sheet ? readKeptNotes(await readAllRows(workbook, sheet)) : new Map();
}

/** How a job after the Top 20 (prep, risk, trends) heads its sheets. */
export interface JobSheetOptions {
  readonly lang: Lang;
  readonly now?: Date;
  readonly periods: Top20Analysis['periods'];
}

/**
 * Writes a job's sheet, then the Data issues sheet of the build it stands on (the sales table's,
 * the companion sheets' and the Signals log's rows), and returns the names written.
 *
 * @example
 * const top = await buildTop20(workbook, { write: false });
 * await writeWithDataIssues(workbook, riskSheet, top, { lang: 'en', periods }); // ['Portfolio risk', 'Data issues']
 */
export async function writeWithDataIssues(
  workbook: Workbook,
  sheet: SheetSpec,
  top: Top20BuildResult,
  options: JobSheetOptions,
): Promise<string[]> {
  const issues = buildDataIssuesSheet(
    { issues: top.issues, notes: top.ingest.notes },
    { lang: options.lang, source: top.source, builtAt: options.now, periods: options.periods },
  );
  await workbook.writeSheet(sheet);
  await workbook.writeSheet(issues);
  return [sheet.name, labels(options.lang).issuesSheet];
}

/**
 * The sales table of a later job (prep, risk, trends): `sheet` when given, else the first sheet
 * that looks like one among the sheets the toolkit does not build; undefined lets buildTop20
 * explain what is missing.
 */
export async function salesSheet(workbook: Workbook, sheet?: string): Promise<string | undefined> {
  if (sheet !== undefined) return sheet;
  const names = (await workbook.sheetNames()).filter((n) => !isToolkitSheet(n));
  const sources = await findSalesSources(workbook, names);
  return sources.find((s) => s.missing.length === 0)?.sheet ?? names[0];
}

/**
 * What every job after the Top 20 stands on: the sales table read and analysed as the Top 20
 * (not written), with the companion sheets and the Signals log.
 *
 * @example
 * const top = await analyseSales(workbook, { period: { kind: 'r12' } });
 * top.analysis.top[0].account // the largest account
 */
export function analyseSales(
  workbook: Workbook,
  options: Pick<Top20BuildOptions, 'sheet' | 'period' | 'mapping' | 'settings' | 'now'>,
): Promise<Top20BuildResult> {
  return salesSheet(workbook, options.sheet).then((sheet) =>
    buildTop20(workbook, { ...options, sheet, write: false }),
  );
}
