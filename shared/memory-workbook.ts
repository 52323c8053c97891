/**
 * A workbook held in memory: the Workbook port over plain arrays. The in-browser preview of the
 * task pane runs on it (the sample data, no Office), and tests use it as the simplest host. A
 * written sheet keeps its SheetSpec (for rendering) and its cell values (a formula as its cached
 * value), so a rebuild reads back the notes typed into it.
 */
import { isFormula, type SheetSpec } from './sheet-spec';
import type { AppendRow, RawCell, RawRow, Workbook } from './workbook';

/** Rows per chunk handed to readRows' callback. */
const CHUNK = 10_000;

/**
 * @example
 * const wb = new MemoryWorkbook({ Sales: [['Customer', 'Net sales'], ['Acme AB', 100]] });
 * await buildTop20(wb); // writes 'Top 20' and 'Data issues'
 * wb.spec('Top 20'); // the SheetSpec, for a preview grid
 */
export class MemoryWorkbook implements Workbook {
  private readonly sheets = new Map<string, RawCell[][]>();
  private readonly specs = new Map<string, SheetSpec>();

  constructor(sheets: Readonly<Record<string, readonly RawRow[]>> = {}) {
    for (const [name, rows] of Object.entries(sheets))
      this.sheets.set(
        name,
        rows.map((r) => [...r]),
      );
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  async readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    const rows = this.sheets.get(sheet);
    if (!rows) throw new Error(`No sheet "${sheet}"`);
    for (let i = 0; i < rows.length; i += CHUNK) {
      onChunk(rows.slice(i, i + CHUNK), i + 1, rows.length);
    }
  }

  async writeSheet(spec: SheetSpec): Promise<void> {
    this.sheets.set(spec.name, specCells(spec));
    this.specs.set(spec.name, spec);
  }

  /**
   * Appends rows below the last row holding any value (formulas as their expected values) and
   * returns the 1-based row of the first; existing rows are not touched.
   *
   * @example
   * await wb.appendRows('Signals', [[46352.5, 'Acme AB']]) // 7
   */
  async appendRows(sheet: string, rows: readonly AppendRow[]): Promise<number> {
    const grid = this.sheets.get(sheet);
    if (!grid) throw new Error(`No sheet "${sheet}"`);
    let last = grid.length;
    while (last > 0 && grid[last - 1].every((v) => v === null || v === undefined || v === ''))
      last--;
    const values = rows.map((row) =>
      row.map((cell) => (cell !== null && isFormula(cell) ? (cell.value ?? null) : cell)),
    );
    // Blank rows at the end are taken over; nothing with a value is touched.
    grid.splice(last, Math.min(values.length, grid.length - last), ...values);
    return last + 1;
  }

  /** The cells of a sheet (a copy), rows from row 1. */
  rows(sheet: string): RawCell[][] {
    return (this.sheets.get(sheet) ?? []).map((r) => [...r]);
  }

  /** Sets one cell (1-based row and column), as a user typing into the sheet. */
  setCell(sheet: string, row: number, col: number, value: RawCell): void {
    const rows = this.sheets.get(sheet);
    if (!rows) throw new Error(`No sheet "${sheet}"`);
    while (rows.length < row) rows.push([]);
    const line = rows[row - 1];
    while (line.length < col) line.push(null);
    line[col - 1] = value;
  }

  /** The SheetSpec a sheet was last written from, or undefined for an input sheet. */
  spec(sheet: string): SheetSpec | undefined {
    return this.specs.get(sheet);
  }
}

/**
 * The cells a SheetSpec puts on its sheet, rows from row 1 (a formula as its cached value, an
 * empty cell as null): what a host reads back after writing it.
 *
 * @example
 * specCells({ name: 'S', blocks: [{ row: 1, col: 1, cells: [[5]] }] }); // [[], [null, 5]]
 */
export function specCells(spec: SheetSpec): RawCell[][] {
  const grid: RawCell[][] = [];
  for (const block of spec.blocks) {
    block.cells.forEach((line, r) => {
      const row = (grid[block.row + r] ??= []);
      line.forEach((cell, c) => {
        row[block.col + c] = cell !== null && isFormula(cell) ? (cell.value ?? null) : cell;
      });
    });
  }
  return Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null));
}
