/**
 * Shared helpers of the golden tests (one spec, three renderers): what a SheetSpec puts on a sheet
 * and what each renderer wrote, in one comparable shape — cells (values; formulas as text without
 * the leading '='; the cached result where the renderer stores one — only the .xlsx does) and
 * drop-down lists (one range per column run of cells with the same list).
 */
import ExcelJS from 'exceljs';
import { dateToSerial } from '../../cli/file-workbook';
import { isFormula, type SheetSpec } from '../../shared/sheet-spec';
import type { RawCell } from '../../shared/workbook';
import type { FakeExcel } from '../fakes/fake-excel';
import type { FakeSheet } from '../fakes/fake-spreadsheet-app';

/** A cell as compared: a formula's text (no '='), and its cached value when the renderer has one. */
export type Golden =
  string | number | boolean | null | { f: string; v?: string | number | boolean };

/** A drop-down list on a range of one column; `arrow`: the in-cell arrow is shown. */
export interface Dropdown {
  readonly range: string;
  readonly list: readonly string[];
  readonly arrow: boolean;
}

/** A written sheet as compared: its cells and its drop-down lists. */
export interface Rendered {
  readonly cells: Golden[][];
  readonly dropdowns: Dropdown[];
}

// ---------------------------------------------------------------------------------------------
// Cells

/** The grid without trailing empty rows and columns (and with null for every empty cell). */
export function trimmed(grid: Golden[][]): Golden[][] {
  let rows = grid.length;
  while (rows > 0 && (grid[rows - 1] ?? []).every((v) => v === null || v === undefined)) rows--;
  let cols = 0;
  for (let r = 0; r < rows; r++) {
    const line = grid[r] ?? [];
    for (let c = line.length; c > cols; c--) {
      if (line[c - 1] !== null && line[c - 1] !== undefined) {
        cols = c;
        break;
      }
    }
  }
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (__, c) => grid[r]?.[c] ?? null),
  );
}

export const formulaText = (f: string): string => f.replace(/^=/, '');

/** The spec's cells; `cached` keeps the formulas' expected values. */
export function specGolden(spec: SheetSpec, cached: boolean): Golden[][] {
  const grid: Golden[][] = [];
  for (const block of spec.blocks) {
    block.cells.forEach((line, i) => {
      const row = (grid[block.row + i] ??= []);
      line.forEach((cell, j) => {
        if (isFormula(cell)) {
          const v = cell.value;
          row[block.col + j] =
            cached && v !== undefined && v !== null
              ? { f: formulaText(cell.formula), v }
              : { f: formulaText(cell.formula) };
        } else row[block.col + j] = cell === '' ? null : cell;
      });
    });
  }
  return trimmed(grid);
}

/** The grid with the formulas' cached values dropped (to compare the .xlsx with the others). */
export function withoutCache(grid: Golden[][]): Golden[][] {
  return grid.map((line) =>
    line.map((v) => (v !== null && typeof v === 'object' ? { f: v.f } : v)),
  );
}

/** The A1 address of a 0-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A Google Sheets sheet (the fake SpreadsheetApp's) as compared. */
export function sheetsGrid(sheet: FakeSheet): Golden[][] {
  return trimmed(
    sheet.peekGrid().map((line) =>
      line.map((v): Golden => {
        if (v === null || v === '') return null;
        if (typeof v === 'object' && 'formula' in v) return { f: formulaText(v.formula) };
        if (v instanceof Date)
          throw new Error(`a Date in "${sheet.name}": the core writes dates as serials`);
        return v;
      }),
    ),
  );
}

/** A sheet of the fake Excel as compared. */
export function excelGrid(fake: FakeExcel, name: string): Golden[][] {
  return trimmed(
    fake.grid(name).map((line, r) =>
      line.map((_, c): Golden => {
        const cell = fake.cell(name, a1(r, c));
        if (cell.kind === 'formula') return { f: formulaText(cell.formula as string) };
        return cell.kind === 'blank' ? null : cell.value;
      }),
    ),
  );
}

/** A worksheet of a saved .xlsx (read back with ExcelJS) as compared, cached results included. */
export function xlsxGrid(ws: ExcelJS.Worksheet): Golden[][] {
  const grid: Golden[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      (grid[r - 1] ??= [])[c - 1] = xlsxGolden(cell);
    });
  });
  return trimmed(grid);
}

/**
 * One ExcelJS cell as compared. A formula's cached result is taken from the cell (`cell.result`),
 * not from `cell.value`: ExcelJS's value copy drops a falsy result (0, false, ''), which the file
 * holds (`<v>0</v>`).
 */
export function xlsxGolden(cell: ExcelJS.Cell): Golden {
  const value = cell.value;
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return dateToSerial(value);
  if (typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const f = ('formula' in value ? value.formula : undefined) ?? ''; // shared: '' (fails)
    const result = (cell as { result?: unknown }).result;
    if (result === undefined || result === null || typeof result === 'object') {
      return { f: formulaText(f) };
    }
    return { f: formulaText(f), v: result as string | number | boolean };
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

/**
 * The rows with the serials of `columns` turned into Dates built by `DateCtor` (the local calendar
 * day, as Apps Script delivers a date cell); the header row stays as it is.
 */
export function dated(
  rows: readonly (readonly RawCell[])[],
  columns: readonly number[],
  DateCtor: DateConstructor = Date,
): RawCell[][] {
  return rows.map((r, i) => {
    const out = [...r];
    if (i === 0) return out;
    for (const c of columns) {
      const s = r[c];
      if (typeof s === 'number') out[c] = new DateCtor(1899, 11, 30 + s);
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Drop-down lists

/** 0-based cells of an A1 range ('D2:D501', 'B3', '$D$2:$E$9'). */
function rangeCells(range: string): { row: number; col: number }[] {
  const ref = (text: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(text.trim());
    if (!m) throw new Error(`not an A1 cell: ${text}`);
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const [from, to = from] = range.split(':');
  const a = ref(from);
  const b = ref(to);
  const cells: { row: number; col: number }[] = [];
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++)
    for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++)
      cells.push({ row, col });
  return cells;
}

interface DropdownCell {
  readonly row: number;
  readonly col: number;
  readonly list: readonly string[];
  readonly arrow: boolean;
}

/**
 * Drop-down cells in one canonical shape: per column and list, each run of consecutive rows as one
 * range, sorted by column, then row — however the host records them (per range or per cell).
 */
export function dropdowns(cells: Iterable<DropdownCell>): Dropdown[] {
  const groups = new Map<
    string,
    { col: number; list: readonly string[]; arrow: boolean; rows: number[] }
  >();
  for (const cell of cells) {
    const id = JSON.stringify([cell.col, cell.list, cell.arrow]);
    let group = groups.get(id);
    if (group === undefined) {
      group = { col: cell.col, list: cell.list, arrow: cell.arrow, rows: [] };
      groups.set(id, group);
    }
    group.rows.push(cell.row);
  }
  const out: (Dropdown & { col: number; row: number })[] = [];
  for (const { col, list, arrow, rows } of groups.values()) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      const range = i === j ? a1(sorted[i], col) : `${a1(sorted[i], col)}:${a1(sorted[j], col)}`;
      out.push({ range, list: [...list], arrow, col, row: sorted[i] });
      i = j + 1;
    }
  }
  return out
    .sort((x, y) => x.col - y.col || x.row - y.row)
    .map(({ range, list, arrow }) => ({ range, list, arrow }));
}

/** The spec's drop-down lists (every one with its arrow shown). */
export function specDropdowns(spec: SheetSpec): Dropdown[] {
  return dropdowns(
    (spec.validations ?? []).flatMap((v) =>
      rangeCells(v.range).map((c) => ({ ...c, list: v.list, arrow: true })),
    ),
  );
}

/** The drop-down lists the fake Excel recorded (`range.dataValidation.rule` list rules). */
export function excelDropdowns(fake: FakeExcel, name: string): Dropdown[] {
  return dropdowns(
    fake.sheetState(name).dataValidations.flatMap((v) =>
      rangeCells(v.range).map((c) => ({
        ...c,
        list: v.list.source.split(','),
        arrow: v.list.inCellDropDown,
      })),
    ),
  );
}

/** The drop-down lists the fake SpreadsheetApp recorded (per cell; a cleared rule is none). */
export function sheetsDropdowns(sheet: FakeSheet): Dropdown[] {
  return dropdowns(
    [...sheet.validations].flatMap(([key, rule]) => {
      if (rule === null) return [];
      const [row, col] = key.split(':').map(Number);
      return [{ row: row - 1, col: col - 1, list: rule.list, arrow: rule.showDropdown }];
    }),
  );
}

/** The drop-down lists of a saved .xlsx read back with ExcelJS (`worksheet.dataValidations`). */
export function xlsxDropdowns(ws: ExcelJS.Worksheet): Dropdown[] {
  const model = (
    ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
  ).dataValidations.model;
  return dropdowns(
    Object.entries(model).flatMap(([range, rule]) => {
      if (rule.type !== 'list') throw new Error(`${ws.name}!${range}: a ${rule.type} validation`);
      const list = xlsxList(String(rule.formulae[0] ?? ''));
      const arrow = !(rule as { showDropDown?: boolean }).showDropDown; // OOXML: 1 hides it
      return rangeCells(range).map((c) => ({ ...c, list, arrow }));
    }),
  );
}

/** The values of a typed list formula `"a,b,c"` (doubled quotes inside). */
function xlsxList(formula: string): string[] {
  const m = /^"(.*)"$/s.exec(formula);
  if (!m) throw new Error(`a list validation from cells, not typed: ${formula}`);
  return m[1].replace(/""/g, '"').split(',');
}
