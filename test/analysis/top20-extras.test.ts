/**
 * The Top 20's companion data (analysis/top20.ts withTop20Extras): worked examples written from
 * the definitions — price position and outliers, share of wallet for the current period only,
 * role, key-person risk with deputies, overdue reviews, signal flags — and properties.
 */
import fc from 'fast-check';
import { dayOfIso } from '../../shared/analysis/calendar';
import { assessSignals, type Signal } from '../../shared/analysis/signals';
import {
  analyseTop20,
  isPriceOutlier,
  pricePositions,
  withTop20Extras,
} from '../../shared/analysis/top20';
import type { AccountRow } from '../../shared/analysis/types';
import { ingestSales } from '../../shared/ingest/sales-ingest';
import type { RawRow } from '../../shared/workbook';

const HEADER = ['Date', 'Customer', 'Customer ID', 'Product', 'Quantity', 'Sales'];
const day = (iso: string) => dayOfIso(iso) as number;

/** One line per [customer, id, product, quantity, unit price], all dated 2026-06-15. */
function table(lines: readonly [string, string, string, number, number][]) {
  const rows: RawRow[] = lines.map(([c, id, p, q, price]) => [
    '2026-06-15',
    c,
    id,
    p,
    q,
    q * price,
  ]);
  const result = ingestSales(HEADER, rows);
  expect(result.rowsRejected).toBe(0);
  return result.table;
}

const FIVE: [string, string, string, number, number][] = [
  ['A', '1', 'P', 10, 14],
  ['B', '2', 'P', 10, 12],
  ['C', '3', 'P', 10, 11],
  ['D', '4', 'P', 10, 10],
  ['E', '5', 'P', 10, 9],
];

const byName = (rows: readonly AccountRow[]) => Object.fromEntries(rows.map((r) => [r.account, r]));

describe('price position and price outliers', () => {
  test('the percentile in a band of five; bands with fewer buyers do not count', () => {
    const t = table([...FIVE, ['A', '1', 'Q', 1, 100], ['B', '2', 'Q', 1, 1]]);
    const positions = pricePositions(t, null);
    const name = (code: number) => t.account.values[code];
    expect(Object.fromEntries([...positions].map(([code, p]) => [name(code), p]))).toEqual({
      A: 1,
      B: 0.75,
      C: 0.5,
      D: 0.25,
      E: 0,
    });
  });

  test('revenue-weighted over products: dear on a big product, cheap on a small one', () => {
    // Product R: A pays the least (position 0) on revenue 10·1 = 10; P: position 1 on 140.
    const t = table([
      ...FIVE,
      ['A', '1', 'R', 10, 1],
      ['B', '2', 'R', 10, 2],
      ['C', '3', 'R', 10, 3],
      ['D', '4', 'R', 10, 4],
      ['E', '5', 'R', 10, 5],
    ]);
    const a = pricePositions(t, null).get(0) as number;
    expect(a).toBeCloseTo((140 * 1 + 10 * 0) / 150, 12);
    expect(isPriceOutlier(a)).toBe(true);
    const e = pricePositions(t, null).get(4) as number;
    expect(e).toBeCloseTo((90 * 0 + 50 * 1) / 140, 12);
    expect(isPriceOutlier(e)).toBe(false);
  });

  test('the thresholds are strict: 0.9 and 0.1 are not outliers', () => {
    expect(isPriceOutlier(0.9)).toBe(false);
    expect(isPriceOutlier(0.1)).toBe(false);
    expect(isPriceOutlier(0.900001)).toBe(true);
    expect(isPriceOutlier(0.099999)).toBe(true);
    expect(isPriceOutlier(null)).toBe(false);
    expect(isPriceOutlier(NaN)).toBe(false);
  });

  test('positions lie in [0, 1] and do not change when every price is scaled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 5, maxLength: 12 }),
        fc.integer({ min: 2, max: 9 }),
        (prices, k) => {
          const lines = prices.map(
            (p, i) => [`C${i}`, `${i}`, 'P', 3, p] as [string, string, string, number, number],
          );
          const base = pricePositions(table(lines), null);
          const scaled = pricePositions(
            table(lines.map(([c, id, prod, q, p]) => [c, id, prod, q, p * k])),
            null,
          );
          for (const [code, p] of base) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
            expect(scaled.get(code)).toBeCloseTo(p, 12);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('withTop20Extras', () => {
  const asOf = day('2026-11-26') + 0.5;
  const plan = (account: string, extra: Record<string, unknown> = {}) => ({
    account,
    accountCode: null,
    owner: 'Per Holm',
    deputy: '',
    roleToday: '',
    roleTarget: '',
    nextReview: null,
    ...extra,
  });

  test('share of wallet only from total rows of the current period', () => {
    const t = table(FIVE);
    const top = analyseTop20(t, { period: { kind: 'r12' } });
    const w = (account: string, wallet: number, extra: Record<string, unknown> = {}) => ({
      account,
      accountCode: null,
      productGroup: null,
      period: null,
      wallet,
      ...extra,
    });
    const rows = byName(
      withTop20Extras(top, t, {
        asOf,
        wallet: [
          w('A', 280), // 140 / 280
          w('a', 1), // a second row of A: the first counts
          w('B', 100, { period: { kind: 'year', year: 2025 } }), // another period
          w('C', 100, { productGroup: 'Tools' }), // one product group
          w('D', 400, { period: { kind: 'r12' } }), // resolves to the current period
          w('E', 0), // no estimate to measure against
        ],
      }).top,
    );
    expect(rows.A).toMatchObject({ wallet: 280, shareOfWallet: 0.5 });
    expect(rows.B).toMatchObject({ wallet: null, shareOfWallet: null });
    expect(rows.C).toMatchObject({ wallet: null, shareOfWallet: null });
    expect(rows.D).toMatchObject({ wallet: 400, shareOfWallet: 0.25 });
    expect(rows.E).toMatchObject({ wallet: 0, shareOfWallet: null });
  });

  test('role, overdue review and the extras that have data', () => {
    const t = table(FIVE);
    const result = withTop20Extras(analyseTop20(t), t, {
      asOf,
      plans: [
        plan('A', { roleToday: 'approved supplier', nextReview: day('2026-11-25') }),
        plan('B', { nextReview: day('2026-11-26') }), // due today: not overdue
        plan('C', { roleTarget: 'strategic partner' }),
      ],
    });
    const rows = byName(result.top);
    expect(rows.A.role).toEqual({ today: 'approved supplier', target: '' });
    expect(rows.A.flags).toContain('review-overdue');
    expect(rows.B.role).toBeNull();
    expect(rows.B.flags).not.toContain('review-overdue');
    expect(rows.C.role).toEqual({ today: '', target: 'strategic partner' });
    expect(result.extras).toEqual({ shareOfWallet: false, role: true });
  });

  test('key-person risk: a high-influence decision maker with one contact, deputies counted', () => {
    const t = table(FIVE);
    const s = (account: string, name: string, influence: string, ourContacts: string) => ({
      account,
      accountCode: null,
      name,
      influence: influence as 'high' | 'medium' | 'low' | '',
      ourContacts,
    });
    const rows = byName(
      withTop20Extras(analyseTop20(t), t, {
        asOf,
        stakeholders: [
          s('A', 'Eva', 'high', 'Per Holm'), // one contact → risk
          s('B', 'Eva', 'high', 'Per Holm'), // the deputy knows Kim → covered
          s('B', 'Kim', 'low', 'Ann Ek'),
          s('C', 'Eva', 'medium', 'Per Holm'), // uncovered, but not high influence
          s('D', 'Eva', 'high', ''), // nobody knows her → risk
          s('E', 'Eva', 'high', 'Per Holm; Ann Ek'),
        ],
        plans: [plan('B', { deputy: 'Ann Ek' })],
      }).top,
    );
    const risky = Object.entries(rows)
      .filter(([, r]) => r.flags.includes('key-person-risk'))
      .map(([name]) => name);
    expect(risky).toEqual(['A', 'D']);
  });

  test('two accounts of one name (told apart by id) are flagged apart', () => {
    const t = table([...FIVE.slice(0, 4), ['A', '9', 'P', 10, 9]]);
    const top = analyseTop20(t);
    const twin = top.top.find((r) => r.accountId === '9') as AccountRow;
    const result = withTop20Extras(top, t, {
      asOf,
      stakeholders: [
        { account: 'A', accountCode: twin.code, name: 'Eva', influence: 'high', ourContacts: '' },
      ],
    });
    const flagged = result.top.filter((r) => r.flags.includes('key-person-risk'));
    expect(flagged.map((r) => r.accountId)).toEqual(['9']);
  });

  test('signals: overdue beats open; acted signals flag nothing; flags come last', () => {
    const t = table(FIVE);
    const signal = (account: string, raisedAt: number, actedAt: number | null): Signal => ({
      row: 0,
      raisedAt,
      account,
      type: 'other',
      description: '',
      raisedBy: '',
      escalatedTo: '',
      escalatedAt: null,
      actedAt,
      action: '',
    });
    const signals = assessSignals(
      [
        signal('A', asOf - 0.1, null), // open
        signal('A', asOf - 2, null), // overdue
        signal('B', asOf - 0.2, null), // open
        signal('C', asOf - 3, asOf - 2.9), // acted
      ],
      { now: asOf },
    );
    const rows = byName(withTop20Extras(analyseTop20(t), t, { asOf, signals }).top);
    expect(rows.A.flags.at(-1)).toBe('overdue-signal');
    expect(rows.A.flags).not.toContain('open-signal');
    expect(rows.B.flags.at(-1)).toBe('open-signal');
    expect(rows.C.flags).not.toContain('open-signal');
  });

  test('without data the analysis keeps its figures and base flags', () => {
    const t = table(FIVE);
    const base = analyseTop20(t);
    const result = withTop20Extras(base, t, { asOf });
    expect(result.extras).toEqual({ shareOfWallet: false, role: false });
    result.ranked.forEach((r, i) => {
      const b = base.ranked[i];
      expect(r).toMatchObject({ account: b.account, revenue: b.revenue, share: b.share });
      expect(r.flags.slice(0, b.flags.length)).toEqual(b.flags);
      expect(r.flags.filter((f) => f !== 'price-outlier')).toEqual(b.flags);
    });
  });
});
