import fc from 'fast-check';
import { aggregateAccounts } from '../../shared/analysis/accounts';
import { isoDay } from '../../shared/analysis/calendar';
import { analyseTop20 } from '../../shared/analysis/top20';
import type { AccountRow, Top20Analysis } from '../../shared/analysis/types';
import { DEFAULT_SETTINGS } from '../../shared/analysis/types';
import { UserError } from '../../shared/user-error';
import { day, makeTable, shuffle, type Row } from './table';
import { SourceRows } from '../../shared/source-rows';

/**
 * The worked example. Current period = 2025, comparison = 2024.
 *
 *            2025 revenue  GP    margin  share  2024 revenue  growth
 *   Alfa     400           120   0.30    0.40   500           −0.20
 *   Beta     300            30   0.10    0.30   300            0
 *   Gamma    150            60   0.40    0.15   —             new
 *   Delta    100           −20  −0.20    0.10   110           −1/11
 *   Epsilon   50             5   0.10    0.05    62.5         −0.20
 *   Zeta      —                                 200            (not ranked)
 *   total   1000           195   0.195
 */
const ROWS: Row[] = [
  { date: '2025-01-01', account: 'Alfa', revenue: 200, gp: 60, qty: 2, owner: 'Anna' },
  { date: '2025-06-15', account: 'Alfa', revenue: 150, gp: 40, qty: 1, owner: 'Anna' },
  { date: '2025-12-31 23:59', account: 'Alfa', revenue: 50, gp: 20, qty: 1, owner: 'Bo' },
  { date: '2025-03-01', account: 'Beta', revenue: 100, gp: 10, owner: 'Cecilia' },
  { date: '2025-04-01', account: 'Beta', revenue: 200, gp: 20, qty: 4, owner: 'Bo' },
  { date: '2025-02-01', account: 'Gamma', revenue: 150, gp: 60, qty: 3 },
  { date: '2025-05-05', account: 'Delta', revenue: 120, gp: -10, qty: 6, owner: 'Dan' },
  { date: '2025-05-06', account: 'Delta', revenue: -20, gp: -10, qty: -1, owner: 'Dan' },
  { date: '2025-09-09', account: 'Epsilon', revenue: 50, gp: 5, qty: 5, owner: 'Anna' },
  // comparison period 2024
  { date: '2024-01-01', account: 'Alfa', revenue: 300, gp: 0, owner: 'Bo' },
  { date: '2024-12-31 12:00', account: 'Alfa', revenue: 200, gp: 0, owner: 'Bo' },
  { date: '2024-05-01', account: 'Alfa', revenue: 0, gp: 0, owner: 'Bo' },
  { date: '2024-07-01', account: 'Beta', revenue: 300, gp: 0 },
  { date: '2024-02-29', account: 'Delta', revenue: 110, gp: 0 },
  { date: '2024-08-08', account: 'Epsilon', revenue: 62.5, gp: 0 },
  { date: '2024-03-03', account: 'Zeta', revenue: 200, gp: 0, owner: 'Bo' },
  // outside both periods
  { date: '2026-01-01 00:00', account: 'Alfa', revenue: 1000, gp: 900, owner: 'Bo' },
  { date: '2023-12-31 23:00', account: 'Gamma', revenue: 999, gp: 0, owner: 'Bo' },
];

const year2025 = { kind: 'year', year: 2025 } as const;

function analyse(rows: readonly Row[] = ROWS, topN = 3): Top20Analysis {
  return analyseTop20(makeTable(rows), { period: year2025, settings: { topN } });
}

/** The row without its dictionary code (which depends on row order). */
const withoutCode = ({ code: _code, ...rest }: AccountRow) => rest;

describe('analyseTop20: the worked example', () => {
  const result = analyse();
  const by = (name: string) => result.ranked.find((r) => r.account === name) as AccountRow;

  test('periods and settings', () => {
    expect(isoDay(result.periods.current.from)).toBe('2025-01-01');
    expect(isoDay(result.periods.current.to)).toBe('2025-12-31');
    expect(isoDay(result.periods.comparison!.from)).toBe('2024-01-01');
    expect(isoDay(result.periods.comparison!.to)).toBe('2024-12-31');
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, topN: 3 });
  });

  test('every field of every ranked account', () => {
    expect(result.ranked.map(withoutCode)).toEqual([
      {
        rank: 1,
        account: 'Alfa',
        accountId: null,
        revenue: 400,
        share: 0.4,
        cumulativeShare: 0.4,
        grossProfit: 120,
        margin: 0.3,
        marginVsPortfolio: 0.3 - 0.195,
        profitRank: 1,
        previousRevenue: 500,
        growth: -0.2,
        isNew: false,
        previousRank: 1,
        owner: 'Anna',
        flags: ['dependency-alarm', 'declining'],
      },
      {
        rank: 2,
        account: 'Beta',
        accountId: null,
        revenue: 300,
        share: 0.3,
        cumulativeShare: 0.7,
        grossProfit: 30,
        margin: 0.1,
        marginVsPortfolio: 0.1 - 0.195,
        profitRank: 3,
        previousRevenue: 300,
        growth: 0,
        isNew: false,
        previousRank: 2,
        owner: 'Bo', // Bo and Cecilia once each: the tie goes to the first name
        flags: ['thin-margin', 'dependency-alarm'],
      },
      {
        rank: 3,
        account: 'Gamma',
        accountId: null,
        revenue: 150,
        share: 0.15,
        cumulativeShare: 0.85,
        grossProfit: 60,
        margin: 0.4,
        marginVsPortfolio: 0.4 - 0.195,
        profitRank: 2,
        previousRevenue: 0,
        growth: null,
        isNew: true,
        previousRank: null,
        owner: null,
        flags: ['dependency'],
      },
      {
        rank: 4,
        account: 'Delta',
        accountId: null,
        revenue: 100,
        share: 0.1,
        cumulativeShare: 0.95,
        grossProfit: -20,
        margin: -0.2,
        marginVsPortfolio: -0.2 - 0.195,
        profitRank: 5,
        previousRevenue: 110,
        growth: -10 / 110,
        isNew: false,
        previousRank: 4, // 2024: Alfa 500, Beta 300, Zeta 200, Delta 110, Epsilon 62.5
        owner: 'Dan',
        flags: ['loss-making', 'dependency'],
      },
      {
        rank: 5,
        account: 'Epsilon',
        accountId: null,
        revenue: 50,
        share: 0.05,
        cumulativeShare: 1,
        grossProfit: 5,
        margin: 0.1,
        marginVsPortfolio: 0.1 - 0.195,
        profitRank: 4,
        previousRevenue: 62.5,
        growth: -0.2,
        isNew: false,
        previousRank: 5,
        owner: 'Anna',
        flags: ['declining'], // thin, but outside the top 3
      },
    ]);
    expect(result.ranked.map((r) => r.code)).toEqual([0, 1, 2, 3, 4]);
  });

  test('exact shares and margins', () => {
    // Exact binary equality where the hand value is exact in floating point.
    expect(by('Alfa').share).toBe(400 / 1000);
    expect(by('Delta').margin).toBe(-20 / 100);
    expect(by('Beta').marginVsPortfolio).toBe(30 / 300 - 195 / 1000);
  });

  test('totals, top and portfolio measures', () => {
    expect(result.totals).toEqual({ revenue: 1000, grossProfit: 195, accounts: 5 });
    expect(result.top.map((r) => r.account)).toEqual(['Alfa', 'Beta', 'Gamma']);
    const p = result.portfolio;
    // 40² + 30² + 15² + 10² + 5² = 1600 + 900 + 225 + 100 + 25
    expect(p.hhi).toBeCloseTo(2850, 9);
    expect(p.hhiBand).toBe('high');
    expect(p.effectiveCustomers).toBeCloseTo(10000 / 2850, 12);
    expect(p.cr1).toBe(0.4);
    expect(p.cr5).toBe(1);
    expect(p.cr20).toBe(1);
    expect(p.n80).toBe(3); // 0.40, 0.70, 0.85
    // ascending 50, 100, 150, 300, 400 with weights −4, −2, 0, 2, 4: 1800 / (5 · 1000)
    expect(p.gini).toBeCloseTo(0.36, 12);
    // GP descending 120, 60, 30, 5, −20: cumulative 120, 180, 210, 215, 195
    expect(p.whalePeak).toBeCloseTo(215 / 195, 12);
    expect(p.lossMakingAccounts).toBe(1);
    expect(p.margin).toBe(195 / 1000);
    expect(Array.from(result.whaleCurve)).toEqual([120, 180, 210, 215, 195].map((c) => c / 195));
  });

  test('with the default top 20, Epsilon is large-but-thin too', () => {
    const all = analyseTop20(makeTable(ROWS), { period: year2025 });
    expect(all.top.length).toBe(5);
    expect(all.ranked[4].flags).toEqual(['thin-margin', 'declining']);
  });

  test('the same analysis whatever the row order', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const other = analyse(shuffle(ROWS, seed));
      expect(other.ranked.map(withoutCode)).toEqual(result.ranked.map(withoutCode));
      expect(other.portfolio).toEqual(result.portfolio);
      expect(other.whaleCurve).toEqual(result.whaleCurve);
    }
  });
});

describe('analyseTop20: flags at their thresholds', () => {
  test('dependency at exactly 10 % and 20 %, declining at exactly −10 %', () => {
    const rows: Row[] = [
      { date: '2025-06-01', account: 'A', revenue: 70 },
      { date: '2025-06-01', account: 'B', revenue: 20 },
      { date: '2025-06-01', account: 'C', revenue: 10 },
      { date: '2024-06-01', account: 'A', revenue: 700 / 0.9 + 1 },
      { date: '2024-06-01', account: 'B', revenue: 20 },
      { date: '2024-06-01', account: 'C', revenue: 100 / 9 }, // growth (10 − 11.1)/11.1 = −0.1 (to rounding)
    ];
    const r = analyseTop20(makeTable(rows), { period: year2025 });
    expect(r.ranked.map((a) => a.share)).toEqual([0.7, 0.2, 0.1]);
    expect(r.ranked[0].flags).toEqual(['dependency-alarm', 'declining']);
    expect(r.ranked[1].flags).toEqual(['dependency-alarm']);
    expect(r.ranked[2].growth).toBeCloseTo(-0.1, 12);
    expect(r.ranked[2].flags).toEqual(['dependency', 'declining']);
  });

  test('growth exactly −0.1 is declining; −0.09 is not', () => {
    const rows: Row[] = [
      { date: '2025-06-01', account: 'A', revenue: 90 },
      { date: '2025-06-01', account: 'B', revenue: 91 },
      { date: '2024-06-01', account: 'A', revenue: 100 },
      { date: '2024-06-01', account: 'B', revenue: 100 },
    ];
    const r = analyseTop20(makeTable(rows), {
      period: year2025,
      settings: { dependencyShare: 0.9, dependencyAlarmShare: 0.95 },
    });
    const a = r.ranked.find((x) => x.account === 'A')!;
    const b = r.ranked.find((x) => x.account === 'B')!;
    expect(a.growth).toBe(-0.1);
    expect(a.flags).toEqual(['declining']);
    expect(b.growth).toBeCloseTo(-0.09, 12);
    expect(b.flags).toEqual([]);
  });

  test('thin margin: strictly below portfolio margin − gap', () => {
    // Portfolio margin (50 + 20 + 10) / 200 = 0.4; threshold 0.35 with a gap of 0.05.
    const rows: Row[] = [
      { date: '2025-06-01', account: 'A', revenue: 100, gp: 50 }, // 0.5
      { date: '2025-06-01', account: 'B', revenue: 60, gp: 21 }, // 0.35: not thin
      { date: '2025-06-01', account: 'C', revenue: 40, gp: 9 }, // 0.225: thin
    ];
    const r = analyseTop20(makeTable(rows), {
      period: { kind: 'all' },
      settings: { dependencyShare: 0.9, dependencyAlarmShare: 0.95, thinMarginGap: 0.05 },
    });
    expect(r.portfolio.margin).toBe(0.4);
    expect(r.ranked.map((a) => a.flags)).toEqual([[], [], ['thin-margin']]);
  });

  test('settings passed as undefined keep their defaults', () => {
    const r = analyseTop20(makeTable(ROWS), {
      period: year2025,
      settings: { topN: undefined, dependencyShare: 0.5 },
    });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, dependencyShare: 0.5 });
  });
});

describe('analyseTop20: missing data', () => {
  test('without profit data', () => {
    const rows = ROWS.map(({ gp: _gp, ...rest }) => rest);
    const r = analyseTop20(makeTable(rows), { period: year2025 });
    expect(r.totals).toEqual({ revenue: 1000, grossProfit: null, accounts: 5 });
    for (const a of r.ranked) {
      expect([a.grossProfit, a.margin, a.marginVsPortfolio, a.profitRank]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(a.flags).not.toContain('loss-making');
      expect(a.flags).not.toContain('thin-margin');
    }
    expect(r.portfolio.margin).toBeNull();
    expect(r.portfolio.whalePeak).toBeNull();
    expect(r.portfolio.lossMakingAccounts).toBe(0);
    expect(r.whaleCurve.length).toBe(0);
    expect(r.portfolio.hhi).toBeCloseTo(2850, 9);
  });

  test('without a date column: all rows, no comparison', () => {
    const rows = ROWS.map(({ date: _date, ...rest }) => rest);
    const r = analyseTop20(makeTable(rows));
    expect(r.periods.choice).toEqual({ kind: 'all' });
    expect(r.periods.comparison).toBeNull();
    // Alfa 400 + 500 + 1000, Gamma 150 + 999, Beta 600, Zeta 200, Epsilon 112.5, Delta 210
    expect(r.ranked.map((a) => [a.account, a.revenue])).toEqual([
      ['Alfa', 1900],
      ['Gamma', 1149],
      ['Beta', 600],
      ['Delta', 210],
      ['Zeta', 200],
      ['Epsilon', 112.5],
    ]);
    for (const a of r.ranked) {
      expect([a.previousRevenue, a.growth, a.isNew, a.previousRank]).toEqual([
        null,
        null,
        false,
        null,
      ]);
    }
    // Alfa's rows: Anna 2, Bo 5.
    expect(r.ranked[0].owner).toBe('Bo');
    expect(() => analyseTop20(makeTable(rows), { period: { kind: 'r12' } })).toThrow(UserError);
  });

  test('period "all" with dates includes undated rows and has no comparison', () => {
    const rows: Row[] = [
      { date: '2025-06-01', account: 'A', revenue: 10 },
      { account: 'A', revenue: 5 },
      { date: '2020-01-01', account: 'B', revenue: 1 },
    ];
    const r = analyseTop20(makeTable(rows), { period: { kind: 'all' } });
    expect(r.ranked.map((a) => [a.account, a.revenue])).toEqual([
      ['A', 15],
      ['B', 1],
    ]);
    expect(isoDay(r.periods.current.from)).toBe('2020-01-01');
    expect(r.ranked[0].previousRevenue).toBeNull();
  });

  test('default period r12 up to the latest date', () => {
    const rows: Row[] = [
      { date: '2026-10-31', account: 'A', revenue: 10 },
      { date: '2025-11-01', account: 'B', revenue: 20 },
      { date: '2025-10-31', account: 'B', revenue: 40 },
      { date: '2024-11-01', account: 'A', revenue: 5 },
      { date: '2024-10-31', account: 'C', revenue: 99 },
    ];
    const r = analyseTop20(makeTable(rows));
    expect(r.periods.choice).toEqual({ kind: 'r12' });
    expect(r.ranked.map((a) => [a.account, a.revenue, a.previousRevenue, a.previousRank])).toEqual([
      ['B', 20, 40, 1],
      ['A', 10, 5, 2],
    ]);
    expect(r.ranked[1].growth).toBe(1);
  });

  test('accounts with rows but zero revenue are ranked; blank accounts are not', () => {
    const rows: Row[] = [
      { date: '2025-06-01', account: 'A', revenue: 10, gp: 2 },
      { date: '2025-06-01', account: 'Z', revenue: 0, gp: -3 },
    ];
    const table = makeTable(rows);
    const codes = Int32Array.from(table.account.codes);
    const withBlank = {
      ...table,
      length: 3,
      sourceRow: SourceRows.contiguous(2, 3),
      date: Float64Array.from([...table.date!, day('2025-06-02')]),
      account: { codes: Int32Array.from([...codes, -1]), values: table.account.values },
      revenue: Float64Array.from([10, 0, 1000]),
      grossProfit: Float64Array.from([2, -3, 500]),
    };
    const r = analyseTop20(withBlank, { period: year2025 });
    expect(r.totals).toEqual({ revenue: 10, grossProfit: -1, accounts: 2 });
    const z = r.ranked[1];
    expect([z.account, z.share, z.margin, z.flags]).toEqual(['Z', 0, null, ['loss-making']]);
    expect(r.portfolio.whalePeak).toBeNull(); // total GP ≤ 0
    expect(r.whaleCurve.length).toBe(0);
    expect(r.portfolio.margin).toBe(-0.1);
  });

  test('equal revenues rank by name, then id; ids and names come from the table', () => {
    const rows: Row[] = [
      { date: '2025-06-01', account: 'Beta', id: 'K2', revenue: 10 },
      { date: '2025-06-01', account: 'Alfa', id: 'K9', revenue: 10 },
      { date: '2025-06-01', account: 'Alfa', id: 'K1', revenue: 10 },
    ];
    const r = analyseTop20(makeTable(rows), { period: year2025 });
    expect(r.ranked.map((a) => [a.rank, a.account, a.accountId])).toEqual([
      [1, 'Alfa', 'K1'],
      [2, 'Alfa', 'K9'],
      [3, 'Beta', 'K2'],
    ]);
  });
});

describe('aggregateAccounts', () => {
  test('sums both periods in one pass', () => {
    const table = makeTable(ROWS);
    const agg = aggregateAccounts(table, {
      current: { from: day('2025-01-01'), to: day('2025-12-31') },
      comparison: { from: day('2024-01-01'), to: day('2024-12-31') },
    });
    const at = (name: string) => table.account.values.indexOf(name);
    expect(agg.accounts).toBe(6);
    expect(Array.from(agg.current.revenue)).toEqual([400, 300, 150, 100, 50, 0]);
    expect(Array.from(agg.current.lines)).toEqual([3, 2, 1, 2, 1, 0]);
    expect(Array.from(agg.current.quantity!)).toEqual([4, 4, 3, 5, 5, 0]);
    expect(Array.from(agg.current.grossProfit!)).toEqual([120, 30, 60, -20, 5, 0]);
    expect(Array.from(agg.comparison!.revenue)).toEqual([500, 300, 0, 110, 62.5, 200]);
    expect(Array.from(agg.comparison!.lines)).toEqual([3, 1, 0, 1, 1, 1]);
    const owners = table.owner!.values;
    expect(Array.from(agg.owner!, (o) => (o < 0 ? null : owners[o]))).toEqual([
      'Anna',
      'Bo',
      null,
      'Dan',
      'Anna',
      null,
    ]);
    expect(at('Zeta')).toBe(5);
  });

  test('without a comparison period', () => {
    const agg = aggregateAccounts(makeTable(ROWS), { current: null, comparison: null });
    expect(agg.comparison).toBeNull();
    expect(agg.current.revenue[0]).toBe(1900);
  });
});

describe('analyseTop20: properties', () => {
  const row = fc.record({
    account: fc.constantFrom('Alfa', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta'),
    day: fc.integer({ min: day('2024-01-01'), max: day('2025-12-31') }),
    time: fc.constantFrom(0, 0.25, 0.999),
    revenue: fc.integer({ min: -500, max: 5000 }),
    gp: fc.integer({ min: -800, max: 2000 }),
    owner: fc.constantFrom('Anna', 'Bo', 'Cecilia', undefined),
  });
  const toRows = (
    items: {
      account: string;
      day: number;
      time: number;
      revenue: number;
      gp: number;
      owner?: string;
    }[],
  ): Row[] =>
    items.map((x) => ({
      date: x.day + x.time,
      account: x.account,
      revenue: x.revenue,
      gp: x.gp,
      owner: x.owner,
    }));

  test('invariant under row order; shares sum to 1; ranks and cumulative shares consistent', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), fc.integer(), (items, seed) => {
        const rows = toRows(items);
        let a: Top20Analysis;
        try {
          a = analyseTop20(makeTable(rows), { period: year2025 });
        } catch (e) {
          expect(e).toBeInstanceOf(UserError); // no row in 2025
          expect(items.every((x) => x.day < day('2025-01-01'))).toBe(true);
          return;
        }
        const b = analyseTop20(makeTable(shuffle(rows, seed)), { period: year2025 });
        expect(b.ranked.map(withoutCode)).toEqual(a.ranked.map(withoutCode));
        expect(b.portfolio).toEqual(a.portfolio);
        expect(b.totals).toEqual(a.totals);

        const n = a.ranked.length;
        expect(a.totals.accounts).toBe(n);
        a.ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          if (i > 0) expect(r.revenue).toBeLessThanOrEqual(a.ranked[i - 1].revenue);
        });
        expect(new Set(a.ranked.map((r) => r.profitRank)).size).toBe(n);
        if (a.totals.revenue > 0) {
          const sum = a.ranked.reduce((s, r) => s + r.share, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
          expect(a.ranked[n - 1].cumulativeShare).toBe(1);
        }
        expect(a.top).toEqual(a.ranked.slice(0, 20));
        expect(a.portfolio.lossMakingAccounts).toBe(
          a.ranked.filter((r) => r.grossProfit! < 0).length,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('analyseTop20: speed', () => {
  test('a million rows in well under a second', () => {
    const n = 1_000_000;
    const accounts = 5000;
    const names = Array.from({ length: accounts }, (_, i) => `Account ${i}`);
    const ownersNames = Array.from({ length: 50 }, (_, i) => `Owner ${i}`);
    const codes = new Int32Array(n);
    const owners = new Int32Array(n);
    const date = new Float64Array(n);
    const revenue = new Float64Array(n);
    const gp = new Float64Array(n);
    const start = day('2024-01-01');
    for (let i = 0; i < n; i++) {
      codes[i] = (i * 7919) % accounts;
      owners[i] = (i * 31) % 50;
      date[i] = start + Math.floor(i / 1000) + 0.5;
      revenue[i] = (i % 997) + 1;
      gp[i] = (i % 997) - 200;
    }
    const table = {
      ...makeTable([{ date: '2024-01-01', account: 'x', revenue: 1 }]),
      length: n,
      sourceRow: SourceRows.contiguous(2, n),
      date,
      account: { codes, values: names },
      owner: { codes: owners, values: ownersNames },
      revenue,
      grossProfit: gp,
      quantity: null,
    };
    analyseTop20(table); // warm-up
    const t0 = performance.now();
    const r = analyseTop20(table);
    const ms = performance.now() - t0;
    expect(r.totals.accounts).toBe(accounts);
    expect(ms).toBeLessThan(1000);
  });
});

test('settings a user can get wrong are refused with the setting named', () => {
  const table = makeTable([{ account: 'A', revenue: 1 }]);
  expect(() => analyseTop20(table, { settings: { topN: 0 } })).toThrow(
    'The setting topN = 0 must be',
  );
  expect(() => analyseTop20(table, { settings: { dependencyShare: Number.NaN } })).toThrow(
    'The setting dependencyShare = NaN',
  );
  expect(() => analyseTop20(table, { settings: { decliningGrowth: 0.1 } })).toThrow(
    'decliningGrowth',
  );
});
