/**
 * Cell-by-cell functions over ranges, broadcast the way native spreadsheet arithmetic is: every
 * number argument may be one value or a range; the result has the shape of the largest; a one-row
 * or one-column argument repeats along the other direction; a cell outside a smaller range's shape
 * is `#N/A` (as `={1;2;3}+{1;2}` gives in Excel and Google Sheets).
 */
import { CellError } from './cell-error';
import { NumberGrid, type CallContext, type CellValue, type Grid } from './cell-values';

/** One number argument of an elementwise function. */
export interface ElementArg {
  readonly name: string;
  readonly value: unknown;
  /** Used when the argument is omitted or its cell is blank while others are not. */
  readonly blankAs?: number;
}

/** Where a result cell sits, to name its row in messages. */
export interface ElementPlace {
  readonly row: number;
  readonly col: number;
  /** `KAM.MARGIN: revenue is 0 in row 3`: an error about argument `arg` at this cell. */
  error(kind: CellError['kind'], arg: number, what: string): CellError;
}

/**
 * Applies `compute` to each cell of the broadcast shape. A cell where every argument is blank
 * stays blank (''); a bad input cell gives its own error; others get `compute`'s result.
 *
 * @example
 * elementwise(ctx, [{ name: 'revenue', value: [[100], [200]] }, { name: 'cost', value: 50 }],
 *   ([r, c]) => (r - c) / r); // [[0.5], [0.75]]
 */
export function elementwise(
  ctx: CallContext,
  args: readonly ElementArg[],
  compute: (values: Float64Array, place: ElementPlace) => CellValue,
): Grid {
  const grids = args.map((a) => NumberGrid.read(a.value, a.name, ctx));
  const rows = Math.max(1, ...grids.map((g) => g.rows));
  const cols = Math.max(1, ...grids.map((g) => g.cols));
  const values = new Float64Array(args.length);
  const out: Grid = [];
  let row = 0;
  let col = 0;
  const place: ElementPlace = {
    get row() {
      return row;
    },
    get col() {
      return col;
    },
    error: (kind, arg, what) => {
      const g = grids[arg];
      return g.place.error(kind, what, g.rows === 1 ? 0 : row, g.cols === 1 ? 0 : col);
    },
  };
  for (row = 0; row < rows; row++) {
    const line: CellValue[] = new Array(cols);
    for (col = 0; col < cols; col++)
      line[col] = cell(grids, args, values, row, col, place, compute);
    out.push(line);
  }
  return out;
}

function cell(
  grids: readonly NumberGrid[],
  args: readonly ElementArg[],
  values: Float64Array,
  row: number,
  col: number,
  place: ElementPlace,
  compute: (values: Float64Array, place: ElementPlace) => CellValue,
): CellValue {
  let blanks = 0;
  for (let a = 0; a < grids.length; a++) {
    const g = grids[a];
    const r = g.rows === 1 ? 0 : row;
    const c = g.cols === 1 ? 0 : col;
    if (g.rows === 0) {
      values[a] = NaN;
    } else if (r >= g.rows || c >= g.cols) {
      return new CellError(
        '#N/A',
        `${g.place.ctx.name}: ${g.place.arg} has ${g.rows}×${g.cols} cells, no row ${row + 1}, column ${col + 1}`,
      );
    } else {
      const i = r * g.cols + c;
      const problem = g.problems.get(i);
      if (problem) return problem;
      values[a] = g.values[i];
    }
    if (Number.isNaN(values[a])) blanks++;
  }
  if (blanks === grids.length) return '';
  for (let a = 0; a < grids.length; a++) {
    if (Number.isNaN(values[a])) values[a] = args[a].blankAs ?? 0;
  }
  return compute(values, place);
}
