/// <reference types="office-js" />
/**
 * ExcelWorkbook: the Office.js adapter of the Workbook port.
 *
 * - Reading: the sheet's used range (values only) gives the extent; cells are read from A1 in row
 *   chunks, one `context.sync()` each. The first chunk is 2,000 rows (fewer for wide sheets); later
 *   chunks are sized from the bytes actually seen so each response stays under 4 MB (Excel on the
 *   web rejects a request or response over 5 MB), at most 50,000 rows. A chunk Excel still rejects
 *   as too large is read again in halves. Dates arrive as serial numbers, blanks as ''.
 * - Writing: the spec is built into a new sheet with a unique temporary name, in batches of at
 *   most 4 MB (./sheet-render.ts), calculation suspended for each; a Top 20 takes two syncs (build,
 *   swap) whatever the portfolio size, a big sheet ⌈payload / 4 MB⌉ + 1. The swap, in one final
 *   sync, renames the old sheet aside, gives the new one its name and position, activates it if the
 *   old one was active, and deletes the old one last. Any failure deletes the new sheet and gives the
 *   old one its name back, so the previous sheet stays as it was.
 * - Notes typed into a built sheet survive because the core reads them (readRows) before it writes
 *   the new sheet: nothing here needs to know about them.
 * - Appending (the Signals log): two syncs — read the used range, then write the new rows on one
 *   range below it — touching no existing cell.
 */
import { UserError } from '../../shared/user-error';
import { isFormula, type SheetSpec } from '../../shared/sheet-spec';
import { appendedFormula, type AppendRow, type RawRow, type Workbook } from '../../shared/workbook';
import { PAYLOAD_BUDGET, jsonBytes, literal, packOps, sheetOps } from './sheet-render';

export { PAYLOAD_BUDGET } from './sheet-render';

/** Runs a batch against a workbook: `Excel.run` in Office, a fake's `run` in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Rows of the first chunk read, before any byte has been seen. */
export const FIRST_CHUNK_ROWS = 2_000;
/** Rows of any chunk read, however small the rows. */
export const MAX_CHUNK_ROWS = 50_000;
/** Bytes per cell assumed for the first chunk (caps it for wide sheets). */
const FIRST_GUESS_CELL_BYTES = 64;

/**
 * A workbook open in Excel.
 *
 * @example
 * const workbook = new ExcelWorkbook((batch) => Excel.run(batch));
 * await buildTop20(workbook, { period: { kind: 'r12' } });
 */
export class ExcelWorkbook implements Workbook {
  constructor(private readonly run: ExcelRun) {}

  /**
   * The workbook Office.js has open (inside an add-in, after `Office.onReady`).
   *
   * @example
   * const result = await buildTop20(ExcelWorkbook.inOffice());
   */
  static inOffice(): ExcelWorkbook {
    return new ExcelWorkbook((batch) => Excel.run(batch));
  }

  /**
   * Names of the sheets in workbook order.
   *
   * @example
   * await workbook.sheetNames() // ['Sales', 'Top 20']
   */
  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      return sheets.items.map((ws) => ws.name);
    });
  }

  /**
   * The places a sales table can be, in the order the task pane offers them: the workbook's Excel
   * tables (sheet order), then its sheets.
   *
   * @example
   * await workbook.sourceNames() // ['SalesTable', 'Sales', 'Top 20']
   */
  async sourceNames(): Promise<string[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      const sheets = context.workbook.worksheets;
      tables.load('items/name');
      sheets.load('items/name');
      await context.sync();
      return [...tables.items.map((t) => t.name), ...sheets.items.map((ws) => ws.name)];
    });
  }

  /**
   * Reads a sheet from row 1 and column A to the end of its used range — or, when no sheet has
   * that name, the Excel table of that name (its header row first) — in row chunks sized so no
   * response exceeds 4 MB.
   *
   * @example
   * await workbook.readRows('Sales', (rows, firstRow, lastRow) => ingest.push(rows));
   */
  async readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    await this.run(async (context) => {
      let ws = context.workbook.worksheets.getItem(sheet);
      let area = ws.getUsedRangeOrNullObject(true);
      area.load('rowIndex,columnIndex,rowCount,columnCount');
      let origin = true; // a sheet is read from A1, a table from its own corner
      try {
        await context.sync();
      } catch (e) {
        if (errorCode(e) !== 'ItemNotFound') throw e;
        const table = context.workbook.tables.getItemOrNullObject(sheet);
        ws = table.worksheet;
        area = table.getRange();
        area.load('rowIndex,columnIndex,rowCount,columnCount');
        origin = false;
        await context.sync().catch((error: unknown) => {
          if (errorCode(error) === 'InvalidObjectPath' || table.isNullObject) {
            throw new UserError(`There is no sheet or table "${sheet}".`);
          }
          throw error;
        });
      }
      if (origin && area.isNullObject) return;
      const top = origin ? 0 : area.rowIndex;
      const left = origin ? 0 : area.columnIndex;
      const lastRow = area.rowIndex + area.rowCount;
      const width = area.columnIndex + area.columnCount - left;
      const sizer = new ChunkSizer(width);
      let first = top;
      while (first < lastRow) {
        const count = Math.min(sizer.rows, lastRow - first);
        const range = ws.getRangeByIndexes(first, left, count, width);
        range.load('values');
        try {
          await context.sync();
        } catch (e) {
          if (errorCode(e) === 'RequestPayloadSizeLimitExceeded' && count > 1) {
            sizer.tooLarge(count);
            continue;
          }
          throw e;
        }
        const rows: RawRow[] = range.values;
        sizer.seen(count, jsonBytes(rows));
        onChunk(rows, first + 1, lastRow);
        first += count;
      }
    });
  }

  /**
   * Creates the sheet, or replaces it in place (same tab position, still the active sheet if it
   * was). The new sheet is complete before the old one goes; a failure leaves the old one intact.
   *
   * @example
   * await workbook.writeSheet({ name: 'Top 20', blocks: [{ row: 0, col: 0, cells: [['Hi']] }] });
   */
  async writeSheet(spec: SheetSpec): Promise<void> {
    checkSheetName(spec.name);
    const batches = packOps(sheetOps(spec));
    const tag = randomTag();
    const tempName = `~kam ${tag}`;
    const asideName = `~kam old ${tag}`;
    await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const old = sheets.getItemOrNullObject(spec.name);
      old.load('id,position');
      const active = sheets.getActiveWorksheet();
      active.load('id');
      const temp = sheets.add(tempName);
      temp.load('id');
      let tempId: string | null = null;
      let oldId: string | null = null;
      try {
        // One sync per batch; a sheet with nothing to write still needs the add synced.
        for (let i = 0; i < Math.max(1, batches.length); i++) {
          context.application.suspendApiCalculationUntilNextSync();
          for (const op of batches[i] ?? []) op.apply(temp);
          await context.sync();
          if (i === 0) {
            tempId = temp.id;
            oldId = old.isNullObject ? null : old.id;
          }
        }
        // The swap: the destructive step (deleting the old sheet) comes last.
        if (oldId !== null) old.name = asideName;
        temp.name = spec.name;
        if (oldId !== null) {
          temp.position = old.position;
          if (active.id === oldId) temp.activate();
          old.delete();
        }
        await context.sync();
      } catch (e) {
        const done = await recover(context, {
          temp: tempId ?? tempName,
          old: oldId,
          name: spec.name,
        });
        if (!done) throw e;
      }
    });
  }

  /**
   * Appends rows below the last used row (values and formulas; formats alone do not count) and
   * returns the 1-based row of the first. Two syncs: one reads the used range, one writes the new
   * rows — `numberFormat` (a null format leaves the cell's format as it is) then `formulas` on one
   * range: a formula with `{row}` filled in, a literal as writeSheet writes it (text with the quote
   * prefix, so '=1+1' or '+46 70' stays text), '' for null. Nothing else of the sheet is touched.
   * A batch over the 4 MB budget is refused before anything is written.
   *
   * @example
   * await workbook.appendRows('Signals', [[46352.5, 'Acme AB', { formula: 'A{row}+1' }]]) // 10007
   */
  async appendRows(
    sheet: string,
    rows: readonly AppendRow[],
    numberFormats: readonly (string | null)[] = [],
  ): Promise<number> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('rowIndex,rowCount');
      try {
        await context.sync();
      } catch (e) {
        if (errorCode(e) === 'ItemNotFound') throw new UserError(`There is no sheet "${sheet}".`);
        throw e;
      }
      const first = used.isNullObject ? 1 : used.rowIndex + used.rowCount + 1;
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      if (rows.length === 0 || width === 0) return first;
      const formulas = rows.map((row, i) =>
        Array.from({ length: width }, (_, j): string | number | boolean => {
          const cell = row[j] ?? null;
          if (cell === null) return '';
          if (isFormula(cell)) {
            const formula = appendedFormula(cell.formula, first + i);
            return formula.startsWith('=') ? formula : `=${formula}`;
          }
          return literal(cell) ?? '';
        }),
      );
      const line = Array.from({ length: width }, (_, j) => numberFormats[j] ?? null);
      const formats = line.some((f) => f !== null) ? rows.map(() => line) : null;
      const bytes = jsonBytes(formulas) + (formats === null ? 0 : jsonBytes(formats));
      if (bytes > PAYLOAD_BUDGET) {
        throw new Error(
          `Cannot append ${rows.length} rows in one request (${bytes} bytes, over ${PAYLOAD_BUDGET}).`,
        );
      }
      const target = ws.getRangeByIndexes(first - 1, 0, rows.length, width);
      if (formats !== null) target.numberFormat = formats;
      target.formulas = formulas;
      await context.sync();
      return first;
    });
  }
}

/** Chunk rows from the bytes seen so far. */
class ChunkSizer {
  rows: number;
  private rowsSeen = 0;
  private bytesSeen = 0;

  constructor(width: number) {
    const guess = Math.floor(PAYLOAD_BUDGET / (Math.max(1, width) * FIRST_GUESS_CELL_BYTES));
    this.rows = clamp(Math.min(FIRST_CHUNK_ROWS, guess));
  }

  /** After a chunk: size the next from the larger of the average row and this chunk's rows. */
  seen(rows: number, bytes: number): void {
    this.rowsSeen += rows;
    this.bytesSeen += bytes;
    const perRow = Math.max(this.bytesSeen / this.rowsSeen, bytes / rows, 1);
    this.rows = clamp(Math.floor(PAYLOAD_BUDGET / perRow));
  }

  /** Excel rejected a chunk of `rows` rows: try half. */
  tooLarge(rows: number): void {
    this.rows = Math.max(1, Math.floor(rows / 2));
  }
}

function clamp(rows: number): number {
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, rows));
}

/**
 * After a failed write: when the old sheet still exists (perhaps renamed aside), delete the new
 * sheet and give the old one its name back; when the old sheet is gone (the swap went through and
 * only its report failed), keep the new sheet under the name. Best effort: errors here are
 * swallowed, the caller rethrows the original. Returns true when the write did complete.
 */
async function recover(
  context: Excel.RequestContext,
  ids: { temp: string; old: string | null; name: string },
): Promise<boolean> {
  try {
    const sheets = context.workbook.worksheets;
    const temp = sheets.getItemOrNullObject(ids.temp);
    temp.load('name');
    const old = ids.old === null ? null : sheets.getItemOrNullObject(ids.old);
    old?.load('name');
    await context.sync();
    if (old !== null && old.isNullObject && !temp.isNullObject) {
      if (temp.name !== ids.name) temp.name = ids.name;
      await context.sync();
      return true;
    }
    if (!temp.isNullObject) temp.delete();
    if (old !== null && !old.isNullObject && old.name !== ids.name) old.name = ids.name;
    await context.sync();
  } catch {
    // best effort: the original error is what the user needs to see
  }
  return false;
}

/** The `code` of an Office.js error (OfficeExtension.Error), if any. */
function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0');
}

function checkSheetName(name: string): void {
  if (name === '' || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new Error(`Invalid sheet name "${name}" (≤31 characters, none of []:*?/\\).`);
}
