/** The task pane's Excel host on the fake Excel: sources, remembered choice, build, ribbon. */
import {
  buildTop20Command,
  CHOICE_SETTING,
  createExcelHost,
  paneLanguage,
  type ExcelEnvironment,
} from '../../addin/taskpane/excel-host';
import type { HostFailure, SavedChoice } from '../../ui/host';
import { FakeExcel } from '../fakes/fake-excel';

/** Office.context.document.settings, in memory, counting saves. */
function fakeSettings(fail = false) {
  const values = new Map<string, unknown>();
  let saves = 0;
  const settings: ExcelEnvironment['settings'] = {
    get: (name: string) => values.get(name) ?? null,
    set: (name: string, value: unknown) => void values.set(name, value),
    saveAsync: ((callback?: (result: Office.AsyncResult<void>) => void) => {
      saves++;
      callback?.({
        status: (fail ? 'failed' : 'succeeded') as unknown as Office.AsyncResultStatus,
        error: { message: 'The document is read-only.' } as Office.Error,
      } as Office.AsyncResult<void>);
    }) as Office.Settings['saveAsync'],
  };
  return { settings, values, saves: () => saves };
}

const sales = [
  ['Fakturadatum', 'Kund', 'Belopp', 'Kostnad'],
  [46300, 'Acme AB', 1000, 600],
  [46310, 'Beta AB', 700, 680],
  [46320, 'Acme AB', 300, 100],
];

function setup(displayLanguage = 'en-US') {
  const fake = new FakeExcel({ sheets: { Notes: [['Read me']], Sales: sales } });
  const s = fakeSettings();
  const host = createExcelHost({ run: fake.run, settings: s.settings, displayLanguage });
  return { fake, host, ...s };
}

test('the language follows Office’s display language', () => {
  expect(paneLanguage('sv-SE')).toBe('sv');
  expect(paneLanguage('sv')).toBe('sv');
  expect(paneLanguage('en-GB')).toBe('en');
  expect(paneLanguage(undefined)).toBe('en');
});

test('finds the sales sheet, tables first', async () => {
  const { fake, host } = setup();
  fake.addSheet('Export', [['x'], ['Customer', 'Net sales'], ['Acme', 5]]);
  fake.addTable('Export', 'Orders', 'A2:B3');
  const sources = await host.findSources();
  expect(sources.map((s) => [s.sheet, s.headerRow])).toEqual([
    ['Orders', 2],
    ['Sales', 1],
    ['Export', 2],
  ]);
});

test('the choice is remembered in the workbook settings', async () => {
  const { host, values, saves } = setup();
  expect(await host.loadChoice()).toBeNull();
  const choice: SavedChoice = {
    sheet: 'Sales',
    mapping: { revenue: 'Belopp' },
    period: { kind: 'all' },
  };
  await host.saveChoice(choice);
  expect(values.get(CHOICE_SETTING)).toEqual(choice);
  expect(saves()).toBe(1);
  expect(await host.loadChoice()).toEqual(choice);
});

test('a failed save is reported', async () => {
  const fake = new FakeExcel({ sheets: { Sales: sales } });
  const host = createExcelHost({
    run: fake.run,
    settings: fakeSettings(true).settings,
    displayLanguage: 'en',
  });
  await expect(
    host.saveChoice({ sheet: 'Sales', mapping: {}, period: { kind: 'r12' } }),
  ).rejects.toThrow('The document is read-only.');
});

test('builds the Top 20 in Swedish and reports progress and the sheet names', async () => {
  const { fake, host } = setup('sv-SE');
  const phases: string[] = [];
  const outcome = await host.buildTop20(
    { sheet: 'Sales', mapping: {}, period: { kind: 'all' } },
    (p) => phases.push(p.phase),
  );
  expect(outcome.top20Sheet).toBe('Topp 20');
  expect(outcome.summary).toMatch(/^Topp 2 = 100 % av försäljningen/);
  expect(fake.sheetNames()).toEqual(['Notes', 'Sales', 'Topp 20', 'Dataproblem']);
  expect(phases[0]).toBe('reading');
  expect(phases).toContain('analysing');
  expect(phases).toContain('writing');
  expect(phases.at(-1)).toBe('done');
});

test('a failure is a sentence, never a raw exception', async () => {
  const { host } = setup();
  const failure = (await host
    .buildTop20({ sheet: 'Notes', mapping: {}, period: { kind: 'all' } }, () => undefined)
    .catch((e: unknown) => e)) as HostFailure;
  expect(failure.userError).toBe(true);
  expect(failure.message).toMatch(/Notes/);
  expect(failure).not.toBeInstanceOf(Error);
});

test('the ribbon command builds with no questions and shows the sheet; a failure opens the pane', async () => {
  const { fake, host } = setup();
  let opened = 0;
  const summary = await buildTop20Command(host, async () => void opened++);
  expect(summary).toMatch(/^Top 2 = 100% of revenue/);
  expect(fake.activeSheet()).toBe('Top 20');
  expect(opened).toBe(0);

  const empty = new FakeExcel({ sheets: { Notes: [['Read me']] } });
  const lost = createExcelHost({
    run: empty.run,
    settings: fakeSettings().settings,
    displayLanguage: 'en',
  });
  const message = await buildTop20Command(lost, async () => void opened++);
  expect(message).toMatch(/^No sales table found/);
  expect(opened).toBe(1);
});
