/**
 * Where the sales table is: every sheet whose first rows hold a header row with an account and a
 * revenue column, with the columns found and the fields they map to. The task pane offers these
 * as the source picker (the user corrects a mapping with drop-downs); only each sheet's first
 * chunk is read.
 */
import { findHeaderRow, HEADER_SYNONYMS, matchHeaders } from '../ingest/headers';
import type { MappedColumn, SalesField } from '../sales-table';
import { UserError } from '../user-error';
import type { RawCell, Workbook } from '../workbook';
import { isToolkitSheet } from './sheet-names';

/** A candidate sales table. */
export interface SalesSource {
  /** The sheet (or Excel table) name to read: `Top20BuildOptions.sheet`. */
  readonly sheet: string;
  /** 1-based sheet row of the header row. */
  readonly headerRow: number;
  /** The header texts, in column order ('' for an empty header cell). */
  readonly headers: readonly string[];
  /** The fields found automatically, by header synonyms. */
  readonly columns: readonly MappedColumn[];
  /** Required fields not found (the pane asks for them). */
  readonly missing: readonly SalesField[];
}

/** The fields every build needs. */
export const REQUIRED_FIELDS: readonly SalesField[] = ['account', 'revenue'];

/** Every field a mapping can name, in the order the pane lists them. */
export const SALES_FIELDS = Object.keys(HEADER_SYNONYMS) as SalesField[];

/** Thrown inside readRows to stop after the first chunk. */
class FirstChunkRead extends Error {}

const text = (c: RawCell): string => (c === null || c === undefined ? '' : String(c).trim());

/**
 * The sheets that look like a sales table, in workbook order (or in the order of `names`, e.g. a
 * host's Excel tables before its sheets), with their columns.
 *
 * @example
 * const sources = await findSalesSources(workbook);
 * sources[0]; // { sheet: 'Sales', headerRow: 1, headers: ['Date', 'Customer', …], columns, missing: [] }
 */
export async function findSalesSources(
  workbook: Workbook,
  names?: readonly string[],
): Promise<SalesSource[]> {
  const out: SalesSource[] = [];
  for (const sheet of names ?? (await workbook.sheetNames())) {
    if (isToolkitSheet(sheet)) continue;
    let found: SalesSource | null = null;
    try {
      await workbook.readRows(sheet, (rows, firstRow) => {
        const at = findHeaderRow(rows);
        if (at >= 0) {
          const header = rows[at];
          let columns: MappedColumn[] = [];
          try {
            columns = matchHeaders(header);
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
          }
          const fields = new Set(columns.map((c) => c.field));
          found = {
            sheet,
            headerRow: firstRow + at,
            headers: Array.from(header, text),
            columns,
            missing: REQUIRED_FIELDS.filter((f) => !fields.has(f)),
          };
        }
        throw new FirstChunkRead();
      });
    } catch (e) {
      if (!(e instanceof FirstChunkRead)) throw e;
    }
    if (found) out.push(found);
  }
  return out;
}
