/** Argument reading and broadcasting, as native spreadsheet functions behave. */
import { CellError, errorKindOfText } from '../../shared/functions/cell-error';
import {
  NumberGrid,
  optionalChoice,
  optionalFlag,
  rowsOf,
} from '../../shared/functions/cell-values';
import { ctx, call, errorOf, plainGrid } from './support';

describe('NumberGrid', () => {
  test('reads numbers, SPEC §2 text numbers and blanks', () => {
    const g = NumberGrid.read(
      [[100], ['1 234,50'], ['\u00a012 %'], ['(450)'], [null], [''], ['1.234,50 kr'], ['450-']],
      'revenue',
      ctx,
    );
    expect(Array.from(g.values)).toEqual([100, 1234.5, 0.12, -450, NaN, NaN, 1234.5, -450]);
    expect(g.problems.size).toBe(0);
  });

  test('decides 1,234 per argument from its other cells', () => {
    expect(Array.from(NumberGrid.read([['1,234'], ['12,50']], 'x', ctx).values)).toEqual([
      1.234, 12.5,
    ]);
    expect(Array.from(NumberGrid.read([['1,234'], ['12.50']], 'x', ctx).values)).toEqual([
      1234, 12.5,
    ]);
    expect(Array.from(NumberGrid.read([['1,234']], 'x', ctx).values)).toEqual([1234]);
  });

  test('names the argument, row and value of a bad cell', () => {
    const g = NumberGrid.read([[1], ['abc'], [true]], 'revenue', ctx);
    expect(g.problems.get(1)).toEqual(
      new CellError('#VALUE!', "KAM.TEST: revenue is 'abc' in row 2, not a number"),
    );
    expect(g.problems.get(2)?.message).toBe('KAM.TEST: revenue is true in row 3, not a number');
    const wide = NumberGrid.read(
      [
        [1, 2],
        [3, 'x'],
      ],
      'values',
      ctx,
    );
    expect(wide.problems.get(3)?.message).toBe(
      "KAM.TEST: values is 'x' in row 2, column 2, not a number",
    );
    expect(NumberGrid.read('x', 'cost', ctx).problems.get(0)?.message).toBe(
      "KAM.TEST: cost is 'x', not a number",
    );
  });

  test('error cells keep their kind', () => {
    const g = NumberGrid.read([['#N/A'], ['#DIV/0!'], ['#REF!']], 'values', ctx);
    expect([0, 1, 2].map((i) => g.problems.get(i)?.kind)).toEqual(['#N/A', '#DIV/0!', '#VALUE!']);
    expect(errorKindOfText('#NUM!')).toBe('#NUM!');
    expect(errorKindOfText('#hashtag')).toBeNull();
  });

  test('list() skips blanks and stops at the first bad cell', () => {
    expect(
      Array.from(NumberGrid.read([[3], [null], [4]], 'v', ctx).list() as Float64Array),
    ).toEqual([3, 4]);
    expect(NumberGrid.read([[3], ['y'], ['z']], 'v', ctx).list()).toBeInstanceOf(CellError);
  });

  test('rowsOf shapes values, rows and ranges', () => {
    expect(rowsOf(5)).toEqual([[5]]);
    expect(rowsOf([1, 2])).toEqual([[1, 2]]);
    expect(rowsOf(undefined)).toEqual([]);
  });

  test('single-value options', () => {
    expect(optionalChoice(' cr ', 'measure', 'HHI', ['HHI', 'CR'], ctx)).toBe('CR');
    expect((optionalChoice('x', 'measure', 'HHI', ['HHI', 'CR'], ctx) as CellError).message).toBe(
      "KAM.TEST: measure is 'x'; use one of HHI, CR",
    );
    expect(optionalFlag('ja', 'f', false, ctx)).toBe(true);
    expect(optionalFlag(undefined, 'f', true, ctx)).toBe(true);
    expect(optionalFlag([[1], [0]], 'f', true, ctx)).toBeInstanceOf(CellError);
  });
});

describe('broadcasting (MARGIN as the example)', () => {
  test('a single value repeats over a range', () => {
    expect(plainGrid(call('MARGIN', [[100], [200]], 50))).toEqual([[0.5], [0.75]]);
  });

  test('a row against a column gives the outer shape', () => {
    expect(plainGrid(call('MARGIN', [[100], [200]], [[10, 20]]))).toEqual([
      [0.9, 0.8],
      [0.95, 0.9],
    ]);
  });

  test('cells beyond a shorter range are #N/A', () => {
    const g = call('MARGIN', [[100], [200], [400]], [[10], [20]]);
    expect(plainGrid(g)).toEqual([[0.9], [0.9], [{ error: '#N/A' }]]);
    expect((g[2][0] as CellError).message).toBe(
      'KAM.MARGIN: cost has 2×1 cells, no row 3, column 1',
    );
  });

  test('both blank stays blank; one blank counts as 0', () => {
    expect(plainGrid(call('MARGIN', [[null], [100]], [[''], [null]]))).toEqual([[''], [1]]);
  });

  test('a bad row is an error in that row only, naming it', () => {
    const g = call('MARGIN', [[100], [0], ['abc']], [[50], [5], [5]]);
    expect(plainGrid(g)).toEqual([[0.5], [{ error: '#DIV/0!' }], [{ error: '#VALUE!' }]]);
    expect(errorOf([[g[1][0]]]).message).toBe('KAM.MARGIN: revenue is 0 in row 2');
    expect(errorOf([[g[2][0]]]).message).toBe(
      "KAM.MARGIN: revenue is 'abc' in row 3, not a number",
    );
  });

  test('a single-cell error has no row', () => {
    expect(errorOf(call('MARGIN', 0, 5)).message).toBe('KAM.MARGIN: revenue is 0');
  });
});
