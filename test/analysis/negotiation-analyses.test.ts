/** Worked examples (by hand, from SPEC §3) for sub-units, discounts, white space and escalation. */
import { discountComparison } from '../../shared/analysis/discounts';
import { escalationCheck } from '../../shared/analysis/escalation';
import { resolvePeriods } from '../../shared/analysis/periods';
import { subUnitBreakdown } from '../../shared/analysis/sub-units';
import { whiteSpace } from '../../shared/analysis/white-space';
import { linesTable, type Line } from '../companions/sales-lines';

const OLD = '2025-06-15';
const NEW = '2026-06-15';

describe('sub-unit breakdown', () => {
  const lines: Line[] = [
    { date: NEW, account: 'Acme', sub: 'North', product: 'A', qty: 1, revenue: 400, gp: 100 },
    { date: NEW, account: 'Acme', sub: 'North', product: 'B', qty: 1, revenue: 200, gp: 20 },
    { date: NEW, account: 'Acme', sub: 'South', product: 'A', qty: 1, revenue: 400, gp: 40 },
    { date: OLD, account: 'Acme', sub: 'North', product: 'A', qty: 1, revenue: 500, gp: 0 },
    { date: OLD, account: 'Acme', sub: 'West', product: 'A', qty: 1, revenue: 100, gp: 0 },
    { date: NEW, account: 'Acme', product: 'C', qty: 1, revenue: 50, gp: 5 },
    { date: NEW, account: 'Beta', sub: 'North', product: 'A', qty: 1, revenue: 9999, gp: 1 },
  ];
  const table = linesTable(lines);
  const periods = resolvePeriods(table, { kind: 'year', year: 2026 });

  test('revenue, share, margin, growth, products and rank per sub-unit', () => {
    const rows = subUnitBreakdown(table, periods, 0)!;
    expect(rows.map((r) => [r.subUnit, r.rank, r.revenue, r.products])).toEqual([
      ['North', 1, 600, 2],
      ['South', 2, 400, 1],
      [null, 3, 50, 1],
      ['West', 4, 0, 0],
    ]);
    const north = rows[0];
    expect(north.share).toBeCloseTo(600 / 1050, 12);
    expect(north.grossProfit).toBe(120);
    expect(north.margin).toBeCloseTo(0.2, 12);
    expect(north.previousRevenue).toBe(500);
    expect(north.growth).toBeCloseTo(0.2, 12);
    expect(rows[1].growth).toBeNull(); // South is new
    expect(rows[3].growth).toBe(-1); // West lost
  });

  test('no sub-unit column: null', () => {
    expect(subUnitBreakdown(linesTable([{ account: 'A', revenue: 1 }]), periods, 0)).toBeNull();
  });
});

describe('discount comparison', () => {
  test('revenue-weighted discounts against the median of peers', () => {
    const lines: Line[] = [
      // Product A: Acme 10 % on 600 and 4 % on 400 → 7.6 %; Beta 4 %, Gamma 6 %, Delta 2 %.
      { account: 'Acme', product: 'A', revenue: 600, discount: 0.1 },
      { account: 'Acme', product: 'A', revenue: 400, discount: 0.04 },
      { account: 'Beta', product: 'A', revenue: 100, discount: 0.04 },
      { account: 'Gamma', product: 'A', revenue: 100, discount: 0.06 },
      { account: 'Delta', product: 'A', revenue: 100, discount: 0.02 },
      // Product B: only Acme (no peers).
      { account: 'Acme', product: 'B', revenue: 100, discount: 0 },
    ];
    const d = discountComparison(linesTable(lines), null, 0)!;
    expect(d.source).toBe('discount');
    const a = d.products[0];
    expect(a.name).toBe('A');
    expect(a.discount).toBeCloseTo(0.076, 12);
    expect(a.peerMedian).toBeCloseTo(0.04, 12);
    expect(a.difference).toBeCloseTo(0.036, 12);
    expect(a.peers).toBe(3);
    expect(d.products[1]).toMatchObject({ name: 'B', discount: 0, peerMedian: null, peers: 0 });
    // Overall: Acme (60 + 16 + 0) / 1100; peers 4 %, 6 %, 2 % → median 4 %.
    expect(d.overall.discount).toBeCloseTo(76 / 1100, 12);
    expect(d.overall.peerMedian).toBeCloseTo(0.04, 12);
  });

  test('from the list price when there is no discount column; null without either', () => {
    const lines: Line[] = [
      { account: 'Acme', product: 'A', qty: 10, listPrice: 20, revenue: 180 }, // 10 %
      { account: 'Beta', product: 'A', qty: 5, listPrice: 20, revenue: 95 }, // 5 %
    ];
    const d = discountComparison(linesTable(lines), null, 0)!;
    expect(d.source).toBe('listPrice');
    expect(d.products[0].discount).toBeCloseTo(0.1, 12);
    expect(d.products[0].difference).toBeCloseTo(0.05, 12);
    expect(discountComparison(linesTable([{ account: 'A', revenue: 1 }]), null, 0)).toBeNull();
  });
});

describe('white space', () => {
  // Acme buys Tools only (1000). Peers: P1 Tools 80 + Safety 20; P2 Tools 70 + Safety 30;
  // P3 Tools 100 + Glue 10. Safety: 2 of 3 peers (≥ half) → median of 20 %, 30 % = 25 % → 250.
  // Glue: 1 of 3 → not white space.
  const lines: Line[] = [
    { account: 'Acme', group: 'Tools', revenue: 1000 },
    { account: 'P1', group: 'Tools', revenue: 80 },
    { account: 'P1', group: 'Safety', revenue: 20 },
    { account: 'P2', group: 'Tools', revenue: 70 },
    { account: 'P2', group: 'Safety', revenue: 30 },
    { account: 'P3', group: 'Tools', revenue: 100 },
    { account: 'P3', group: 'Glue', revenue: 10 },
  ];

  test('groups at least half the peers buy, with the median share × revenue', () => {
    const w = whiteSpace(linesTable(lines), null, 0, [0, 1, 2, 3])!;
    expect(w.by).toBe('productGroup');
    expect(w.peers).toBe(3);
    expect(w.rows).toHaveLength(1);
    expect(w.rows[0].group).toBe('Safety');
    expect(w.rows[0].peersBuying).toBe(2);
    expect(w.rows[0].medianShare).toBeCloseTo(0.25, 12);
    expect(w.rows[0].potential).toBeCloseTo(250, 9);
  });

  test('products stand in for groups; no column gives null', () => {
    const byProduct = lines.map(({ group, ...l }) => ({ ...l, product: group }));
    expect(whiteSpace(linesTable(byProduct), null, 0, [1, 2, 3])!.by).toBe('product');
    expect(whiteSpace(linesTable([{ account: 'A', revenue: 1 }]), null, 0, [])).toBeNull();
  });
});

describe('escalation ladder', () => {
  const ladder = [
    { level: 3, title: 'CEO', person: 'Gustav Ek' },
    { level: 1, title: 'Key account manager', person: 'Eva Berg' },
    { level: 2, title: 'Sales director', person: 'Per Holm' },
  ];

  test('the referee is the level above the negotiator (names compared like accounts)', () => {
    const c = escalationCheck(ladder, ' EVA  berg');
    expect(c.ladder.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(c.negotiatorLevel?.level).toBe(1);
    expect(c.referee?.person).toBe('Per Holm');
    expect(c.warning).toBeNull();
  });

  test('warns when nobody is left above, or the negotiator or ladder is missing', () => {
    expect(escalationCheck(ladder, 'Gustav Ek')).toMatchObject({
      referee: null,
      warning: 'no-referee',
    });
    expect(escalationCheck(ladder, 'Kim Ek')).toMatchObject({
      negotiatorLevel: null,
      referee: { level: 1 },
      warning: 'negotiator-not-on-ladder',
    });
    expect(escalationCheck(ladder, null).warning).toBe('no-negotiator');
    expect(escalationCheck([], 'Eva Berg').warning).toBe('no-ladder');
  });
});
