/**
 * The acceptance test of the Top 20 workbook: build it from the sample, read the .xlsx back, let a
 * real spreadsheet engine recompute every formula, and compare with the core's JSON.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Top20Json } from '../shared/reports/top20-json';
import { TOP20_COL as C, TOP20_HEADER_ROW } from '../shared/reports/top20-sheet';
import { labels } from '../shared/reports/labels';
import { runKam } from './support/cli';
import {
  type Grid,
  libreOffice,
  recomputeWithHyperFormula,
  recomputeWithLibreOffice,
  stripFormulaResults,
} from './support/recompute';

const dir = mkdtempSync(join(tmpdir(), 'kam-recompute-'));
const sample = join(dir, 'sample.xlsx');
const report = join(dir, 'report.xlsx');
let json: Top20Json;

beforeAll(async () => {
  expect((await runKam(['sample', '-o', sample, '--rows', '8000'])).code).toBe(0);
  const run = await runKam(['top20', sample, '-o', report, '--json']);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  json = JSON.parse(run.out) as Top20Json;
});

const L = labels('en');

function rowOf(grid: Grid, label: string): number {
  const r = grid.findIndex((row) => row[C.account] === label);
  if (r < 0) throw new Error(`no row labelled ${label}`);
  return r;
}

function expectSameFigures(grid: Grid): void {
  const first = TOP20_HEADER_ROW + 1;
  expect(json.rows.length).toBe(20);
  json.rows.forEach((row, i) => {
    const cells = grid[first + i];
    expect(cells[C.account]).toBe(row.account);
    expect(cells[C.revenue]).toBeCloseTo(row.revenue, 6);
    expect(cells[C.share]).toBeCloseTo(row.share, 12);
    expect(cells[C.cumulativeShare]).toBeCloseTo(row.cumulativeShare, 12);
    expect(cells[C.grossProfit]).toBeCloseTo(row.grossProfit as number, 6);
    expect(cells[C.margin]).toBeCloseTo(row.margin as number, 12);
    expect(cells[C.marginVsPortfolio]).toBeCloseTo(row.marginVsPortfolio as number, 12);
    if (row.new) expect(cells[C.growth]).toBe(L.newAccount);
    else expect(cells[C.growth]).toBeCloseTo(row.growth as number, 12);
    // Share of wallet: revenue / the Wallet sheet's estimate, a native formula when known.
    if (row.shareOfWallet === null) expect(cells[C.shareOfWallet] ?? '').toBe('');
    else expect(cells[C.shareOfWallet]).toBeCloseTo(row.shareOfWallet, 12);
  });
  const top = rowOf(grid, L.topTotal(20));
  const total = rowOf(grid, L.portfolioTotal(json.totals.accounts));
  const rest = rowOf(grid, L.restTotal(json.totals.accounts - 20));
  const topRevenue = json.rows.reduce((s, r) => s + r.revenue, 0);
  expect(grid[top][C.revenue]).toBeCloseTo(topRevenue, 4);
  expect(grid[top][C.share]).toBeCloseTo(json.portfolio.cr20, 12);
  expect(grid[total][C.revenue]).toBeCloseTo(json.totals.revenue, 4);
  expect(grid[rest][C.revenue]).toBeCloseTo(json.totals.revenue - topRevenue, 4);
  expect(grid[total][C.margin]).toBeCloseTo(json.portfolio.margin as number, 12);
  const measure = (label: string) => grid[rowOf(grid, label)][C.revenue];
  expect(measure(L.hhi)).toBeCloseTo(json.portfolio.hhi, 9);
  expect(measure(L.hhiBand)).toBe(L.bands[json.portfolio.hhiBand]);
  expect(measure(L.effective)).toBeCloseTo(json.portfolio.effectiveCustomers, 9);
  expect(measure(L.cr1)).toBeCloseTo(json.portfolio.cr1, 12);
  expect(measure(L.cr5)).toBeCloseTo(json.portfolio.cr5, 12);
  expect(measure(L.cr20)).toBeCloseTo(json.portfolio.cr20, 12);
  expect(measure(L.n80)).toBe(json.portfolio.n80);
  expect(measure(L.portfolioMargin)).toBeCloseTo(json.portfolio.margin as number, 12);
}

test('HyperFormula recomputes the Top 20 formulas to the core figures', async () => {
  expectSameFigures(await recomputeWithHyperFormula(report, L.top20Sheet));
});

test('every cached formula result in the file is what a spreadsheet computes', async () => {
  const grid = await recomputeWithHyperFormula(report, L.top20Sheet);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  let formulas = 0;
  wb.getWorksheet(L.top20Sheet)!.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      formulas++;
      const computed = grid[r - 1][c - 1];
      if (typeof computed === 'number') expect(cell.result).toBeCloseTo(computed, 9);
      else expect(cell.result ?? '').toBe(computed ?? '');
    }),
  );
  expect(formulas).toBeGreaterThan(100);
});

test('the sample’s companion sheets reach the Top 20: share of wallet and role', async () => {
  // The sample workbook has Wallet and Account plans rows for its 3 largest accounts.
  const known = json.rows.filter((r) => r.shareOfWallet !== null);
  expect(known.length).toBeGreaterThan(0);
  for (const r of known) expect(r.shareOfWallet).toBeCloseTo(r.revenue / (r.wallet as number), 12);
  expect(json.rows.filter((r) => r.roleToday !== null).length).toBeGreaterThan(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const ws = wb.getWorksheet(L.top20Sheet)!;
  const header = ws.getRow(TOP20_HEADER_ROW + 1);
  expect(header.getCell(C.shareOfWallet + 1).value).toBe(L.top20ShareOfWallet);
  expect(header.getCell(C.role + 1).value).toBe(L.top20Role);
  expect(ws.getColumn(C.shareOfWallet + 1).hidden).toBe(false);
  expect(ws.getColumn(C.role + 1).hidden).toBe(false);
  json.rows.forEach((r, i) => {
    const role = ws.getCell(TOP20_HEADER_ROW + 2 + i, C.role + 1).value;
    if (r.roleToday === null && r.roleTarget === null) expect(role).toBeNull();
    else expect(String(role)).toContain(' → ');
  });
});

const lo = libreOffice();
(lo || process.env.CI ? test : test.skip)(
  'LibreOffice recomputes the Top 20 formulas to the core figures',
  async () => {
    // CI installs LibreOffice (.ci/run); there its absence is a failure, not a skip.
    expect(lo).not.toBeNull();
    const stripped = join(dir, 'stripped.xlsx');
    await stripFormulaResults(report, stripped);
    expectSameFigures(await recomputeWithLibreOffice(stripped, L.top20Sheet));
  },
  240_000,
);
