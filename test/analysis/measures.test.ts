import fc from 'fast-check';
import {
  concentrationRatio,
  effectiveNumber,
  gini,
  hhi,
  hhiBand,
  n80,
  shares,
  sortedDescending,
} from '../../shared/analysis/concentration';
import { growth } from '../../shared/analysis/growth';
import { whaleCurve, whalePeak } from '../../shared/analysis/whale';
import { shuffle } from './table';

describe('worked examples', () => {
  test('revenues 50 / 30 / 20', () => {
    const v = [50, 30, 20];
    // 50² + 30² + 20² = 2500 + 900 + 400
    expect(hhi(v)).toBeCloseTo(3800, 9);
    expect(hhiBand(hhi(v))).toBe('high');
    expect(effectiveNumber(hhi(v))).toBeCloseTo(2.6315789474, 9);
    expect(concentrationRatio(v, 1)).toBe(0.5);
    expect(concentrationRatio(v, 2)).toBe(0.8);
    expect(concentrationRatio(v, 5)).toBe(1);
    expect(concentrationRatio(v, 20)).toBe(1);
    expect(n80(v)).toBe(2);
    expect(n80(v, 0.5)).toBe(1);
    expect(n80(v, 0.81)).toBe(3);
    // ascending 20, 30, 50: (−2·20 + 0·30 + 2·50) / (3 · 100) = 60 / 300
    expect(gini(v)).toBeCloseTo(0.2, 12);
    expect(Array.from(shares(v))).toEqual([0.5, 0.3, 0.2]);
  });

  test('revenues 40 / 30 / 20 / 10 (given in any order)', () => {
    const v = [10, 40, 20, 30];
    expect(hhi(v)).toBeCloseTo(3000, 9);
    expect(effectiveNumber(hhi(v))).toBeCloseTo(10 / 3, 12);
    expect(concentrationRatio(v, 1)).toBeCloseTo(0.4, 12);
    expect(concentrationRatio(v, 3)).toBeCloseTo(0.9, 12);
    expect(n80(v)).toBe(3);
    // ascending 10, 20, 30, 40: (−3·10 − 1·20 + 1·30 + 3·40) / (4 · 100) = 100 / 400
    expect(gini(v)).toBeCloseTo(0.25, 12);
  });

  test('ten equal accounts', () => {
    const v = new Array(10).fill(7);
    expect(hhi(v)).toBeCloseTo(1000, 9);
    expect(hhiBand(hhi(v))).toBe('moderate');
    expect(effectiveNumber(hhi(v))).toBeCloseTo(10, 9);
    expect(concentrationRatio(v, 1)).toBeCloseTo(0.1, 12);
    expect(concentrationRatio(v, 5)).toBeCloseTo(0.5, 12);
    expect(n80(v)).toBe(8);
    expect(gini(v)).toBe(0);
  });

  test('one account holds everything', () => {
    expect(hhi([123])).toBe(10000);
    expect(effectiveNumber(10000)).toBe(1);
    expect(gini([123])).toBe(0);
    expect(n80([123])).toBe(1);
    expect(concentrationRatio([123], 1)).toBe(1);
    // Gini of (0, …, 0, x) over positive values only is the one-value case: 0.
    expect(gini([0, 0, 123])).toBe(0);
    // (n − 1)/n for one large and tiny others is approached, never exceeded.
    expect(gini([1e-9, 1e-9, 1e-9, 1])).toBeCloseTo(0.75, 6);
  });

  test('zero, negative and blank values', () => {
    expect(hhi([])).toBe(0);
    expect(hhi([0, 0])).toBe(0);
    expect(hhi([-5, 0])).toBe(0);
    expect(hhiBand(0)).toBe('low');
    expect(effectiveNumber(0)).toBe(0);
    expect(gini([])).toBe(0);
    expect(n80([])).toBe(0);
    expect(n80([-10, 5])).toBe(0); // total ≤ 0
    expect(concentrationRatio([], 1)).toBe(0);
    expect(concentrationRatio([50, 30, 20], 0)).toBe(0);
    // HHI and Gini ignore the credit note; CR and N80 divide by the net total 100.
    const v = [100, -50, 50];
    expect(hhi(v)).toBeCloseTo((200 / 3) ** 2 + (100 / 3) ** 2, 9); // 5,555.6
    expect(gini(v)).toBeCloseTo(1 / 6, 12); // ascending 50, 100: (−50 + 100) / (2 · 150)
    expect(concentrationRatio(v, 1)).toBe(1);
    expect(concentrationRatio(v, 2)).toBe(1.5);
    expect(concentrationRatio(v, 3)).toBe(1);
    expect(n80(v)).toBe(1);
    expect(Array.from(shares(v))).toEqual([1, -0.5, 0.5]);
    // NaN = blank: ignored.
    expect(hhi([50, NaN, 30, 20])).toBeCloseTo(3800, 9);
    expect(gini([NaN, 50, 30, 20])).toBeCloseTo(0.2, 12);
    expect(n80([50, NaN, 30, 20])).toBe(2);
    expect(Array.from(sortedDescending([3, NaN, 9, -1]))).toEqual([9, 3, -1]);
    expect(Array.from(shares([1, NaN, 3]))).toEqual([0.25, NaN, 0.75]);
    expect(Array.from(shares([0, 0]))).toEqual([0, 0]);
  });

  test('HHI bands at the boundaries', () => {
    expect(hhiBand(999.99)).toBe('low');
    expect(hhiBand(1000)).toBe('moderate');
    expect(hhiBand(1800)).toBe('moderate');
    expect(hhiBand(1800.01)).toBe('high');
    expect(hhiBand(10000)).toBe('high');
  });

  test('whale curve and peak', () => {
    // GP descending 60, 40, −20: cumulative 60, 100, 80 over total 80.
    expect(Array.from(whaleCurve([60, -20, 40]))).toEqual([0.75, 1.25, 1]);
    expect(whalePeak([60, -20, 40])).toBe(1.25);
    expect(whalePeak([10, 30])).toBe(1);
    expect(Array.from(whaleCurve([10, 30]))).toEqual([0.75, 1]);
    expect(whalePeak([])).toBeNull();
    expect(whalePeak([0, 0])).toBeNull();
    expect(whalePeak([-5, 3])).toBeNull();
    expect(whaleCurve([-5, 3]).length).toBe(0);
    expect(Array.from(whaleCurve([NaN, 4]))).toEqual([1]);
  });

  test('growth', () => {
    expect(growth(110, 100)).toBeCloseTo(0.1, 12);
    expect(growth(90, 100)).toBe(-0.1);
    expect(growth(0, 100)).toBe(-1);
    expect(growth(50, 0)).toBeNull();
    expect(growth(0, 0)).toBeNull();
    expect(growth(-50, -100)).toBe(0.5);
    expect(growth(-150, -100)).toBe(-0.5);
  });
});

const positives = fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});
const mixed = fc.array(fc.double({ min: -1e6, max: 1e9, noNaN: true }), { maxLength: 60 });
const rel = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('properties', () => {
  test('HHI lies within [10,000/n, 10,000] for n positive values', () => {
    fc.assert(
      fc.property(positives, (v) => {
        const h = hhi(v);
        expect(h).toBeLessThanOrEqual(10000);
        expect(h).toBeGreaterThanOrEqual(10000 / v.length - 1e-9);
        expect(effectiveNumber(h)).toBeLessThanOrEqual(v.length + 1e-9);
      }),
    );
  });

  test('measures do not depend on the order of the values', () => {
    fc.assert(
      fc.property(mixed, fc.integer(), (v, seed) => {
        const w = shuffle(v, seed);
        expect(hhi(w)).toBe(hhi(v));
        expect(gini(w)).toBe(gini(v));
        expect(n80(w)).toBe(n80(v));
        for (const n of [1, 5, 20]) expect(concentrationRatio(w, n)).toBe(concentrationRatio(v, n));
        expect(whalePeak(w)).toBe(whalePeak(v));
      }),
    );
  });

  test('shares sum to 1', () => {
    fc.assert(
      fc.property(positives, (v) => {
        const s = shares(v);
        expect(
          rel(
            s.reduce((a, b) => a + b, 0),
            1,
          ),
        ).toBe(true);
      }),
    );
  });

  test('CR1 ≤ CR5 ≤ CR20 ≤ 1 for positive values', () => {
    fc.assert(
      fc.property(positives, (v) => {
        const [c1, c5, c20] = [1, 5, 20].map((n) => concentrationRatio(v, n));
        expect(c1).toBeLessThanOrEqual(c5);
        expect(c5).toBeLessThanOrEqual(c20);
        expect(c20).toBeLessThanOrEqual(1);
        expect(c1).toBeGreaterThanOrEqual(1 / v.length - 1e-12);
      }),
    );
  });

  test('HHI, CRn, Gini and N80 are scale-invariant', () => {
    fc.assert(
      fc.property(positives, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (v, k) => {
        const w = v.map((x) => x * k);
        expect(rel(hhi(w), hhi(v))).toBe(true);
        expect(rel(gini(w), gini(v))).toBe(true);
        for (const n of [1, 5, 20])
          expect(rel(concentrationRatio(w, n), concentrationRatio(v, n))).toBe(true);
        // Exact scaling by a power of two keeps N80 exact even at a boundary.
        expect(n80(v.map((x) => x * 1024))).toBe(n80(v));
      }),
    );
  });

  test('N80 is the fewest largest values reaching 80 %', () => {
    fc.assert(
      fc.property(positives, (v) => {
        const k = n80(v);
        expect(concentrationRatio(v, k)).toBeGreaterThanOrEqual(0.8 - 1e-9);
        if (k > 1) expect(concentrationRatio(v, k - 1)).toBeLessThan(0.8 + 1e-9);
      }),
    );
  });

  test('Gini lies in [0, (n − 1)/n]', () => {
    fc.assert(
      fc.property(positives, (v) => {
        const g = gini(v);
        expect(g).toBeGreaterThanOrEqual(-1e-12);
        expect(g).toBeLessThanOrEqual((v.length - 1) / v.length + 1e-12);
      }),
    );
  });

  test('the whale curve ends at exactly 1 and peaks at ≥ 1', () => {
    fc.assert(
      fc.property(mixed, (v) => {
        const curve = whaleCurve(v);
        const total = v.reduce((a, b) => a + b, 0);
        if (curve.length === 0) {
          expect(whalePeak(v)).toBeNull();
          return;
        }
        expect(total).toBeGreaterThan(0);
        expect(curve.length).toBe(v.length);
        expect(curve[curve.length - 1]).toBe(1);
        expect(whalePeak(v)).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
