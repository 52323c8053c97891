/**
 * The server functions of the Sheets add-on over the fake services: the menu (AuthMode.NONE
 * touches nothing), the sidebar handlers (plain JSON, failures as Errors with the pane's message,
 * the document lock), Build Top 20 from the menu (a toast with the summary).
 */
import {
  CHOICE_KEY,
  LOCK_WAIT_MS,
  kamBuild,
  kamBuildTop20,
  kamFindSources,
  kamLoadChoice,
  kamOpenSidebar,
  kamPortfolioRisk,
  kamSaveChoice,
  kamShowSheet,
  languageOfLocale,
  onInstall,
  onOpen,
  useServices,
  type SheetsServices,
} from '../../apps-script/src/server';
import type { SavedChoice } from '../../ui/host';
import { labels } from '../../shared/reports/labels';
import { AUTH_MODE, FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { fakeWithSales, sample } from './support';

const { dated } = sample(2_000);
const CHOICE: SavedChoice = { sheet: 'Sales', mapping: {}, period: { kind: 'r12' } };

let fake: FakeAppsScript;

function use(f: FakeAppsScript): FakeAppsScript {
  const services: SheetsServices = f.services; // the fake fits the seam
  useServices(services);
  fake = f;
  return f;
}

afterEach(() => useServices(null));

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
  test('kamFindSources: the sales sheet with its columns, as plain JSON', async () => {
    use(fakeWithSales(dated));
    const sources = await kamFindSources();
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
    const outcome = await kamBuild(CHOICE);
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
    expect(outcome.top20Sheet).toBe('Top 20');
    expect(outcome.json.rows).toHaveLength(20);
    expect(outcome.summary).toMatch(/%/);
    expect(fake.lock.waits).toEqual([LOCK_WAIT_MS]);
    expect(fake.lock.held).toBe(false);
    expect(fake.names()).toEqual(['Sales', 'Top 20', 'Data issues']);
    expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);
  });

  test('kamBuild: a failure is an Error with the pane’s message; nothing written', async () => {
    use(fakeWithSales(dated));
    await expect(kamBuild({ ...CHOICE, sheet: 'Nope' })).rejects.toThrow(
      new Error('There is no sheet "Nope". Sheets: Sales.'),
    );
    expect(fake.names()).toEqual(['Sales']);
    expect(fake.lock.held).toBe(false);
  });

  test('kamBuild: another build holding the lock is a clear message', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    fake.lock.busy = true;
    await expect(kamBuild(CHOICE)).rejects.toThrow(/En annan KAM-körning pågår/);
    expect(fake.names()).toEqual(['Sales']);
  });

  test('kamShowSheet activates a sheet; an unknown one is an Error', async () => {
    use(fakeWithSales(dated));
    fake.addSheet('Other');
    kamShowSheet('Other');
    expect(fake.spreadsheet.active?.name).toBe('Other');
    expect(() => kamShowSheet('Missing')).toThrow('There is no sheet "Missing".');
  });

  test('kamOpenSidebar shows the Sidebar file', () => {
    use(fakeWithSales(dated));
    kamOpenSidebar();
    expect(fake.ui.sidebars.map((s) => [s.file, s.title])).toEqual([['Sidebar', 'KAM Toolkit']]);
  });
});

describe('menu: Build Top 20', () => {
  test('no remembered choice: the first source, automatic mapping, rolling 12 months; a toast', async () => {
    use(fakeWithSales(dated));
    await kamBuildTop20();
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.names()).toEqual(['Sales', 'Top 20', 'Data issues']);
    const twin = use(fakeWithSales(dated));
    const outcome = await kamBuild(CHOICE);
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

  test('later items say so', () => {
    use(fakeWithSales(dated));
    kamPortfolioRisk();
    expect(fake.ui.alerts).toEqual(['Portfolio risk is coming in a later version of KAM Toolkit.']);
  });

  test('Swedish spreadsheet: Swedish sheets', async () => {
    use(fakeWithSales(dated, 'sv_SE'));
    await kamBuildTop20();
    const L = labels('sv');
    expect(fake.names()).toEqual(['Sales', L.top20Sheet, L.issuesSheet]);
  });
});
