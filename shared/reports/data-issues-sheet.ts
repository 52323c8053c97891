/**
 * The Data issues sheet (SPEC §5): every rejected or adjusted input row with its reason, and how
 * each column was read — so nothing is lost without a word.
 */
import type { ResolvedPeriods } from '../analysis/types';
import type { IngestResult } from '../sales-table';
import type { Cell, CellBlock, SheetSpec } from '../sheet-spec';
import { labels, type Lang } from './labels';
import { HEADER_ROWS, headerBlock, type SourceInfo } from './sheet-header';
import { FORMAT, STYLE } from './styles';

export interface DataIssuesSheetOptions {
  readonly lang?: Lang;
  readonly source?: SourceInfo;
  readonly periods?: ResolvedPeriods | null;
  readonly builtAt?: Date;
}

/**
 * Builds the Data issues sheet of an ingestion.
 *
 * @example
 * const spec = buildDataIssuesSheet(ingestSales(header, rows));
 * spec.blocks // header block, column notes, then one row per issue
 */
export function buildDataIssuesSheet(
  ingest: Pick<IngestResult, 'issues' | 'notes'>,
  options: DataIssuesSheetOptions = {},
): SheetSpec {
  const L = labels(options.lang ?? 'en');
  const header = headerBlock(L, L.issuesTitle, options.periods ?? null, options);
  const blocks: CellBlock[] = [...header.blocks];
  let row = HEADER_ROWS + 1;
  if (ingest.notes.length > 0) {
    blocks.push({ row, col: 0, cells: [[L.columnNotes]], style: STYLE.section });
    blocks.push({
      row: row + 1,
      col: 0,
      cells: ingest.notes.map((n) => [n.column, n.note]),
    });
    row += ingest.notes.length + 2;
  }
  const tableRow = row;
  blocks.push({
    row: tableRow,
    col: 0,
    cells: [[L.row, L.column, L.value, L.reason, L.action]],
    style: STYLE.tableHeader,
  });
  const cells: Cell[][] =
    ingest.issues.length > 0
      ? // Rejected rows first (their revenue is missing from every figure), then adjusted ones.
        [...ingest.issues]
          .sort((a, b) =>
            a.action === b.action ? a.row - b.row : a.action === 'rejected' ? -1 : 1,
          )
          .map((i) => [i.row, i.column ?? '', i.value, i.reason, L.actions[i.action]])
      : [[null, null, null, L.noIssues, null]];
  blocks.push({
    row: tableRow + 1,
    col: 0,
    cells,
    numberFormats: [FORMAT.integer, null, '@', null, null],
  });
  return {
    name: L.issuesSheet,
    blocks,
    columns: [{ width: 8 }, { width: 22 }, { width: 28 }, { width: 60 }, { width: 12 }],
    freeze: { rows: tableRow + 1, cols: 0 },
    print: { orientation: 'landscape', fitToPage: false },
    tabColor: 'C00000',
  };
}
