import fc from 'fast-check';
import { priceVolumeMix, type PvmBridge } from '../../shared/analysis/pvm';

const parts = (b: PvmBridge) => b.volume + b.mix + b.price + b.new + b.lost + b.other;

describe('worked examples', () => {
  test('SPEC §3: A 10×1000 → 11×1000, B 15×800 → 15×700, C 20×500 → 23×800', () => {
    const b = priceVolumeMix(
      [1000, 800, 500],
      [10000, 12000, 10000],
      [1000, 700, 800],
      [11000, 10500, 18400],
    );
    // P̄₀ = 32,000 / 2,300; volume = (2,500 − 2,300) · P̄₀
    expect(b.volume).toBeCloseTo(200 * (32000 / 2300), 9);
    expect(b.volume).toBeCloseTo(2782.6087, 4);
    // mix = (10,000 + 10,500 + 16,000) − 2,500 · P̄₀
    expect(b.mix).toBeCloseTo(36500 - 2500 * (32000 / 2300), 9);
    expect(b.mix).toBeCloseTo(1717.3913, 4);
    // price = 1 · 1,000 + 0 · 700 + 3 · 800
    expect(b.price).toBeCloseTo(3400, 9);
    expect(b.new).toBe(0);
    expect(b.lost).toBe(0);
    expect(b.other).toBe(0);
    expect(b.total).toBe(7900);
    expect(parts(b)).toBeCloseTo(7900, 9);
  });

  test('new, lost and other products', () => {
    const b = priceVolumeMix(
      // A continuing; N new; M new (blank period 0); L lost; K lost (blank period 1);
      // D credit note only in period 1; Q quantity missing both periods; Z adjustment with qty 0
      [10, 0, NaN, 5, 4, 10, NaN, 0],
      [100, 0, NaN, 60, 40, 100, 500, 30],
      [10, 3, 5, 0, NaN, -2, NaN, 2],
      [120, 36, 50, 0, NaN, -20, 600, 25],
    );
    expect(b.volume).toBeCloseTo(0, 12);
    expect(b.mix).toBeCloseTo(0, 12);
    expect(b.price).toBeCloseTo(20, 12);
    expect(b.new).toBe(36 + 50);
    expect(b.lost).toBe(-(60 + 40));
    // D: −20 − 100; Q: 600 − 500; Z: 25 − 30
    expect(b.other).toBe(-120 + 100 - 5);
    const r0 = 100 + 60 + 40 + 100 + 500 + 30;
    const r1 = 120 + 36 + 50 - 20 + 600 + 25;
    expect(b.total).toBe(r1 - r0);
    expect(parts(b)).toBeCloseTo(b.total, 9);
  });

  test('a credit note in period 0 (negative net quantity) makes the product "other"', () => {
    const b = priceVolumeMix([-3], [-30], [4], [44]);
    expect(b).toEqual({ volume: 0, mix: 0, price: 0, new: 0, lost: 0, other: 74, total: 74 });
  });

  test('revenue without a quantity is a sale (not new, not lost)', () => {
    const b = priceVolumeMix([NaN], [200], [NaN], [150]);
    expect(b.other).toBe(-50);
    expect(b.new).toBe(0);
    expect(b.lost).toBe(0);
  });

  test('a product with neither revenue nor quantity in either period adds nothing', () => {
    expect(priceVolumeMix([0, NaN], [NaN, 0], [NaN, 0], [0, NaN])).toEqual({
      volume: 0,
      mix: 0,
      price: 0,
      new: 0,
      lost: 0,
      other: 0,
      total: 0,
    });
  });

  test('no products', () => {
    expect(parts(priceVolumeMix([], [], [], []))).toBe(0);
  });

  test('pure volume: same prices, same mix, double quantities', () => {
    const b = priceVolumeMix([10, 20], [100, 400], [20, 40], [200, 800]);
    expect(b.volume).toBeCloseTo(500, 9);
    expect(b.mix).toBeCloseTo(0, 9);
    expect(b.price).toBeCloseTo(0, 9);
  });

  test('pure mix: same prices, same total quantity, shifted to the dearer product', () => {
    // P₀ = 10 and 20, P̄₀ = 15; 5 units move from A to B: mix = 5 · 20 − 5 · 10
    const b = priceVolumeMix([10, 10], [100, 200], [5, 15], [50, 300]);
    expect(b.volume).toBeCloseTo(0, 9);
    expect(b.mix).toBeCloseTo(50, 9);
    expect(b.price).toBeCloseTo(0, 9);
    expect(b.total).toBe(50);
  });

  test('arrays of different lengths are a RangeError', () => {
    expect(() => priceVolumeMix([1, 2], [1, 2], [1], [1, 2])).toThrow(RangeError);
  });
});

/** Two-decimal amounts, zeros, negatives and blanks (NaN). */
const amount = fc.oneof(
  fc.constant(0),
  fc.constant(NaN),
  fc.integer({ min: -1_000_000, max: 100_000_000 }).map((x) => x / 100),
  fc.integer({ min: -50, max: 5000 }),
);
const product = fc.tuple(amount, amount, amount, amount);

describe('properties', () => {
  test('the six components add up to R₁ − R₀', () => {
    fc.assert(
      fc.property(fc.array(product, { maxLength: 40 }), (rows) => {
        const b = priceVolumeMix(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
          rows.map((r) => r[2]),
          rows.map((r) => r[3]),
        );
        let r0 = 0;
        let r1 = 0;
        let scale = 0;
        for (const r of rows) {
          r0 += Number.isNaN(r[1]) ? 0 : r[1];
          r1 += Number.isNaN(r[3]) ? 0 : r[3];
          scale += Math.abs(r[1] || 0) + Math.abs(r[3] || 0);
        }
        for (const v of Object.values(b)) {
          expect(Number.isFinite(v)).toBe(true);
          scale += Math.abs(v);
        }
        expect(Math.abs(b.total - (r1 - r0))).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
        expect(Math.abs(parts(b) - b.total)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
      }),
    );
  });

  test('unchanged quantities: no volume, no mix; the change is price', () => {
    const row = fc.tuple(
      fc.integer({ min: 1, max: 10000 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 0, max: 1_000_000 }),
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const q = rows.map((r) => r[0]);
        const b = priceVolumeMix(
          q,
          rows.map((r) => r[1] / 100),
          q,
          rows.map((r) => r[2] / 100),
        );
        const scale = rows.reduce((s, r) => s + r[1] + r[2], 1) / 100;
        expect(b.volume).toBe(0);
        expect(Math.abs(b.mix)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(b.price - b.total)).toBeLessThanOrEqual(1e-9 * scale);
      }),
    );
  });
});
