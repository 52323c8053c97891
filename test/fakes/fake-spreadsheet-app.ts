/**
 * An in-memory fake of the Apps Script services the Sheets host uses: SpreadsheetApp (Spreadsheet,
 * Sheet, Range, Ui, Menu, conditional format and chart builders), LockService, PropertiesService,
 * HtmlService (files registered in `html.files`), CacheService (the user cache, with Apps Script's
 * 100 KB per-value limit) and ScriptApp — exactly the surface of apps-script/src/sheets-workbook.ts and
 * server.ts, with Sheets' behaviour where it matters:
 *
 * - `setValues` parses strings as Sheets parses typed input: `=…` becomes a formula, `+…` / `-…`
 *   that is not a number becomes a formula (a parse error in Sheets), `00123` / `12%` / `1e3`
 *   become numbers, `TRUE` / `FALSE` booleans, `2026-01-02` a date; a leading apostrophe makes the
 *   rest text (the apostrophe is not stored); in a cell formatted '@' (plain text) a string is
 *   stored as it is. Numbers, booleans and Dates are stored as given; '' or null clears.
 * - `getValues` returns '' for blank cells and a new Date for a date cell (of the realm the Date
 *   came from). The fake does not calculate: a formula cell reads as '' (tests evaluate the
 *   formulas with HyperFormula).
 * - The array given to a setter must have the range's shape, as Apps Script demands.
 * - `insertSheet` activates the new sheet; sheet names are unique regardless of case;
 *   `getSheetByName` ignores case.
 * - The grid: a sheet has 1,000 rows (`getMaxRows`) until something is written below them — the
 *   fake grows the grid to hold any write instead of refusing it — or `insertRowsAfter` adds rows
 *   at its end (inserting rows above content, which shifts cells, is not implemented).
 *
 * Every method call on an object handed out is counted by `Class.method` (`calls`), so tests can
 * bound them; `getValue` / `setValue` exist and are counted (tests assert zero). A method the fake
 * does not implement throws "… is not implemented in the fake". Test-side helpers (`addSheet`,
 * `sheet(name)`, `peek…`, `type…`) are not counted.
 */
import type { SheetsValue } from '../../apps-script/src/sheets-workbook';

const RAW = Symbol('raw');

/** The call log shared by every object of one fake. */
export class CallLog {
  readonly calls = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  hit(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    const left = this.failures.get(name);
    if (left !== undefined) {
      if (left <= 1) this.failures.delete(name);
      else this.failures.set(name, left - 1);
      throw new Error(`Injected failure in ${name}`);
    }
  }

  /** Calls of one method (`Range.setValues`), or of all methods. */
  count(name?: string): number {
    if (name !== undefined) return this.calls.get(name) ?? 0;
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  reset(): void {
    this.calls.clear();
  }

  /** The next call of `name` throws. */
  failNext(name: string): void {
    this.failures.set(name, 1);
  }

  /** The calls by method name, sorted (for messages). */
  table(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** Method-name prefixes of the Apps Script API: unknown ones throw instead of being undefined. */
const API_METHOD =
  /^(get|set|insert|delete|new|add|remove|clear|create|show|hide|move|copy|sort|activate|protect|try|release|wait|has|is|as|when|build|append|auto|merge|find|flush|open|toast|alert|prompt|update|expand|collapse|unhide|offset|trim|check|uncheck|apply|randomize)/;

/** Base of the fake classes: `api` is the counted face handed to the code under test. */
abstract class Tracked {
  readonly api: this;
  readonly [RAW]: this;

  constructor(
    readonly log: CallLog,
    className: string,
  ) {
    this[RAW] = this;
    this.api = new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            target.log.hit(`${className}.${prop}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (value === undefined && API_METHOD.test(prop)) {
          return () => {
            throw new Error(`${className}.${prop} is not implemented in the fake`);
          };
        }
        return value;
      },
    });
  }
}

/** The fake object behind a handed-out one. */
function raw<T extends Tracked>(x: T): T {
  return (x as { [RAW]: T })[RAW] ?? x;
}

// ---------------------------------------------------------------------------------------------
// Cells

type Stored = string | number | boolean | Date;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function copyDate(d: Date): Date {
  const Ctor = d.constructor as DateConstructor;
  return new Ctor(d.getTime());
}

/** How Sheets reads a typed string in a cell of automatic format. */
export function parseTyped(s: string): { value: Stored } | { formula: string } {
  if (s === '') return { value: '' };
  if (s.startsWith("'")) return { value: s.slice(1) };
  const number = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?(%?)$/i.exec(s.trim());
  if (number) {
    const n = Number(s.trim().replace(/%$/, ''));
    return { value: number[4] ? n / 100 : n };
  }
  if (s.startsWith('=') && s.length > 1) return { formula: s };
  if (s.startsWith('+') || s.startsWith('-')) return { formula: `=${s}` };
  if (/^true$/i.test(s)) return { value: true };
  if (/^false$/i.test(s)) return { value: false };
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (ymd) return { value: new Date(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3])) };
  return { value: s };
}

export interface Border {
  top: boolean | null;
  bottom: boolean | null;
  horizontal: boolean | null;
}

export interface CellFormat {
  fontWeight?: string | null;
  fontStyle?: string | null;
  fontSize?: number;
  fontColor?: string | null;
  background?: string | null;
  horizontalAlignment?: string | null;
  verticalAlignment?: string | null;
  wrap?: boolean;
  border?: Border;
}

export interface FakeRule {
  readonly condition: { readonly type: string; readonly args: readonly unknown[] } | null;
  readonly gradient: { readonly min?: string; readonly max?: string } | null;
  readonly format: {
    readonly bold?: boolean | null;
    readonly italic?: boolean | null;
    readonly fontColor?: string | null;
    readonly background?: string | null;
  };
  readonly ranges: readonly string[];
}

export interface FakeChart {
  readonly type: 'column' | 'line' | 'combo' | null;
  readonly ranges: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly position: { row: number; column: number; offsetX: number; offsetY: number } | null;
}

/**
 * 'C8:D27' or 'C8' → 1-based corners.
 *
 * @example
 * parseA1('B2:C3') // { row: 2, column: 2, rows: 2, columns: 2 }
 */
export function parseA1(a1: string): {
  row: number;
  column: number;
  rows: number;
  columns: number;
} {
  const cell = (s: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(s.trim());
    if (!m) throw new Error(`Range not found: ${a1}`);
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]), column: col };
  };
  const [a, b] = a1.split(':');
  const from = cell(a);
  const to = b === undefined ? from : cell(b);
  return {
    row: Math.min(from.row, to.row),
    column: Math.min(from.column, to.column),
    rows: Math.abs(to.row - from.row) + 1,
    columns: Math.abs(to.column - from.column) + 1,
  };
}

function a1Of(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

// ---------------------------------------------------------------------------------------------

export class FakeRange extends Tracked {
  constructor(
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    super(sheet.log, 'Range');
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet (${row}, ${column}, ${numRows}, ${numColumns}).`,
      );
    }
  }

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getA1Notation(): string {
    const first = a1Of(this.row, this.column);
    if (this.numRows === 1 && this.numColumns === 1) return first;
    return `${first}:${a1Of(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }

  getValues(): SheetsValue[][] {
    const out: SheetsValue[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: SheetsValue[] = new Array<SheetsValue>(this.numColumns);
      for (let j = 0; j < this.numColumns; j++) {
        line[j] = this.sheet.peekValue(this.row + i, this.column + j);
      }
      out.push(line);
    }
    return out;
  }

  getFormulas(): string[][] {
    return this.grid((r, c) => this.sheet.peekFormula(r, c));
  }

  getNumberFormats(): string[][] {
    return this.grid((r, c) => this.sheet.peekNumberFormat(r, c));
  }

  setValues(values: unknown[][]): this {
    this.checkShape(values, 'setValues');
    values.forEach((line, i) =>
      line.forEach((v, j) => this.sheet.put(this.row + i, this.column + j, v)),
    );
    return this.api;
  }

  setFormulas(formulas: string[][]): this {
    this.checkShape(formulas, 'setFormulas');
    formulas.forEach((line, i) =>
      line.forEach((f, j) => {
        if (typeof f !== 'string') throw new Error('setFormulas takes strings');
        if (f === '') this.sheet.put(this.row + i, this.column + j, '');
        else if (f.startsWith('=')) this.sheet.putFormula(this.row + i, this.column + j, f);
        else
          throw new Error(`setFormulas with a non-formula "${f}" is not implemented in the fake`);
      }),
    );
    return this.api;
  }

  setNumberFormats(formats: string[][]): this {
    this.checkShape(formats, 'setNumberFormats');
    formats.forEach((line, i) =>
      line.forEach((f, j) => this.sheet.putNumberFormat(this.row + i, this.column + j, f)),
    );
    return this.api;
  }

  setFontWeights(v: (string | null)[][]): this {
    return this.format(v, 'setFontWeights', 'fontWeight');
  }
  setFontStyles(v: (string | null)[][]): this {
    return this.format(v, 'setFontStyles', 'fontStyle');
  }
  setFontSizes(v: number[][]): this {
    return this.format(v, 'setFontSizes', 'fontSize');
  }
  setFontColors(v: (string | null)[][]): this {
    return this.format(v, 'setFontColors', 'fontColor');
  }
  setBackgrounds(v: (string | null)[][]): this {
    return this.format(v, 'setBackgrounds', 'background');
  }
  setHorizontalAlignments(v: (string | null)[][]): this {
    return this.format(v, 'setHorizontalAlignments', 'horizontalAlignment');
  }
  setVerticalAlignments(v: (string | null)[][]): this {
    return this.format(v, 'setVerticalAlignments', 'verticalAlignment');
  }
  setWraps(v: boolean[][]): this {
    return this.format(v, 'setWraps', 'wrap');
  }

  setBorder(
    top: boolean | null,
    _left: boolean | null,
    bottom: boolean | null,
    _right: boolean | null,
    _vertical: boolean | null,
    horizontal: boolean | null,
  ): this {
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numColumns; j++) {
        const f = this.sheet.formatAt(this.row + i, this.column + j);
        f.border = { top, bottom, horizontal };
      }
    }
    return this.api;
  }

  setDataValidation(rule: FakeValidation | null): this {
    this.sheet.grow(this.row + this.numRows - 1);
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numColumns; j++) {
        this.sheet.validations.set(key(this.row + i, this.column + j), rule);
      }
    }
    return this.api;
  }

  /** Counted like every call: the adapter must never use it. */
  getValue(): SheetsValue {
    return this.sheet.peekValue(this.row, this.column);
  }

  /** Counted like every call: the adapter must never use it. */
  setValue(value: unknown): this {
    this.sheet.put(this.row, this.column, value);
    return this.api;
  }

  private grid<T>(at: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (__, j) => at(this.row + i, this.column + j)),
    );
  }

  private checkShape(values: unknown, method: string): void {
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(
        `${method}: the number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`,
      );
    }
    for (const line of values) {
      if (!Array.isArray(line) || line.length !== this.numColumns) {
        throw new Error(
          `${method}: the number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(line) ? line.length : 0} but the range has ${this.numColumns}.`,
        );
      }
    }
  }

  private format<K extends keyof CellFormat>(
    values: CellFormat[K][][],
    method: string,
    key: K,
  ): this {
    this.checkShape(values, method);
    values.forEach((line, i) =>
      line.forEach((v, j) => {
        this.sheet.formatAt(this.row + i, this.column + j)[key] = v;
      }),
    );
    return this.api;
  }
}

export class FakeSheet extends Tracked {
  /** Values by row (0-based arrays; '' = blank). */
  private readonly values: Stored[][] = [];
  private readonly formulas = new Map<string, string>();
  private readonly numberFormats = new Map<string, string>();
  private readonly formats = new Map<string, CellFormat>();
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  rules: FakeRule[] = [];
  readonly charts: FakeChart[] = [];
  /** Data validation by cell ('row:column'). */
  readonly validations = new Map<string, FakeValidation | null>();
  /** Rows of the grid (a new sheet's 1,000, grown by writes below them and insertRowsAfter). */
  private gridRows = 1_000;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
  ) {
    super(spreadsheet.log, 'Sheet');
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): this {
    const clash = this.spreadsheet.sheetNamed(name);
    if (clash && clash !== this) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.name = name;
    return this.api;
  }

  getIndex(): number {
    return this.spreadsheet.sheets.indexOf(this) + 1;
  }

  getLastRow(): number {
    for (let r = this.values.length; r >= 1; r--) {
      const line = this.values[r - 1];
      if (line && line.some((v) => v !== '')) return r;
      if (line && line.some((_, c) => this.formulas.has(key(r, c + 1)))) return r;
    }
    return 0;
  }

  getMaxRows(): number {
    return this.gridRows;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    if (!Number.isInteger(afterPosition) || afterPosition < 1 || afterPosition > this.gridRows)
      throw new Error(`Those rows are out of bounds (${afterPosition}).`);
    if (!Number.isInteger(howMany) || howMany < 1)
      throw new Error(`Invalid argument: howMany (${howMany})`);
    const below = (k: string) => Number(k.split(':')[0]) > afterPosition;
    const content =
      this.values.length > afterPosition ||
      [this.formulas, this.numberFormats, this.formats, this.validations].some((m) =>
        [...m.keys()].some(below),
      );
    if (content)
      throw new Error(
        'insertRowsAfter above rows with content (shifting cells) is not implemented',
      );
    this.gridRows += howMany;
    return this.api;
  }

  getLastColumn(): number {
    let last = 0;
    for (const line of this.values) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (line[c - 1] !== '') {
          last = c;
          break;
        }
      }
    }
    for (const k of this.formulas.keys()) last = Math.max(last, Number(k.split(':')[1]));
    return last;
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    if (typeof rowOrA1 === 'string') {
      const r = parseA1(rowOrA1);
      return new FakeRange(this, r.row, r.column, r.rows, r.columns).api;
    }
    return new FakeRange(this, rowOrA1, column ?? 1, numRows ?? 1, numColumns ?? 1).api;
  }

  setColumnWidth(column: number, width: number): this {
    this.columnWidths.set(column, width);
    return this.api;
  }

  getColumnWidth(column: number): number {
    return this.columnWidths.get(column) ?? 100;
  }

  hideColumns(column: number, count = 1): void {
    for (let c = column; c < column + count; c++) this.hiddenColumns.add(c);
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  setFrozenColumns(columns: number): void {
    this.frozenColumns = columns;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  getFrozenColumns(): number {
    return this.frozenColumns;
  }

  setConditionalFormatRules(rules: FakeRule[]): void {
    this.rules = [...rules];
  }

  getConditionalFormatRules(): FakeRule[] {
    return [...this.rules];
  }

  newChart(): FakeChartBuilder {
    return new FakeChartBuilder(this.log).api;
  }

  insertChart(chart: FakeChart): void {
    this.charts.push(chart);
  }

  getCharts(): FakeChart[] {
    return [...this.charts];
  }

  setTabColor(color: string | null): this {
    this.tabColor = color;
    return this.api;
  }

  activate(): this {
    this.spreadsheet.active = this;
    return this.api;
  }

  // --- test-side (not counted when called on the raw object; see `FakeSpreadsheet.sheet`) ---

  /** Puts a value as a user would type it (or rows of them, from row 1). */
  load(rows: readonly (readonly unknown[])[], firstRow = 1): void {
    rows.forEach((line, i) => line.forEach((v, j) => this.put(firstRow + i, j + 1, v)));
  }

  /** Types a value into one cell, as a user would (parsed like typed input). */
  type(row: number, column: number, value: unknown): void {
    this.put(row, column, value);
  }

  peekValue(row: number, column: number): SheetsValue {
    const v = this.values[row - 1]?.[column - 1];
    if (v === undefined) return '';
    return isDate(v) ? copyDate(v) : v;
  }

  peekFormula(row: number, column: number): string {
    return this.formulas.get(key(row, column)) ?? '';
  }

  peekNumberFormat(row: number, column: number): string {
    return this.numberFormats.get(key(row, column)) ?? '0.###############';
  }

  peekFormat(row: number, column: number): CellFormat {
    return { ...(this.formats.get(key(row, column)) ?? {}) };
  }

  /** Every cell's content: a formula as `{ formula: '=…' }`, else the value; null = blank. */
  peekGrid(): (SheetsValue | { formula: string } | null)[][] {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (__, j) => {
        const formula = this.peekFormula(i + 1, j + 1);
        if (formula !== '') return { formula };
        const v = this.peekValue(i + 1, j + 1);
        return v === '' ? null : v;
      }),
    );
  }

  /** Stores a value the way setValues does. */
  put(row: number, column: number, value: unknown): void {
    const k = key(row, column);
    this.formulas.delete(k);
    let stored: Stored;
    if (value === null || value === undefined || value === '') stored = '';
    else if (typeof value === 'string') {
      if (this.numberFormats.get(k) === '@') stored = value;
      else {
        const parsed = parseTyped(value);
        if ('formula' in parsed) {
          this.putFormula(row, column, parsed.formula);
          return;
        }
        stored = parsed.value;
      }
    } else if (typeof value === 'number' || typeof value === 'boolean') stored = value;
    else if (isDate(value)) stored = copyDate(value);
    else throw new Error(`Cannot store ${Object.prototype.toString.call(value)} in a cell`);
    this.setStored(row, column, stored);
  }

  /**
   * Rows from A1 as already-stored cells (text stays text, Dates stay Dates; null or '' blank):
   * a sheet as a user left it, loaded fast.
   */
  loadStored(rows: readonly (readonly unknown[])[]): void {
    this.values.length = 0;
    for (const line of rows) {
      this.values.push(
        line.map((v): Stored => {
          if (v === null || v === undefined) return '';
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
          if (isDate(v)) return copyDate(v);
          throw new Error(`Cannot store ${Object.prototype.toString.call(v)} in a cell`);
        }),
      );
    }
    this.gridRows = Math.max(this.gridRows, this.values.length);
  }

  /** Grows the grid to hold row `row` (a write below it). */
  grow(row: number): void {
    this.gridRows = Math.max(this.gridRows, row);
  }

  putFormula(row: number, column: number, formula: string): void {
    this.setStored(row, column, '');
    this.formulas.set(key(row, column), formula);
  }

  putNumberFormat(row: number, column: number, format: string): void {
    this.gridRows = Math.max(this.gridRows, row);
    this.numberFormats.set(key(row, column), format);
  }

  formatAt(row: number, column: number): CellFormat {
    const k = key(row, column);
    this.gridRows = Math.max(this.gridRows, row);
    let f = this.formats.get(k);
    if (!f) {
      f = {};
      this.formats.set(k, f);
    }
    return f;
  }

  private setStored(row: number, column: number, v: Stored): void {
    this.gridRows = Math.max(this.gridRows, row);
    while (this.values.length < row) this.values.push([]);
    const line = this.values[row - 1];
    while (line.length < column) line.push('');
    line[column - 1] = v;
  }
}

function key(row: number, column: number): string {
  return `${row}:${column}`;
}

export class FakeConditionalRuleBuilder extends Tracked {
  private condition: FakeRule['condition'] = null;
  private gradient: { min?: string; max?: string } | null = null;
  private readonly format: {
    bold?: boolean | null;
    italic?: boolean | null;
    fontColor?: string | null;
    background?: string | null;
  } = {};
  private ranges: string[] = [];

  constructor(log: CallLog) {
    super(log, 'ConditionalFormatRuleBuilder');
  }

  private when(type: string, ...args: unknown[]): this {
    this.condition = { type, args };
    return this.api;
  }

  whenNumberLessThan(n: number): this {
    return this.when('NUMBER_LESS_THAN', n);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this.when('NUMBER_LESS_THAN_OR_EQUAL_TO', n);
  }
  whenNumberGreaterThan(n: number): this {
    return this.when('NUMBER_GREATER_THAN', n);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', n);
  }
  whenNumberEqualTo(n: number): this {
    return this.when('NUMBER_EQUAL_TO', n);
  }
  whenNumberBetween(a: number, b: number): this {
    return this.when('NUMBER_BETWEEN', a, b);
  }
  whenFormulaSatisfied(formula: string): this {
    if (!formula.startsWith('=')) throw new Error('A custom formula must start with "="');
    return this.when('CUSTOM_FORMULA', formula);
  }
  setGradientMinpoint(color: string): this {
    this.gradient = { ...this.gradient, min: color };
    return this.api;
  }
  setGradientMaxpoint(color: string): this {
    this.gradient = { ...this.gradient, max: color };
    return this.api;
  }
  setBold(bold: boolean | null): this {
    this.format.bold = bold;
    return this.api;
  }
  setItalic(italic: boolean | null): this {
    this.format.italic = italic;
    return this.api;
  }
  setFontColor(color: string | null): this {
    this.format.fontColor = color;
    return this.api;
  }
  setBackground(color: string | null): this {
    this.format.background = color;
    return this.api;
  }
  setRanges(ranges: FakeRange[]): this {
    this.ranges = ranges.map((r) => raw(r).getA1Notation());
    return this.api;
  }
  build(): FakeRule {
    if (this.ranges.length === 0) throw new Error('A conditional format rule needs a range');
    if ((this.condition === null) === (this.gradient === null)) {
      throw new Error('A conditional format rule needs one condition or one gradient');
    }
    return {
      condition: this.condition,
      gradient: this.gradient,
      format: { ...this.format },
      ranges: [...this.ranges],
    };
  }
}

export interface FakeValidation {
  readonly list: readonly string[];
  readonly showDropdown: boolean;
  readonly allowInvalid: boolean;
}

export class FakeDataValidationBuilder extends Tracked {
  private list: string[] | null = null;
  private showDropdown = true;
  private allowInvalid = true;

  constructor(log: CallLog) {
    super(log, 'DataValidationBuilder');
  }

  requireValueInList(values: string[], showDropdown = true): this {
    this.list = [...values];
    this.showDropdown = showDropdown;
    return this.api;
  }

  setAllowInvalid(allowInvalid: boolean): this {
    this.allowInvalid = allowInvalid;
    return this.api;
  }

  build(): FakeValidation {
    if (this.list === null) throw new Error('A data validation needs a criterion');
    return { list: this.list, showDropdown: this.showDropdown, allowInvalid: this.allowInvalid };
  }
}

export class FakeChartBuilder extends Tracked {
  private type: FakeChart['type'] = null;
  private readonly ranges: string[] = [];
  private readonly options: Record<string, unknown> = {};
  private position: FakeChart['position'] = null;

  constructor(log: CallLog) {
    super(log, 'EmbeddedChartBuilder');
  }

  asColumnChart(): this {
    this.type = 'column';
    return this.api;
  }
  asLineChart(): this {
    this.type = 'line';
    return this.api;
  }
  asComboChart(): this {
    this.type = 'combo';
    return this.api;
  }
  addRange(range: FakeRange): this {
    this.ranges.push(raw(range).getA1Notation());
    return this.api;
  }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): this {
    this.position = { row, column, offsetX, offsetY };
    return this.api;
  }
  setOption(option: string, value: unknown): this {
    this.options[option] = value;
    return this.api;
  }
  build(): FakeChart {
    if (this.ranges.length === 0) throw new Error('A chart needs a range');
    return {
      type: this.type,
      ranges: [...this.ranges],
      options: { ...this.options },
      position: this.position,
    };
  }
}

export class FakeSpreadsheet extends Tracked {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  readonly toasts: { message: string; title?: string; timeout?: number }[] = [];

  constructor(
    log: CallLog,
    public locale = 'en_US',
  ) {
    super(log, 'Spreadsheet');
  }

  getSheets(): FakeSheet[] {
    return this.sheets.map((s) => s.api);
  }

  getSheetByName(name: string): FakeSheet | null {
    return this.sheetNamed(name)?.api ?? null;
  }

  getNumSheets(): number {
    return this.sheets.length;
  }

  insertSheet(name: string, index?: number): FakeSheet {
    if (this.sheetNamed(name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(this, name);
    const at = index === undefined ? this.sheets.length : Math.min(index, this.sheets.length);
    this.sheets.splice(at, 0, sheet);
    this.active = sheet;
    return sheet.api;
  }

  deleteSheet(sheet: FakeSheet): void {
    const s = raw(sheet);
    const at = this.sheets.indexOf(s);
    if (at < 0) throw new Error('The sheet is not in this spreadsheet');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets.splice(at, 1);
    if (this.active === s) this.active = this.sheets[Math.max(0, at - 1)];
  }

  getActiveSheet(): FakeSheet {
    if (!this.active) this.active = this.sheets[0];
    return this.active.api;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    const s = raw(sheet);
    if (!this.sheets.includes(s)) throw new Error('The sheet is not in this spreadsheet');
    this.active = s;
    return s.api;
  }

  moveActiveSheet(pos: number): void {
    const s = this.active ?? this.sheets[0];
    const at = this.sheets.indexOf(s);
    this.sheets.splice(at, 1);
    this.sheets.splice(Math.max(0, Math.min(pos - 1, this.sheets.length)), 0, s);
  }

  getSpreadsheetLocale(): string {
    return this.locale;
  }

  toast(message: string, title?: string, timeout?: number): void {
    this.toasts.push({ message, title, timeout });
  }

  /** Moves a tab to a 1-based position, as a user dragging it (test side). */
  moveTo(name: string, pos: number): void {
    const s = this.sheetNamed(name);
    if (!s) throw new Error(`no sheet ${name}`);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.splice(pos - 1, 0, s);
  }

  sheetNamed(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }
}

export interface FakeMenuItem {
  readonly caption: string;
  readonly functionName: string;
}

export class FakeMenu extends Tracked {
  readonly items: (FakeMenuItem | 'separator')[] = [];

  constructor(
    private readonly ui: FakeUi,
    readonly title: string | null,
  ) {
    super(ui.log, 'Menu');
  }

  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName });
    return this.api;
  }

  addSeparator(): this {
    this.items.push('separator');
    return this.api;
  }

  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export class FakeUi extends Tracked {
  readonly menus: FakeMenu[] = [];
  readonly alerts: string[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];

  constructor(log: CallLog) {
    super(log, 'Ui');
  }

  createAddonMenu(): FakeMenu {
    return new FakeMenu(this, null).api;
  }

  createMenu(title: string): FakeMenu {
    return new FakeMenu(this, title).api;
  }

  alert(message: string): string {
    this.alerts.push(message);
    return 'OK';
  }

  showSidebar(output: FakeHtmlOutput): void {
    this.sidebars.push(raw(output));
  }
}

export class FakeSpreadsheetApp extends Tracked {
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {
    super(spreadsheet.log, 'SpreadsheetApp');
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.spreadsheet.api;
  }

  getActive(): FakeSpreadsheet {
    return this.spreadsheet.api;
  }

  getUi(): FakeUi {
    return this.ui.api;
  }

  newConditionalFormatRule(): FakeConditionalRuleBuilder {
    return new FakeConditionalRuleBuilder(this.log).api;
  }

  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.log).api;
  }

  flush(): void {}
}

export class FakeLock extends Tracked {
  held = false;
  /** When true, tryLock fails (another execution holds the lock). */
  busy = false;
  readonly waits: number[] = [];

  constructor(log: CallLog) {
    super(log, 'Lock');
  }

  tryLock(timeoutInMillis: number): boolean {
    this.waits.push(timeoutInMillis);
    if (this.busy) return false;
    this.held = true;
    return true;
  }

  hasLock(): boolean {
    return this.held;
  }

  releaseLock(): void {
    this.held = false;
  }
}

export class FakeLockService extends Tracked {
  constructor(readonly lock: FakeLock) {
    super(lock.log, 'LockService');
  }

  getDocumentLock(): FakeLock {
    return this.lock.api;
  }
}

export class FakeProperties extends Tracked {
  readonly store = new Map<string, string>();

  constructor(log: CallLog) {
    super(log, 'Properties');
  }

  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }

  setProperty(key: string, value: string): this {
    if (typeof value !== 'string') throw new Error('A property value must be a string');
    this.store.set(key, value);
    return this.api;
  }

  deleteProperty(key: string): this {
    this.store.delete(key);
    return this.api;
  }
}

export class FakePropertiesService extends Tracked {
  constructor(readonly document: FakeProperties) {
    super(document.log, 'PropertiesService');
  }

  getDocumentProperties(): FakeProperties {
    return this.document.api;
  }
}

export class FakeHtmlOutput extends Tracked {
  title = '';

  constructor(
    log: CallLog,
    readonly file: string,
    public content: string,
  ) {
    super(log, 'HtmlOutput');
  }

  setTitle(title: string): this {
    this.title = title;
    return this.api;
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): this {
    this.content = content;
    return this.api;
  }
}

export class FakeHtmlService extends Tracked {
  /** The project's HTML files by name (without `.html`), as clasp pushed them. */
  readonly files = new Map<string, string>();

  constructor(log: CallLog) {
    super(log, 'HtmlService');
  }

  createHtmlOutputFromFile(file: string): FakeHtmlOutput {
    const content = this.files.get(file);
    if (content === undefined) throw new Error(`No HTML file named ${file} was found.`);
    return new FakeHtmlOutput(this.log, file, content).api;
  }
}

/** The most a cache value may hold (Apps Script: 100 KB), in bytes of UTF-8. */
export const CACHE_VALUE_LIMIT = 100 * 1024;
/** The longest expiration Apps Script accepts (6 hours, in seconds). */
export const CACHE_MAX_TTL_S = 21_600;

/**
 * A CacheService cache: string values of at most 100 KB (UTF-8), keys of at most 250 characters,
 * an expiration of at most 6 hours; put throws over those limits as Apps Script does. Time is
 * the fake's clock (`now`), so tests can let entries expire.
 */
export class FakeCache extends Tracked {
  readonly store = new Map<string, { value: string; expires: number }>();
  now: () => number = () => Date.now();

  constructor(log: CallLog) {
    super(log, 'Cache');
  }

  get(key: string): string | null {
    const entry = this.store.get(key);
    if (entry === undefined) return null;
    if (entry.expires <= this.now()) {
      this.store.delete(key);
      return null;
    }
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds = 600): void {
    if (typeof key !== 'string' || key.length === 0 || key.length > 250) {
      throw new Error(`Invalid argument: key (${String(key).length} characters; 1 to 250)`);
    }
    if (typeof value !== 'string') throw new Error('Invalid argument: value must be a string');
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > CACHE_VALUE_LIMIT) {
      throw new Error(`Argument too large: value (${bytes} bytes; at most ${CACHE_VALUE_LIMIT})`);
    }
    if (expirationInSeconds < 1 || expirationInSeconds > CACHE_MAX_TTL_S) {
      throw new Error(`Invalid argument: expirationInSeconds ${expirationInSeconds}`);
    }
    this.store.set(key, { value, expires: this.now() + expirationInSeconds * 1000 });
  }

  remove(key: string): void {
    this.store.delete(key);
  }
}

export class FakeCacheService extends Tracked {
  constructor(readonly user: FakeCache) {
    super(user.log, 'CacheService');
  }

  getUserCache(): FakeCache {
    return this.user.api;
  }
}

/** ScriptApp's AuthMode enum as Apps Script exposes it (only the enum is used). */
export const AUTH_MODE = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;

/**
 * One fake Apps Script environment: a spreadsheet and the services, sharing one call log.
 *
 * @example
 * const fake = new FakeAppsScript();
 * fake.addSheet('Sales', [['Customer', 'Net sales'], ['Acme AB', 100]]);
 * const workbook = new SheetsWorkbook(fake.services.SpreadsheetApp);
 */
export class FakeAppsScript {
  readonly log = new CallLog();
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui = new FakeUi(this.log);
  readonly lock = new FakeLock(this.log);
  readonly properties = new FakeProperties(this.log);
  readonly cache = new FakeCache(this.log);
  readonly html = new FakeHtmlService(this.log);
  /** The services as the code under test sees them (every call counted). */
  readonly services: {
    readonly SpreadsheetApp: FakeSpreadsheetApp;
    readonly LockService: FakeLockService;
    readonly PropertiesService: FakePropertiesService;
    readonly HtmlService: FakeHtmlService;
    readonly ScriptApp: { readonly AuthMode: typeof AUTH_MODE };
    readonly CacheService: FakeCacheService;
  };

  constructor(options: { locale?: string } = {}) {
    this.spreadsheet = new FakeSpreadsheet(this.log, options.locale);
    this.services = {
      SpreadsheetApp: new FakeSpreadsheetApp(this.spreadsheet, this.ui).api,
      LockService: new FakeLockService(this.lock).api,
      PropertiesService: new FakePropertiesService(this.properties).api,
      HtmlService: this.html.api,
      ScriptApp: { AuthMode: AUTH_MODE },
      CacheService: new FakeCacheService(this.cache).api,
    };
  }

  /** Adds a sheet holding rows from A1 (values stored as given: Dates stay Dates). */
  addSheet(name: string, rows: readonly (readonly unknown[])[] = []): FakeSheet {
    const sheet = new FakeSheet(this.spreadsheet, name);
    this.spreadsheet.sheets.push(sheet);
    if (!this.spreadsheet.active) this.spreadsheet.active = sheet;
    sheet.loadStored(rows);
    return sheet;
  }

  /** The sheet of that name (not counted), or throws. */
  sheet(name: string): FakeSheet {
    const s = this.spreadsheet.sheetNamed(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Tab names in order (not counted). */
  names(): string[] {
    return this.spreadsheet.sheets.map((s) => s.name);
  }
}
