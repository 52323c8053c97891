/** Shared helpers of the Google Sheets host tests: sample data as Sheets delivers it, spec grids. */
import { HyperFormula } from 'hyperformula';
import { generateSales, SALES_COL } from '../../shared/sample/sales-generator';
import { isFormula, type SheetSpec } from '../../shared/sheet-spec';
import type { RawCell } from '../../shared/workbook';
import { FakeAppsScript, type FakeSheet } from '../fakes/fake-spreadsheet-app';

/** The build time written into the header blocks, so grids compare. */
export const NOW = new Date(Date.UTC(2026, 10, 26, 12, 0));

/** A cell's content: a formula as `{ formula: '=…' }`, a literal as it is, null for blank. */
export type GridCell = string | number | boolean | Date | null | { formula: string };

/**
 * The sample sales table: `serial` as the other hosts read it (Excel serial dates), `dated` as
 * Apps Script delivers it (a Date of the local calendar day, built by `DateCtor`).
 */
export function sample(
  rows: number,
  DateCtor: DateConstructor = Date,
  seed = 11,
): { serial: RawCell[][]; dated: RawCell[][] } {
  const { header, rows: data } = generateSales({ rows, seed, messy: false });
  const serial: RawCell[][] = [header, ...data];
  const dated: RawCell[][] = [
    header,
    ...data.map((r) => {
      const out: RawCell[] = [...r];
      const s = r[SALES_COL.date];
      if (typeof s === 'number') out[SALES_COL.date] = new DateCtor(1899, 11, 30 + s);
      return out;
    }),
  ];
  return { serial, dated };
}

/** A fake Apps Script whose spreadsheet holds one 'Sales' sheet. */
export function fakeWithSales(
  rows: readonly (readonly RawCell[])[],
  locale = 'en_US',
): FakeAppsScript {
  const fake = new FakeAppsScript({ locale });
  fake.addSheet('Sales', rows);
  return fake;
}

/** A spec's cells as a grid (formulas as '=…'), trimmed of empty trailing rows and columns. */
export function specGrid(spec: SheetSpec): GridCell[][] {
  const grid: GridCell[][] = [];
  for (const block of spec.blocks) {
    block.cells.forEach((line, i) => {
      const row = (grid[block.row + i] ??= []);
      line.forEach((cell, j) => {
        if (isFormula(cell)) row[block.col + j] = { formula: `=${cell.formula.replace(/^=/, '')}` };
        else row[block.col + j] = cell === '' ? null : cell;
      });
    });
  }
  return trim(Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null)));
}

/** A grid without trailing blank rows and columns, every row as wide as the widest. */
export function trim(grid: readonly (readonly GridCell[])[]): GridCell[][] {
  let rows = grid.length;
  while (rows > 0 && grid[rows - 1].every((v) => v === null)) rows--;
  let cols = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = grid[r].length; c > cols; c--) {
      if (grid[r][c - 1] !== null) {
        cols = c;
        break;
      }
    }
  }
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (__, c) => grid[r][c] ?? null),
  );
}

/** A fake sheet as a grid, trimmed. */
export function sheetGrid(sheet: FakeSheet): GridCell[][] {
  return trim(sheet.peekGrid());
}

/**
 * The values HyperFormula computes for a sheet of the fake (its formulas and literals).
 *
 * @example
 * const values = recompute(fake.sheet('Top 20'));
 */
export function recompute(sheet: FakeSheet): (string | number | boolean | null)[][] {
  const input = sheetGrid(sheet).map((row) =>
    row.map((v) => {
      if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
      if (v instanceof Date) return null;
      if (typeof v === 'string') return /^[=']/.test(v) ? `'${v}` : v;
      return v.formula;
    }),
  );
  const hf = HyperFormula.buildFromArray(input, { licenseKey: 'gpl-v3', smartRounding: false });
  const values = hf.getSheetValues(0);
  hf.destroy();
  return values.map((row) =>
    row.map((v) =>
      v === null || typeof v !== 'object'
        ? (v as string | number | boolean | null)
        : `#ERR:${String((v as { type?: string }).type)}`,
    ),
  );
}

/**
 * The settled outcome of a ticket, as the sidebar gets it: lets the job's promise jobs run, then
 * asks `result` (kamResult, of the module or of the bundle) until it answers.
 *
 * @example
 * const outcome = await settle(kamResult, kamBuild(choice));
 */
export async function settle<T>(
  result: (ticket: string) => T | null,
  { ticket }: { ticket: string },
): Promise<T> {
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const outcome = result(ticket);
    if (outcome !== null) return outcome;
  }
  throw new Error(`ticket ${ticket} never settled`);
}
