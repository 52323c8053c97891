/** A1 references for the formulas the report builders write (0-based row/col in, A1 text out). */

/**
 * Column letters of a 0-based column index.
 *
 * @example
 * columnLetter(0) // 'A'
 * columnLetter(27) // 'AB'
 */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A1 reference of a 0-based cell; `abs` makes it absolute ($C$8).
 *
 * @example
 * cellRef(7, 2) // 'C8'
 * cellRef(7, 2, true) // '$C$8'
 */
export function cellRef(row: number, col: number, abs = false): string {
  const d = abs ? '$' : '';
  return `${d}${columnLetter(col)}${d}${row + 1}`;
}

/**
 * A1 range of 0-based corners.
 *
 * @example
 * rangeRef(7, 2, 26, 2) // 'C8:C27'
 */
export function rangeRef(row1: number, col1: number, row2: number, col2: number): string {
  return `${cellRef(row1, col1)}:${cellRef(row2, col2)}`;
}
