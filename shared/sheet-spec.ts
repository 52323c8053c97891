/**
 * SheetSpec: a declarative description of a sheet the toolkit builds. Every host adapter (file,
 * Excel, Google Sheets) renders the same spec; tests assert on specs.
 *
 * Coordinates are 0-based (row 0 = sheet row 1, col 0 = column A). Formulas use English function
 * names and A1 references, without the leading `=`. A plain `string` cell is ALWAYS literal text —
 * adapters must never let it become a formula, even when it starts with `=`, `+`, `-` or `@`.
 */

/** A literal value. Dates are written as Excel serial numbers with a date number format. */
export type CellValue = string | number | boolean | null;

/** A native formula, e.g. `{ formula: 'SUM(C7:C26)' }`. `value` is the result the core expects. */
export interface FormulaCell {
  readonly formula: string;
  readonly value?: CellValue;
}

export type Cell = CellValue | FormulaCell;

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points. */
  readonly size?: number;
  /** 6-digit hex RGB without '#', e.g. '1F4E78'. */
  readonly color?: string;
  readonly fill?: string;
  readonly align?: 'left' | 'center' | 'right';
  readonly wrap?: boolean;
  readonly borderBottom?: boolean;
  readonly borderTop?: boolean;
}

/** A rectangle of cells starting at (row, col). */
export interface CellBlock {
  readonly row: number;
  readonly col: number;
  readonly cells: readonly (readonly Cell[])[];
  /** Number format per column of the block (Excel format codes, e.g. '0.0%'), null = General. */
  readonly numberFormats?: readonly (string | null)[];
  readonly style?: CellStyle;
}

export interface ColumnSpec {
  /** Width in characters. */
  readonly width?: number;
  readonly hidden?: boolean;
}

export type ConditionalFormat =
  | {
      readonly kind: 'cellIs';
      /** A1 range, e.g. 'G7:G26'. */
      readonly range: string;
      readonly operator:
        'lessThan' | 'greaterThan' | 'between' | 'equal' | 'greaterThanOrEqual' | 'lessThanOrEqual';
      readonly values: readonly number[];
      readonly style: CellStyle;
    }
  | {
      readonly kind: 'expression';
      readonly range: string;
      /** Formula relative to the range's top-left cell, without '='. */
      readonly formula: string;
      readonly style: CellStyle;
    }
  | {
      readonly kind: 'dataBar';
      readonly range: string;
      readonly color: string;
    };

export interface ChartSeries {
  readonly name: string;
  /** A1 range on this sheet holding the values, e.g. 'C7:C26'. */
  readonly values: string;
  readonly type: 'column' | 'line';
  readonly secondaryAxis?: boolean;
  readonly color?: string;
}

export interface ChartSpec {
  readonly title: string;
  /** A1 range of the category labels. */
  readonly categories: string;
  readonly series: readonly ChartSeries[];
  /** Top-left cell of the chart and its size in cells. */
  readonly anchor: {
    readonly row: number;
    readonly col: number;
    readonly rows: number;
    readonly cols: number;
  };
  /** Number format for the value axes, e.g. '0%'. */
  readonly valueFormat?: string;
  readonly secondaryFormat?: string;
}

/** A column whose content users type and which survives a rebuild, matched by a key column. */
export interface NotesColumn {
  /** 0-based column of the notes. */
  readonly col: number;
  /** 0-based column of the key (the account name). */
  readonly keyCol: number;
  /** 0-based row of the header of the table holding the notes. */
  readonly headerRow: number;
}

export interface SheetSpec {
  /** Sheet name, already within host rules (≤31 chars, none of []:*?/\). */
  readonly name: string;
  readonly blocks: readonly CellBlock[];
  readonly columns?: readonly ColumnSpec[];
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly conditionalFormats?: readonly ConditionalFormat[];
  readonly charts?: readonly ChartSpec[];
  readonly print?: {
    readonly orientation: 'landscape' | 'portrait';
    readonly fitToPage: boolean;
    /** A1 print area, e.g. 'A1:O40'. */
    readonly area?: string;
  };
  readonly notes?: NotesColumn;
  /** Tab colour, hex RGB. */
  readonly tabColor?: string;
  /** Drop-down lists: cells of `range` (A1, e.g. 'D2:D500') accept only one of `list`. */
  readonly validations?: readonly DataValidation[];
}

/** A drop-down list on a range (Excel data validation "list", Sheets "value in list"). */
export interface DataValidation {
  /** A1 range on this sheet, e.g. 'D2:D500'. */
  readonly range: string;
  /** The allowed values, in drop-down order. */
  readonly list: readonly string[];
}

/** True when the cell is a formula. */
export function isFormula(cell: Cell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null;
}
