/**
 * The Workbook port: what the core needs from a host (a file, Excel, Google Sheets). Adapters
 * implement it; the core never calls a host API directly.
 */
import type { FormulaCell, SheetSpec } from './sheet-spec';

/**
 * A raw cell as hosts deliver it: number, text, boolean, Date (Apps Script; read by its local
 * calendar fields), or blank (null / undefined / '').
 */
export type RawCell = string | number | boolean | Date | null | undefined;
export type RawRow = readonly RawCell[];

export interface Workbook {
  /** Names of the sheets in workbook order. */
  sheetNames(): Promise<string[]>;
  /**
   * Where a sales table can be read from, when a host has more than sheets: Excel's tables (by
   * name, readable with readRows) before the sheets. Hosts without tables leave it out.
   */
  sourceNames?(): Promise<string[]>;
  /**
   * Reads the used range of a sheet from its first row, in row chunks, calling `onChunk` for each
   * (chunks in order; `firstRow` is the 1-based sheet row of the chunk's first row). Chunks may be
   * dropped by the caller once handled. `lastRow`, when the host knows it (Excel's used range,
   * Apps Script's getLastRow, an .xlsx dimension), is the 1-based last row of the used range: a
   * hint that lets the core size its columns once.
   */
  readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void>;
  /** Writes (creates or replaces in place) a sheet. A failure leaves the previous sheet intact. */
  writeSheet(spec: SheetSpec): Promise<void>;
  /**
   * Appends rows below the last used row of an existing sheet and returns the 1-based sheet row
   * of the first one — writing nothing else: every existing cell, format and row stays as it is
   * (the Signals log, which colleagues type into while the pane logs a signal). The last used row
   * is found at write time, just before the write: Google Sheets under the document lock, so two
   * appends never overlap; Excel in the sync before the write (Office.js has no document lock:
   * two people appending in the same instant could land on one row, the later overwriting the
   * earlier — a known limit). Cells as in `AppendRow`;
   * `numberFormats` (Excel codes, one per column; null leaves the cell's format as it is) are
   * set on the appended cells only. Hosts that cannot append leave it out.
   */
  appendRows?(
    sheet: string,
    rows: readonly AppendRow[],
    numberFormats?: readonly (string | null)[],
  ): Promise<number>;
}

/**
 * A cell to append: a literal (a string is ALWAYS literal text, never a formula — adapters escape
 * a leading `=`, `+`, `-`, `@`) or a native formula in which every `{row}` stands for the 1-based
 * row the cell lands in (`IF(A{row}="","",…)`), with its expected value.
 */
export type AppendCell = string | number | boolean | null | FormulaCell;
export type AppendRow = readonly AppendCell[];

/** The placeholder for the landing row in an appended formula. */
export const APPEND_ROW_TOKEN = '{row}';

/**
 * An appended formula with its landing row filled in.
 *
 * @example
 * appendedFormula('IF(A{row}="","",B{row}*2)', 10006) // 'IF(A10006="","",B10006*2)'
 */
export function appendedFormula(formula: string, row: number): string {
  return formula.split(APPEND_ROW_TOKEN).join(String(row));
}

/**
 * Reads a whole (small) sheet into memory.
 *
 * @example
 * const rows = await readAllRows(workbook, 'Top 20');
 */
export async function readAllRows(workbook: Workbook, sheet: string): Promise<RawRow[]> {
  const all: RawRow[] = [];
  await workbook.readRows(sheet, (rows) => {
    for (const row of rows) all.push(row);
  });
  return all;
}
