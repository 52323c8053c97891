/**
 * The header block every built sheet starts with (SPEC §5): title, source range, period,
 * filters and build time, so a printed sheet says where its figures come from.
 */
import type { ResolvedPeriods } from '../analysis/types';
import { isoDay } from '../analysis/calendar';
import type { CellBlock } from '../sheet-spec';
import type { Labels } from './labels';
import { STYLE } from './styles';

/** Where the figures were read from. */
export interface SourceInfo {
  readonly sheet: string;
  /** 1-based sheet rows of the first and last data row. */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
}

/**
 * Column of the header values: the labels in column A overflow into B, which stays empty here
 * (A is narrow on most sheets).
 */
const VALUE_COL = 2;

/** Rows the header block takes (title, source, period, comparison, filters, built). */
export const HEADER_ROWS = 6;

/**
 * The header block: title on row 1, then label/value rows.
 *
 * @example
 * headerBlock(labels('en'), 'Top 20 accounts', periods, { source, builtAt: new Date() })
 */
export function headerBlock(
  L: Labels,
  title: string,
  periods: ResolvedPeriods | null,
  info: { source?: SourceInfo; builtAt?: Date },
): { blocks: CellBlock[] } {
  const s = info.source;
  const range = (r: { from: number; to: number } | null) =>
    !r ? L.none : Number.isFinite(r.from) ? `${isoDay(r.from)} – ${isoDay(r.to)}` : L.allRows;
  const rows: [string, string][] = [
    [
      L.source,
      s
        ? `${L.sourceText(s.sheet, s.firstRow, s.lastRow)}; ${L.rowsText(s.rowsRead, s.rowsUsed, s.rowsRejected)}`
        : L.none,
    ],
    [L.period, periods ? range(periods.current) : L.none],
    [L.comparison, periods ? range(periods.comparison) : L.none],
    [L.filters, L.noFilters],
  ];
  const built = info.builtAt ?? new Date();
  rows.push([L.built, `${built.toISOString().slice(0, 16).replace('T', ' ')} UTC ${L.builtBy}`]);
  return {
    blocks: [
      { row: 0, col: 0, cells: [[title]], style: STYLE.title },
      { row: 1, col: 0, cells: rows.map(([label]) => [label]), style: STYLE.label },
      { row: 1, col: VALUE_COL, cells: rows.map(([, value]) => [value]) },
    ],
  };
}
