/**
 * The Google Sheets side of the custom functions. The Apps Script bundle exposes this module as
 * the global `KamSheets` (webpack library `var`); the generated top-level functions in globals.js
 * (`function KAM_MARGIN(revenue, cost) { return KamSheets.call('MARGIN', [revenue, cost]); }`)
 * call it with what Sheets delivered. No business rule lives here.
 *
 * Apps Script passes a range as rows of cells, a blank cell as '', a date cell as a `Date` and an
 * omitted argument as undefined; the core reads all of those.
 *
 * Errors: Sheets custom functions cannot return error values (neither whole nor per cell).
 * - A result that is one error cell is thrown as an `Error`, which Sheets shows as `#ERROR!` with
 *   the message. The message is the core's, which already starts with the function's name in the
 *   Sheets spelling (`KAM_MARGIN: revenue is 0`) — the same text Excel shows with `KAM.MARGIN`;
 *   a message that does not is prefixed with `KAM_MARGIN: ` so every one starts with the name.
 * - In a spilled range, an error cell becomes the text `#DIV/0! KAM_MARGIN: revenue is 0 in row 3`
 *   (its kind, then its message) and the other cells keep their values.
 */
import { callFunction, functionById } from '../../shared/functions/catalog';
import type { CellValue } from '../../shared/functions/cell-values';
import { isCellError, type CellError } from '../../shared/functions/cell-error';
import { sheetsName } from '../../shared/functions/definition';
import { dateFromDateObject } from '../../shared/ingest/dates';

/** A cell as a Sheets custom function returns it. */
export type SheetsCell = number | string | boolean;

/** The message of a thrown error: it always starts with `KAM_NAME`. */
export function errorMessage(error: CellError, name: string): string {
  return error.message.startsWith(name) ? error.message : `${name}: ${error.message}`;
}

/** An error cell inside a spilled range, as text: `#DIV/0! KAM_MARGIN: revenue is 0 in row 3`. */
function sheetsCell(cell: CellValue, name: string): SheetsCell {
  return isCellError(cell) ? `${cell.kind} ${errorMessage(cell, name)}` : cell;
}

/**
 * Calls a catalog function for a `KAM_*` global: a value, or rows of cells for a spill; throws an
 * `Error` when the result is a single error.
 *
 * @example
 * call('MARGIN', [[[1000], [400]], 750]); // [[0.25], [-0.875]]
 * call('MARGIN', [0, 10]); // throws Error('KAM_MARGIN: revenue is 0')
 */
export function call(id: string, args: readonly unknown[]): SheetsCell | SheetsCell[][] {
  const name = sheetsName(id);
  const grid = callFunction(id, args, { name, now: () => dateFromDateObject(new Date()) });
  const first = grid[0]?.[0] ?? '';
  const single = grid.length <= 1 && (grid[0]?.length ?? 0) <= 1;
  if ((single || functionById(id).result === 'value') && isCellError(first)) {
    throw new Error(errorMessage(first, name));
  }
  if (functionById(id).result === 'value') return sheetsCell(first, name);
  return grid.map((row) => row.map((cell) => sheetsCell(cell, name)));
}

// The add-on's server functions (menu, sidebar handlers): top-level wrappers in entry-globals.js
// call them as KamSheets.onOpen(e), KamSheets.kamBuild(choice), …
export * from './server';
