/** SHARE, CONCENTRATION, TOPN, WHALE, and the profitability functions: worked cases and errors. */
import { hhi } from '../../shared/analysis/concentration';
import { call, errorOf, plainGrid } from './support';

const column = (values: readonly unknown[]) => values.map((v) => [v]);

describe('SHARE', () => {
  test('keeps the shape and the blanks', () => {
    expect(
      plainGrid(
        call('SHARE', [
          [60, null],
          ['40', 100],
        ]),
      ),
    ).toEqual([
      [0.3, ''],
      [0.2, 0.5],
    ]);
  });
  test('a total of 0 is #DIV/0! saying so', () => {
    expect(errorOf(call('SHARE', column([5, -5]))).message).toBe(
      'KAM.SHARE: values sum to 0: no positive total to share',
    );
  });
});

describe('CONCENTRATION', () => {
  const values = column([40, 25, 15, 10, 5, 5]);
  test('is the analysis definition of every measure', () => {
    expect(call('CONCENTRATION', values)[0][0]).toBe(hhi([40, 25, 15, 10, 5, 5]));
    expect(plainGrid(call('CONCENTRATION', values, 'cr'))).toEqual([[0.95]]);
    expect(plainGrid(call('CONCENTRATION', values, 'CR', 2))).toEqual([[0.65]]);
    expect(plainGrid(call('CONCENTRATION', values, 'N80'))).toEqual([[3]]);
    expect(plainGrid(call('CONCENTRATION', values, 'GINI'))).toEqual([[0.4]]); // Σ(2i − 7)·xᵢ = 240 over 6 · 100
  });
  test('bad arguments are named', () => {
    expect(errorOf(call('CONCENTRATION', values, 'HHX')).message).toBe(
      "KAM.CONCENTRATION: measure is 'HHX'; use one of HHI, CR, N80, GINI, EFFECTIVE",
    );
    expect(errorOf(call('CONCENTRATION', values, 'HHI', 3)).message).toBe(
      'KAM.CONCENTRATION: n applies to CR only, not HHI',
    );
    expect(errorOf(call('CONCENTRATION', values, 'CR', 0)).kind).toBe('#NUM!');
    expect(errorOf(call('CONCENTRATION', [[null], ['']])).message).toBe(
      'KAM.CONCENTRATION: values has no numbers',
    );
  });
});

describe('TOPN', () => {
  test('fewer accounts than n gives fewer rows; ties keep first appearance', () => {
    expect(plainGrid(call('TOPN', column(['B', 'A', 'C']), column([10, 10, 20])))).toEqual([
      [1, 'C', 20, 0.5, 0.5],
      [2, 'B', 10, 0.25, 0.75],
      [3, 'A', 10, 0.25, 1],
    ]);
  });
  test('rows with a blank value are skipped; a blank key with a value is named', () => {
    expect(plainGrid(call('TOPN', column(['A', 'B']), column([10, null])))).toEqual([
      [1, 'A', 10, 1, 1],
    ]);
    expect(errorOf(call('TOPN', column(['A', '']), column([10, 5]))).message).toBe(
      'KAM.TOPN: keys is blank in row 2, where values is 5',
    );
  });
  test('ranges of different shapes are refused', () => {
    expect(errorOf(call('TOPN', column(['A', 'B']), column([1, 2, 3]))).message).toBe(
      'KAM.TOPN: values has 3×1 cells and keys 2×1: give ranges of the same shape',
    );
  });
  test('a margin of an account whose values sum to 0 is #DIV/0!', () => {
    const g = call('TOPN', column(['A', 'B', 'B']), column([10, 5, -5]), 5, column([1, 2, 3]));
    expect(plainGrid(g)).toEqual([
      [1, 'A', 10, 1, 1, 1, 0.1],
      [2, 'B', 0, 0, 1, 5, { error: '#DIV/0!' }],
    ]);
  });
});

describe('WHALE', () => {
  test('a portfolio losing money overall has no curve', () => {
    expect(errorOf(call('WHALE', column([10, -30]))).message).toBe(
      'KAM.WHALE: profits total -20: the curve needs a positive total profit',
    );
  });
});

describe('profitability', () => {
  test('GROWTH with a negative previous still shows a rise', () => {
    expect(call('GROWTH', -50, -100)[0][0]).toBe(0.5);
    expect(errorOf(call('GROWTH', [[1], [0]], [[2], [0]]).slice(1)).message).toBe(
      'KAM.GROWTH: previous and current are both 0 in row 2',
    );
  });
  test('SHAREOFWALLET refuses a negative wallet', () => {
    expect(errorOf(call('SHAREOFWALLET', 10, -5)).kind).toBe('#NUM!');
  });
});
