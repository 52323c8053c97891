/**
 * The one error model of the custom functions (SPEC §4): an error is a cell value, not an
 * exception, so one bad row of a range gives one error cell and the other rows keep their results.
 * Each host maps the kind to its own native error (Excel: `CustomFunctions.Error`; Google Sheets: a
 * thrown `Error` whose message starts with the same text).
 */

/** The native error kinds, spelt as every spreadsheet shows them. */
export type ErrorKind = '#DIV/0!' | '#VALUE!' | '#NUM!' | '#N/A';

/** The error kinds, for hosts that map them one by one. */
export const ERROR_KINDS: readonly ErrorKind[] = ['#DIV/0!', '#VALUE!', '#NUM!', '#N/A'];

/**
 * An error cell: its kind and a message that names the function (in the host's spelling), the
 * argument, the row and the value.
 *
 * @example
 * new CellError('#DIV/0!', 'KAM.MARGIN: revenue is 0 in row 3');
 */
export class CellError {
  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
  ) {}

  /** `#DIV/0! KAM.MARGIN: revenue is 0 in row 3` — how a host without error messages shows it. */
  toString(): string {
    return `${this.kind} ${this.message}`;
  }
}

/**
 * True when a value is an error cell.
 *
 * @example
 * isCellError(new CellError('#N/A', 'x')); // true
 * isCellError('#N/A'); // false: text; see errorOfText for error text a host delivers
 */
export function isCellError(value: unknown): value is CellError {
  return value instanceof CellError;
}

/** Native error texts other than the four kinds: they arrive as a bad value. */
const OTHER_ERROR_TEXTS = new Set(['#NULL!', '#REF!', '#NAME?', '#ERROR!', '#SPILL!', '#CALC!']);

/**
 * The error kind of a text that a host delivers for an error cell in a range (Google Sheets hands
 * `#N/A` and friends to custom functions as text), or null when the text is no error.
 *
 * @example
 * errorKindOfText('#DIV/0!'); // '#DIV/0!'
 * errorKindOfText('#REF!'); // '#VALUE!' (other native errors read as a bad value)
 * errorKindOfText('N/A'); // null
 */
export function errorKindOfText(text: string): ErrorKind | null {
  if ((ERROR_KINDS as readonly string[]).includes(text)) return text as ErrorKind;
  return OTHER_ERROR_TEXTS.has(text) ? '#VALUE!' : null;
}
