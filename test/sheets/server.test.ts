/**
 * The server functions of the Sheets add-on over the fake services: the menu (AuthMode.NONE
 * touches nothing), the sidebar handlers (plain JSON, failures as Errors with the pane's message,
 * the document lock; KPI trends whose revenue reconciles with the Top 20), Build Top 20 from the
 * menu (a toast with the summary).
 */
import {
  CHOICE_KEY,
  LOCK_WAIT_MS,
  RESULT_CHUNK,
  RESULT_KEY,
  kamBuild,
  kamBuildRisk,
  kamBuildTop20,
  kamBuildTrends,
  kamCreateTemplates,
  kamListAccounts,
  kamFindSources,
  kamLoadChoice,
  kamLogSignal,
  kamOpenSidebar,
  kamOpenSignals,
  kamPortfolioRisk,
  kamPrepareNegotiation,
  kamSignalsLog,
  kamResult,
  kamSaveChoice,
  kamShowSheet,
  languageOfLocale,
  onInstall,
  onOpen,
  sidebarWithLanguage,
  useServices,
  type Settled,
  type SheetsServices,
  type Ticket,
} from '../../apps-script/src/server';
import type { SalesSource } from '../../shared/reports/sales-sources';
import { SheetsWorkbook } from '../../apps-script/src/sheets-workbook';
import type {
  BuildOutcome,
  SavedChoice,
  SheetJobOutcome,
  SignalInput,
  SignalView,
} from '../../ui/host';
import { labels } from '../../shared/reports/labels';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { trendBlockRows } from '../../shared/reports/kpi-trends-sheet';
import { buildTop20 } from '../../shared/reports/top20-build';
import { buildKpiTrends } from '../../shared/reports/trends-build';
import { AUTH_MODE, FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { fakeWithSales, recompute, sample, settle, sheetGrid } from './support';

const { dated, serial } = sample(2_000);
const CHOICE: SavedChoice = { sheet: 'Sales', mapping: {}, period: { kind: 'r12' } };

let fake: FakeAppsScript;

function use(f: FakeAppsScript): FakeAppsScript {
  const services: SheetsServices = f.services; // the fake fits the seam
  useServices(services);
  fake = f;
  return f;
}

afterEach(() => useServices(null));

/** The settled outcome of a ticket (the job's promise jobs run first). */
const outcomeOf = (t: Ticket) => settle(kamResult, t);

/** The value of a ticket that succeeded. */
async function valueOf<T>(t: Ticket): Promise<T> {
  const outcome = await outcomeOf(t);
  if (!('ok' in outcome)) throw new Error(`failed: ${outcome.error}`);
  return outcome.ok as T;
}

describe('onOpen', () => {
  const MENU = [
    { caption: 'Build Top 20', functionName: 'kamBuildTop20' },
    { caption: 'Prepare negotiation…', functionName: 'kamPrepareNegotiation' },
    { caption: 'Portfolio risk', functionName: 'kamPortfolioRisk' },
    { caption: 'Signals log', functionName: 'kamSignalsLog' },
    'separator',
    { caption: 'Open sidebar', functionName: 'kamOpenSidebar' },
  ];

  test('AuthMode.NONE: the add-on menu and nothing else', () => {
    use(fakeWithSales(dated, 'sv_SE'));
    onOpen({ authMode: AUTH_MODE.NONE });
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0].items).toEqual(MENU);
    const touched = Object.keys(fake.log.table()).filter(
      (m) => !m.startsWith('Ui.') && !m.startsWith('Menu.') && m !== 'SpreadsheetApp.getUi',
    );
    expect(touched).toEqual([]);
  });

  test('with access: captions in the spreadsheet’s language', () => {
    use(fakeWithSales(dated, 'sv_SE'));
    onInstall({ authMode: AUTH_MODE.LIMITED });
    const items = fake.ui.menus[0].items.map((i) => (i === 'separator' ? i : i.caption));
    expect(items).toEqual([
      'Bygg Topp 20',
      'Förbered förhandling…',
      'Portföljrisk',
      'Signallogg',
      'separator',
      'Öppna sidopanelen',
    ]);
    expect(fake.log.count('PropertiesService.getDocumentProperties')).toBe(0);
  });

  test('languageOfLocale: sv* is Swedish, anything else English', () => {
    expect(['sv_SE', 'sv', 'en_US', 'fi_FI', ''].map(languageOfLocale)).toEqual([
      'sv',
      'sv',
      'en',
      'en',
      'en',
    ]);
  });
});

describe('sidebar handlers', () => {
  test('kamFindSources: a ticket at once; the sales sheet with its columns, as plain JSON', async () => {
    use(fakeWithSales(dated));
    const ticket = kamFindSources();
    expect(ticket).toEqual({ ticket: expect.stringMatching(/^[a-z0-9-]+$/) });
    const sources = await valueOf<SalesSource[]>(ticket);
    expect(sources.map((s) => s.sheet)).toEqual(['Sales']);
    expect(sources[0].missing).toEqual([]);
    expect(JSON.parse(JSON.stringify(sources))).toEqual(sources);
  });

  test('kamSaveChoice / kamLoadChoice: JSON in the document properties', () => {
    use(fakeWithSales(dated));
    expect(kamLoadChoice()).toBeNull();
    kamSaveChoice(CHOICE);
    expect(JSON.parse(fake.properties.store.get(CHOICE_KEY) as string)).toEqual(CHOICE);
    expect(kamLoadChoice()).toEqual(CHOICE);
    fake.properties.store.set(CHOICE_KEY, '{not json');
    expect(kamLoadChoice()).toBeNull();
    expect(() => kamSaveChoice({ sheet: 'Sales' } as SavedChoice)).toThrow('Not a saved choice');
  });

  test('kamBuild: the outcome as plain JSON, under the document lock, released after', async () => {
    use(fakeWithSales(dated));
    const outcome = await valueOf<BuildOutcome>(kamBuild(CHOICE));
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
    expect(outcome.top20Sheet).toBe('Top 20');
    expect(outcome.json.rows).toHaveLength(20);
    expect(outcome.summary).toMatch(/%/);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS]);
    expect(fake.lock.held).toBe(false);
    expect(fake.names()).toEqual(['Sales', 'Top 20', 'Data issues']);
    expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);
  });

  test('kamBuild: a failure is the pane’s message, a user error; nothing written', async () => {
    use(fakeWithSales(dated));
    await expect(outcomeOf(kamBuild({ ...CHOICE, sheet: 'Nope' }))).resolves.toEqual({
      error: 'There is no sheet "Nope". Sheets: Sales.',
      userError: true,
    });
    expect(fake.names()).toEqual(['Sales']);
    expect(fake.lock.held).toBe(false);
  });

  test('kamBuild: another build holding the lock is a clear message', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    fake.lock.busy = true;
    const outcome = await outcomeOf(kamBuild(CHOICE));
    expect(outcome).toEqual({
      error: expect.stringMatching(/En annan KAM-körning pågår/),
      userError: true,
    });
    expect(fake.names()).toEqual(['Sales']);
  });

  test('kamBuild: a fault that is not the user’s is marked so', async () => {
    use(fakeWithSales(dated));
    fake.log.failNext('Sheet.getRange');
    const outcome = await outcomeOf(kamBuild(CHOICE));
    expect(outcome).toMatchObject({ userError: false });
    expect(fake.lock.held).toBe(false);
  });

  test('kamResult: null until the job has settled, then the outcome; unknown tickets are null', async () => {
    use(fakeWithSales(dated));
    const { ticket } = kamBuild(CHOICE);
    // Nothing has run yet: the job's first await has not come back.
    expect(kamResult(ticket)).toBeNull();
    await settle(kamResult, { ticket });
    expect(kamResult(ticket)).toMatchObject({ ok: { top20Sheet: 'Top 20' } });
    expect(kamResult('nope-123')).toBeNull();
    expect(() => kamResult('../x')).toThrow('Not a ticket');
  });

  test('kamResult: an outcome larger than a cache value is chunked and put back together', async () => {
    use(fakeWithSales(dated));
    const big = 'Ö'.repeat(RESULT_CHUNK * 2 + 7); // 2 bytes each in UTF-8: over 100 KB as one value
    const { ticket } = kamBuild({ ...CHOICE, sheet: big });
    const outcome = (await settle(kamResult, { ticket })) as Settled<unknown> & { error: string };
    expect(outcome.error).toContain(big);
    const parts = [...fake.cache.store.keys()].filter((k) =>
      k.startsWith(`${RESULT_KEY}${ticket}.`),
    );
    expect(parts.length).toBeGreaterThanOrEqual(3);
    // A part lost to eviction: a clear message, not a broken JSON.
    fake.cache.store.delete(`${RESULT_KEY}${ticket}.1`);
    expect(kamResult(ticket)).toEqual({
      error: expect.stringMatching(/expired/),
      userError: false,
    });
  });

  test('the pane’s other jobs are ticketed too: accounts, portfolio risk, templates', async () => {
    use(fakeWithSales(dated));
    const accounts = await valueOf<{ key: string }[]>(kamListAccounts(CHOICE));
    expect(accounts.length).toBeGreaterThan(20);
    await valueOf(kamBuildRisk(CHOICE));
    await valueOf(kamCreateTemplates());
    expect(fake.names().length).toBeGreaterThan(3);
    expect(fake.lock.held).toBe(false);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS, LOCK_WAIT_MS]);
  });

  test('kamBuildTrends: KPI trends by quarter under the lock, reconciling with the Top 20', async () => {
    use(fakeWithSales(dated));
    const outcome = await valueOf<SheetJobOutcome>(kamBuildTrends(CHOICE, 'quarter'));
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
    expect(outcome.sheets).toEqual(['KPI trends', 'Data issues']);
    expect(outcome.issuesSheet).toBe('Data issues');
    expect(outcome.summary).toMatch(
      /^KPI trends of the Top 20 by quarter, Q\d \d{4} – Q\d \d{4}: /,
    );
    expect(fake.names()).toEqual(['Sales', 'KPI trends', 'Data issues']);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS]);
    expect(fake.lock.held).toBe(false);
    // The core on the same rows (as the other hosts read them): the sheet's SUM row per quarter
    // recomputes to the core's totals, and they add up to the Top 20's revenue.
    const core = new MemoryWorkbook({ Sales: serial });
    const trends = await buildKpiTrends(core, { ...CHOICE, grain: 'quarter', write: false });
    const top = await buildTop20(core, { ...CHOICE, write: false });
    expect(outcome.issueCount).toBe(trends.issues.length);
    const total = trendBlockRows(trends.trends).revenue?.total as number;
    const values = recompute(fake.sheet('KPI trends'));
    trends.json.periods.forEach((p, b) =>
      expect([p.label, values[total][b + 1]]).toEqual([
        p.label,
        expect.closeTo(trends.json.totals.revenue[b], 4),
      ]),
    );
    const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
    expect(sum(trends.json.totals.revenue)).toBeCloseTo(
      sum(top.analysis.top.map((a) => a.revenue)),
      4,
    );
  });

  test('kamBuildTrends: a grain that is not month or quarter, a busy lock: messages in words', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    await expect(outcomeOf(kamBuildTrends(CHOICE, 'week' as never))).resolves.toEqual({
      error: 'Välj om KPI-trenderna ska visas per månad eller per kvartal.',
      userError: true,
    });
    fake.lock.busy = true;
    await expect(outcomeOf(kamBuildTrends(CHOICE, 'month'))).resolves.toEqual({
      error: expect.stringMatching(/En annan KAM-körning pågår/),
      userError: true,
    });
    expect(fake.names()).toEqual(['Sales']);
  });

  test('kamShowSheet activates a sheet; an unknown one is an Error', async () => {
    use(fakeWithSales(dated));
    fake.addSheet('Other');
    kamShowSheet('Other');
    expect(fake.spreadsheet.active?.name).toBe('Other');
    expect(() => kamShowSheet('Missing')).toThrow('There is no sheet "Missing".');
  });

  const SIDEBAR =
    '<body><div id="root" data-lang="en"></div><script>x = \'data-lang="en"\';</script>';

  test('kamOpenSidebar shows the Sidebar file, the language set on its root', () => {
    use(fakeWithSales(dated));
    fake.html.files.set('Sidebar', SIDEBAR);
    kamOpenSidebar();
    expect(fake.ui.sidebars.map((s) => [s.file, s.title, s.content])).toEqual([
      ['Sidebar', 'KAM Toolkit', SIDEBAR],
    ]);
  });

  test('kamOpenSidebar in a Swedish spreadsheet: data-lang="sv" on the root only', () => {
    use(fakeWithSales(dated, 'sv_SE'));
    fake.html.files.set('Sidebar', SIDEBAR);
    kamOpenSidebar();
    expect(fake.ui.sidebars[0].content).toBe(
      '<body><div id="root" data-lang="sv"></div><script>x = \'data-lang="en"\';</script>',
    );
    expect(sidebarWithLanguage('<p>no root</p>', 'sv')).toBe('<p>no root</p>');
  });
});

describe('signals handlers', () => {
  const INPUT: SignalInput = {
    account: 'Acme AB',
    type: 'price complaint',
    description: 'Wants 5% off',
    raisedBy: 'Eva',
    escalatedTo: 'Helena Strand',
  };
  const canAppend =
    typeof (SheetsWorkbook.prototype as { appendRows?: unknown }).appendRows === 'function';

  test('kamOpenSignals: a ticket; none without a Signals sheet; the open ones newest first', async () => {
    use(fakeWithSales(dated));
    expect(await valueOf<SignalView[]>(kamOpenSignals())).toEqual([]);
    await kamSignalsLog();
    expect(await valueOf<SignalView[]>(kamOpenSignals())).toEqual([]);
    // Two signals typed by hand (Sheets delivers Dates), one of them acted on.
    const sheet = fake.sheet('Signals');
    sheet.getRange(6, 1, 3, 8).setValues([
      [new Date(2026, 10, 20, 9, 0), 'Acme AB', 'price complaint', 'Old', '', '', '', ''],
      [new Date(2026, 10, 21, 9, 0), 'Beta Oy', 'dissatisfaction', 'Newer', '', '', '', ''],
      [
        new Date(2026, 10, 19, 9, 0),
        'Gamma AB',
        'other',
        '',
        '',
        '',
        '',
        new Date(2026, 10, 19, 12, 0),
      ],
    ]);
    const open = await valueOf<SignalView[]>(kamOpenSignals());
    expect(open.map((x) => [x.account, x.raisedAt, x.overdue])).toEqual([
      ['Beta Oy', '2026-11-21 09:00', true],
      ['Acme AB', '2026-11-20 09:00', true],
    ]);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS]); // the menu item only: reading takes no lock
  });

  test('kamLogSignal: appends one row under the document lock (or says clearly it cannot)', async () => {
    use(fakeWithSales(dated));
    await kamSignalsLog();
    const before = sheetGrid(fake.sheet('Signals'));
    const outcome = await outcomeOf(kamLogSignal(INPUT));
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS, LOCK_WAIT_MS]);
    expect(fake.lock.held).toBe(false);
    if (canAppend) {
      if (!('ok' in outcome)) throw new Error(outcome.error);
      const ok = outcome.ok as SheetJobOutcome;
      expect(ok.sheets).toEqual(['Signals']);
      expect(ok.summary).toMatch(/^Signal for Acme AB logged at .* \(Signals, row 6\)\.$/);
      const after = sheetGrid(fake.sheet('Signals'));
      expect(after.slice(0, 5)).toEqual(before.slice(0, 5));
      expect(after[5].slice(1, 6)).toEqual([
        'Acme AB',
        'price complaint',
        'Wants 5% off',
        'Eva',
        'Helena Strand',
      ]);
      const open = await valueOf<SignalView[]>(kamOpenSignals());
      expect(open.map((x) => x.account)).toEqual(['Acme AB']);
    } else {
      // The Sheets adapter has no appendRows yet: a clear failure, and the log is untouched.
      expect(outcome).toEqual({
        error:
          'Something went wrong while logging the signal; no existing row was changed. (This host cannot append rows: the signal was not logged.)',
        userError: false,
      });
      expect(sheetGrid(fake.sheet('Signals'))).toEqual(before);
    }
  });

  test('kamLogSignal: a missing account or an unknown type is the user’s, in words', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    expect(await outcomeOf(kamLogSignal({ ...INPUT, account: '' }))).toEqual({
      error: 'Välj kunden som signalen gäller.',
      userError: true,
    });
    use(fakeWithSales(dated));
    expect(await outcomeOf(kamLogSignal({ ...INPUT, type: 'grumpy' }))).toEqual({
      error: expect.stringMatching(/^Choose the type of signal \(dissatisfaction, /),
      userError: true,
    });
    // Not even an object: the same words, nothing written.
    expect(await outcomeOf(kamLogSignal(null as unknown as SignalInput))).toEqual({
      error: 'Choose the account the signal is about.',
      userError: true,
    });
    expect(fake.names()).toEqual(['Sales']);
    expect(fake.lock.held).toBe(false);
  });
});

describe('the fake CacheService', () => {
  test('user cache: put/get, 100 KB per value (UTF-8), keys ≤ 250, expiry', () => {
    const f = new FakeAppsScript();
    const cache = f.services.CacheService.getUserCache();
    cache.put('k', 'v', 60);
    expect(cache.get('k')).toBe('v');
    expect(cache.get('other')).toBeNull();
    cache.put('max', 'x'.repeat(100 * 1024), 60);
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1), 60)).toThrow(/too large/);
    expect(() => cache.put('big', 'Ö'.repeat(60_000), 60)).toThrow(/too large/);
    expect(() => cache.put('k'.repeat(251), 'v', 60)).toThrow(/key/);
    const now = Date.now();
    f.cache.now = () => now + 61_000;
    expect(cache.get('k')).toBeNull();
    expect(f.log.count('Cache.put')).toBe(5);
  });
});

describe('menu: Build Top 20', () => {
  test('no remembered choice: the first source, automatic mapping, rolling 12 months; a toast', async () => {
    use(fakeWithSales(dated));
    await kamBuildTop20();
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.names()).toEqual(['Sales', 'Top 20', 'Data issues']);
    const twin = use(fakeWithSales(dated));
    const outcome = await valueOf<BuildOutcome>(kamBuild(CHOICE));
    expect(twin.spreadsheet.toasts).toEqual([]);
    use(fakeWithSales(dated));
    await kamBuildTop20();
    expect(fake.spreadsheet.toasts).toEqual([
      { message: outcome.summary, title: 'KAM Toolkit', timeout: 15 },
    ]);
    expect(fake.lock.held).toBe(false);
  });

  test('the remembered choice is used', async () => {
    use(fakeWithSales(dated));
    kamSaveChoice({ ...CHOICE, sheet: 'Missing' });
    await kamBuildTop20();
    expect(fake.ui.alerts).toEqual(['There is no sheet "Missing". Sheets: Sales.']);
    expect(fake.spreadsheet.toasts).toEqual([]);
  });

  test('no sales table: an alert that says what to do', async () => {
    use(new FakeAppsScript());
    fake.addSheet('Notes', [['hello']]);
    await kamBuildTop20();
    expect(fake.ui.alerts).toHaveLength(1);
    expect(fake.ui.alerts[0]).toMatch(/^No sales table found/);
  });

  test('Portfolio risk builds its sheet and toasts the summary', async () => {
    use(fakeWithSales(dated));
    await kamPortfolioRisk();
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.names()).toContain(labels('en').risk.sheet);
    expect(fake.spreadsheet.toasts.at(-1)?.message).toMatch(/^HHI \d+/);
  });

  test('Prepare negotiation opens the sidebar, where the account is picked', () => {
    use(fakeWithSales(dated));
    fake.html.files.set('Sidebar', '<div id="root" data-lang="en"></div>');
    kamPrepareNegotiation();
    expect(fake.ui.sidebars).toHaveLength(1);
  });

  test('Signals log creates the Signals sheet under the lock and shows it; never twice', async () => {
    use(fakeWithSales(dated));
    await kamSignalsLog();
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.names()).toEqual(['Sales', 'Signals']);
    expect(fake.spreadsheet.active?.name).toBe('Signals');
    expect(fake.spreadsheet.toasts).toEqual([
      {
        message: 'Added the Signals sheet: log signs of dissatisfaction there or from the sidebar.',
        title: 'KAM Toolkit',
        timeout: 10,
      },
    ]);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS]);
    expect(fake.lock.held).toBe(false);
    const header = sheetGrid(fake.sheet('Signals'))[4];
    expect(header.slice(0, 3)).toEqual(['Raised at', 'Account', 'Type']);
    // A second time: the same sheet is shown, not replaced; no toast.
    fake.spreadsheet.setActiveSheet(fake.sheet('Sales'));
    await kamSignalsLog();
    expect(fake.names()).toEqual(['Sales', 'Signals']);
    expect(fake.spreadsheet.active?.name).toBe('Signals');
    expect(fake.spreadsheet.toasts).toHaveLength(1);
  });

  test('Signals log: a Swedish spreadsheet gets Signaler; another build holding the lock is an alert', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    await kamSignalsLog();
    expect(fake.names()).toEqual(['Sales', 'Signaler']);
    expect(fake.spreadsheet.active?.name).toBe('Signaler');
    use(fakeWithSales(dated));
    fake.lock.busy = true;
    await kamSignalsLog();
    expect(fake.names()).toEqual(['Sales']);
    expect(fake.ui.alerts).toEqual([expect.stringMatching(/^Another KAM build is running/)]);
  });

  test('Swedish spreadsheet: Swedish sheets', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    await kamBuildTop20();
    const L = labels('sv');
    expect(fake.names()).toEqual(['Sales', L.top20Sheet, L.issuesSheet]);
  });
});
