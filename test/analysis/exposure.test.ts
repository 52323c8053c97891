import fc from 'fast-check';
import {
  transparencyExposure,
  type ExposureEvidence,
  type TransparencyExposure,
} from '../../shared/analysis/exposure';

interface Line {
  account: number;
  product: number;
  qty: number;
  revenue: number;
}

function run(lines: readonly Line[]): TransparencyExposure {
  return transparencyExposure(
    lines.map((l) => l.account),
    lines.map((l) => l.product),
    lines.map((l) => l.qty),
    lines.map((l) => l.revenue),
  );
}

const line = (account: number, product: number, qty: number, revenue: number): Line => ({
  account,
  product,
  qty,
  revenue,
});

describe('worked examples', () => {
  test('two products, split lines, ties, credit notes and skipped lines', () => {
    const result = run([
      // product 0: account 4 5 @ 10, 1 10 @ 12, 2 50 @ 10, 3 100 @ 11
      line(1, 0, 10, 120),
      line(2, 0, 50, 500),
      line(3, 0, 100, 1100),
      line(4, 0, 5, 50),
      // product 1: account 1 25 @ 9.6 (two lines), 3 25 @ 10 (same quantity)
      line(1, 1, 20, 200),
      line(1, 1, 5, 40),
      line(3, 1, 25, 250),
      // account 2 credits its whole purchase (net 0), account 5 more than it bought (net −2)
      line(2, 1, 10, 90),
      line(2, 1, -10, -90),
      line(5, 1, 3, 60),
      line(5, 1, -5, -100),
      // skipped: no account, no product
      line(-1, 1, 1, 1),
      line(4, -1, 1, 1000),
    ]);
    // Account 1, product 0: the best price at ≤ 10 units is account 4's 10: (12 − 10) · 10.
    // Account 2, product 0: 10, its own (account 4 has the same price, a larger code wins no tie).
    // Account 3, product 0: 10 (accounts 2 and 4; 2 is the smaller code): (11 − 10) · 100.
    // Account 3, product 1: account 1 has the same quantity, 9.6: (10 − 9.6) · 25.
    expect(Array.from(result.accounts)).toEqual([1, 2, 3, 4]);
    expect(result.exposure[0]).toBe(20);
    expect(result.exposure[1]).toBe(0);
    expect(result.exposure[2]).toBeCloseTo(110, 9);
    expect(result.exposure[3]).toBe(0);
    expect(result.total).toBeCloseTo(130, 9);
    expect(result.evidence.map((e) => [e.account, e.product, e.bestAccount])).toEqual([
      [3, 0, 2],
      [1, 0, 4],
      [3, 1, 1],
    ]);
    expect(result.evidence[0]).toEqual({
      account: 3,
      product: 0,
      price: 11,
      quantity: 100,
      bestAccount: 2,
      bestPrice: 10,
      bestQuantity: 50,
      amount: 100,
    });
    const e = result.evidence[2];
    expect(e.price).toBe(10);
    expect(e.quantity).toBe(25);
    expect(e.bestPrice).toBeCloseTo(9.6, 12);
    expect(e.bestQuantity).toBe(25);
    expect(e.amount).toBeCloseTo(10, 9);
  });

  test('the largest account paying less than a small one: no exposure for either', () => {
    // The small account cannot claim the large one's price (the large one is larger); the large
    // one already has the best price of anyone its size or smaller.
    const result = run([line(1, 7, 10, 120), line(2, 7, 1000, 10000)]);
    expect(Array.from(result.accounts)).toEqual([1, 2]);
    expect(Array.from(result.exposure)).toEqual([0, 0]);
    expect(result.total).toBe(0);
    expect(result.evidence).toEqual([]);
  });

  test('the largest account paying more than a small one is exposed', () => {
    const result = run([line(1, 7, 10, 100), line(2, 7, 1000, 12000)]);
    expect(Array.from(result.exposure)).toEqual([0, 2000]);
    expect(result.evidence).toEqual([
      {
        account: 2,
        product: 7,
        price: 12,
        quantity: 1000,
        bestAccount: 1,
        bestPrice: 10,
        bestQuantity: 10,
        amount: 2000,
      },
    ]);
  });

  test('equal quantities claim each other’s price; equal prices name the smaller code', () => {
    const result = run([
      line(9, 0, 10, 110),
      line(5, 0, 10, 100),
      line(7, 0, 10, 100),
      line(8, 0, 10, 105),
    ]);
    expect(Array.from(result.accounts)).toEqual([5, 7, 8, 9]);
    expect(Array.from(result.exposure)).toEqual([0, 0, 5, 10]);
    expect(result.evidence.map((e) => [e.account, e.bestAccount, e.amount])).toEqual([
      [9, 5, 10],
      [8, 5, 5],
    ]);
  });

  test('blank quantity or revenue counts as 0; no priced pair → nothing', () => {
    const result = run([line(1, 0, NaN, 100), line(2, 0, 5, NaN), line(3, 0, 5, 50)]);
    // account 1 has net Q 0 (not priced); account 2 pays 0 — the best price of its size
    expect(Array.from(result.accounts)).toEqual([2, 3]);
    expect(Array.from(result.exposure)).toEqual([0, 50]);
    expect(result.evidence[0].bestAccount).toBe(2);
    expect(run([]).total).toBe(0);
    expect(run([]).accounts.length).toBe(0);
  });

  test('bad input is a RangeError', () => {
    expect(() => transparencyExposure([1], [1, 2], [1], [1])).toThrow(RangeError);
    expect(() => transparencyExposure([1.5], [1], [1], [1])).toThrow(RangeError);
    expect(() => transparencyExposure([1], [NaN], [1], [1])).toThrow(RangeError);
  });

  test('scales: 100,000 lines of one product', () => {
    const n = 100_000;
    const accounts = new Int32Array(n);
    const products = new Int32Array(n);
    const qty = new Float64Array(n);
    const revenue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      accounts[i] = i;
      qty[i] = 1 + (i % 977);
      revenue[i] = qty[i] * (10 + ((i * 7919) % 101) / 100);
    }
    const result = transparencyExposure(accounts, products, qty, revenue);
    expect(result.accounts.length).toBe(n);
    expect(result.total).toBeGreaterThan(0);
  });
});

/** The definition, directly: O(n²) over the priced pairs. */
function bruteForce(lines: readonly Line[]): TransparencyExposure {
  const net = new Map<string, { account: number; product: number; q: number; r: number }>();
  for (const l of lines) {
    if (l.account < 0 || l.product < 0) continue;
    const key = `${l.account}/${l.product}`;
    const pair = net.get(key) ?? { account: l.account, product: l.product, q: 0, r: 0 };
    pair.q += Number.isFinite(l.qty) ? l.qty : 0;
    pair.r += Number.isFinite(l.revenue) ? l.revenue : 0;
    net.set(key, pair);
  }
  const priced = [...net.values()].filter((p) => p.q > 0);
  const byAccount = new Map<number, number>();
  const evidence: ExposureEvidence[] = [];
  for (const a of priced) {
    const price = a.r / a.q;
    let best = a;
    for (const b of priced) {
      if (b.product !== a.product || b.q > a.q) continue;
      const pb = b.r / b.q;
      const pBest = best.r / best.q;
      if (pb < pBest || (pb === pBest && b.account < best.account)) best = b;
    }
    const bestPrice = best.r / best.q;
    const amount = Math.max(0, price - bestPrice) * a.q;
    byAccount.set(a.account, (byAccount.get(a.account) ?? 0) + amount);
    if (amount > 0) {
      evidence.push({
        account: a.account,
        product: a.product,
        price,
        quantity: a.q,
        bestAccount: best.account,
        bestPrice,
        bestQuantity: best.q,
        amount,
      });
    }
  }
  const accounts = Int32Array.from([...byAccount.keys()].sort((x, y) => x - y));
  const exposure = Float64Array.from(accounts, (a) => byAccount.get(a) ?? 0);
  evidence.sort((x, y) => y.amount - x.amount || x.account - y.account || x.product - y.product);
  return { accounts, exposure, total: exposure.reduce((s, v) => s + v, 0), evidence };
}

const lines = fc.array(
  fc.record({
    account: fc.integer({ min: -1, max: 8 }),
    product: fc.integer({ min: -1, max: 3 }),
    qty: fc.oneof(fc.integer({ min: -5, max: 30 }), fc.constant(NaN)),
    revenue: fc.oneof(fc.integer({ min: -100, max: 1000 }), fc.constant(NaN)),
  }),
  { maxLength: 80 },
);

describe('properties', () => {
  test('agrees with the O(n²) definition', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const fast = run(ls);
        const slow = bruteForce(ls);
        expect(Array.from(fast.accounts)).toEqual(Array.from(slow.accounts));
        for (let i = 0; i < slow.exposure.length; i++) {
          expect(fast.exposure[i]).toBeCloseTo(slow.exposure[i], 6);
        }
        expect(fast.total).toBeCloseTo(slow.total, 6);
        expect(fast.evidence).toEqual(slow.evidence);
      }),
      { numRuns: 300 },
    );
  });

  test('exposure is ≥ 0 and the evidence adds up to it', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const result = run(ls);
        const sums = new Map<number, number>();
        for (const e of result.evidence) {
          expect(e.amount).toBeGreaterThan(0);
          expect(e.bestPrice).toBeLessThan(e.price);
          expect(e.bestQuantity).toBeLessThanOrEqual(e.quantity);
          sums.set(e.account, (sums.get(e.account) ?? 0) + e.amount);
        }
        result.accounts.forEach((a, i) => {
          expect(result.exposure[i]).toBeGreaterThanOrEqual(0);
          expect(result.exposure[i]).toBeCloseTo(sums.get(a) ?? 0, 6);
        });
      }),
    );
  });
});
