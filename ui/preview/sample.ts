/**
 * The preview's sample workbook: the one `kam sample` writes (shared/sample/sample-workbook.ts),
 * so the preview builds the same Top 20 as the CLI demo and Prepare negotiation shows every
 * section. Each sheet comes as the rows a host delivers and as its SheetSpec (for the download).
 */
import { specCells } from '../../shared/memory-workbook';
import { SAMPLE_SHEET, sampleWorkbook as sampleSheets } from '../../shared/sample/sample-workbook';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawRow } from '../../shared/workbook';

export { SAMPLE_SHEET };

export interface SampleSheet {
  /** Header row and data rows, as a host delivers them. */
  readonly rows: RawRow[];
  /** The same sheet as a SheetSpec (header style, number formats), for the .xlsx download. */
  readonly spec: SheetSpec;
}

/** The whole sample workbook: the sales sheet, then the companion sheets, in workbook order. */
export interface SampleWorkbook {
  readonly sheets: readonly (SampleSheet & { readonly name: string })[];
}

/**
 * The sample workbook: "Sales" and the companion sheets of `kam sample`.
 *
 * @example
 * const { sheets } = sampleWorkbook();
 * new MemoryWorkbook(Object.fromEntries(sheets.map((s) => [s.name, s.rows])));
 */
export function sampleWorkbook(): SampleWorkbook {
  return {
    sheets: sampleSheets().sheets.map((spec) => ({ name: spec.name, rows: specCells(spec), spec })),
  };
}

/**
 * The sample's sales sheet alone (24,000 invoice lines and a total row; seed 1, messy).
 *
 * @example
 * new MemoryWorkbook({ [SAMPLE_SHEET]: sampleSheet().rows });
 */
export function sampleSheet(): SampleSheet {
  return sampleWorkbook().sheets[0];
}
