/**
 * The columnar sales table every analysis reads: one entry per *used* input row.
 *
 * Numbers and dates are `Float64Array` (NaN = blank), text fields are dictionary-encoded
 * (`codes[i]` indexes `values`, -1 = blank). Dates are **epoch days**: days since 1970-01-01,
 * with the time of day as a fraction (2026-11-26 14:05 → 20783.586…), read in the calendar of the
 * sheet (no time-zone shifts: a sheet date of 26 Nov is day 20783 wherever the code runs).
 */
import type { SourceRows } from './source-rows';

/** The fields a sales table can hold (SPEC §2). */
export type SalesField =
  | 'date'
  | 'account'
  | 'accountId'
  | 'subUnit'
  | 'product'
  | 'productGroup'
  | 'quantity'
  | 'revenue'
  | 'cost'
  | 'grossProfit'
  | 'discount'
  | 'listPrice'
  | 'costToServe'
  | 'owner';

/** A dictionary-encoded text column. */
export interface CodedColumn {
  /** One code per row; -1 = blank. */
  readonly codes: Int32Array;
  /** Display text per code. */
  readonly values: readonly string[];
}

/** Where a field was found in the input. */
export interface MappedColumn {
  readonly field: SalesField;
  /** 0-based column index in the input rows. */
  readonly index: number;
  /** The header text as the user wrote it. */
  readonly header: string;
}

export interface SalesTable {
  /** Number of used rows. */
  readonly length: number;
  /** 1-based row number in the source sheet or file of each used row (for evidence and issues). */
  readonly sourceRow: SourceRows;
  /** Epoch days, or null when no date column was mapped. */
  readonly date: Float64Array | null;
  /**
   * The account of each row. Identity is the account id when an id column exists, else the
   * normalised name (case, spacing); `values` holds the most frequent spelling of the name.
   */
  readonly account: CodedColumn;
  /** Account id per account code (same index as `account.values`), when an id column exists. */
  readonly accountIds: readonly string[] | null;
  readonly subUnit: CodedColumn | null;
  readonly product: CodedColumn | null;
  readonly productGroup: CodedColumn | null;
  readonly owner: CodedColumn | null;
  readonly quantity: Float64Array | null;
  /** Net revenue per row (always present). */
  readonly revenue: Float64Array;
  readonly cost: Float64Array | null;
  /**
   * Gross profit per row: the profit column when mapped, else revenue − cost when a cost column
   * is mapped, else null (no profitability known).
   */
  readonly grossProfit: Float64Array | null;
  /** Discount as a fraction (12 % → 0.12). */
  readonly discount: Float64Array | null;
  readonly listPrice: Float64Array | null;
  readonly costToServe: Float64Array | null;
  /** The columns that were mapped, in input order. */
  readonly columns: readonly MappedColumn[];
  /**
   * Optional: the first and last whole day of `date` (Math.floor of its smallest and largest
   * value), recorded by the ingest so analyses need not scan the dates. Valid only for the array
   * `of` (a table built from another with a new date column ignores it) while it is unchanged.
   */
  readonly dateSpan?: { readonly of: Float64Array; readonly first: number; readonly last: number };
  /**
   * Optional: set when `grossProfit` is `revenue[i] − cost[i]` on every row (a cost column and no
   * profit column). Valid only while `revenue` and `cost` are these arrays. An analysis reading
   * every row may subtract instead of reading `grossProfit`, which the ingest's table computes
   * only when first read.
   */
  readonly profitFromCost?: { readonly revenue: Float64Array; readonly cost: Float64Array };
}

/**
 * Whether row i's gross profit may be taken as `revenue[i] − cost[i]` (see
 * {@link SalesTable.profitFromCost}).
 *
 * @example
 * const g = hasProfitFromCost(table) ? table.revenue[i] - table.cost![i] : table.grossProfit![i];
 */
export function hasProfitFromCost(
  table: SalesTable,
): table is SalesTable & { readonly cost: Float64Array } {
  const p = table.profitFromCost;
  return p !== undefined && p.revenue === table.revenue && p.cost === table.cost;
}

/** One rejected or adjusted input row (SPEC §2, "Bad input"). */
export interface RowIssue {
  /** 1-based row number in the source (the header row is usually row 1). */
  readonly row: number;
  /** The header of the offending column, or null for a whole-row issue. */
  readonly column: string | null;
  /** The offending value as text ('' for blank). */
  readonly value: string;
  /** Why, in words a user understands: "revenue is not a number". */
  readonly reason: string;
  /** rejected: the row is not used; adjusted: the row is used with the change described. */
  readonly action: 'rejected' | 'adjusted';
}

/** A decision taken for a whole column (e.g. "dates read day/month"). */
export interface ColumnNote {
  readonly column: string;
  readonly note: string;
}

export interface IngestResult {
  readonly table: SalesTable;
  /** Every rejected row (exactly one issue with action 'rejected' per rejected row) and every adjusted row. */
  readonly issues: readonly RowIssue[];
  readonly notes: readonly ColumnNote[];
  /** rowsRead = rowsUsed + rowsRejected, always. */
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
}
