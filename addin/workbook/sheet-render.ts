/// <reference types="office-js" />
/**
 * A SheetSpec as Office.js operations on a worksheet, each with an estimate of the bytes it adds to
 * a request, packed into batches that each stay under the payload budget (one `context.sync()` per
 * batch). Nothing here syncs: `ExcelWorkbook.writeSheet` queues a batch and syncs it.
 *
 * Order: cell values and formulas of every block first, then number formats, styles, column widths,
 * frozen panes, conditional formats, drop-down lists (data validation), charts, print setup and tab
 * colour. A block whose cells or
 * formats would exceed the budget is split into row slices, so a write takes
 * ⌈payload / budget⌉ batches; a Top 20 fits in one.
 *
 * Text stays text: every non-empty string is written with a leading apostrophe (Excel's quote
 * prefix). Excel stores the rest of the string as text and displays exactly that — whatever it
 * starts with (`=`, `+`, `-`, `@`, a tab, an apostrophe) and whatever it looks like (`00123`, `TRUE`,
 * `1/2`, `12%`, which Excel would otherwise turn into numbers, booleans or dates, differently by
 * locale). A text number format ('@') set before the values would also stop formulas, but a leading
 * apostrophe would still be eaten as a prefix and it would cost a second array per block.
 */
import type {
  CellBlock,
  CellStyle,
  CellValue,
  ChartSpec,
  ConditionalFormat,
  DataValidation,
  SheetSpec,
} from '../../shared/sheet-spec';
import { isFormula } from '../../shared/sheet-spec';

/** Bytes one request may carry: Excel on the web rejects over 5 MB, this leaves 1 MB of room. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;

/** Estimated bytes of an operation's envelope (object path, action type, property name). */
const OP_OVERHEAD = 256;

/** A queued write on the sheet being built. */
export interface SheetOp {
  /** Estimated request bytes. */
  readonly bytes: number;
  readonly apply: (sheet: Excel.Worksheet) => void;
}

/** A value as written through `Range.values` / `Range.formulas` (null leaves the cell alone). */
type Written = string | number | boolean | null;

/**
 * The operations that render a spec, in order.
 *
 * @example
 * const ops = sheetOps(spec);
 * for (const batch of packOps(ops)) { batch.forEach((op) => op.apply(sheet)); await context.sync(); }
 */
export function sheetOps(spec: SheetSpec, budget = PAYLOAD_BUDGET): SheetOp[] {
  const ops: SheetOp[] = [];
  for (const block of spec.blocks) ops.push(...cellOps(block, budget));
  for (const block of spec.blocks) ops.push(...numberFormatOps(block, budget));
  for (const block of spec.blocks) ops.push(...styleOps(block));
  ops.push(...columnOps(spec));
  const freeze = spec.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    ops.push(small(freeze, (ws) => freezePanes(ws, freeze.rows, freeze.cols)));
  }
  // `add` puts a conditional format at the top priority: add the last first so that the spec's
  // first format ends on top, as in the file adapter.
  for (const cf of [...(spec.conditionalFormats ?? [])].reverse()) {
    ops.push(small(cf, (ws) => addConditionalFormat(ws, cf)));
  }
  for (const validation of spec.validations ?? []) {
    // Checked now, before anything is written: a refused list never leaves a half-written sheet.
    const source = listSource(validation);
    ops.push(
      small(validation, (ws) => {
        ws.getRange(validation.range).dataValidation.rule = {
          list: { inCellDropDown: true, source },
        };
      }),
    );
  }
  for (const chart of spec.charts ?? []) ops.push(small(chart, (ws) => addChart(ws, chart)));
  const print = spec.print;
  if (print) {
    ops.push(
      small(print, (ws) => {
        ws.pageLayout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        if (print.fitToPage)
          ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
        if (print.area) ws.pageLayout.setPrintArea(print.area.replace(/\$/g, ''));
      }),
    );
  }
  const tab = spec.tabColor;
  if (tab) ops.push(small(tab, (ws) => (ws.tabColor = hexColor(tab))));
  return ops;
}

/**
 * Packs operations, in order, into batches whose estimated bytes stay within the budget (an
 * operation larger than the budget gets a batch of its own; `sheetOps` never makes one).
 *
 * @example
 * packOps([{ bytes: 3e6, apply }, { bytes: 3e6, apply }]).length // 2
 */
export function packOps(ops: readonly SheetOp[], budget = PAYLOAD_BUDGET): SheetOp[][] {
  const batches: SheetOp[][] = [];
  let current: SheetOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && bytes + op.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** `values` (literals) then `formulas` (formula cells) of a block, in row slices within budget. */
function cellOps(block: CellBlock, budget: number): SheetOp[] {
  const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (width === 0) return [];
  const values: Written[][] = [];
  const formulas: Written[][] = [];
  let anyValue = false;
  let anyFormula = false;
  for (const row of block.cells) {
    const v = new Array<Written>(width).fill(null);
    const f = new Array<Written>(width).fill(null);
    row.forEach((cell, j) => {
      if (isFormula(cell)) {
        f[j] = cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
        anyFormula = true;
      } else {
        v[j] = literal(cell);
        if (v[j] !== null) anyValue = true;
      }
    });
    values.push(v);
    formulas.push(f);
  }
  const ops: SheetOp[] = [];
  if (anyValue) ops.push(...gridOps(block.row, block.col, values, 'values', budget));
  if (anyFormula) ops.push(...gridOps(block.row, block.col, formulas, 'formulas', budget));
  return ops;
}

/**
 * A literal as written through `Range.values`: strings get the quote prefix (see the file
 * comment), an empty string clears, non-finite numbers become #NUM! (Excel reads the typed error).
 *
 * @example
 * literal('=SUM(A1)') // "'=SUM(A1)"
 */
export function literal(value: CellValue): Written {
  if (typeof value === 'string') return value === '' ? '' : `'${value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return '#NUM!';
  return value;
}

/** Number formats, one column of a block at a time (columns without a format stay General). */
function numberFormatOps(block: CellBlock, budget: number): SheetOp[] {
  const formats = block.numberFormats ?? [];
  const rows = block.cells.length;
  const ops: SheetOp[] = [];
  formats.forEach((format, j) => {
    if (format === null || format === undefined || rows === 0) return;
    const grid: Written[][] = Array.from({ length: rows }, () => [format]);
    ops.push(...gridOps(block.row, block.col + j, grid, 'numberFormat', budget));
  });
  return ops;
}

/** A 2-D write split into row slices of at most `budget` bytes each. */
function gridOps(
  row: number,
  col: number,
  grid: Written[][],
  property: 'values' | 'formulas' | 'numberFormat',
  budget: number,
): SheetOp[] {
  const ops: SheetOp[] = [];
  const limit = budget - OP_OVERHEAD;
  let start = 0;
  let bytes = 2; // the outer brackets
  const flush = (end: number) => {
    const slice = grid.slice(start, end);
    const at = row + start;
    ops.push({
      bytes: bytes + OP_OVERHEAD,
      apply: (ws) => {
        ws.getRangeByIndexes(at, col, slice.length, slice[0].length)[property] = slice;
      },
    });
    start = end;
    bytes = 2;
  };
  for (let i = 0; i < grid.length; i++) {
    const rowBytes = jsonBytes(grid[i]) + 1;
    if (i > start && bytes + rowBytes > limit) flush(i);
    bytes += rowBytes;
  }
  flush(grid.length);
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Formats

/** A block's style over its bounding rectangle (every cell, as the file adapter styles them). */
function styleOps(block: CellBlock): SheetOp[] {
  const style = block.style;
  const rows = block.cells.length;
  const cols = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (!style || rows === 0 || cols === 0) return [];
  return [
    small(style, (ws) => {
      const range = ws.getRangeByIndexes(block.row, block.col, rows, cols);
      applyStyle(range.format, style);
      const edges: ('EdgeTop' | 'EdgeBottom' | 'InsideHorizontal')[] = [];
      if (style.borderTop) edges.push('EdgeTop');
      if (style.borderBottom) edges.push('EdgeBottom');
      if ((style.borderTop || style.borderBottom) && rows > 1) edges.push('InsideHorizontal');
      for (const edge of edges) range.format.borders.getItem(edge).style = 'Continuous';
    }),
  ];
}

function applyStyle(format: Excel.RangeFormat, style: CellStyle): void {
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.size !== undefined) format.font.size = style.size;
  if (style.color) format.font.color = hexColor(style.color);
  if (style.fill) format.fill.color = hexColor(style.fill);
  if (style.align) format.horizontalAlignment = ALIGN[style.align];
  if (style.wrap) {
    format.wrapText = true;
    format.verticalAlignment = 'Top';
  }
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;

/** Column widths (characters → points) and hidden columns. */
function columnOps(spec: SheetSpec): SheetOp[] {
  const ops: SheetOp[] = [];
  (spec.columns ?? []).forEach((c, i) => {
    if (c.width === undefined && !c.hidden) return;
    ops.push(
      small(c, (ws) => {
        const cell = ws.getRangeByIndexes(0, i, 1, 1);
        if (c.width !== undefined) cell.format.columnWidth = columnPoints(c.width);
        if (c.hidden) cell.columnHidden = true;
      }),
    );
  });
  return ops;
}

/**
 * A column width in characters (the spec's and the file format's unit) as points (Office.js's):
 * characters of the default font's 7-pixel digit plus 5 pixels of padding, at 0.75 pt per pixel.
 *
 * @example
 * columnPoints(8.43) // 48 (Excel's default column)
 */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function freezePanes(ws: Excel.Worksheet, rows: number, cols: number): void {
  if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else ws.freezePanes.freezeColumns(cols);
}

const OPERATORS = {
  lessThan: 'LessThan',
  greaterThan: 'GreaterThan',
  between: 'Between',
  equal: 'EqualTo',
  greaterThanOrEqual: 'GreaterThanOrEqual',
  lessThanOrEqual: 'LessThanOrEqual',
} as const;

function addConditionalFormat(ws: Excel.Worksheet, cf: ConditionalFormat): void {
  const range = ws.getRange(cf.range);
  switch (cf.kind) {
    case 'cellIs': {
      const added = range.conditionalFormats.add('CellValue').cellValue;
      const [v1, v2] = cf.values;
      added.rule =
        v2 === undefined
          ? { formula1: `=${v1}`, operator: OPERATORS[cf.operator] }
          : { formula1: `=${v1}`, formula2: `=${v2}`, operator: OPERATORS[cf.operator] };
      conditionalStyle(added.format, cf.style);
      return;
    }
    case 'expression': {
      const added = range.conditionalFormats.add('Custom').custom;
      added.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
      conditionalStyle(added.format, cf.style);
      return;
    }
    case 'dataBar': {
      const bar = range.conditionalFormats.add('DataBar').dataBar;
      bar.lowerBoundRule = { type: 'LowestValue' };
      bar.upperBoundRule = { type: 'HighestValue' };
      bar.positiveFormat.fillColor = hexColor(cf.color);
      bar.positiveFormat.gradientFill = false;
      return;
    }
  }
}

/** The differential style of a conditional format: font and fill, as in the file adapter. */
function conditionalStyle(format: Excel.ConditionalRangeFormat, style: CellStyle): void {
  if (style.bold) format.font.bold = true;
  if (style.italic) format.font.italic = true;
  if (style.color) format.font.color = hexColor(style.color);
  if (style.fill) format.fill.color = hexColor(style.fill);
}

/**
 * A native chart: columns and/or lines over the spec's category range, a secondary value axis for
 * the series that ask for one (when some series stays on the primary axis), anchored to cells.
 */
function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  if (spec.series.length === 0) return;
  const first = spec.series[0];
  const chart = ws.charts.add(chartType(first.type), ws.getRange(first.values), 'Columns');
  chart.title.text = spec.title;
  chart.legend.position = 'Bottom';
  const { row, col, rows, cols } = spec.anchor;
  chart.setPosition(cellAddress(row, col), cellAddress(row + rows - 1, col + cols - 1));
  const anyPrimary = spec.series.some((s) => !s.secondaryAxis);
  let secondary = false;
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    series.setValues(ws.getRange(s.values));
    series.setXAxisValues(ws.getRange(spec.categories));
    series.chartType = chartType(s.type);
    if (s.secondaryAxis && anyPrimary) {
      series.axisGroup = 'Secondary';
      secondary = true;
    }
    if (s.color) {
      if (s.type === 'line') series.format.line.color = hexColor(s.color);
      else series.format.fill.setSolidColor(hexColor(s.color));
    }
  });
  if (spec.valueFormat) chart.axes.getItem('Value', 'Primary').numberFormat = spec.valueFormat;
  const secondaryFormat = spec.secondaryFormat ?? spec.valueFormat;
  if (secondary && secondaryFormat) {
    chart.axes.getItem('Value', 'Secondary').numberFormat = secondaryFormat;
  }
}

function chartType(type: 'column' | 'line'): 'ColumnClustered' | 'Line' {
  return type === 'line' ? 'Line' : 'ColumnClustered';
}

// ---------------------------------------------------------------------------------------------
// Drop-down lists

/** Excel's limit on a list typed into a data validation rule (the source text, commas included). */
export const LIST_SOURCE_LIMIT = 255;

/**
 * The `source` text of a list validation: the values joined by commas, as Office.js takes a list
 * (ExcelApi 1.8, `ListDataValidation.source`: "a string that contains a comma-separated" list).
 * Excel has no quoting for such a list, so a value that holds a comma cannot be expressed; a source
 * that starts with `=` would be read as a formula or range; and a typed list holds at most 255
 * characters. Those lists are refused with an Error (before any write), as is an empty list or an
 * empty value: the toolkit's own lists (level, power, influence, attitude, role) have none of them.
 * A list that needs them would be written to cells and referenced as a Range instead.
 *
 * @example
 * listSource({ range: 'D2:D501', list: ['central', 'regional', 'local'] }) // 'central,regional,local'
 */
export function listSource(validation: DataValidation): string {
  const { list, range } = validation;
  const refuse = (why: string) =>
    new Error(`The drop-down list of ${range} cannot be written to Excel: ${why}.`);
  if (list.length === 0) throw refuse('it has no values');
  for (const value of list) {
    if (value.trim() === '') throw refuse('it has an empty value');
    if (value.includes(',')) throw refuse(`"${value}" holds a comma, which separates the values`);
  }
  if (list[0].trimStart().startsWith('='))
    throw refuse(`"${list[0]}" starts with "=" and would be read as a formula`);
  const source = list.join(',');
  if (source.length > LIST_SOURCE_LIMIT)
    throw refuse(`its values take ${source.length} characters, more than ${LIST_SOURCE_LIMIT}`);
  return source;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** An operation whose payload is its (small) spec part. */
function small(part: unknown, apply: (sheet: Excel.Worksheet) => void): SheetOp {
  return { bytes: jsonBytes(part) + OP_OVERHEAD, apply };
}

/** '1F4E78' or '#1F4E78' → '#1F4E78'. */
function hexColor(hex: string): string {
  const h = hex.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new Error(`Not a 6-digit hex colour: "${hex}"`);
  return `#${h}`;
}

/**
 * 0-based row/col → A1 address.
 *
 * @example
 * cellAddress(7, 2) // 'C8'
 */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/**
 * UTF-8 bytes of a value's JSON: what it weighs in a request or a response.
 *
 * @example
 * jsonBytes([['Å', 1]]) // 10
 */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? '';
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
