/**
 * KPI trends: buckets cut to the period, figures that reconcile with the Top 20 of the same
 * period (and of each bucket), the price-mix effect of the SPEC's worked example, share of wallet
 * from the Wallet sheet, native formulas a spreadsheet recomputes to the core figures, and line
 * charts in the written .xlsx.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { FileWorkbook } from '../../cli/file-workbook';
import { dayOfIso } from '../../shared/analysis/calendar';
import { analyseKpiTrends, periodCaption, trendPeriods } from '../../shared/analysis/kpi-trends';
import { analyseTop20 } from '../../shared/analysis/top20';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { buildKpiTrendsSheet, trendBlockRows } from '../../shared/reports/kpi-trends-sheet';
import { labels } from '../../shared/reports/labels';
import { isToolkitSheet } from '../../shared/reports/sheet-names';
import { buildTop20 } from '../../shared/reports/top20-build';
import { buildKpiTrends, type TrendsBuildResult } from '../../shared/reports/trends-build';
import { linesTable, salesSheet } from '../companions/sales-lines';
import { runKam } from '../support/cli';
import { recomputeWithHyperFormula } from '../support/recompute';

const d = (iso: string) => dayOfIso(iso) as number;
const dir = mkdtempSync(join(tmpdir(), 'kam-trends-'));

describe('buckets', () => {
  test('months and quarters, cut to the period, with the same days a year earlier', () => {
    const range = { from: d('2025-11-27'), to: d('2026-02-10') };
    const months = trendPeriods(range, 'month');
    expect(months.map((p) => p.label)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(months[0]).toMatchObject({ from: d('2025-11-27'), to: d('2025-11-30') });
    expect(months[0].previous).toEqual({ from: d('2024-11-27'), to: d('2024-11-30') });
    expect(months[3]).toMatchObject({ from: d('2026-02-01'), to: d('2026-02-10') });
    expect(periodCaption(months[0], 'month')).toBe('2025-11 (11-27–11-30)');
    expect(periodCaption(months[1], 'month')).toBe('2025-12');
    const quarters = trendPeriods(range, 'quarter');
    expect(quarters.map((p) => p.label)).toEqual(['2025-Q4', '2026-Q1']);
    expect(quarters[1]).toMatchObject({ from: d('2026-01-01'), to: d('2026-02-10') });
    // leap day: the previous year's bucket ends on 28 Feb
    const leap = trendPeriods({ from: d('2024-02-01'), to: d('2024-02-29') }, 'month');
    expect(leap[0].previous).toEqual({ from: d('2023-02-01'), to: d('2023-02-28') });
  });
});

describe('figures', () => {
  // SPEC worked example (price × quantity) in March, a year apart: A 10×1000 → 11×1000,
  // B 15×800 → 15×700, C 20×500 → 23×800 (volume +2,782.6, mix +1,717.4, price +3,400)
  const lines = [
    { date: '2025-03-10', account: 'Acme AB', product: 'A', qty: 1000, revenue: 10000, gp: 3000 },
    { date: '2025-03-10', account: 'Acme AB', product: 'B', qty: 800, revenue: 12000, gp: 3000 },
    { date: '2025-03-10', account: 'Acme AB', product: 'C', qty: 500, revenue: 10000, gp: 2000 },
    { date: '2026-03-10', account: 'Acme AB', product: 'A', qty: 1000, revenue: 11000, gp: 3300 },
    { date: '2026-03-10', account: 'Acme AB', product: 'B', qty: 700, revenue: 10500, gp: 2000 },
    { date: '2026-03-10', account: 'Acme AB', product: 'C', qty: 800, revenue: 18400, gp: 6000 },
    { date: '2026-04-02', account: 'Acme AB', product: 'A', qty: 1, revenue: 900, gp: 100 },
    { date: '2026-03-20', account: 'Beta Bygg', product: 'A', qty: 2, revenue: 2000, gp: 500 },
  ];
  const table = linesTable(lines);
  const trends = analyseKpiTrends(table, {
    range: { from: d('2026-03-01'), to: d('2026-04-30') },
    grain: 'month',
    accounts: [0, 1],
    wallet: [
      { accountCode: 0, range: { from: d('2026-01-01'), to: d('2026-12-31') }, wallet: 365_000 },
    ],
  });

  test('revenue, growth, margin per bucket', () => {
    const [acme, beta] = trends.accounts;
    expect(acme.revenue).toEqual([39900, 900]);
    expect(acme.previousRevenue).toEqual([32000, 0]);
    expect(acme.growth[0]).toBeCloseTo(7900 / 32000, 12);
    expect(acme.growth[1]).toBeNull();
    expect(acme.margin?.[0]).toBeCloseTo(11300 / 39900, 12);
    expect(beta.revenue).toEqual([2000, 0]);
    expect(trends.totals.revenue).toEqual([41900, 900]);
  });

  test('price-mix effect = (mix + price) / revenue of the bucket', () => {
    const [acme, beta] = trends.accounts;
    expect(acme.priceMix?.[0]).toBeCloseTo((1717.391304347826 + 3400) / 39900, 9);
    expect(acme.priceMix?.[1]).toBeNull(); // nothing a year earlier
    expect(beta.priceMix?.[0]).toBeNull();
  });

  test('share of wallet: the bucket against its days of the wallet period', () => {
    const [acme, beta] = trends.accounts;
    expect(acme.shareOfWallet?.[0]).toBeCloseTo(39900 / 31000, 12);
    expect(acme.shareOfWallet?.[1]).toBeCloseTo(900 / 30000, 12);
    expect(beta.shareOfWallet).toEqual([null, null]);
  });

  test('no quantity column: no price-mix; no wallet rows: no share of wallet', () => {
    const plain = linesTable(lines.map(({ qty: _q, ...l }) => l));
    const t = analyseKpiTrends(plain, {
      range: { from: d('2026-03-01'), to: d('2026-03-31') },
      grain: 'quarter',
      accounts: [0],
    });
    expect(t.accounts[0].priceMix).toBeNull();
    expect(t.accounts[0].shareOfWallet).toBeNull();
    const spec = buildKpiTrendsSheet(t);
    const rows = trendBlockRows(t);
    expect(Object.keys(rows)).toEqual([
      'revenue',
      'previousRevenue',
      'growth',
      'grossProfit',
      'margin',
    ]);
    expect(spec.name).toBe('KPI trends');
  });

  test('the Wallet sheet with periods feeds share of wallet in the build', async () => {
    const wb = new MemoryWorkbook({
      Sales: salesSheet(lines),
      Wallet: [
        ['Account', 'Period', 'Estimated total spend'],
        ['Acme AB', '2026', 365000],
      ],
    });
    const result = await buildKpiTrends(wb, {
      accounts: ['acme'],
      period: { kind: 'year', year: 2026 },
    });
    expect(result.json.accounts[0].shareOfWallet?.[2]).toBeCloseTo(39900 / 31000, 9);
    expect(result.written).toEqual(['KPI trends', 'Data issues']);
    expect(isToolkitSheet('KPI trends') && isToolkitSheet('KPI-trender')).toBe(true);
    const spec = wb.spec('KPI trends')!;
    expect(spec.charts?.map((c) => c.title)).toContain('Share of wallet per period');
  });
});

describe('on the sample workbook', () => {
  const sample = join(dir, 'sample.xlsx');
  const report = join(dir, 'trends.xlsx');
  let result: TrendsBuildResult;

  beforeAll(async () => {
    expect((await runKam(['sample', '-o', sample, '--rows', '6000'])).code).toBe(0);
    const workbook = await FileWorkbook.open(sample);
    result = await buildKpiTrends(workbook, { grain: 'month' });
    await workbook.save(report);
  }, 60_000);

  test('per bucket and in all, the sums reconcile with the Top 20 of the same period', async () => {
    const top = await buildTop20(await FileWorkbook.open(sample), { write: false });
    const table = top.ingest.table;
    const codes = top.analysis.top.map((a) => a.code);
    expect(result.trends.accounts.map((a) => a.code)).toEqual(codes);
    const sum = result.trends.totals.revenue.reduce((s, r) => s + r, 0);
    const topTotal = top.analysis.top.reduce((s, a) => s + a.revenue, 0);
    expect(sum).toBeCloseTo(topTotal, 4);
    expect(result.trends.periods.length).toBeGreaterThanOrEqual(12);
    result.trends.periods.forEach((p, b) => {
      const bucket = analyseTop20(table, { period: { kind: 'custom', from: p.from, to: p.to } });
      const revenue = new Map(bucket.ranked.map((a) => [a.code, a.revenue]));
      const expected = codes.reduce((s, c) => s + (revenue.get(c) ?? 0), 0);
      expect([p.label, result.trends.totals.revenue[b]]).toEqual([
        p.label,
        expect.closeTo(expected, 4),
      ]);
      result.trends.accounts.forEach((a) =>
        expect(a.revenue[b]).toBeCloseTo(revenue.get(a.code) ?? 0, 6),
      );
    });
  });

  test('the formulas recompute to the core figures', async () => {
    const grid = await recomputeWithHyperFormula(report, 'KPI trends');
    const rows = trendBlockRows(result.trends);
    const B = result.trends.periods.length;
    result.trends.accounts.forEach((a, i) => {
      expect(grid[rows.revenue!.first + i][0]).toBe(a.account);
      expect(grid[rows.revenue!.first + i][B + 1]).toBeCloseTo(
        a.revenue.reduce((s, r) => s + r, 0),
        4,
      );
      for (let b = 0; b < B; b++) {
        const g = grid[rows.growth!.first + i][b + 1];
        if (a.growth[b] === null) expect(['', labels('en').newAccount]).toContain(g);
        else expect(g).toBeCloseTo(a.growth[b] as number, 9);
        const m = grid[rows.margin!.first + i][b + 1];
        if (a.margin?.[b] === null) expect(m).toBe('');
        else expect(m).toBeCloseTo(a.margin?.[b] as number, 9);
      }
    });
    for (let b = 0; b < B; b++)
      expect(grid[rows.revenue!.total][b + 1]).toBeCloseTo(result.trends.totals.revenue[b], 4);
  });

  test('native line charts are in the written .xlsx', async () => {
    const zip = await JSZip.loadAsync(readFileSync(report));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const name of charts) {
      const xml = await zip.file(name)!.async('string');
      expect(xml).toContain('<c:lineChart>');
      expect(xml).toContain('KPI trends&apos;!');
    }
  });
});
