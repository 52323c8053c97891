/** PVM, PRICEPOSITION, EXPOSURE, COVERAGE, SIGNALCLOCK: worked cases, errors and properties. */
import fc from 'fast-check';
import type { Grid } from '../../shared/functions/cell-values';
import { call, errorOf, plainGrid } from './support';

const column = (values: readonly unknown[]) => values.map((v) => [v]);
const pvmValue = (g: Grid, label: string): number =>
  g.find((row) => row[0] === label)![1] as number;

describe('PVM', () => {
  test('the components always sum to R₁ − R₀', () => {
    // Quantities in whole units (credit notes negative), revenues in cents, blanks and zeros.
    const qty = fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: -50, max: 500 }));
    const revenue = fc.oneof(
      fc.constant(null),
      fc.constant(0),
      fc.integer({ min: -1e6, max: 1e8 }).map((c) => c / 100),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(qty, revenue, qty, revenue), { minLength: 1, maxLength: 25 }),
        (rows) => {
          fc.pre(rows.some((r) => r[0] !== null) && rows.some((r) => r[2] !== null));
          const g = call('PVM', ...[0, 1, 2, 3].map((k) => column(rows.map((r) => r[k]))));
          const parts = ['volume', 'mix', 'price', 'new', 'lost', 'other'].map((l) =>
            pvmValue(g, l),
          );
          const r0 = rows.reduce((s, r) => s + (r[1] ?? 0), 0);
          const r1 = rows.reduce((s, r) => s + (r[3] ?? 0), 0);
          const scale = 1 + rows.reduce((s, r) => s + Math.abs(r[1] ?? 0) + Math.abs(r[3] ?? 0), 0);
          expect(Math.abs(parts.reduce((a, b) => a + b, 0) - (r1 - r0))).toBeLessThan(
            1e-9 * scale * 10,
          );
          expect(Math.abs(pvmValue(g, 'total') - (r1 - r0))).toBeLessThan(1e-9 * scale);
        },
      ),
    );
  });

  test('new, lost and other products', () => {
    const g = call(
      'PVM',
      column([10, null, 5, 4]),
      column([100, null, 50, 40]),
      column([10, 3, null, -1]),
      column([120, 30, null, -8]),
    );
    expect(plainGrid(g)).toEqual([
      ['volume', 0],
      ['mix', 0],
      ['price', 20],
      ['new', 30],
      ['lost', -50],
      ['other', -48],
      ['total', -48],
    ]);
  });

  test('without quantities there is no PVM', () => {
    const none = column([null, null]);
    expect(errorOf(call('PVM', none, column([1, 2]), none, column([3, 4]))).message).toBe(
      'KAM.PVM: qty0 has no quantities: price-volume-mix needs them',
    );
    expect(
      errorOf(call('PVM', column([1]), column([1, 2]), column([1]), column([1]))).message,
    ).toBe('KAM.PVM: revenue0 has 2×1 cells and qty0 1×1: give ranges of the same shape');
    expect(
      errorOf(call('PVM', column([1]), column([1]), column([1]), column([1]), 'VOL')).kind,
    ).toBe('#VALUE!');
  });
});

describe('PRICEPOSITION', () => {
  test('duplicates in the band and prices outside it', () => {
    expect(plainGrid(call('PRICEPOSITION', column([2, 0.5, '']), column([1, 2, 2, 3])))).toEqual([
      [0.333333333],
      [0],
      [''],
    ]);
    expect(errorOf(call('PRICEPOSITION', 3, column([null]))).message).toBe(
      'KAM.PRICEPOSITION: band_prices has no prices',
    );
  });
});

describe('EXPOSURE', () => {
  const accounts = column(['Big', 'Small', 'Mid', 'Mid']);
  const products = column(['P1', 'P1', 'P1', 'P2']);
  test('an account unknown to the lines is #N/A; a blank account on a line is named', () => {
    expect(
      errorOf(
        call(
          'EXPOSURE',
          accounts,
          products,
          column([100, 10, 50, 1]),
          column([900, 80, 500, 5]),
          'Nobody',
        ),
      ).message,
    ).toBe("KAM.EXPOSURE: account 'Nobody' is not among accounts");
    expect(
      errorOf(
        call('EXPOSURE', column(['Big', '']), column(['P1', 'P1']), column([1, 2]), column([1, 2])),
      ).message,
    ).toBe('KAM.EXPOSURE: accounts is blank in row 2, on a line with a quantity or revenue');
  });
  test('an account with no exposure gives 0', () => {
    expect(
      call(
        'EXPOSURE',
        accounts,
        products,
        column([100, 10, 50, 1]),
        column([900, 80, 500, 5]),
        'small',
      )[0][0],
    ).toBe(0);
  });
});

describe('COVERAGE', () => {
  test('keeps the range shape; a non-text cell is named', () => {
    expect(plainGrid(call('COVERAGE', [['A; B', 'C']]))).toEqual([[2, 1]]);
    expect(errorOf(call('COVERAGE', [[true]])).message).toBe(
      'KAM.COVERAGE: our_contacts is true, not names',
    );
  });
});

describe('SIGNALCLOCK', () => {
  test('reads serial numbers, Dates (as Apps Script delivers) and text', () => {
    const raised = new Date(2026, 10, 26, 9, 0);
    expect(call('SIGNALCLOCK', raised, 46352.5)[0][0]).toBe(21); // acted 12:00 the same day
    expect(call('SIGNALCLOCK', '26/11/2026 09:00', '2026-11-27 10:00')[0][0]).toBe(-1);
  });
  test('open signals run on the host clock unless now is given', () => {
    // The test clock is 2026-11-27 12:00.
    expect(call('SIGNALCLOCK', '2026-11-27 08:00')[0][0]).toBe(20);
    expect(call('SIGNALCLOCK', '2026-11-27 08:00', null, 8)[0][0]).toBe(4);
    expect(call('SIGNALCLOCK', '2026-11-27 08:00', null, 24, '2026-11-28 09:00')[0][0]).toBe(-1);
  });
  test('errors name the problem', () => {
    expect(errorOf(call('SIGNALCLOCK', '2026-11-27 08:00', null, 0)).kind).toBe('#NUM!');
    expect(errorOf(call('SIGNALCLOCK', 'yesterday')).message).toBe(
      "KAM.SIGNALCLOCK: raised_at is 'yesterday', not a date and time",
    );
    expect(plainGrid(call('SIGNALCLOCK', column([null, null]), column([null, 46352])))).toEqual([
      [''],
      [{ error: '#VALUE!' }],
    ]);
  });
});
