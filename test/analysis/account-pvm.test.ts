import fc from 'fast-check';
import { accountPvm } from '../../shared/analysis/account-pvm';
import { resolvePeriods } from '../../shared/analysis/periods';
import type { ResolvedPeriods } from '../../shared/analysis/types';
import { day } from './table';
import { linesTable, type Line } from '../companions/sales-lines';

const OLD = '2025-06-15';
const NEW = '2026-06-15';
const periods = (lines: readonly Line[]): ResolvedPeriods =>
  resolvePeriods(linesTable(lines), { kind: 'year', year: 2026 });

describe('account PVM (SPEC worked example)', () => {
  // Price × quantity: A 10×1000 → 11×1000, B 15×800 → 15×700, C 20×500 → 23×800, for Acme.
  const lines: Line[] = [
    { date: OLD, account: 'Acme', product: 'A', qty: 1000, revenue: 10_000 },
    { date: OLD, account: 'Acme', product: 'B', qty: 800, revenue: 12_000 },
    { date: OLD, account: 'Acme', product: 'C', qty: 500, revenue: 10_000 },
    { date: NEW, account: 'Acme', product: 'A', qty: 1000, revenue: 11_000 },
    { date: NEW, account: 'Acme', product: 'B', qty: 700, revenue: 10_500 },
    { date: NEW, account: 'Acme', product: 'C', qty: 800, revenue: 18_400 },
    { date: NEW, account: 'Beta', product: 'A', qty: 99, revenue: 1 },
  ];

  test('volume +2,782.6, mix +1,717.4, price +3,400, total +7,900', () => {
    const pvm = accountPvm(linesTable(lines), periods(lines), 0);
    if (!pvm.available) throw new Error('no bridge');
    expect(pvm.bridge.volume).toBeCloseTo(2782.6087, 3);
    expect(pvm.bridge.mix).toBeCloseTo(1717.3913, 3);
    expect(pvm.bridge.price).toBeCloseTo(3400, 9);
    expect(pvm.bridge.total).toBeCloseTo(7900, 9);
    expect([pvm.revenue0, pvm.revenue1]).toEqual([32_000, 39_900]);
    expect(pvm.products.map((p) => [p.product, p.status])).toEqual([
      ['C', 'continuing'],
      ['B', 'continuing'],
      ['A', 'continuing'],
    ]);
  });

  test('new, lost, other and lines without product', () => {
    const more: Line[] = [
      { date: OLD, account: 'Acme', product: 'A', qty: 10, revenue: 1000 },
      { date: OLD, account: 'Acme', product: 'L', qty: 3, revenue: 300 }, // lost
      { date: NEW, account: 'Acme', product: 'A', qty: 10, revenue: 1000 },
      { date: NEW, account: 'Acme', product: 'N', qty: 2, revenue: 250 }, // new
      { date: OLD, account: 'Acme', product: 'O', qty: 1, revenue: 100 },
      { date: NEW, account: 'Acme', product: 'O', qty: -1, revenue: -40 }, // credit: other
      { date: NEW, account: 'Acme', qty: 1, revenue: 70 }, // no product: new
    ];
    const pvm = accountPvm(linesTable(more), periods(more), 0);
    if (!pvm.available) throw new Error('no bridge');
    expect(pvm.bridge.new).toBe(320);
    expect(pvm.bridge.lost).toBe(-300);
    expect(pvm.bridge.other).toBe(-140);
    expect(pvm.bridge.total).toBe(-120);
    expect(pvm.products.find((p) => p.product === null)?.status).toBe('new');
  });

  test('says why there is no bridge', () => {
    const noQty: Line[] = [{ date: NEW, account: 'Acme', product: 'A', revenue: 1 }];
    expect(accountPvm(linesTable(noQty), periods(noQty), 0)).toEqual({
      available: false,
      reason: 'no-quantity',
    });
    const noProduct: Line[] = [{ date: NEW, account: 'Acme', qty: 1, revenue: 1 }];
    expect(accountPvm(linesTable(noProduct), periods(noProduct), 0)).toEqual({
      available: false,
      reason: 'no-product',
    });
    const all = resolvePeriods(linesTable(lines0), { kind: 'all' });
    expect(accountPvm(linesTable(lines0), all, 0)).toEqual({
      available: false,
      reason: 'no-comparison',
    });
  });
});

const lines0: Line[] = [{ date: NEW, account: 'Acme', product: 'A', qty: 1, revenue: 1 }];

describe('account PVM property', () => {
  const lineArb = fc.record({
    old: fc.boolean(),
    account: fc.constantFrom('Acme', 'Beta'),
    product: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: undefined }),
    qty: fc.integer({ min: -5, max: 50 }),
    revenue: fc.integer({ min: -500, max: 50_000 }),
  });

  test("the bridge sums to the account's revenue change", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), (raw) => {
        const lines: Line[] = [
          { date: NEW, account: 'Acme', product: 'A', qty: 1, revenue: 1 },
          ...raw.map((l) => ({
            date: l.old ? OLD : NEW,
            account: l.account,
            product: l.product,
            qty: l.qty,
            revenue: l.revenue,
          })),
        ];
        const table = linesTable(lines);
        const pvm = accountPvm(table, periods(lines), 0);
        if (!pvm.available) throw new Error('no bridge');
        let change = 0;
        lines.forEach((l) => {
          if (l.account === 'Acme') change += l.date === OLD ? -l.revenue : l.revenue;
        });
        const b = pvm.bridge;
        const sum = b.volume + b.mix + b.price + b.new + b.lost + b.other;
        const scale = 1 + lines.reduce((s, l) => s + Math.abs(l.revenue), 0);
        expect(Math.abs(sum - change)).toBeLessThanOrEqual(1e-9 * scale);
        expect(b.total).toBeCloseTo(change, 6);
        expect(pvm.revenue1 - pvm.revenue0).toBeCloseTo(change, 6);
      }),
    );
  });
});

test('day helper sanity', () => {
  expect(day('2026-01-01')).toBe(20454);
});
