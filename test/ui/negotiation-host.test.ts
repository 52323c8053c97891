/**
 * The Host's negotiation jobs on the preview's MemoryWorkbook (the sample and its companion
 * sheets): the account list for the picker (Top 20 first), Prepare negotiation of the largest
 * account (internal and shareable), Portfolio risk, KPI trends (by month and by quarter, the
 * revenue per period adding up to the Top 20's), Create templates (adds the four companion sheets
 * once), and failures in words. The preview's Top 20 is the one of the sales sheet alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWorkbook } from '../../cli/file-workbook';
import { writeSample } from '../../cli/sample-workbook';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { trendBlockRows } from '../../shared/reports/kpi-trends-sheet';
import { prepSheetName } from '../../shared/reports/negotiation-prep-sheet';
import type { PrepJson } from '../../shared/reports/prep-build';
import type { RiskJson } from '../../shared/reports/risk-build';
import { readAllRows } from '../../shared/workbook';
import { accountList } from '../../shared/reports/account-list';
import { buildTop20 } from '../../shared/reports/top20-build';
import { buildKpiTrends, type TrendsJson } from '../../shared/reports/trends-build';
import { isFormula, type Cell, type SheetSpec } from '../../shared/sheet-spec';
import type { SavedChoice } from '../../ui/host';
import { prepSummary, riskSummary, templatesSummary, trendsSummary } from '../../ui/job-summary';
import { createPreview } from '../../ui/preview/preview-host';
import { SAMPLE_SHEET, sampleSheet, sampleWorkbook } from '../../ui/preview/sample';
import { WorkbookHost } from '../../ui/workbook-host';
import { specTexts } from '../support/spec-texts';

const NOW = new Date(Date.UTC(2026, 10, 27, 9, 0));
const CHOICE: SavedChoice = { sheet: SAMPLE_SHEET, mapping: {}, period: { kind: 'r12' } };
const COMPANIONS = ['Stakeholders', 'Wallet', 'Escalation ladder', 'Account plans'];
/** The sample's sheets: sales, the companion sheets, then the Signals log. */
const SAMPLE_SHEETS = [SAMPLE_SHEET, ...COMPANIONS, 'Signals'];

/** A spec's cells by sheet row and column (0-based); a formula as its cached value. */
function specGrid(spec: SheetSpec): (string | number | boolean | null)[][] {
  const grid: (string | number | boolean | null)[][] = [];
  const plainValue = (cell: Cell) =>
    cell === null ? null : isFormula(cell) ? (cell.value ?? null) : (cell as string | number);
  for (const b of spec.blocks)
    b.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        const row = (grid[b.row + r] ??= []);
        row[b.col + c] = plainValue(cell) as string | number | boolean | null;
      }),
    );
  return grid;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The core's KPI trends and Top 20 of the preview's sample (nothing written). */
async function trendsOfSample(grain: 'month' | 'quarter') {
  const copy = new MemoryWorkbook(
    Object.fromEntries(sampleWorkbook().sheets.map((x) => [x.name, x.rows])),
  );
  const trends = await buildKpiTrends(copy, { period: CHOICE.period, grain, write: false });
  const top = await buildTop20(copy, { period: CHOICE.period, write: false });
  return { trends, topTotal: sum(top.analysis.top.map((a) => a.revenue)) };
}

/**
 * The revenue block of a written KPI trends sheet reconciles: per period the accounts add up to
 * the core's total of that period; over all periods to the Top 20's revenue.
 */
function expectRevenueReconciles(
  spec: SheetSpec | undefined,
  core: Awaited<ReturnType<typeof trendsOfSample>>,
): void {
  expect(spec).toBeDefined();
  const grid = specGrid(spec as SheetSpec);
  const rows = trendBlockRows(core.trends.trends).revenue;
  expect(rows).toBeDefined();
  const { first } = rows as NonNullable<typeof rows>;
  const { json } = core.trends;
  expect(json.accounts).toHaveLength(20);
  json.accounts.forEach((a, i) => expect(grid[first + i][0]).toBe(a.account));
  json.periods.forEach((p, b) => {
    const column = json.accounts.map((_, i) => grid[first + i][b + 1] as number);
    expect([p.label, sum(column)]).toEqual([p.label, expect.closeTo(json.totals.revenue[b], 4)]);
  });
  expect(sum(json.totals.revenue)).toBeCloseTo(core.topTotal, 4);
}

/** A host over a MemoryWorkbook with only the sample's sales sheet. */
function salesOnlyHost(language: 'en' | 'sv' = 'en') {
  const workbook = new MemoryWorkbook({ [SAMPLE_SHEET]: sampleSheet().rows });
  const host = new WorkbookHost({
    kind: 'preview',
    workbook,
    language,
    store: { load: async () => null, save: async () => undefined },
    showSheet: async () => undefined,
    now: () => NOW,
  });
  return { host, workbook };
}

let accountsOfSample: Awaited<ReturnType<WorkbookHost['listAccounts']>>;

beforeAll(async () => {
  accountsOfSample = await createPreview({ language: 'en' }).host.listAccounts(CHOICE);
});

test('the preview holds the sales sheet and the companion sheets of `kam sample`', async () => {
  const { host, store, workbook } = createPreview({ language: 'en' });
  expect(await workbook.sheetNames()).toEqual(SAMPLE_SHEETS);
  expect(store.snapshot().sheets).toEqual(SAMPLE_SHEETS);
  expect(store.snapshot().active).toBe(SAMPLE_SHEET);
  // Only the sales sheet is a source: companion sheets are the toolkit's own.
  expect((await host.findSources()).map((s) => s.sheet)).toEqual([SAMPLE_SHEET]);
  // Three accounts with four decision makers each, a ladder of three levels.
  expect(workbook.rows('Stakeholders')).toHaveLength(1 + 12);
  expect(workbook.rows('Escalation ladder')).toHaveLength(1 + 3);
  expect(sampleWorkbook().sheets.map((s) => s.spec.name)).toEqual(SAMPLE_SHEETS);
});

test('the accounts for the picker: Top 20 of the period first, then the rest by revenue', async () => {
  const { workbook } = salesOnlyHost();
  const top = await buildTop20(workbook, { period: { kind: 'r12' }, write: false });
  const list = accountsOfSample;
  expect(list).toEqual(accountList(top.ingest.table, top.analysis));
  expect(list.slice(0, 20).every((a) => a.top)).toBe(true);
  expect(list.slice(20).some((a) => a.top)).toBe(false);
  expect(list.slice(0, 20).map((a) => a.name)).toEqual(top.analysis.top.map((r) => r.account));
  const ranked = list.filter((a) => a.rank !== null);
  for (let i = 1; i < ranked.length; i++)
    expect(ranked[i - 1].revenue).toBeGreaterThanOrEqual(ranked[i].revenue);
  // Accounts without sales in the period come last, at 0.
  const firstUnranked = list.findIndex((a) => a.rank === null);
  if (firstUnranked >= 0)
    expect(list.slice(firstUnranked).every((a) => a.rank === null)).toBe(true);
  // Every account of the table once; keys are unique (the sample has a customer id column).
  expect(list).toHaveLength(top.ingest.table.account.values.length);
  expect(new Set(list.map((a) => a.key)).size).toBe(list.length);
});

test('accountList: ids as keys, accounts without sales in the period last, by name', () => {
  const list = accountList(
    { account: { codes: new Int32Array(0), values: ['Zeta', 'Acme', 'Beta'] }, accountIds: null },
    {
      ranked: [{ code: 1, rank: 1, account: 'Acme', accountId: null, revenue: 50 }],
      top: [{ code: 1 }],
    } as never,
  );
  expect(list.map((a) => [a.key, a.revenue, a.rank, a.top])).toEqual([
    ['Acme', 50, 1, true],
    ['Beta', 0, null, false],
    ['Zeta', 0, null, false],
  ]);
  const withIds = accountList(
    { account: { codes: new Int32Array(0), values: ['Acme', 'Acme'] }, accountIds: ['A1', 'A2'] },
    { ranked: [], top: [] },
  );
  expect(withIds.map((a) => [a.key, a.name, a.accountId])).toEqual([
    ['A1', 'Acme', 'A1'],
    ['A2', 'Acme', 'A2'],
  ]);
});

test('Prepare negotiation of the largest account writes its sheet with every section', async () => {
  const { host, workbook, store } = createPreview({ language: 'en', now: () => NOW });
  const largest = accountsOfSample[0];
  const outcome = await host.prepareNegotiation(CHOICE, largest.key, false);
  expect(outcome.sheets).toEqual([prepSheetName(largest.name, 'en'), 'Data issues']);
  expect(outcome.issuesSheet).toBe('Data issues');
  expect(outcome.issueCount).toBeGreaterThan(0);
  expect(outcome.summary.startsWith(`${largest.name}: revenue `)).toBe(true);
  expect(outcome.summary).toContain('(rank 1)');
  expect(outcome.summary).not.toContain('masked');
  const spec = workbook.spec(outcome.sheets[0]);
  expect(spec).toBeDefined();
  const texts = specTexts(spec as SheetSpec);
  // The companion sections are filled from the sample's companion sheets.
  for (const who of ['Ingrid Sjöberg', 'Tomas Wall', 'Sales director', 'strategic partner'])
    expect([who, texts.some((t) => t.includes(who))]).toEqual([who, true]);
  expect(store.snapshot().sheets).toEqual([...SAMPLE_SHEETS, ...outcome.sheets]);
});

test('the shareable prep names no other customer anywhere', async () => {
  const { host, workbook } = createPreview({ language: 'en', now: () => NOW });
  const largest = accountsOfSample[0];
  const internal = await host.prepareNegotiation(CHOICE, largest.key, false);
  const internalTexts = specTexts(workbook.spec(internal.sheets[0]) as SheetSpec).join('\n');
  const others = accountsOfSample.filter((a) => a.name !== largest.name).map((a) => a.name);
  // The internal version names other customers (price evidence); the shareable one none.
  expect(others.some((n) => internalTexts.includes(n))).toBe(true);
  const shared = await host.prepareNegotiation(CHOICE, largest.key, true);
  expect(shared.summary).toContain("Other customers' names are masked.");
  const texts = specTexts(workbook.spec(shared.sheets[0]) as SheetSpec).join('\n');
  expect(texts).toContain(largest.name);
  expect(others.filter((n) => texts.includes(n))).toEqual([]);
});

test('Portfolio risk writes its sheet and says the figures in a line', async () => {
  const { host, workbook } = createPreview({ language: 'en', now: () => NOW });
  const outcome = await host.portfolioRisk(CHOICE);
  expect(outcome.sheets).toEqual(['Portfolio risk', 'Data issues']);
  expect(outcome.summary).toMatch(/^HHI \d+ \((low|moderate|high)\), \d+ dependenc(y|ies), /);
  expect(outcome.summary).toContain('key-person risk at 3 accounts');
  expect(workbook.spec('Portfolio risk')?.blocks.length).toBeGreaterThan(0);
  expect(outcome.issueCount).toBeGreaterThan(0);
});

test('KPI trends writes its sheet by month: the revenue per period adds up to the Top 20', async () => {
  const { host, workbook, store } = createPreview({ language: 'en', now: () => NOW });
  const outcome = await host.kpiTrends(CHOICE, 'month');
  const core = await trendsOfSample('month');
  expect(outcome.sheets).toEqual(['KPI trends', 'Data issues']);
  expect(outcome.issuesSheet).toBe('Data issues');
  expect(outcome.issueCount).toBe(core.trends.issues.length);
  expect(outcome.issueCount).toBeGreaterThan(0);
  expect(outcome.summary).toBe(
    trendsSummary(core.trends.json, 'en', sum(core.trends.trends.totals.previousRevenue)),
  );
  expect(outcome.summary).toMatch(
    /^KPI trends of the Top 20 by month, [A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}: revenue [\d.,]+( M)?, growth [+-]?\d+%\.$/,
  );
  expect(core.trends.json.periods.length).toBeGreaterThanOrEqual(12);
  expectRevenueReconciles(workbook.spec('KPI trends'), core);
  expect(workbook.spec('KPI trends')?.charts?.length).toBeGreaterThan(0);
  expect(store.snapshot().sheets).toEqual([...SAMPLE_SHEETS, 'KPI trends', 'Data issues']);
});

test('KPI trends in Swedish, by quarter: Swedish sheet names and summary, the same sums', async () => {
  const { host, workbook } = createPreview({ language: 'sv', now: () => NOW });
  const outcome = await host.kpiTrends(CHOICE, 'quarter');
  const core = await trendsOfSample('quarter');
  expect(outcome.sheets).toEqual(['KPI-trender', 'Dataproblem']);
  expect(outcome.issuesSheet).toBe('Dataproblem');
  expect(outcome.summary).toBe(
    trendsSummary(core.trends.json, 'sv', sum(core.trends.trends.totals.previousRevenue)),
  );
  expect(outcome.summary).toMatch(
    /^KPI-trender för topp 20 per kvartal, Q\d \d{4} – Q\d \d{4}: försäljning [\d\u00a0,]+( mn)?, tillväxt [+−]?\d+ %\.$/,
  );
  expect(core.trends.json.periods.every((p) => /^\d{4}-Q[1-4]$/.test(p.label))).toBe(true);
  expectRevenueReconciles(workbook.spec('KPI-trender'), core);
});

test('Create templates adds the four companion sheets once; a second call adds none', async () => {
  const { host, workbook } = salesOnlyHost();
  const first = await host.createTemplates();
  expect(first.sheets).toEqual(COMPANIONS);
  expect(first.summary).toBe(
    'Added Stakeholders, Wallet, Escalation ladder, Account plans: fill them in, then prepare the negotiation.',
  );
  expect(first.issuesSheet).toBeNull();
  expect(await workbook.sheetNames()).toEqual([SAMPLE_SHEET, ...COMPANIONS]);
  expect(workbook.spec('Stakeholders')?.validations?.length).toBeGreaterThan(0);
  const second = await host.createTemplates();
  expect(second.sheets).toEqual([]);
  expect(second.summary).toBe('Every companion sheet is already there; nothing added.');
  expect(await workbook.sheetNames()).toEqual([SAMPLE_SHEET, ...COMPANIONS]);
  // The preview already has them: nothing to add.
  expect((await createPreview({ language: 'en' }).host.createTemplates()).sheets).toEqual([]);
});

test('in Swedish: Swedish sheet names and summaries', async () => {
  const { host } = salesOnlyHost('sv');
  const templates = await host.createTemplates();
  expect(templates.sheets).toEqual(['Intressenter', 'Plånbok', 'Eskaleringstrappa', 'Kundplaner']);
  expect(templates.summary).toMatch(/^Lade till Intressenter, /);
  const risk = await host.portfolioRisk(CHOICE);
  expect(risk.sheets).toEqual(['Portföljrisk', 'Dataproblem']);
  expect(risk.summary).toMatch(/^HHI \d+ \((låg|måttlig|hög)\), /);
  const prep = await host.prepareNegotiation(CHOICE, accountsOfSample[0].key, true);
  expect(prep.sheets[0].startsWith('Förhandling — ')).toBe(true);
  expect(prep.summary).toContain(': försäljning ');
  expect(prep.summary).toContain('Andra kunders namn är maskerade.');
});

test('failures come back in words: an unknown account, a missing column', async () => {
  const { host } = createPreview({ language: 'en' });
  await expect(host.prepareNegotiation(CHOICE, 'No such customer', false)).rejects.toEqual({
    message: expect.stringContaining('There is no account "No such customer"'),
    userError: true,
  });
  const bad: SavedChoice = { ...CHOICE, mapping: { revenue: 'No such column' } };
  for (const job of [
    () => host.listAccounts(bad),
    () => host.portfolioRisk(bad),
    () => host.kpiTrends(bad, 'quarter'),
    () => host.prepareNegotiation(bad, accountsOfSample[0].key, false),
  ]) {
    await expect(job()).rejects.toEqual({
      message: expect.stringContaining('No such column'),
      userError: true,
    });
  }
});

test('KPI trends by anything but month or quarter is refused in words', async () => {
  const { host, workbook } = salesOnlyHost('en');
  await expect(host.kpiTrends(CHOICE, 'week' as never)).rejects.toEqual({
    message: 'Choose whether the KPI trends go by month or by quarter.',
    userError: true,
  });
  expect(await workbook.sheetNames()).toEqual([SAMPLE_SHEET]);
});

test('the companion sheets of the preview are those of `kam sample`', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kam-sample-')), 'sample.xlsx');
  await writeSample(file);
  const cli = await FileWorkbook.open(file);
  expect(await cli.sheetNames()).toEqual(SAMPLE_SHEETS);
  const { workbook } = createPreview({ language: 'en' });
  const plain = (rows: readonly (readonly unknown[])[]) =>
    rows
      .map((r) =>
        r.map((c) =>
          c instanceof Date ? Math.round(c.getTime() / 86_400_000) + 25_569 : (c ?? null),
        ),
      )
      .map((r) => {
        const line = [...r];
        while (line.length > 0 && line[line.length - 1] === null) line.pop();
        return line;
      })
      .filter((r) => r.length > 0);
  for (const name of COMPANIONS)
    expect(plain(await readAllRows(cli, name))).toEqual(plain(workbook.rows(name)));
});

test('the summaries in plain words', () => {
  expect(templatesSummary([], 'sv')).toBe(
    'Alla kompletterande blad finns redan; inget lades till.',
  );
  const risk = {
    portfolio: { hhi: 1234.4, hhiBand: 'moderate' },
    dependencies: [{}],
    lossMaking: [],
    exposure: { total: 12345.6 },
    keyPersonRisk: [{}],
  } as unknown as RiskJson;
  expect(riskSummary(risk, 'en')).toBe(
    'HHI 1234 (moderate), 1 dependency, 0 loss-making accounts, transparency exposure 12,346, key-person risk at 1 account.',
  );
  const prep = {
    account: 'Acme AB',
    shareable: false,
    keyFigures: { revenue: 1_234_567.4, rank: 2, margin: 0.244 },
    exposure: null,
    walkAway: { profitLeft: -5000 },
  } as unknown as PrepJson;
  expect(prepSummary(prep, 'en')).toBe(
    'Acme AB: revenue 1,234,567 (rank 2), margin 24%, gross profit left without it -5,000.',
  );
  const trends = {
    grain: 'month',
    periods: [
      { label: '2025-11', from: '2025-11-27', to: '2025-11-30' },
      { label: '2025-12', from: '2025-12-01', to: '2025-12-31' },
      { label: '2026-10', from: '2026-10-01', to: '2026-10-31' },
    ],
    accounts: Array.from({ length: 20 }, () => ({})),
    totals: { revenue: [2_000_000, 4_300_000, 6_000_000] },
  } as unknown as TrendsJson;
  expect(trendsSummary(trends, 'en', 11_826_923)).toBe(
    'KPI trends of the Top 20 by month, Nov 2025 – Oct 2026: revenue 12.3 M, growth +4%.',
  );
  expect(trendsSummary(trends, 'sv', 12_900_000)).toBe(
    'KPI-trender för topp 20 per månad, nov 2025 – okt 2026: försäljning 12,3 mn, tillväxt −5 %.',
  );
  const quarter = {
    ...trends,
    grain: 'quarter',
    periods: [{ label: '2026-Q1', from: '2026-01-01', to: '2026-03-31' }],
    accounts: [{}, {}, {}],
    totals: { revenue: [123_456.7] },
  } as unknown as TrendsJson;
  // No revenue a year earlier: no growth to speak of.
  expect(trendsSummary(quarter, 'en', 0)).toBe(
    'KPI trends of the Top 3 by quarter, Q1 2026: revenue 123,457.',
  );
  expect(trendsSummary({ ...quarter, accounts: [] }, 'en')).toBe(
    'KPI trends of the Top 0 by quarter, Q1 2026: no sales in the period.',
  );
  expect(prepSummary(prep, 'sv')).toBe(
    'Acme AB: försäljning 1\u00a0234\u00a0567 (plats 2), marginal 24 %, bruttovinst kvar utan kunden −5\u00a0000.',
  );
});
