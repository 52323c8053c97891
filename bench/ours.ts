/**
 * The product's own path, as every host runs it: ingest chunk by chunk, analyse, build the Top 20
 * sheet. Kept apart from the harness so the harness can still time the floor and arquero when the
 * core does not load.
 */
import { TOP20_FIELDS, analyseTop20 } from '../shared/analysis/top20';
import { SalesIngest } from '../shared/ingest/sales-ingest';
import { buildTop20Sheet } from '../shared/reports/top20-sheet';
import type { IngestResult, SalesField } from '../shared/sales-table';
import type { SheetSpec } from '../shared/sheet-spec';
import type { RawRow } from '../shared/workbook';

export interface OursTiming {
  readonly ingestMs: number;
  readonly analyseMs: number;
  readonly sheetMs: number;
  readonly totalMs: number;
  readonly spec: SheetSpec;
}

/**
 * Feeds the chunks to a SalesIngest like a host adapter does, with the row count as a hint.
 *
 * @example
 * const result = ingestChunks(header, [rows.slice(0, 10_000), rows.slice(10_000)]);
 * result.rowsRead === result.rowsUsed + result.rowsRejected; // true
 */
export function ingestChunks(
  header: readonly RawRow[number][],
  chunks: readonly (readonly RawRow[])[],
  fields?: readonly SalesField[],
): IngestResult {
  // Hosts know the row count up front (range.rowCount, getLastRow(), the xlsx <dimension>).
  let expectedRows = 0;
  for (const chunk of chunks) expectedRows += chunk.length;
  const ingest = new SalesIngest(header, { expectedRows, fields });
  for (const chunk of chunks) ingest.push(chunk);
  return ingest.finish();
}

/**
 * Times ingest + analyseTop20 + buildTop20Sheet once. The ingest keeps the columns the Top 20
 * reads (TOP20_FIELDS), or every mapped column with `allColumns`.
 *
 * @example
 * const { totalMs, spec } = runOurs(header, chunks);
 */
export function runOurs(
  header: readonly RawRow[number][],
  chunks: readonly (readonly RawRow[])[],
  allColumns = false,
): OursTiming {
  const t0 = performance.now();
  const result = ingestChunks(header, chunks, allColumns ? undefined : TOP20_FIELDS);
  const t1 = performance.now();
  const analysis = analyseTop20(result.table, {});
  const t2 = performance.now();
  const spec = buildTop20Sheet(analysis);
  const t3 = performance.now();
  return { ingestMs: t1 - t0, analyseMs: t2 - t1, sheetMs: t3 - t2, totalMs: t3 - t0, spec };
}
