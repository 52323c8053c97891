/**
 * SheetsWorkbook: the SpreadsheetApp adapter of the Workbook port (Google Sheets, Apps Script).
 *
 * Apps Script runs at most 6 minutes and every service call costs time, so the adapter reads and
 * writes whole rectangles and never a single cell (no `getValue` / `setValue` anywhere):
 *
 * - Reading: `getLastRow()` / `getLastColumn()` once, then blocks of at most 5,000 rows (fewer for
 *   wide sheets: at most 200,000 cells) with one `getRange(r, 1, n, cols).getValues()` each — two
 *   calls per block. Blanks arrive as '', dates as `Date` objects, passed through (the core reads
 *   a Date by its local calendar fields).
 * - Writing: the spec is rendered into a new sheet with a unique temporary name; per block one
 *   `setNumberFormats` per run of formatted columns, then one `setValues` for the whole block, then
 *   one `setFormulas` per rectangle of formula cells (`setFormulas` writes every cell of its range,
 *   so it cannot cover literal cells). Styles go on the bounding rectangle of the styled blocks with
 *   the 2-D plural setters (`setFontWeights`, `setBackgrounds`, …: one call per property for the
 *   whole sheet) and one `setBorder` per bordered block. Column widths (one call per column),
 *   frozen panes, conditional format rules (one `setConditionalFormatRules`), charts and drop-down
 *   lists (one `setDataValidation` each) follow.
 *   Only then the swap: the old sheet of that name is deleted, the new one renamed and moved to the
 *   old one's position. A failure before the swap deletes the new sheet and rethrows, so the
 *   previous sheet stays as it was.
 * - Text stays text: every non-empty string goes through `setValues` with a leading apostrophe,
 *   which Sheets takes as "this is text" and does not store. Without it Sheets parses a string as
 *   if typed: `=…` (and `+…`, `-…`) becomes a formula — a formula injection from an account name —
 *   and `00123`, `12%`, `TRUE`, `2026-01-02` become numbers, booleans and dates. A string that
 *   starts with an apostrophe keeps it (the first one is eaten). Cells whose spec number format is
 *   '@' (plain text) are written without the apostrophe: that format is set before the values and
 *   already stops all parsing.
 * - Not rendered: print setup (orientation, fit to page, print area) — SpreadsheetApp has no API
 *   for it; data bars — no builder exists, a white-to-colour gradient rule stands in.
 * - Notes typed into a built sheet survive because the core reads them (readRows) before it writes
 *   the new sheet: nothing here needs to know about them.
 * - Locking is the caller's job: the server function that runs a build holds the document lock.
 * - Appending (the Signals log): below `getLastRow()`, rows added to the grid when they do not
 *   fit, number formats, then one `setValues` (formulas as '=…', text with the apostrophe), flush.
 */
import type {
  CellBlock,
  CellStyle,
  CellValue,
  ChartSpec,
  ConditionalFormat,
  SheetSpec,
} from '../../shared/sheet-spec';
import { isFormula } from '../../shared/sheet-spec';
import { UserError } from '../../shared/user-error';
import {
  appendedFormula,
  type AppendRow,
  type RawCell,
  type RawRow,
  type Workbook,
} from '../../shared/workbook';

// ---------------------------------------------------------------------------------------------
// The SpreadsheetApp surface the adapter uses: a subset of @types/google-apps-script (the real
// services are checked against it in server.ts), small enough for an honest fake.

/** A cell as Apps Script delivers or accepts it. */
export type SheetsValue = string | number | boolean | Date;

export interface SheetsRange {
  getValues(): SheetsValue[][];
  setValues(values: SheetsValue[][]): unknown;
  setFormulas(formulas: string[][]): unknown;
  setNumberFormats(formats: string[][]): unknown;
  setFontWeights(weights: (string | null)[][]): unknown;
  setFontStyles(styles: (string | null)[][]): unknown;
  setFontSizes(sizes: number[][]): unknown;
  setFontColors(colors: (string | null)[][]): unknown;
  setBackgrounds(colors: (string | null)[][]): unknown;
  setHorizontalAlignments(alignments: (string | null)[][]): unknown;
  setVerticalAlignments(alignments: (string | null)[][]): unknown;
  setWraps(wraps: boolean[][]): unknown;
  setDataValidation(rule: SheetsDataValidation | null): unknown;
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
  ): unknown;
}

/** A built rule: an opaque handle passed back to `setConditionalFormatRules`. */
export type SheetsConditionalRule = object;

export interface SheetsConditionalRuleBuilder {
  whenNumberLessThan(n: number): SheetsConditionalRuleBuilder;
  whenNumberLessThanOrEqualTo(n: number): SheetsConditionalRuleBuilder;
  whenNumberGreaterThan(n: number): SheetsConditionalRuleBuilder;
  whenNumberGreaterThanOrEqualTo(n: number): SheetsConditionalRuleBuilder;
  whenNumberEqualTo(n: number): SheetsConditionalRuleBuilder;
  whenNumberBetween(start: number, end: number): SheetsConditionalRuleBuilder;
  whenFormulaSatisfied(formula: string): SheetsConditionalRuleBuilder;
  setGradientMinpoint(color: string): SheetsConditionalRuleBuilder;
  setGradientMaxpoint(color: string): SheetsConditionalRuleBuilder;
  setBold(bold: boolean | null): SheetsConditionalRuleBuilder;
  setItalic(italic: boolean | null): SheetsConditionalRuleBuilder;
  setFontColor(color: string | null): SheetsConditionalRuleBuilder;
  setBackground(color: string | null): SheetsConditionalRuleBuilder;
  setRanges(ranges: SheetsRange[]): SheetsConditionalRuleBuilder;
  build(): SheetsConditionalRule;
}

/** A built data validation: an opaque handle passed back to `setDataValidation`. */
export type SheetsDataValidation = object;

export interface SheetsDataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): SheetsDataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): SheetsDataValidationBuilder;
  build(): SheetsDataValidation;
}

/** A built chart: an opaque handle passed back to `insertChart`. */
export type SheetsChart = object;

export interface SheetsChartBuilder {
  asColumnChart(): SheetsChartBuilder;
  asLineChart(): SheetsChartBuilder;
  asComboChart(): SheetsChartBuilder;
  addRange(range: SheetsRange): SheetsChartBuilder;
  setPosition(
    anchorRow: number,
    anchorColumn: number,
    offsetX: number,
    offsetY: number,
  ): SheetsChartBuilder;
  setOption(option: string, value: unknown): SheetsChartBuilder;
  build(): SheetsChart;
}

export interface SheetsSheet {
  getName(): string;
  setName(name: string): unknown;
  /** 1-based position among the tabs. */
  getIndex(): number;
  getLastRow(): number;
  getLastColumn(): number;
  /** Rows of the sheet's grid, used or not. */
  getMaxRows(): number;
  insertRowsAfter(afterPosition: number, howMany: number): unknown;
  getRange(row: number, column: number, numRows: number, numColumns: number): SheetsRange;
  getRange(a1Notation: string): SheetsRange;
  setColumnWidth(column: number, width: number): unknown;
  hideColumns(column: number): void;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setConditionalFormatRules(rules: SheetsConditionalRule[]): void;
  newChart(): SheetsChartBuilder;
  insertChart(chart: SheetsChart): void;
  setTabColor(color: string | null): unknown;
}

export interface SheetsSpreadsheet {
  getSheets(): SheetsSheet[];
  getSheetByName(name: string): SheetsSheet | null;
  getNumSheets(): number;
  /** `sheetIndex` is 0-based here; the new sheet becomes the active one. */
  insertSheet(sheetName: string, sheetIndex: number): SheetsSheet;
  deleteSheet(sheet: SheetsSheet): void;
  getActiveSheet(): SheetsSheet;
  setActiveSheet(sheet: SheetsSheet): unknown;
  /** `pos` is 1-based. */
  moveActiveSheet(pos: number): void;
  getSpreadsheetLocale(): string;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
}

/** The part of `SpreadsheetApp` the adapter needs (the server adds `getUi`). */
export interface SheetsSpreadsheetApp {
  getActiveSpreadsheet(): SheetsSpreadsheet;
  newConditionalFormatRule(): SheetsConditionalRuleBuilder;
  newDataValidation(): SheetsDataValidationBuilder;
  /** Applies the pending changes now. */
  flush(): void;
}

// ---------------------------------------------------------------------------------------------

/** Rows per read block, at most. */
export const READ_BLOCK_ROWS = 5_000;
/** Cells per read block, at most (caps the rows of wide sheets). */
export const READ_BLOCK_CELLS = 200_000;

/** Pixels per character of column width (the default font's digit) and the cell padding. */
const PX_PER_CHAR = 7;
const PX_PADDING = 5;
/** Default row height in pixels, for chart sizes in cells. */
const ROW_PX = 21;

/** What setValues gets for a literal; '' clears. */
type Written = string | number | boolean;

export interface SheetsWorkbookOptions {
  /** Rows per read block (default READ_BLOCK_ROWS). */
  readonly blockRows?: number;
}

/**
 * A Google Sheets spreadsheet as a Workbook.
 *
 * @example
 * const workbook = new SheetsWorkbook(SpreadsheetApp);
 * await buildTop20(workbook, { period: { kind: 'r12' } });
 */
export class SheetsWorkbook implements Workbook {
  /** The spreadsheet read and written (the app's active one). */
  readonly spreadsheet: SheetsSpreadsheet;
  private readonly blockRows: number;
  private tempCounter = 0;
  /** Read blocks served since construction (for call budgets in tests and logs). */
  blocksRead = 0;

  constructor(
    private readonly app: SheetsSpreadsheetApp,
    options: SheetsWorkbookOptions = {},
  ) {
    this.spreadsheet = app.getActiveSpreadsheet();
    this.blockRows = Math.max(1, Math.floor(options.blockRows ?? READ_BLOCK_ROWS));
  }

  /**
   * Names of the sheets in tab order.
   *
   * @example
   * await workbook.sheetNames() // ['Sales', 'Top 20']
   */
  async sheetNames(): Promise<string[]> {
    return this.spreadsheet.getSheets().map((s) => s.getName());
  }

  /**
   * Reads a sheet from A1 to its last used row and column in blocks of rows, one `getValues` each.
   *
   * @example
   * await workbook.readRows('Sales', (rows, firstRow, lastRow) => ingest.push(rows));
   */
  async readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    const ws = this.spreadsheet.getSheetByName(sheet);
    if (ws === null) {
      const names = await this.sheetNames();
      throw new UserError(
        `There is no sheet "${sheet}". Sheets: ${names.length > 0 ? names.join(', ') : '(none)'}.`,
      );
    }
    const lastRow = ws.getLastRow();
    const cols = ws.getLastColumn();
    if (lastRow < 1 || cols < 1) return;
    const step = Math.max(1, Math.min(this.blockRows, Math.floor(READ_BLOCK_CELLS / cols)));
    for (let first = 1; first <= lastRow; first += step) {
      const n = Math.min(step, lastRow - first + 1);
      const rows: RawCell[][] = ws.getRange(first, 1, n, cols).getValues();
      this.blocksRead++;
      onChunk(rows, first, lastRow);
    }
  }

  /**
   * Creates the sheet, or replaces it in place (same tab position). The new sheet is built
   * completely under a temporary name before the old one is removed; a failure removes it again.
   *
   * @example
   * await workbook.writeSheet({ name: 'Top 20', blocks: [{ row: 0, col: 0, cells: [['Hi']] }] });
   */
  async writeSheet(spec: SheetSpec): Promise<void> {
    const ss = this.spreadsheet;
    const active = ss.getActiveSheet();
    const activeName = active.getName();
    const temp = ss.insertSheet(this.tempName(), ss.getNumSheets());
    try {
      renderSheet(this.app, temp, spec);
    } catch (e) {
      try {
        ss.deleteSheet(temp);
        ss.setActiveSheet(active);
      } catch {
        // the original failure is the one to report
      }
      throw e;
    }
    const old = ss.getSheetByName(spec.name);
    const position = old === null ? null : old.getIndex();
    const wasActive = old !== null && old.getName() === activeName;
    if (old !== null) ss.deleteSheet(old);
    temp.setName(spec.name);
    if (position !== null) {
      ss.setActiveSheet(temp);
      ss.moveActiveSheet(position);
    }
    // insertSheet activated the new sheet: give the user back the sheet they were on.
    if (!wasActive) ss.setActiveSheet(active);
  }

  /**
   * Appends rows below the last row with content (`getLastRow()`) and returns the 1-based row of
   * the first. Rows are added at the end of the grid when the new ones do not fit; then the
   * number formats (runs of columns with a format; null leaves a cell's format as it is), then ONE
   * `setValues` over the new rows: a formula as '=…' with `{row}` filled in, a literal as
   * writeSheet writes it (text with the apostrophe, so '=1+1' or '+46 70' stays text; none in a
   * '@' column), '' for null; then `SpreadsheetApp.flush()`. Nothing else of the sheet is touched.
   * The adapter takes no lock: the caller (the server function) holds the document lock around
   * the whole append, so two people appending never get the same row.
   *
   * @example
   * await workbook.appendRows('Signals', [[46352.5, 'Acme AB', { formula: 'A{row}+1' }]]) // 10007
   */
  async appendRows(
    sheet: string,
    rows: readonly AppendRow[],
    numberFormats: readonly (string | null)[] = [],
  ): Promise<number> {
    const ws = this.spreadsheet.getSheetByName(sheet);
    if (ws === null) throw new UserError(`There is no sheet "${sheet}".`);
    const first = ws.getLastRow() + 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length === 0 || width === 0) return first;
    const last = first + rows.length - 1;
    const max = ws.getMaxRows();
    if (last > max) ws.insertRowsAfter(max, last - max);
    const format = (j: number) => numberFormats[j] ?? null;
    for (const [from, to] of runs(width, (j) => format(j) !== null)) {
      const line = numberFormats.slice(from, to) as string[];
      const grid = rows.map(() => line);
      ws.getRange(first, from + 1, rows.length, to - from).setNumberFormats(grid);
    }
    const values = rows.map((row, i) =>
      Array.from({ length: width }, (_, j): Written => {
        const cell = row[j] ?? null;
        if (cell !== null && isFormula(cell))
          return formulaText(appendedFormula(cell.formula, first + i));
        return literal(cell, format(j) === '@');
      }),
    );
    ws.getRange(first, 1, rows.length, width).setValues(values);
    this.app.flush();
    return first;
  }

  private tempName(): string {
    for (;;) {
      const name = `~kam ${Date.now().toString(36)}${(this.tempCounter++).toString(36)}`;
      if (this.spreadsheet.getSheetByName(name) === null) return name;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderSheet(app: SheetsSpreadsheetApp, ws: SheetsSheet, spec: SheetSpec): void {
  for (const block of spec.blocks) writeBlock(ws, block);
  writeStyles(ws, spec.blocks);

  (spec.columns ?? []).forEach((c, i) => {
    if (c.width !== undefined) ws.setColumnWidth(i + 1, columnPixels(c.width));
    if (c.hidden) ws.hideColumns(i + 1);
  });

  if (spec.freeze) {
    if (spec.freeze.rows > 0) ws.setFrozenRows(spec.freeze.rows);
    if (spec.freeze.cols > 0) ws.setFrozenColumns(spec.freeze.cols);
  }

  const rules = (spec.conditionalFormats ?? []).map((cf) => conditionalRule(app, ws, cf));
  // Sheets applies the first matching rule of the list: spec order, as in the other adapters.
  if (rules.length > 0) ws.setConditionalFormatRules(rules);

  for (const chart of spec.charts ?? []) addChart(ws, chart);

  // Drop-down lists: one rule per range (bounded by the spec, not by the data).
  for (const v of spec.validations ?? []) {
    const rule = app
      .newDataValidation()
      .requireValueInList([...v.list], true)
      .setAllowInvalid(false)
      .build();
    ws.getRange(v.range.replace(/\$/g, '')).setDataValidation(rule);
  }

  // spec.print: SpreadsheetApp has no print setup API (orientation, fit, area); not rendered.
  if (spec.tabColor) ws.setTabColor(hexColor(spec.tabColor));
}

/** Formats, then literals, then formulas of one block. */
function writeBlock(ws: SheetsSheet, block: CellBlock): void {
  const rows = block.cells.length;
  const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows === 0 || width === 0) return;
  const formats = block.numberFormats ?? [];
  const textColumn = (j: number) => formats[j] === '@';

  // Number formats first: a '@' column must be plain text before its values arrive.
  for (const [from, to] of runs(width, (j) => typeof formats[j] === 'string')) {
    const line = formats.slice(from, to) as string[];
    const grid = Array.from({ length: rows }, () => line);
    ws.getRange(block.row + 1, block.col + from + 1, rows, to - from).setNumberFormats(grid);
  }

  const values: Written[][] = [];
  const isFormulaCell: boolean[][] = [];
  let anyValue = false;
  for (const line of block.cells) {
    const v = new Array<Written>(width).fill('');
    const f = new Array<boolean>(width).fill(false);
    line.forEach((cell, j) => {
      if (isFormula(cell)) f[j] = true;
      else {
        v[j] = literal(cell, textColumn(j));
        if (v[j] !== '') anyValue = true;
      }
    });
    values.push(v);
    isFormulaCell.push(f);
  }
  if (anyValue) ws.getRange(block.row + 1, block.col + 1, rows, width).setValues(values);

  for (const rect of formulaRects(isFormulaCell)) {
    const grid: string[][] = [];
    for (let i = rect.top; i < rect.bottom; i++) {
      const line: string[] = [];
      for (let j = rect.left; j < rect.right; j++) {
        const cell = block.cells[i][j];
        line.push(isFormula(cell) ? formulaText(cell.formula) : '');
      }
      grid.push(line);
    }
    ws.getRange(
      block.row + rect.top + 1,
      block.col + rect.left + 1,
      rect.bottom - rect.top,
      rect.right - rect.left,
    ).setFormulas(grid);
  }
}

/**
 * A literal as written through `setValues`: strings with the text apostrophe (none in a '@'
 * column), '' for a blank, a non-finite number as the text #NUM!.
 *
 * @example
 * literal('=SUM(A1)', false) // "'=SUM(A1)"
 * literal('00123', true) // '00123'
 */
export function literal(value: CellValue, plainText: boolean): Written {
  if (value === null) return '';
  if (typeof value === 'string') return value === '' || plainText ? value : `'${value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return "'#NUM!";
  return value;
}

function formulaText(formula: string): string {
  return formula.startsWith('=') ? formula : `=${formula}`;
}

/** Half-open runs [from, to) of consecutive indexes below `n` that satisfy `pick`. */
function runs(n: number, pick: (j: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (!pick(j)) continue;
    const from = j;
    while (j + 1 < n && pick(j + 1)) j++;
    out.push([from, j + 1]);
  }
  return out;
}

interface Rect {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/**
 * The formula cells of a block as rectangles: per row the runs of formula cells, a run continued
 * downwards while the next rows have the same run. A table of formula columns gives one rectangle
 * per run of columns, whatever its number of rows.
 *
 * @example
 * formulaRects([[false, true, true], [false, true, true]]) // [{ top: 0, bottom: 2, left: 1, right: 3 }]
 */
export function formulaRects(isFormulaCell: readonly (readonly boolean[])[]): Rect[] {
  const out: Rect[] = [];
  let open: { left: number; right: number; top: number }[] = [];
  const close = (bottom: number, keep: (r: { left: number; right: number }) => boolean) => {
    const still: typeof open = [];
    for (const r of open) {
      if (keep(r)) still.push(r);
      else out.push({ top: r.top, bottom, left: r.left, right: r.right });
    }
    open = still;
  };
  isFormulaCell.forEach((line, i) => {
    const here = runs(line.length, (j) => line[j]);
    const key = (a: { left: number; right: number }) => `${a.left}:${a.right}`;
    const now = new Set(here.map(([left, right]) => key({ left, right })));
    close(i, (r) => now.has(key(r)));
    const continuing = new Set(open.map(key));
    for (const [left, right] of here) {
      if (!continuing.has(key({ left, right }))) open.push({ left, right, top: i });
    }
  });
  close(isFormulaCell.length, () => false);
  return out;
}

/** Style properties as 2-D arrays over the bounding rectangle of the styled blocks. */
function writeStyles(ws: SheetsSheet, blocks: readonly CellBlock[]): void {
  const styled = blocks.filter(
    (b) => b.style !== undefined && b.cells.length > 0 && blockWidth(b) > 0,
  );
  if (styled.length === 0) return;
  const top = Math.min(...styled.map((b) => b.row));
  const left = Math.min(...styled.map((b) => b.col));
  const bottom = Math.max(...styled.map((b) => b.row + b.cells.length));
  const right = Math.max(...styled.map((b) => b.col + blockWidth(b)));
  const rows = bottom - top;
  const cols = right - left;
  const grid = <T>(fill: T): T[][] =>
    Array.from({ length: rows }, () => new Array<T>(cols).fill(fill));
  const weights = grid<string | null>(null);
  const fontStyles = grid<string | null>(null);
  const sizes = grid<number>(DEFAULT_FONT_SIZE);
  const colors = grid<string | null>(null);
  const fills = grid<string | null>(null);
  const aligns = grid<string | null>(null);
  const vertical = grid<string | null>(null);
  const wraps = grid<boolean>(false);
  const used = new Set<string>();
  for (const b of styled) {
    const s = b.style as CellStyle;
    const width = blockWidth(b);
    if (s.bold !== undefined) used.add('bold');
    if (s.italic !== undefined) used.add('italic');
    if (s.size !== undefined) used.add('size');
    if (s.color) used.add('color');
    if (s.fill) used.add('fill');
    if (s.align) used.add('align');
    if (s.wrap) used.add('wrap');
    for (let i = 0; i < b.cells.length; i++) {
      const r = b.row - top + i;
      for (let c = b.col - left; c < b.col - left + width; c++) {
        if (s.bold !== undefined) weights[r][c] = s.bold ? 'bold' : 'normal';
        if (s.italic !== undefined) fontStyles[r][c] = s.italic ? 'italic' : 'normal';
        if (s.size !== undefined) sizes[r][c] = s.size;
        if (s.color) colors[r][c] = hexColor(s.color);
        if (s.fill) fills[r][c] = hexColor(s.fill);
        if (s.align) aligns[r][c] = s.align;
        if (s.wrap) {
          wraps[r][c] = true;
          vertical[r][c] = 'top';
        }
      }
    }
  }
  const range = ws.getRange(top + 1, left + 1, rows, cols);
  if (used.has('bold')) range.setFontWeights(weights);
  if (used.has('italic')) range.setFontStyles(fontStyles);
  if (used.has('size')) range.setFontSizes(sizes);
  if (used.has('color')) range.setFontColors(colors);
  if (used.has('fill')) range.setBackgrounds(fills);
  if (used.has('align')) range.setHorizontalAlignments(aligns);
  if (used.has('wrap')) {
    range.setWraps(wraps);
    range.setVerticalAlignments(vertical);
  }
  // Borders have no 2-D setter: one call per bordered block (thin lines above/below every row, as
  // the file adapter draws them cell by cell).
  for (const b of styled) {
    const s = b.style as CellStyle;
    if (!s.borderTop && !s.borderBottom) continue;
    const inner = b.cells.length > 1 ? true : null;
    ws.getRange(b.row + 1, b.col + 1, b.cells.length, blockWidth(b)).setBorder(
      s.borderTop ? true : null,
      null,
      s.borderBottom ? true : null,
      null,
      null,
      inner,
    );
  }
}

/** Sheets' default font size (points). */
const DEFAULT_FONT_SIZE = 10;

function blockWidth(block: CellBlock): number {
  return block.cells.reduce((w, r) => Math.max(w, r.length), 0);
}

/**
 * A column width in characters (the spec's unit) as pixels (Sheets').
 *
 * @example
 * columnPixels(10) // 75
 */
export function columnPixels(chars: number): number {
  return Math.round(chars * PX_PER_CHAR + PX_PADDING);
}

function conditionalRule(
  app: SheetsSpreadsheetApp,
  ws: SheetsSheet,
  cf: ConditionalFormat,
): SheetsConditionalRule {
  let rule = app.newConditionalFormatRule();
  switch (cf.kind) {
    case 'cellIs': {
      const [a, b] = cf.values;
      switch (cf.operator) {
        case 'lessThan':
          rule = rule.whenNumberLessThan(a);
          break;
        case 'lessThanOrEqual':
          rule = rule.whenNumberLessThanOrEqualTo(a);
          break;
        case 'greaterThan':
          rule = rule.whenNumberGreaterThan(a);
          break;
        case 'greaterThanOrEqual':
          rule = rule.whenNumberGreaterThanOrEqualTo(a);
          break;
        case 'equal':
          rule = rule.whenNumberEqualTo(a);
          break;
        case 'between':
          rule = rule.whenNumberBetween(a, b);
          break;
      }
      rule = ruleStyle(rule, cf.style);
      break;
    }
    case 'expression':
      rule = ruleStyle(rule.whenFormulaSatisfied(formulaText(cf.formula)), cf.style);
      break;
    case 'dataBar':
      // Apps Script has no data-bar builder: a gradient from white to the bar colour instead.
      rule = rule.setGradientMinpoint('#FFFFFF').setGradientMaxpoint(hexColor(cf.color));
      break;
  }
  return rule.setRanges([ws.getRange(cf.range.replace(/\$/g, ''))]).build();
}

function ruleStyle(
  rule: SheetsConditionalRuleBuilder,
  style: CellStyle,
): SheetsConditionalRuleBuilder {
  let out = rule;
  if (style.bold) out = out.setBold(true);
  if (style.italic) out = out.setItalic(true);
  if (style.color) out = out.setFontColor(hexColor(style.color));
  if (style.fill) out = out.setBackground(hexColor(style.fill));
  return out;
}

/**
 * A chart: columns and/or lines over the category range (a combo chart when the types mix), a
 * second value axis for the series that ask for one, anchored and sized in cells.
 */
function addChart(ws: SheetsSheet, spec: ChartSpec): void {
  if (spec.series.length === 0) return;
  const types = new Set(spec.series.map((s) => s.type));
  let chart = ws.newChart();
  chart =
    types.size > 1
      ? chart.asComboChart()
      : types.has('line')
        ? chart.asLineChart()
        : chart.asColumnChart();
  chart = chart.addRange(ws.getRange(spec.categories.replace(/\$/g, '')));
  for (const s of spec.series) chart = chart.addRange(ws.getRange(s.values.replace(/\$/g, '')));
  const anyPrimary = spec.series.some((s) => !s.secondaryAxis);
  const series: Record<number, Record<string, unknown>> = {};
  spec.series.forEach((s, i) => {
    const options: Record<string, unknown> = { labelInLegend: s.name };
    if (types.size > 1) options.type = s.type === 'line' ? 'line' : 'bars';
    if (s.secondaryAxis && anyPrimary) options.targetAxisIndex = 1;
    if (s.color) options.color = hexColor(s.color);
    series[i] = options;
  });
  const secondary = spec.series.some((s) => s.secondaryAxis) && anyPrimary;
  const vAxes: Record<number, Record<string, unknown>> = {};
  if (spec.valueFormat) vAxes[0] = { format: spec.valueFormat };
  const secondaryFormat = spec.secondaryFormat ?? spec.valueFormat;
  if (secondary && secondaryFormat) vAxes[1] = { format: secondaryFormat };
  const { row, col, rows, cols } = spec.anchor;
  chart = chart
    .setOption('title', spec.title)
    .setOption('legend', { position: 'bottom' })
    .setOption('series', series)
    .setOption('useFirstColumnAsDomain', true)
    .setOption('width', cols * columnPixels(8.43))
    .setOption('height', rows * ROW_PX)
    .setPosition(row + 1, col + 1, 0, 0);
  if (types.size > 1) chart = chart.setOption('seriesType', 'bars');
  if (Object.keys(vAxes).length > 0) chart = chart.setOption('vAxes', vAxes);
  ws.insertChart(chart.build());
}

/** '1F4E78' or '#1F4E78' → '#1F4E78'. */
function hexColor(hex: string): string {
  const h = hex.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new Error(`Not a 6-digit hex colour: "${hex}"`);
  return `#${h}`;
}
