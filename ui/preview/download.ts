/**
 * The preview's "Download .xlsx": loads ExcelJS's browser build on first use (exceljs.min.js,
 * copied beside the page by the build, so the task pane bundle stays small and Excel never loads
 * it), renders the workbook and hands it to the browser.
 */
import type { Preview } from './preview-host';
import { previewXlsx, type ExcelJsLib } from './xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXCELJS_SCRIPT = 'exceljs.min.js';

let excelJs: Promise<ExcelJsLib> | null = null;

/** ExcelJS's UMD build, loaded once with a script element (it defines the global ExcelJS). */
function loadExcelJs(): Promise<ExcelJsLib> {
  excelJs ??= new Promise<ExcelJsLib>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = EXCELJS_SCRIPT;
    script.onload = () => {
      const lib = (globalThis as { ExcelJS?: ExcelJsLib }).ExcelJS;
      if (lib) resolve(lib);
      else reject(new Error(`${EXCELJS_SCRIPT} did not define ExcelJS`));
    };
    script.onerror = () => {
      excelJs = null;
      reject(new Error(`${EXCELJS_SCRIPT} could not be loaded`));
    };
    document.head.append(script);
  });
  return excelJs;
}

/** Renders the preview workbook and starts a download named `fileName`. */
export async function downloadXlsx(preview: Preview, fileName: string): Promise<void> {
  const bytes = await previewXlsx(await loadExcelJs(), preview.workbook, preview.inputSpecs);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
