import fc from 'fast-check';
import {
  accountPricePositions,
  accountProductTotals,
  periodExposure,
  productPriceBands,
} from '../../shared/analysis/price-bands';
import { day } from './table';
import { linesTable, type Line } from '../companions/sales-lines';

// Product A: Acme 10 for 100 (10.00), Beta 20 for 240 (12.00), Gamma 40 for 440 (11.00).
// Product B: Acme 5 for 100 (20.00) on two lines; Beta 50 for 900 (18.00).
const LINES: Line[] = [
  { date: '2026-03-01', account: 'Acme', product: 'A', qty: 10, revenue: 100 },
  { date: '2026-03-01', account: 'Beta', product: 'A', qty: 20, revenue: 240 },
  { date: '2026-03-01', account: 'Gamma', product: 'A', qty: 40, revenue: 440 },
  { date: '2026-03-01', account: 'Acme', product: 'B', qty: 2, revenue: 40 },
  { date: '2026-04-01', account: 'Acme', product: 'B', qty: 3, revenue: 60 },
  { date: '2026-04-01', account: 'Beta', product: 'B', qty: 50, revenue: 900 },
  // Outside the period below: ignored there.
  { date: '2025-01-01', account: 'Gamma', product: 'B', qty: 1, revenue: 1 },
];
const PERIOD = { from: day('2026-01-01'), to: day('2026-12-31') };

describe('price bands (worked example)', () => {
  const table = linesTable(LINES);
  const bands = productPriceBands(table, PERIOD)!;

  test('min, median, max and spread per product', () => {
    expect(bands.map((b) => b.name)).toEqual(['A', 'B']);
    const a = bands[0].band;
    expect([a.count, a.min, a.median, a.max]).toEqual([3, 10, 11, 12]);
    expect(a.spread).toBeCloseTo(2 / 11, 12);
    const b = bands[1].band;
    expect([b.count, b.min, b.median, b.max]).toEqual([2, 18, 19, 20]);
  });

  test("each account's position: Acme cheapest on A, dearest on B", () => {
    const acme = accountPricePositions(bands, 0);
    expect(acme.map((p) => [p.name, p.price, p.quantity, p.percentile])).toEqual([
      ['A', 10, 10, 0],
      ['B', 20, 5, 1],
    ]);
    const gamma = accountPricePositions(bands, 2);
    expect(gamma.map((p) => [p.name, p.percentile])).toEqual([['A', 0.5]]);
  });

  test('without a period every row counts; without quantity there is no band', () => {
    expect(productPriceBands(table, null)![1].band.count).toBe(3);
    const noQty = linesTable(LINES.map(({ qty: _q, ...l }) => l));
    expect(productPriceBands(noQty, null)).toBeNull();
    expect(accountProductTotals(noQty, null)).toBeNull();
    expect(periodExposure(noQty, null)).toBeNull();
  });

  test('transparency exposure of the period, with evidence', () => {
    // A: Beta (20 @ 12) vs Acme (10 @ 10): 2 × 20 = 40; Gamma (40 @ 11) vs Acme: 1 × 40 = 40.
    // B: Beta (50 @ 18) is cheaper than Acme (5 @ 20), but larger: no exposure for Acme.
    const ex = periodExposure(table, PERIOD)!;
    expect(ex.total).toBeCloseTo(80, 10);
    expect(Array.from(ex.exposure)).toEqual([0, 40, 40]);
    expect(ex.evidence.map((e) => [e.account, e.bestAccount, e.amount])).toEqual([
      [1, 0, 40],
      [2, 0, 40],
    ]);
  });
});

const line = fc.record({
  account: fc.integer({ min: 0, max: 5 }),
  product: fc.integer({ min: 0, max: 3 }),
  qty: fc.integer({ min: 1, max: 100 }),
  price: fc.integer({ min: 1, max: 1000 }).map((p) => p / 10),
});

describe('exposure properties over a sales table', () => {
  test('0 when every larger customer pays no more than every smaller one', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (raw) => {
        // One line per (account, product); price falls as quantity rises (strictly larger pays less
        // or equal; equal quantities pay the same).
        const seen = new Set<string>();
        const lines: Line[] = [];
        for (const l of raw) {
          const key = `${l.account}/${l.product}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const price = 1000 / l.qty;
          lines.push({
            account: `C${l.account}`,
            product: `P${l.product}`,
            qty: l.qty,
            revenue: price * l.qty,
          });
        }
        const ex = periodExposure(linesTable(lines), null)!;
        expect(ex.total).toBe(0);
        expect(ex.evidence).toEqual([]);
      }),
    );
  });

  test("never exceeds the account's revenue (positive prices)", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (raw) => {
        const lines = raw.map((l) => ({
          account: `C${l.account}`,
          product: `P${l.product}`,
          qty: l.qty,
          revenue: l.qty * l.price,
        }));
        const table = linesTable(lines);
        const ex = periodExposure(table, null)!;
        const revenue = new Map<number, number>();
        for (let i = 0; i < table.length; i++) {
          const a = table.account.codes[i];
          revenue.set(a, (revenue.get(a) ?? 0) + table.revenue[i]);
        }
        ex.accounts.forEach((a, i) => {
          expect(ex.exposure[i]).toBeGreaterThanOrEqual(0);
          expect(ex.exposure[i]).toBeLessThanOrEqual((revenue.get(a) ?? 0) * (1 + 1e-12));
        });
      }),
    );
  });
});
