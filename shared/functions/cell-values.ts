/**
 * Reading the arguments of a custom function (SPEC §4) as the hosts deliver them: one cell value
 * (number, text, boolean, a `Date` from Apps Script, blank) or a range as rows of cell values.
 * Numbers may be text in the forms of SPEC §2 (`1 234,50`, `12 %`, `(450)`); whether `1,234` is a
 * thousand or a decimal is decided per argument from its other cells, as ingestion does per column.
 * Every problem becomes a {@link CellError} naming the function, the argument, the row and the value.
 */
import { CellError, errorKindOfText, isCellError, type ErrorKind } from './cell-error';
import { DecimalEvidence, NumberKind, scanNumber } from '../ingest/numbers';
import { parseDate } from '../ingest/dates';

/** A cell value a function returns. */
export type CellValue = number | string | boolean | CellError;

/** What every function returns: rows of cells (a single value is a 1×1 grid). */
export type Grid = CellValue[][];

/** Who is calling: the function's name as the host spells it, and the host's clock. */
export interface CallContext {
  /** `KAM.MARGIN` in Excel, `KAM_MARGIN` in Google Sheets. */
  readonly name: string;
  /** Now, as epoch days in the workbook's wall-clock time (days since 1970-01-01, fraction = time). */
  readonly now: () => number;
}

/**
 * An argument as rows of cells: a range as it is, a single value as a 1×1 range, an omitted
 * argument as an empty range.
 *
 * @example
 * rowsOf(5); // [[5]]
 * rowsOf([[1], [2]]); // [[1], [2]]
 * rowsOf(undefined); // []
 */
export function rowsOf(arg: unknown): readonly (readonly unknown[])[] {
  if (arg === undefined) return [];
  if (Array.isArray(arg)) {
    if (arg.length === 0) return [];
    return Array.isArray(arg[0]) ? (arg as unknown[][]) : [arg as unknown[]];
  }
  return [[arg]];
}

/**
 * True for a blank cell: null, undefined or text of only spaces.
 *
 * @example
 * isBlank(''); // true
 * isBlank(0); // false
 */
export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Shows a cell value in a message: text quoted, numbers as they are. */
export function shown(cell: unknown): string {
  if (typeof cell === 'string') return `'${cell.length > 40 ? `${cell.slice(0, 37)}...` : cell}'`;
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? 'an invalid date' : cell.toISOString();
  if (isCellError(cell)) return cell.kind;
  return String(cell);
}

/** Where a cell sits in an argument, for messages. */
export class ArgumentPlace {
  constructor(
    readonly ctx: CallContext,
    /** The argument's name as the function's help shows it. */
    readonly arg: string,
    readonly rows: number,
    readonly cols: number,
  ) {}

  /** ` in row 3` / ` in row 3, column 2` / `` for a single cell. */
  at(row: number, col: number): string {
    if (this.rows * this.cols <= 1) return '';
    return this.cols === 1 ? ` in row ${row + 1}` : ` in row ${row + 1}, column ${col + 1}`;
  }

  /**
   * An error about the cell at (row, col): `KAM.MARGIN: revenue is 0 in row 3`, and with `why`:
   * `KAM.MARGIN: revenue is 'abc' in row 3, not a number`.
   */
  error(kind: ErrorKind, what: string, row = 0, col = 0, why = ''): CellError {
    const tail = why ? `, ${why}` : '';
    return new CellError(kind, `${this.ctx.name}: ${this.arg} ${what}${this.at(row, col)}${tail}`);
  }

  /**
   * An error when this argument's shape differs from `other`'s (arguments read side by side).
   *
   * @example
   * values.shapeError(keys); // KAM.TOPN: values has 3×1 cells and keys 2×1: give ranges of the same shape
   */
  shapeError(other: ArgumentPlace): CellError | null {
    if (this.rows === other.rows && this.cols === other.cols) return null;
    return this.whole(
      '#VALUE!',
      `has ${this.rows}×${this.cols} cells and ${other.arg} ${other.rows}×${other.cols}: give ranges of the same shape`,
    );
  }

  /** An error about the argument as a whole: `KAM.TOPN: n must be a whole number ≥ 1, not 0`. */
  whole(kind: ErrorKind, what: string): CellError {
    return new CellError(kind, `${this.ctx.name}: ${this.arg} ${what}`);
  }
}

/**
 * A numeric argument read once: the values row-major (NaN = blank) and the cells that are not
 * numbers, as errors.
 *
 * @example
 * const g = NumberGrid.read([[100], ['1 234,50'], [null]], 'revenue', ctx);
 * g.values; // Float64Array [100, 1234.5, NaN]
 */
export class NumberGrid {
  private constructor(
    readonly place: ArgumentPlace,
    readonly values: Float64Array,
    /** Errors by row-major index. */
    readonly problems: ReadonlyMap<number, CellError>,
  ) {}

  get rows(): number {
    return this.place.rows;
  }

  get cols(): number {
    return this.place.cols;
  }

  /** Reads an argument (a value or a range) as numbers. */
  static read(arg: unknown, name: string, ctx: CallContext): NumberGrid {
    const rows = rowsOf(arg);
    const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const place = new ArgumentPlace(ctx, name, rows.length, cols);
    const values = new Float64Array(rows.length * cols).fill(NaN);
    const problems = new Map<number, CellError>();
    // Ambiguous `1,234` cells wait until the argument's other cells show its decimal separator.
    const ambiguous: { i: number; thousands: number; decimal: number; comma: boolean }[] = [];
    let comma = false;
    let point = false;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const i = r * cols + c;
        if (typeof cell === 'number') {
          if (Number.isFinite(cell)) values[i] = cell;
          else problems.set(i, place.error('#NUM!', `is ${cell}`, r, c, 'not a finite number'));
          continue;
        }
        if (isBlank(cell)) continue;
        if (isCellError(cell)) {
          problems.set(i, place.error(cell.kind, `is ${cell.kind}`, r, c));
          continue;
        }
        if (typeof cell !== 'string') {
          problems.set(i, place.error('#VALUE!', `is ${shown(cell)}`, r, c, 'not a number'));
          continue;
        }
        const errorKind = errorKindOfText(cell.trim());
        if (errorKind) {
          problems.set(i, place.error(errorKind, `is ${cell.trim()}`, r, c));
          continue;
        }
        const scan = scanNumber(cell);
        if (scan.kind === NumberKind.Invalid) {
          problems.set(i, place.error('#VALUE!', `is ${shown(cell)}`, r, c, 'not a number'));
          continue;
        }
        if (scan.evidence === DecimalEvidence.Comma) comma = true;
        if (scan.evidence === DecimalEvidence.Point) point = true;
        values[i] = scan.value;
        if (scan.kind === NumberKind.Ambiguous) {
          ambiguous.push({ i, thousands: scan.value, decimal: scan.alt, comma: scan.comma });
        }
      }
    }
    // `1,234` is a decimal where the argument's other cells prove a decimal comma (and `1.234`
    // where they prove a decimal point); otherwise a thousand, as ingestion reads it.
    for (const a of ambiguous) {
      if (comma !== point && a.comma === comma) values[a.i] = a.decimal;
      else values[a.i] = a.thousands;
    }
    return new NumberGrid(place, values, problems);
  }

  /** True when the argument is one cell (or omitted). */
  get single(): boolean {
    return this.values.length <= 1;
  }

  /**
   * The numbers as a list, blanks skipped, row-major; the first bad cell as an error instead.
   *
   * @example
   * NumberGrid.read([[3], [null], [4]], 'values', ctx).list(); // Float64Array [3, 4]
   */
  list(): Float64Array | CellError {
    for (const [, problem] of this.problems) return problem;
    let n = 0;
    for (let i = 0; i < this.values.length; i++) if (!Number.isNaN(this.values[i])) n++;
    const out = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < this.values.length; i++) {
      if (!Number.isNaN(this.values[i])) out[k++] = this.values[i];
    }
    return out;
  }
}

/**
 * The one cell of an argument that takes a single value (undefined when omitted), or an error when
 * a range of more than one cell was given.
 *
 * @example
 * singleCell([['CR']], 'measure', ctx); // { cell: 'CR', place }
 */
export function singleCell(
  arg: unknown,
  name: string,
  ctx: CallContext,
): { cell: unknown; place: ArgumentPlace } | CellError {
  const rows = rowsOf(arg);
  const cols = rows[0]?.length ?? 0;
  const place = new ArgumentPlace(ctx, name, rows.length, cols);
  if (rows.length > 1 || cols > 1)
    return place.whole('#VALUE!', 'must be a single value, not a range');
  return { cell: rows[0]?.[0], place };
}

/**
 * An optional single number (a count, a limit): its default when omitted or blank, an error when
 * it is a range of more than one cell or not a number.
 *
 * @example
 * optionalNumber(undefined, 'n', 20, ctx); // 20
 * optionalNumber('5', 'n', 20, ctx); // 5
 */
export function optionalNumber(
  arg: unknown,
  name: string,
  fallback: number,
  ctx: CallContext,
): number | CellError {
  const grid = NumberGrid.read(arg, name, ctx);
  if (!grid.single) return grid.place.whole('#VALUE!', 'must be a single value, not a range');
  for (const [, problem] of grid.problems) return problem;
  return grid.values.length === 0 || Number.isNaN(grid.values[0]) ? fallback : grid.values[0];
}

/**
 * An optional single text (a measure name, a component): trimmed, upper-cased, or its default.
 *
 * @example
 * optionalChoice('hhi', 'measure', 'HHI', ['HHI', 'CR'], ctx); // 'HHI'
 * optionalChoice('foo', 'measure', 'HHI', ['HHI', 'CR'], ctx); // #VALUE! naming the choices
 */
export function optionalChoice<T extends string, F extends T | null>(
  arg: unknown,
  name: string,
  fallback: F,
  choices: readonly T[],
  ctx: CallContext,
): T | F | CellError {
  const one = singleCell(arg, name, ctx);
  if (isCellError(one)) return one;
  const { cell, place } = one;
  if (isBlank(cell)) return fallback;
  const text = String(cell).trim().toUpperCase();
  const choice = choices.find((c) => c === text);
  if (choice) return choice;
  return place.whole('#VALUE!', `is ${shown(cell)}; use one of ${choices.join(', ')}`);
}

/**
 * An optional true/false switch: TRUE/FALSE, 1/0, or the text TRUE/FALSE/yes/no; its default when
 * omitted.
 *
 * @example
 * optionalFlag(true, 'as_curve', false, ctx); // true
 */
export function optionalFlag(
  arg: unknown,
  name: string,
  fallback: boolean,
  ctx: CallContext,
): boolean | CellError {
  const one = singleCell(arg, name, ctx);
  if (isCellError(one)) return one;
  const { cell, place } = one;
  if (isBlank(cell)) return fallback;
  if (typeof cell === 'boolean') return cell;
  if (cell === 1 || cell === 0) return cell === 1;
  const text = String(cell).trim().toUpperCase();
  if (text === 'TRUE' || text === 'YES' || text === 'SANT' || text === 'JA') return true;
  if (text === 'FALSE' || text === 'NO' || text === 'FALSKT' || text === 'NEJ') return false;
  return place.whole('#VALUE!', `is ${shown(cell)}, not TRUE or FALSE`);
}

/**
 * A timestamp cell as epoch days (fraction = time of day): an Excel serial number, a `Date` from
 * Apps Script, or text such as `2026-11-26 14:05`; NaN for blank, an error otherwise.
 *
 * @example
 * readTimestamp(46352.5, place, 0, 0); // 20783.5
 */
export function readTimestamp(
  cell: unknown,
  place: ArgumentPlace,
  row: number,
  col: number,
): number | CellError {
  if (isBlank(cell)) return NaN;
  if (isCellError(cell)) return place.error(cell.kind, `is ${cell.kind}`, row, col);
  if (typeof cell === 'string') {
    const kind = errorKindOfText(cell.trim());
    if (kind) return place.error(kind, `is ${cell.trim()}`, row, col);
  }
  const day = typeof cell === 'boolean' ? NaN : parseDate(cell);
  if (Number.isNaN(day))
    return place.error('#VALUE!', `is ${shown(cell)}`, row, col, 'not a date and time');
  return day;
}
