/**
 * The Google Sheets sidebar in a real browser: the production dist/apps-script/Sidebar.html (one
 * file), as the server's kamOpenSidebar hands it to HtmlService (data-lang from the spreadsheet's
 * locale), opened in Debian's Chromium with a stubbed `google.script.run` injected before the
 * page's script. The stub is asynchronous like the real one and forwards each call to Node, where
 * the REAL server functions (apps-script/src/server.ts) run over the fake SpreadsheetApp; values
 * cross as JSON, as they do in Apps Script. Build Top 20 shows the summary the core computes, and
 * the fake spreadsheet then holds a 'Top 20' sheet whose first account is the core's.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import * as server from '../../apps-script/src/server';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { labels, type Lang } from '../../shared/reports/labels';
import { buildTop20 } from '../../shared/reports/top20-build';
import { top20Summary } from '../../shared/reports/top20-summary';
import type { SheetSpec } from '../../shared/sheet-spec';
import { FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { buildInto } from '../sheets/support-build';
import { sample, sheetGrid, specGrid } from '../sheets/support';
import { CHROMIUM, launch } from './preview-page';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `Sidebar browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does).`,
  );
}
const browserTest = haveChromium ? test : test.skip;

const ROWS = 2_000;
/** The functions google.script.run may call: the top-level ones of entry-globals.js. */
const CALLABLE = [
  'kamFindSources',
  'kamBuild',
  'kamResult',
  'kamLoadChoice',
  'kamSaveChoice',
  'kamShowSheet',
  'kamListAccounts',
  'kamBuildNegotiation',
  'kamBuildRisk',
  'kamBuildTrends',
  'kamCreateTemplates',
  'kamOpenSignals',
  'kamLogSignal',
] as const;

let out: string;
let sidebarHtml: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  out = await buildInto('apps-script,sidebar', 'production');
  sidebarHtml = readFileSync(join(out, 'apps-script', 'Sidebar.html'), 'utf8');
  if (haveChromium) context = await launch();
}, 60_000);

afterAll(async () => {
  await context?.close();
  server.useServices(null);
});

// Injected before the page's script: google.script.run as Apps Script's client has it — chained
// handlers, any server function name, always asynchronous, values as JSON, a failure as an Error.
const STUB = `(() => {
  const runner = (ok, fail) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (h) => runner(h, fail);
      if (name === 'withFailureHandler') return (h) => runner(ok, h);
      if (typeof name !== 'string') return undefined;
      return (...args) => {
        const sent = JSON.parse(JSON.stringify(args));
        setTimeout(() => {
          window.kamServer(name, sent).then((answer) => {
            if ('error' in answer) { if (fail) fail(new Error(answer.error)); }
            else if (ok) ok(answer.value === undefined ? null : answer.value);
          });
        }, 5);
      };
    },
  });
  window.google = { script: { run: runner(null, null) } };
})();`;

/** A fake spreadsheet with the sample, the server on it, the sidebar page open in Chromium. */
async function openSidebar(locale: string): Promise<{
  fake: FakeAppsScript;
  page: Page;
  errors: string[];
  calls: string[];
}> {
  const fake = new FakeAppsScript({ locale });
  fake.addSheet('Sales', sample(ROWS).dated);
  fake.html.files.set(server.SIDEBAR_FILE, sidebarHtml);
  server.useServices(fake.services);
  server.kamOpenSidebar();
  const file = join(out, `sidebar-${locale}.html`);
  writeFileSync(file, fake.ui.sidebars[0].content);

  const page = await (context as BrowserContext).newPage();
  const errors: string[] = [];
  const calls: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.exposeBinding('kamServer', (_source, name: string, args: unknown[]) => {
    calls.push(name);
    if (!(CALLABLE as readonly string[]).includes(name)) {
      return { error: `Script function not found: ${name}` };
    }
    try {
      server.useServices(fake.services);
      const fn = server[name as (typeof CALLABLE)[number]] as (...a: unknown[]) => unknown;
      const value: unknown = fn(...args);
      if (value instanceof Promise) return { error: `${name} returned a Promise` };
      return { value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
  await page.addInitScript(STUB);
  await page.goto(pathToFileURL(file).href);
  return { fake, page, errors, calls };
}

/** What the core computes for the same sample. */
async function expected(lang: Lang) {
  const memory = new MemoryWorkbook({ Sales: sample(ROWS).serial });
  const result = await buildTop20(memory, { sheet: 'Sales', period: { kind: 'r12' }, lang });
  const spec = memory.spec(labels(lang).top20Sheet) as SheetSpec;
  const first = result.analysis.top[0].account;
  const grid = specGrid(spec);
  const row = grid.findIndex((r) => r.includes(first));
  return {
    summary: top20Summary(result.analysis, lang),
    first,
    row,
    col: grid[row].indexOf(first),
  };
}

browserTest(
  'Build Top 20 through google.script.run: the summary, and the Top 20 sheet in the spreadsheet',
  async () => {
    const want = await expected('en');
    const { fake, page, errors, calls } = await openSidebar('en_US');
    await page.getByRole('button', { name: 'Build Top 20' }).click({ timeout: 20_000 });
    const summary = page.getByTestId('summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toBe(want.summary);

    expect(fake.names()).toEqual(['Sales', 'Top 20', 'Data issues']);
    expect(want.row).toBeGreaterThanOrEqual(0);
    expect(sheetGrid(fake.sheet('Top 20'))[want.row][want.col]).toBe(want.first);
    // The protocol: tickets, then kamResult; the choice saved before the build.
    expect(calls).toEqual(expect.arrayContaining(['kamFindSources', 'kamResult', 'kamLoadChoice']));
    expect(calls.slice(calls.indexOf('kamSaveChoice'))).toEqual(
      expect.arrayContaining(['kamSaveChoice', 'kamBuild', 'kamResult']),
    );
    expect(fake.properties.store.size).toBe(1);
    expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);

    // The summary's link activates the sheet through kamShowSheet.
    fake.spreadsheet.setActiveSheet(fake.sheet('Sales'));
    await page.getByTestId('issues-link').click();
    for (let i = 0; i < 50 && fake.spreadsheet.active?.name !== 'Data issues'; i++)
      await page.waitForTimeout(100);
    expect(fake.spreadsheet.active?.name).toBe('Data issues');
    // The signals section read the (empty) log through the server too.
    expect(calls).toContain('kamOpenSignals');
    expect(await page.getByText('The signals could not be read').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  },
  45_000,
);

browserTest(
  'a Swedish spreadsheet: the server sets data-lang and the sidebar is Swedish',
  async () => {
    const { page, errors } = await openSidebar('sv_SE');
    await page.getByRole('button', { name: 'Bygg topp 20' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#root').getAttribute('data-lang')).toBe('sv');
    expect(errors).toEqual([]);
    await page.close();
  },
  30_000,
);
