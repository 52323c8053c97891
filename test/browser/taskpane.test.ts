/**
 * The task pane in a real browser: a development build (local office.js) served by a tiny static
 * server, opened in Debian's Chromium through playwright-core. Outside Office the page runs the
 * in-browser preview: it loads with no console or page errors, Build Top 20 (no questions: the
 * sample's sheet is found) shows the summary and the Top 20 grid with the first account the core
 * computes for the same sample, the sheet links switch the preview's tab, the .xlsx download
 * holds the sheets, and `?lang=sv` shows the Swedish pane. Prepare negotiation: the largest
 * account picked in the account picker gives the core's summary and the prep sheet's tab; Portfolio
 * risk its tab; KPI trends by quarter the core's summary and its tab. Screenshots go to
 * test-artifacts/.
 *
 * The same build also proves the functions bundle carries no React or Fluent.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import type webpack from 'webpack';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { prepSheetName } from '../../shared/reports/negotiation-prep-sheet';
import { buildNegotiationPrep } from '../../shared/reports/prep-build';
import { buildTop20 } from '../../shared/reports/top20-build';
import { top20Summary } from '../../shared/reports/top20-summary';
import { buildKpiTrends } from '../../shared/reports/trends-build';
import type { Lang } from '../../shared/reports/labels';
import { isFormula } from '../../shared/sheet-spec';
import { sampleSheet, sampleWorkbook, SAMPLE_SHEET } from '../../ui/preview/sample';
import { prepSummary, trendsSummary } from '../../ui/job-summary';
import { buildPane, CHROMIUM, launch, serve } from './preview-page';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does).`,
  );
}
const browserTest = haveChromium ? test : test.skip;

let out: string;
let stats: webpack.Stats;
let server: { url: string; close: () => Promise<void> } | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  ({ out, stats } = await buildPane());
  if (!haveChromium) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(join(out, 'addin'));
  context = await launch();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** What the core computes for the sample: the summary, the first account and where it sits. */
async function expected(lang: Lang) {
  const workbook = new MemoryWorkbook({ [SAMPLE_SHEET]: sampleSheet().rows });
  const result = await buildTop20(workbook, { period: { kind: 'r12' }, lang });
  const first = result.analysis.top[0].account;
  const spec = workbook.spec(result.written[0]);
  let cell: string | null = null;
  for (const b of spec?.blocks ?? []) {
    b.cells.forEach((line, r) =>
      line.forEach((v, c) => {
        if (cell === null && v !== null && !isFormula(v) && v === first)
          cell = `${b.row + r},${b.col + c}`;
      }),
    );
  }
  return { summary: top20Summary(result.analysis, lang), first, cell: cell as string | null };
}

/** A fresh page that records console errors and page errors. */
async function openPane(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await (context as BrowserContext).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${server?.url}/taskpane.html${query}`);
  return { page, errors };
}

test('the functions bundle carries no React or Fluent; the task pane does', () => {
  const { compilation } = stats;
  type Mod = webpack.Module & { modules?: Mod[] };
  // A concatenated module lists the modules it holds; the others name their own file.
  const files = (m: Mod): string[] =>
    m.modules ? m.modules.flatMap(files) : [m.nameForCondition() ?? m.identifier()];
  const chunk = (name: string) => {
    const found = [...compilation.chunks].filter((c) => c.name === name);
    expect(found).toHaveLength(1);
    return [...compilation.chunkGraph.getChunkModulesIterable(found[0])].flatMap((m) =>
      files(m as Mod),
    );
  };
  const ui = /node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel)[\\/]/;
  const functions = chunk('addin/functions');
  expect(functions.length).toBeGreaterThan(0);
  expect(functions.filter((n) => ui.test(n) || n.includes(`${sep}ui${sep}`))).toEqual([]);
  expect(chunk('addin/taskpane').some((n) => ui.test(n))).toBe(true);
  // And by text: no module of React or Fluent in the emitted script.
  const text = readFileSync(join(out, 'addin', 'functions.js'), 'utf8');
  for (const marker of ['react-dom', '@fluentui', 'react.development', 'createElement'])
    expect([marker, text.includes(marker)]).toEqual([marker, false]);
});

test('the page loads office.js locally (no CDN), then functions.js, then taskpane.js', () => {
  const html = readFileSync(join(out, 'addin', 'taskpane.html'), 'utf8');
  expect(html).not.toContain('appsforoffice.microsoft.com');
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts).toEqual(['office.js', 'functions.js', 'taskpane.js']);
  for (const file of [...scripts, 'exceljs.min.js', 'manifest.xml'])
    expect([file, existsSync(join(out, 'addin', file))]).toEqual([file, true]);
});

browserTest(
  'the preview builds the Top 20 of the sample: summary, grid, links, download',
  async () => {
    const want = await expected('en');
    const { page, errors } = await openPane();
    const build = page.getByRole('button', { name: 'Build Top 20' });
    await build.click({ timeout: 20_000 });
    const summary = page.getByTestId('summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toBe(want.summary);

    // The preview shows the Top 20 with the core's first account at its place.
    await expect(
      page.getByRole('tab', { name: 'Top 20' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(want.cell).not.toBeNull();
    const grid = page.getByTestId('sheet-grid');
    expect(await grid.locator(`[data-cell="${want.cell}"]`).textContent()).toBe(want.first);
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-en.png') });

    // The data issues link switches the preview to that sheet.
    await page.getByTestId('issues-link').click();
    await expect(
      page.getByRole('tab', { name: 'Data issues' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');

    // Download .xlsx: the sample, the Top 20 and the Data issues sheets.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Download .xlsx' }).click(),
    ]);
    const file = join(ARTIFACTS, 'preview.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      ...sampleWorkbook().sheets.map((s) => s.name),
      'Top 20',
      'Data issues',
    ]);

    // The column mapping: one drop-down per field; a wrong choice comes back as a warning.
    await page.getByRole('button', { name: /^Columns/ }).click();
    const revenue = page.getByRole('combobox', { name: /^Revenue/ });
    expect(await revenue.textContent()).toBe('Net sales');
    await revenue.click();
    await page.getByRole('option', { name: 'Customer', exact: true }).click();
    await build.click();
    const warning = page.getByTestId('failure');
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.getAttribute('data-intent')).toBe('warning');
    expect(await warning.textContent()).toContain('Customer');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-mapping-warning.png') });

    expect(errors).toEqual([]);
    await page.close();
  },
  45_000,
);

browserTest(
  'with ?lang=sv the pane is Swedish',
  async () => {
    const want = await expected('sv');
    const { page, errors } = await openPane('?lang=sv');
    await page.getByRole('button', { name: 'Bygg topp 20' }).click({ timeout: 20_000 });
    await page.getByTestId('summary').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('summary').textContent()).toBe(want.summary);
    await expect(page.getByText('Rullande 12 månader').count()).resolves.toBe(1);
    await expect(
      page.getByRole('tab', { name: 'Topp 20' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-sv.png') });
    expect(errors).toEqual([]);
    await page.close();
  },
  30_000,
);

browserTest(
  'Prepare negotiation of the largest account: picker, summary, prep sheet tab; then Portfolio risk and KPI trends',
  async () => {
    const workbook = new MemoryWorkbook(
      Object.fromEntries(sampleWorkbook().sheets.map((x) => [x.name, x.rows])),
    );
    const choice = { sheet: SAMPLE_SHEET, period: { kind: 'r12' } } as const;
    const top = await buildTop20(workbook, { ...choice, write: false });
    const largest = top.analysis.top[0].account;
    const prep = await buildNegotiationPrep(workbook, {
      ...choice,
      account: largest,
      write: false,
    });
    const prepSheet = prepSheetName(largest, 'en');
    const trends = await buildKpiTrends(workbook, { ...choice, grain: 'quarter', write: false });
    const previous = trends.trends.totals.previousRevenue.reduce((a, b) => a + b, 0);

    const { page, errors } = await openPane();
    const prepare = page.getByRole('button', { name: 'Prepare negotiation' });
    await prepare.waitFor({ timeout: 20_000 });
    expect(await prepare.isDisabled()).toBe(true);

    // Search as you type: the first letters of the largest account, then its option.
    const picker = page.getByRole('combobox', { name: 'Account' });
    await picker.click();
    await picker.pressSequentially(largest.slice(0, 4));
    const option = page.getByRole('option', { name: new RegExp(`^${escapeRegExp(largest)}`) });
    await option.first().click({ timeout: 20_000 });
    expect(await picker.inputValue()).toBe(largest);

    await prepare.click();
    const summary = page.getByTestId('job-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toBe(prepSummary(prep.json, 'en'));
    // The first sheet built in the page is shown; the links switch between the job's sheets.
    const prepTab = page.getByRole('tab', { name: prepSheet });
    await expect(prepTab.getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByTestId('job-issues-link').click();
    await expect(prepTab.getAttribute('aria-selected')).resolves.toBe('false');
    await page.getByRole('button', { name: `Open ${prepSheet}` }).click();
    await expect(
      page.getByRole('tab', { name: prepSheet }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(await page.getByTestId('sheet-grid').textContent()).toContain('Ingrid Sjöberg');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-negotiation.png') });

    // Portfolio risk: its summary replaces the prep's; its tab appears.
    await page.getByRole('button', { name: 'Portfolio risk', exact: true }).click();
    await page.getByText(/^HHI \d+ /).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('tab', { name: 'Portfolio risk' }).count()).toBe(1);

    // KPI trends by quarter: the core's summary in words replaces the risk's; its tab appears.
    await page.getByRole('radio', { name: 'Quarter' }).check();
    await page.getByRole('button', { name: 'KPI trends', exact: true }).click();
    await page.getByText(/^KPI trends of the Top 20 by quarter, /).waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toBe(trendsSummary(trends.json, 'en', previous));
    expect(await page.getByRole('tab', { name: 'KPI trends' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-trends.png') });

    expect(errors).toEqual([]);
    await page.close();
  },
  45_000,
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
