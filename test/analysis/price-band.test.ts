import fc from 'fast-check';
import { priceBand, pricePercentile } from '../../shared/analysis/price-band';

describe('priceBand', () => {
  test('even count: the median is the mean of the two middle prices', () => {
    const band = priceBand([10, 12, NaN, 9, 11]);
    expect(band).not.toBeNull();
    expect(band?.count).toBe(4);
    expect(band?.min).toBe(9);
    expect(band?.median).toBe(10.5);
    expect(band?.max).toBe(12);
    expect(band?.spread).toBeCloseTo(3 / 10.5, 15);
  });

  test('odd count, any order', () => {
    expect(priceBand([3, 1, 2])).toEqual({ count: 3, min: 1, median: 2, max: 3, spread: 1 });
  });

  test('one price', () => {
    expect(priceBand([7.5])).toEqual({ count: 1, min: 7.5, median: 7.5, max: 7.5, spread: 0 });
  });

  test('median 0: spread is NaN', () => {
    const band = priceBand([-1, 0, 1]);
    expect(band?.median).toBe(0);
    expect(band?.spread).toBeNaN();
  });

  test('no finite price: null', () => {
    expect(priceBand([])).toBeNull();
    expect(priceBand([NaN, Infinity, -Infinity])).toBeNull();
  });
});

describe('pricePercentile', () => {
  test('band 1..5: PERCENTRANK.INC values', () => {
    const band = [5, 3, 1, 4, 2];
    // values strictly below / (n − 1)
    expect(pricePercentile(1, band)).toBe(0);
    expect(pricePercentile(2, band)).toBe(0.25);
    expect(pricePercentile(3, band)).toBe(0.5);
    expect(pricePercentile(5, band)).toBe(1);
    // between 2 (0.25) and 3 (0.5)
    expect(pricePercentile(2.5, band)).toBe(0.375);
    // between 4 (0.75) and 5 (1), a fifth of the way
    expect(pricePercentile(4.2, band)).toBeCloseTo(0.8, 14);
  });

  test('duplicates: the count strictly below', () => {
    const band = [1, 2, 2, 3];
    expect(pricePercentile(1, band)).toBe(0);
    expect(pricePercentile(2, band)).toBeCloseTo(1 / 3, 15);
    expect(pricePercentile(3, band)).toBe(1);
    // between 1 (0) and 2 (1/3); between 2 (1/3) and 3 (1)
    expect(pricePercentile(1.5, band)).toBeCloseTo(1 / 6, 15);
    expect(pricePercentile(2.5, band)).toBeCloseTo(2 / 3, 15);
    // ties at the top: the dearest price is not 1 when shared
    expect(pricePercentile(3, [1, 3, 3])).toBe(0.5);
  });

  test("Microsoft's PERCENTRANK.INC example, without its cut to 3 digits", () => {
    const band = [13, 12, 11, 8, 4, 3, 2, 1, 1, 1];
    expect(pricePercentile(2, band)).toBeCloseTo(3 / 9, 15); // Excel 0.333
    expect(pricePercentile(4, band)).toBeCloseTo(5 / 9, 15); // Excel 0.555
    expect(pricePercentile(8, band)).toBeCloseTo(6 / 9, 15); // Excel 0.666
    expect(pricePercentile(5, band)).toBeCloseTo(5 / 9 + (1 / 4) * (1 / 9), 15); // Excel 0.583
  });

  test('outside the band: 0 below, 1 above', () => {
    expect(pricePercentile(0.5, [1, 2, 3])).toBe(0);
    expect(pricePercentile(-100, [1, 2, 3])).toBe(0);
    expect(pricePercentile(3.01, [1, 2, 3])).toBe(1);
  });

  test('a one-value band', () => {
    expect(pricePercentile(4, [5])).toBe(0);
    expect(pricePercentile(5, [5])).toBe(0);
    expect(pricePercentile(6, [5])).toBe(1);
    expect(pricePercentile(5, [5, 5, NaN])).toBe(0);
  });

  test('NaN: no finite band value or a non-finite price', () => {
    expect(pricePercentile(1, [])).toBeNaN();
    expect(pricePercentile(1, [NaN, Infinity])).toBeNaN();
    expect(pricePercentile(NaN, [1, 2])).toBeNaN();
    expect(pricePercentile(Infinity, [1, 2])).toBeNaN();
  });

  test('non-finite band values are ignored', () => {
    expect(pricePercentile(3, [1, NaN, 2, 3, Infinity, 4, 5])).toBe(0.5);
  });
});

const bandValue = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constant(NaN),
);
const bands = fc.array(bandValue, { minLength: 1, maxLength: 30 });
const prices = fc.oneof(
  fc.integer({ min: -25, max: 25 }),
  fc.integer({ min: -250, max: 250 }).map((x) => x / 10),
  fc.double({ min: -2e6, max: 2e6, noNaN: true }),
);

describe('properties', () => {
  test('monotone non-decreasing in price, within [0, 1]', () => {
    fc.assert(
      fc.property(bands, prices, prices, (band, x, y) => {
        if (!band.some(Number.isFinite)) return;
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = pricePercentile(lo, band);
        const b = pricePercentile(hi, band);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(1);
        expect(a).toBeLessThanOrEqual(b);
      }),
    );
  });

  test('monotone across every band value and its neighbours', () => {
    fc.assert(
      fc.property(bands, (band) => {
        const finite = band.filter(Number.isFinite).sort((a, b) => a - b);
        if (finite.length === 0) return;
        const xs: number[] = [];
        for (const v of finite) {
          const step = Math.max(Math.abs(v) * 1e-15, 1e-300);
          xs.push(v - step, v, v + step);
        }
        xs.sort((a, b) => a - b);
        let last = -Infinity;
        for (const x of xs) {
          const p = pricePercentile(x, band);
          expect(p).toBeGreaterThanOrEqual(last);
          last = p;
        }
      }),
    );
  });

  test('a price in the band: the share of band values strictly below, over n − 1', () => {
    fc.assert(
      fc.property(bands, fc.nat(), (band, pick) => {
        const finite = band.filter(Number.isFinite);
        if (finite.length < 2) return;
        const x = finite[pick % finite.length];
        const below = finite.filter((v) => v < x).length;
        expect(pricePercentile(x, band)).toBe(below / (finite.length - 1));
      }),
    );
  });
});
