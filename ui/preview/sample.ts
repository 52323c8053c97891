/**
 * The preview's sample sales sheet: the core's seeded generator with the settings `kam sample`
 * uses (cli/sample-workbook.ts), so the preview builds the same Top 20 as the CLI demo.
 */
import { STYLE } from '../../shared/reports/styles';
import { generateSales } from '../../shared/sample/sales-generator';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawRow } from '../../shared/workbook';

/** The input sheet's name, as in the CLI's sample.xlsx. */
export const SAMPLE_SHEET = 'Sales';

const FORMATS: Readonly<Record<string, string>> = {
  'Invoice date': 'yyyy-mm-dd',
  Quantity: '#,##0',
  'Net sales': '#,##0.00',
  Cost: '#,##0.00',
};

export interface SampleSheet {
  /** Header row and data rows, as a host delivers them. */
  readonly rows: RawRow[];
  /** The same sheet as a SheetSpec (header style, number formats), for the .xlsx download. */
  readonly spec: SheetSpec;
}

/**
 * The sample sheet (24,000 invoice lines and a total row; seed 1, messy, as `kam sample`).
 *
 * @example
 * const { rows } = sampleSheet();
 * new MemoryWorkbook({ [SAMPLE_SHEET]: rows });
 */
export function sampleSheet(): SampleSheet {
  const { header, rows } = generateSales({ messy: true });
  return {
    rows: [header, ...rows],
    spec: {
      name: SAMPLE_SHEET,
      blocks: [
        { row: 0, col: 0, cells: [header], style: STYLE.tableHeader },
        { row: 1, col: 0, cells: rows, numberFormats: header.map((h) => FORMATS[h] ?? null) },
      ],
      columns: header.map((h) => ({ width: Math.max(12, h.length + 4) })),
      freeze: { rows: 1, cols: 0 },
    },
  };
}
