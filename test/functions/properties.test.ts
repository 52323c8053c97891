/** Property tests of the catalog (issue 3 acceptance): invariants that hold for any input. */
import fc from 'fast-check';
import { CellError } from '../../shared/functions/cell-error';
import type { Grid } from '../../shared/functions/cell-values';
import { call } from './support';

const column = (values: readonly unknown[]) => values.map((v) => [v]);
const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const positive = fc.double({ min: 0.01, max: 1e6, noNaN: true });
const num = (g: Grid): number => {
  const v = g[0][0];
  if (typeof v !== 'number') throw new Error(`not a number: ${String(v)}`);
  return v;
};

test('MARGIN over a range equals MARGIN cell by cell', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.oneof(amount, fc.constant(0)), amount), { maxLength: 30 }),
      (rows) => {
        const whole = call('MARGIN', column(rows.map((r) => r[0])), column(rows.map((r) => r[1])));
        rows.forEach(([revenue, cost], i) => {
          const single = call('MARGIN', revenue, cost)[0][0];
          const cell = whole[i][0];
          if (single instanceof CellError) {
            expect(cell).toBeInstanceOf(CellError);
            expect((cell as CellError).kind).toBe(single.kind);
          } else {
            expect(cell).toBe(single);
          }
        });
      },
    ),
  );
});

describe('CONCENTRATION', () => {
  const measures = ['HHI', 'CR', 'N80', 'GINI', 'EFFECTIVE'];
  const list = fc.array(positive, { minLength: 1, maxLength: 40 });

  test('is order-invariant', () => {
    const permuted = list.chain((values) =>
      fc.tuple(
        fc.constant(values),
        fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }),
      ),
    );
    fc.assert(
      fc.property(permuted, fc.constantFrom(...measures), ([values, shuffled], m) => {
        expect(num(call('CONCENTRATION', column(shuffled), m))).toBe(
          num(call('CONCENTRATION', column(values), m)),
        );
      }),
    );
  });

  test('is scale-invariant', () => {
    fc.assert(
      fc.property(
        list,
        fc.constantFrom(...measures),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, m, k) => {
          const base = num(call('CONCENTRATION', column(values), m));
          const scaled = num(call('CONCENTRATION', column(values.map((v) => v * k)), m));
          if (m === 'N80') expect(Math.abs(scaled - base)).toBeLessThanOrEqual(1);
          else expect(scaled).toBeCloseTo(base, 6);
        },
      ),
    );
  });

  test('N80 is exactly scale-invariant away from the 80 % boundary', () => {
    expect(num(call('CONCENTRATION', column([50, 30, 20]), 'N80'))).toBe(2);
    expect(num(call('CONCENTRATION', column([5000, 3000, 2000]), 'N80'))).toBe(2);
  });
});

test("TOPN's shares sum to ≤ 1 and equal the sum of SHARE over its keys", () => {
  const key = fc.constantFrom('Acme AB', 'ACME AB ', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(key, fc.double({ min: 0, max: 1e6, noNaN: true })), {
        minLength: 1,
        maxLength: 40,
      }),
      fc.integer({ min: 1, max: 8 }),
      (rows, n) => {
        fc.pre(rows.some((r) => r[1] > 0));
        const keys = column(rows.map((r) => r[0]));
        const values = column(rows.map((r) => r[1]));
        const top = call('TOPN', keys, values, n);
        const share = call('SHARE', values);
        let sum = 0;
        for (const [, k, , s] of top) {
          sum += s as number;
          const norm = (t: unknown) => String(t).trim().toLowerCase();
          const fromShare = rows.reduce(
            (acc, r, i) => (norm(r[0]) === norm(k) ? acc + (share[i][0] as number) : acc),
            0,
          );
          expect(s as number).toBeCloseTo(fromShare, 12);
        }
        expect(sum).toBeLessThanOrEqual(1 + 1e-12);
        expect(top[top.length - 1][4] as number).toBeCloseTo(sum, 12);
      },
    ),
  );
});
