/**
 * Build Top 20: the whole job every host runs — find the sales table, ingest it chunk by chunk,
 * analyse, keep the notes of the previous build, write the Top 20 and Data issues sheets. Hosts
 * only supply a Workbook; no rule lives in them.
 */
import { analyseTop20 } from '../analysis/top20';
import type { AnalysisSettings, PeriodChoice, Top20Analysis } from '../analysis/types';
import { findHeaderRow } from '../ingest/headers';
import { SalesIngest } from '../ingest/sales-ingest';
import type { IngestResult, SalesField } from '../sales-table';
import { UserError } from '../user-error';
import { readAllRows, type RawRow, type Workbook } from '../workbook';
import { buildDataIssuesSheet } from './data-issues-sheet';
import { readKeptNotes, type KeptNotes } from './kept-notes';
import { ALL_LABELS, labels, type Lang } from './labels';
import { isToolkitSheet } from './sheet-names';
import type { SourceInfo } from './sheet-header';
import { top20Json, type Top20Json } from './top20-json';
import { buildTop20Sheet } from './top20-sheet';

export interface Top20BuildOptions {
  /** The sheet holding the sales table; default: the first sheet whose headers match. */
  readonly sheet?: string;
  readonly period?: PeriodChoice;
  readonly lang?: Lang;
  readonly mapping?: Partial<Record<SalesField, string | number>>;
  readonly settings?: Partial<AnalysisSettings>;
  /** Build time written in the header blocks. */
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
  readonly source: SourceInfo;
  readonly json: Top20Json;
  /** Names of the sheets written. */
  readonly written: readonly string[];
}

class NoTableHere extends Error {}

/**
 * Runs Build Top 20 against a workbook.
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
  options.onPhase?.('analysing');
  const analysis = analyseTop20(ingest.table, {
    period: options.period,
    settings: options.settings,
  });
  const json = top20Json(analysis, ingest);
  if (options.write === false) return { ingest, analysis, source, json, written: [] };

  const lang = options.lang ?? 'en';
  const L = labels(lang);
  options.onPhase?.('writing');
  const keptNotes = await readPreviousNotes(workbook, lang);
  const common = { lang, source, builtAt: options.now };
  const issues = buildDataIssuesSheet(ingest, { ...common, periods: analysis.periods });
  const top20 = buildTop20Sheet(analysis, { ...common, keptNotes });
  await workbook.writeSheet(top20);
  await workbook.writeSheet(issues);
  return { ingest, analysis, source, json, written: [L.top20Sheet, L.issuesSheet] };
}

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
