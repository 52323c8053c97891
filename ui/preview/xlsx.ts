/**
 * The preview workbook as .xlsx bytes: every sheet of the MemoryWorkbook (the sample input sheet
 * and the built sheets) rendered from its SheetSpec by cli/xlsx-render.ts — the same rendering as
 * `kam top20`, minus the charts (ExcelJS cannot write them; the CLI adds them to the package with
 * Node code). ExcelJS comes in as a parameter: its browser build in the page, the Node build in
 * tests.
 */
import type * as ExcelJSModule from 'exceljs';
import { renderSheet } from '../../cli/xlsx-render';
import type { MemoryWorkbook } from '../../shared/memory-workbook';
import type { CellValue, SheetSpec } from '../../shared/sheet-spec';
import type { RawCell } from '../../shared/workbook';

/** What the renderer needs of ExcelJS. */
export type ExcelJsLib = Pick<typeof ExcelJSModule, 'Workbook'>;

/** Days from 1899-12-30 (Excel's serial 0) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

const plain = (c: RawCell): CellValue =>
  c === undefined ? null : c instanceof Date ? c.getTime() / 86_400_000 + EPOCH_SERIAL : c;

/**
 * @example
 * const bytes = await previewXlsx(ExcelJS, preview.workbook, preview.inputSpecs);
 */
export async function previewXlsx(
  excel: ExcelJsLib,
  workbook: MemoryWorkbook,
  inputSpecs: ReadonlyMap<string, SheetSpec>,
): Promise<Uint8Array> {
  const book = new excel.Workbook();
  book.creator = 'KAM Toolkit (preview)';
  for (const name of await workbook.sheetNames()) {
    const spec: SheetSpec = workbook.spec(name) ??
      inputSpecs.get(name) ?? {
        name,
        blocks: [{ row: 0, col: 0, cells: workbook.rows(name).map((r) => r.map(plain)) }],
      };
    renderSheet(book.addWorksheet(name), spec);
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
