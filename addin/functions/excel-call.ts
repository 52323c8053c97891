/// <reference types="custom-functions-runtime" />
/**
 * The Excel side of the custom functions: the generated entry (functions.ts) calls these with the
 * arguments Excel delivered, the core computes, and this maps the result to Excel's values. No
 * business rule lives here.
 *
 * - Excel passes a range as rows of cells (a blank cell as `null`), and `null` for an omitted
 *   optional argument: that `null` becomes `undefined`, the core's "omitted" (a blank optional
 *   argument means its default either way, but an omitted optional range must not read as a 1×1
 *   range of one blank cell).
 * - Error cells become `CustomFunctions.Error` with the native code. Excel shows a custom message
 *   only for #VALUE! and #N/A (CustomFunctionsRuntime 1.3), so only those carry the core's message
 *   (`KAM.MARGIN: revenue is 0 in row 3`).
 */
import { callFunction, functionById } from '../../shared/functions/catalog';
import type { CellValue, Grid } from '../../shared/functions/cell-values';
import { isCellError, type ErrorKind } from '../../shared/functions/cell-error';
import { excelName } from '../../shared/functions/definition';
import { dateFromDateObject } from '../../shared/ingest/dates';

/** A cell as Excel receives it from a custom function. */
export type ExcelCell = number | string | boolean | CustomFunctions.Error;

/**
 * Excel's code for an error kind, looked up when an error is returned (not when the bundle loads:
 * outside Excel, e.g. the task pane's browser preview, there is no custom functions runtime).
 */
function codeOf(kind: ErrorKind): CustomFunctions.ErrorCode {
  const codes = CustomFunctions.ErrorCode;
  switch (kind) {
    case '#DIV/0!':
      return codes.divisionByZero;
    case '#VALUE!':
      return codes.invalidValue;
    case '#NUM!':
      return codes.invalidNumber;
    case '#N/A':
      return codes.notAvailable;
  }
}

/** The kinds whose message Excel shows. */
const WITH_MESSAGE: ReadonlySet<ErrorKind> = new Set(['#VALUE!', '#N/A']);

/** A core cell as an Excel value. */
function excelCell(cell: CellValue): ExcelCell {
  if (!isCellError(cell)) return cell;
  return WITH_MESSAGE.has(cell.kind)
    ? new CustomFunctions.Error(codeOf(cell.kind), cell.message)
    : new CustomFunctions.Error(codeOf(cell.kind));
}

/** Calls the core the way Excel does: its spelling of the name, its local wall-clock time. */
function excelGrid(id: string, args: readonly unknown[]): Grid {
  const params = functionById(id).params;
  const given = args.map((a, i) => (a === null && params[i]?.optional ? undefined : a));
  return callFunction(id, given, {
    name: excelName(id),
    now: () => dateFromDateObject(new Date()),
  });
}

/**
 * A function whose result spills: the core's rows of cells.
 *
 * @example
 * excelSpill('MARGIN', [[[1000], [0]], [[750], [10]]]); // [[0.25], [#DIV/0! error]]
 */
export function excelSpill(id: string, args: readonly unknown[]): ExcelCell[][] {
  return excelGrid(id, args).map((row) => row.map(excelCell));
}

/**
 * A function with one value: the core's single cell (an error as the `CustomFunctions.Error`).
 *
 * @example
 * excelValue('CONCENTRATION', [[[50], [30], [20]], null, null]); // 3800
 */
export function excelValue(id: string, args: readonly unknown[]): ExcelCell {
  const grid = excelGrid(id, args);
  return excelCell(grid[0]?.[0] ?? '');
}
