/**
 * A built sheet as a simple grid of display texts, for the preview's HTML table: formula cells
 * show their cached value, number formats are applied simply (percentages with %, thousands
 * separators, decimals, dates as YYYY-MM-DD), cell styles (bold, colours, alignment) carried
 * along. Conditional formats and charts are not drawn. Pure: no DOM.
 */
import { isoDay } from '../../shared/analysis/calendar';
import { isFormula, type CellStyle, type CellValue, type SheetSpec } from '../../shared/sheet-spec';
import type { PaneLanguage } from '../host';

/** Days from 1899-12-30 (Excel's serial 0) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

export interface GridCell {
  readonly text: string;
  /** True for numbers (right-aligned unless the style says otherwise). */
  readonly numeric: boolean;
  readonly style?: CellStyle;
}

export interface Grid {
  /** Rows from sheet row 1, each `width` cells long. */
  readonly rows: readonly (readonly GridCell[])[];
  readonly width: number;
  /** Rows the sheet has (`rows` may be cut to `maxRows`). */
  readonly totalRows: number;
  /** Column widths in characters (from the spec; undefined = default). */
  readonly widths: readonly (number | undefined)[];
}

const EMPTY: GridCell = { text: '', numeric: false };

/**
 * The grid of a sheet, at most `maxRows` rows.
 *
 * @example
 * sheetGrid(workbook.spec('Top 20')!, 'en').rows[0][0].text // 'Top 20 accounts'
 */
export function sheetGrid(spec: SheetSpec, language: PaneLanguage, maxRows = 500): Grid {
  let totalRows = 0;
  let width = 0;
  for (const b of spec.blocks) {
    totalRows = Math.max(totalRows, b.row + b.cells.length);
    for (const line of b.cells) width = Math.max(width, b.col + line.length);
  }
  const shown = Math.min(totalRows, maxRows);
  const rows: GridCell[][] = Array.from({ length: shown }, () =>
    new Array<GridCell>(width).fill(EMPTY),
  );
  for (const b of spec.blocks) {
    const formats = b.numberFormats ?? [];
    for (let i = 0; i < b.cells.length && b.row + i < shown; i++) {
      const line = b.cells[i];
      for (let j = 0; j < line.length; j++) {
        const cell = line[j];
        const value: CellValue = cell !== null && isFormula(cell) ? (cell.value ?? null) : cell;
        const style = b.style ?? rows[b.row + i][b.col + j].style;
        rows[b.row + i][b.col + j] = {
          text: formatValue(value, formats[j] ?? null, language),
          numeric: typeof value === 'number',
          ...(style ? { style } : {}),
        };
      }
    }
  }
  const widths = Array.from({ length: width }, (_, c) => spec.columns?.[c]?.width);
  return { rows, width, totalRows, widths };
}

/**
 * A value as a spreadsheet would show it with a (simple) number format.
 *
 * @example
 * formatValue(0.4123, '0.0%', 'en') // '41.2%'
 * formatValue(1234567.8, '#,##0', 'sv') // '1 234 568' (with no-break spaces)
 * formatValue(46352, 'yyyy-mm-dd', 'en') // '2026-11-26'
 */
export function formatValue(
  value: CellValue,
  format: string | null,
  language: PaneLanguage,
): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (!Number.isFinite(value)) return '#NUM!';
  const locale = language === 'sv' ? 'sv-SE' : 'en-US';
  if (format === null || format === '' || format.toLowerCase() === 'general') {
    return value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 4 });
  }
  const sections = format.split(';');
  let section = sections[0];
  let x = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    x = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2];

  if (/[yd]/i.test(section)) return isoDay(Math.floor(x) - EPOCH_SERIAL);

  const first = section.search(/[0#]/);
  if (first < 0) return section;
  const last = Math.max(section.lastIndexOf('0'), section.lastIndexOf('#'));
  const prefix = section.slice(0, first);
  const suffix = section.slice(last + 1);
  const number = section.slice(first, last + 1);
  const percent = suffix.includes('%');
  const dot = number.indexOf('.');
  const decimals = dot < 0 ? 0 : (number.slice(dot + 1).match(/0/g) ?? []).length;
  const text = (percent ? x * 100 : x).toLocaleString(locale, {
    useGrouping: number.includes(','),
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  const unit = percent ? (language === 'sv' ? ' %' : '%') : '';
  return `${prefix}${text}${suffix.replace('%', unit)}`;
}
