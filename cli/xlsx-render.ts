/**
 * SheetSpec → ExcelJS worksheet, without Node: the file adapter (./file-workbook.ts) and the task
 * pane's in-browser preview (its .xlsx download, with exceljs's browser build) render through this
 * one module. Only ExcelJS's types are imported here; the caller brings the workbook.
 */
import type ExcelJS from 'exceljs';
import type { CellStyle, CellValue, ConditionalFormat, SheetSpec } from '../shared/sheet-spec';
import { isFormula } from '../shared/sheet-spec';

const ERROR_TEXTS = new Set([
  '#N/A',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
]);

/**
 * Renders a SheetSpec into an (empty) ExcelJS worksheet: values and formulas (with their cached
 * results), styles and number formats, column widths, frozen panes, conditional formats, print
 * setup and tab colour. Charts are not drawn here (ExcelJS cannot write them; the file adapter adds
 * them to the package afterwards).
 *
 * @example
 * const ws = new ExcelJS.Workbook().addWorksheet('Top 20');
 * renderSheet(ws, spec);
 */
export function renderSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  for (const block of spec.blocks) {
    const formats = block.numberFormats ?? [];
    const base = block.style ? cellStyle(block.style) : {};
    const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
    const styles: Partial<ExcelJS.Style>[] = [];
    for (let j = 0; j < width; j++) {
      const numFmt = formats[j];
      styles.push(numFmt ? { ...base, numFmt } : base);
    }
    const styled = styles.map((s) => Object.keys(s).length > 0);
    for (let i = 0; i < block.cells.length; i++) {
      const cells = block.cells[i];
      const row = ws.getRow(block.row + i + 1);
      for (let j = 0; j < cells.length; j++) {
        const cell = row.getCell(block.col + j + 1);
        const value = cells[j];
        cell.value = isFormula(value) ? formulaValue(value.formula, value.value) : literal(value);
        if (styled[j]) {
          const current = cell.style;
          cell.style =
            current === undefined || Object.keys(current).length === 0
              ? (styles[j] as ExcelJS.Style)
              : ({ ...current, ...styles[j] } as ExcelJS.Style);
        }
      }
    }
  }

  (spec.columns ?? []).forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    if (c.width !== undefined) column.width = c.width;
    if (c.hidden) column.hidden = true;
  });

  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.cols > 0)) {
    const { rows, cols } = spec.freeze;
    ws.views = [
      {
        state: 'frozen',
        xSplit: cols,
        ySplit: rows,
        topLeftCell: address(rows, cols),
        activeCell: address(rows, cols),
      },
    ];
  }

  (spec.conditionalFormats ?? []).forEach((cf, i) => {
    // Distinct priorities, in spec order (Excel applies the lowest number first).
    ws.addConditionalFormatting({ ref: cf.range, rules: [conditionalRule(cf, i + 1)] });
  });

  if (spec.print) {
    ws.pageSetup.orientation = spec.print.orientation;
    if (spec.print.fitToPage) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = 1;
    }
    if (spec.print.area) ws.pageSetup.printArea = spec.print.area.replace(/\$/g, '');
  }

  if (spec.tabColor) ws.properties.tabColor = { argb: argb(spec.tabColor) };

  // Drop-down lists: one range-wide rule each (ExcelJS keeps a range key as one sqref).
  const validations = (ws as unknown as WithValidations).dataValidations;
  for (const v of spec.validations ?? []) {
    validations.add(v.range.replace(/\$/g, ''), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${v.list.map((x) => x.replace(/"/g, '""')).join(',')}"`],
      showErrorMessage: true,
    });
  }
}

/** ExcelJS's worksheet data validations (in its runtime, not in its typings). */
interface WithValidations {
  readonly dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
}

/** A literal: strings stay strings (never formulas), non-finite numbers become #NUM!. */
function literal(value: CellValue): ExcelJS.CellValue {
  if (typeof value === 'number' && !Number.isFinite(value))
    return { error: '#NUM!' } as ExcelJS.CellErrorValue;
  return value;
}

function formulaValue(formula: string, value: CellValue | undefined): ExcelJS.CellValue {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  if (value === undefined || value === null) return { formula: f } as ExcelJS.CellFormulaValue;
  if (typeof value === 'string' && ERROR_TEXTS.has(value)) {
    return { formula: f, result: { error: value } } as ExcelJS.CellFormulaValue;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { formula: f, result: { error: '#NUM!' } } as ExcelJS.CellFormulaValue;
  }
  return { formula: f, result: value } as ExcelJS.CellFormulaValue;
}

function cellStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (
    style.bold !== undefined ||
    style.italic !== undefined ||
    style.size !== undefined ||
    style.color !== undefined
  ) {
    const font: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: style.size ?? 11 };
    if (style.bold) font.bold = true;
    if (style.italic) font.italic = true;
    if (style.color) font.color = { argb: argb(style.color) };
    out.font = font;
  }
  if (style.fill) {
    out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  }
  if (style.align !== undefined || style.wrap !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = {};
    if (style.align) alignment.horizontal = style.align;
    if (style.wrap) alignment.wrapText = true;
    if (style.wrap) alignment.vertical = 'top';
    out.alignment = alignment;
  }
  if (style.borderBottom || style.borderTop) {
    const border: Partial<ExcelJS.Borders> = {};
    if (style.borderTop) border.top = { style: 'thin' };
    if (style.borderBottom) border.bottom = { style: 'thin' };
    out.border = border;
  }
  return out;
}

/** The differential style of a conditional format (font and fill only). */
function dxfStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style.bold || style.italic || style.color) {
    const font: Partial<ExcelJS.Font> = {};
    if (style.bold) font.bold = true;
    if (style.italic) font.italic = true;
    if (style.color) font.color = { argb: argb(style.color) };
    out.font = font;
  }
  if (style.fill) {
    const color = { argb: argb(style.fill) };
    out.fill = { type: 'pattern', pattern: 'solid', fgColor: color, bgColor: color };
  }
  return out;
}

function conditionalRule(
  cf: ConditionalFormat,
  priority: number,
): ExcelJS.ConditionalFormattingRule {
  switch (cf.kind) {
    case 'cellIs':
      return {
        type: 'cellIs',
        operator: cf.operator,
        formulae: cf.values.map((v) => String(v)),
        style: dxfStyle(cf.style),
        priority,
      } as unknown as ExcelJS.ConditionalFormattingRule;
    case 'expression':
      return {
        type: 'expression',
        formulae: [cf.formula.startsWith('=') ? cf.formula.slice(1) : cf.formula],
        style: dxfStyle(cf.style),
        priority,
      } as ExcelJS.ConditionalFormattingRule;
    case 'dataBar':
      return {
        type: 'dataBar',
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: { argb: argb(cf.color) },
        gradient: false,
        priority,
      } as unknown as ExcelJS.ConditionalFormattingRule;
  }
}

/** '1F4E78' or '#1F4E78' → 'FF1F4E78'. */
function argb(hex: string): string {
  const h = hex.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new Error(`Not a 6-digit hex colour: "${hex}"`);
  return `FF${h}`;
}

/** 0-based row/col → A1 address. */
function address(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}
