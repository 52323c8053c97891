/**
 * Recomputes a written .xlsx with real spreadsheet engines, so tests compare what a user's
 * spreadsheet shows with what the core computed: HyperFormula in-process, LibreOffice headless.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

export type Grid = (string | number | boolean | null)[][];

/** Every sheet of a workbook as HyperFormula input: formulas as '=…', literal text kept as text. */
async function hyperFormulaInput(
  path: string,
): Promise<Record<string, (string | number | boolean | null)[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  wb.eachSheet((ws) => {
    const rows: (string | number | boolean | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: (string | number | boolean | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value as ExcelJS.CellValue;
        let x: string | number | boolean | null = null;
        if (v && typeof v === 'object' && 'formula' in v)
          x = `=${(v as ExcelJS.CellFormulaValue).formula}`;
        else if (typeof v === 'string') x = /^[=']/.test(v) ? `'${v}` : v;
        else if (typeof v === 'number' || typeof v === 'boolean') x = v;
        else if (v instanceof Date) x = v.getTime() / 86400000 + 25569;
        else if (v && typeof v === 'object' && 'richText' in v)
          x = v.richText.map((t) => t.text).join('');
        out[c - 1] = x;
      });
      rows[r - 1] = Array.from(out, (x) => x ?? null);
    });
    sheets[ws.name] = Array.from(rows, (x) => x ?? []);
  });
  return sheets;
}

/**
 * The values of one sheet as HyperFormula computes them from the file's formulas.
 *
 * @example
 * const grid = await recomputeWithHyperFormula('report.xlsx', 'Top 20');
 */
export async function recomputeWithHyperFormula(path: string, sheet: string): Promise<Grid> {
  const hf = HyperFormula.buildFromSheets(await hyperFormulaInput(path), {
    licenseKey: 'gpl-v3',
    smartRounding: false,
  });
  const id = hf.getSheetId(sheet);
  if (id === undefined) throw new Error(`no sheet ${sheet}`);
  const values = hf.getSheetValues(id);
  hf.destroy();
  return values.map((row) =>
    row.map((v) =>
      v === null || typeof v !== 'object'
        ? (v as string | number | boolean | null)
        : `#ERR:${String((v as { type?: string }).type)}`,
    ),
  );
}

/** The LibreOffice binary, or null when it is not installed. */
export function libreOffice(): string | null {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync('which', [bin], { stdio: 'pipe' });
      return bin;
    } catch {
      // not this one
    }
  }
  return null;
}

/**
 * Converts a file headless with LibreOffice in a throwaway profile and returns the output path.
 * `recalculate` sets "always recalculate on load", so formulas are computed by LibreOffice.
 *
 * @example
 * const ods = convertWithLibreOffice('report.xlsx', 'ods');
 */
export function convertWithLibreOffice(path: string, to: string, recalculate = false): string {
  const bin = libreOffice();
  if (!bin) throw new Error('LibreOffice is not installed');
  const work = mkdtempSync(join(tmpdir(), 'kam-lo-'));
  const profile = join(work, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  if (recalculate) {
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
  }
  const out = join(work, 'out');
  execFileSync(
    bin,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      out,
      path,
    ],
    { stdio: 'pipe', timeout: 180_000 },
  );
  // One output file (a CSV of one sheet is named '<file>-<sheet>.csv').
  const [file] = readdirSync(out);
  if (file === undefined) throw new Error(`LibreOffice wrote nothing for ${path}`);
  return join(out, file);
}

/**
 * Opens the file in LibreOffice headless with "always recalculate" set, saves it as .xlsx, and
 * reads every formula's result back: the numbers LibreOffice computed, not the cached ones (the
 * caller should strip cached results first with `stripFormulaResults`).
 */
export async function recomputeWithLibreOffice(path: string, sheet: string): Promise<Grid> {
  const converted = convertWithLibreOffice(path, 'xlsx', true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(converted);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`LibreOffice output has no sheet ${sheet}`);
  const grid: Grid = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: (string | number | boolean | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value as ExcelJS.CellValue;
      let x: string | number | boolean | null = null;
      if (v && typeof v === 'object' && 'formula' in v) {
        const result = (v as ExcelJS.CellFormulaValue).result;
        x =
          typeof result === 'object' && result !== null
            ? `#ERR`
            : ((result ?? null) as string | number | boolean | null);
      } else if (v && typeof v === 'object' && 'sharedFormula' in v) {
        const result = (v as ExcelJS.CellSharedFormulaValue).result;
        x =
          typeof result === 'object' && result !== null
            ? `#ERR`
            : ((result ?? null) as string | number | boolean | null);
      } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') x = v;
      cells[c - 1] = x;
    });
    grid[r - 1] = Array.from(cells, (x) => x ?? null);
  });
  return Array.from(grid, (x) => x ?? []);
}

/** Removes the cached results of every formula, so a reader must recompute to see a value. */
export async function stripFormulaResults(path: string, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as ExcelJS.CellValue;
        if (v && typeof v === 'object' && 'formula' in v)
          cell.value = { formula: (v as ExcelJS.CellFormulaValue).formula };
      }),
    ),
  );
  await wb.xlsx.writeFile(to);
}
