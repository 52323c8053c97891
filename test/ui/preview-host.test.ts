/**
 * The in-browser preview host, run in Node: the sample sheet is found with no question, Build Top
 * 20 gives the same summary and first account as the CLI on `kam sample`'s workbook, the preview
 * store follows the writes and the sheet links, and the language comes from `?lang=`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWorkbook } from '../../cli/file-workbook';
import { writeSample } from '../../cli/sample-workbook';
import { buildTop20 } from '../../shared/reports/top20-build';
import { top20Summary } from '../../shared/reports/top20-summary';
import type { BuildProgress, SavedChoice } from '../../ui/host';
import { initialMapping, mappingChoice } from '../../ui/app/choice';
import { createPreview, previewLanguage } from '../../ui/preview/preview-host';
import { SAMPLE_SHEET } from '../../ui/preview/sample';

/** The input sheets of the preview: the sales sheet, the sample's companion sheets and Signals. */
const INPUT = [
  SAMPLE_SHEET,
  'Stakeholders',
  'Wallet',
  'Escalation ladder',
  'Account plans',
  'Signals',
];

/** What the CLI demo prints: `kam sample` then `kam top20` on the file. */
async function cliTop20() {
  const file = join(mkdtempSync(join(tmpdir(), 'kam-preview-')), 'sample.xlsx');
  await writeSample(file);
  const result = await buildTop20(await FileWorkbook.open(file), { write: false });
  return { summary: top20Summary(result.analysis, 'en'), first: result.analysis.top[0].account };
}

test('the sample sheet is found with every required column: no questions', async () => {
  const { host } = createPreview({ language: 'en' });
  expect(host.kind).toBe('preview');
  const sources = await host.findSources();
  expect(sources.map((s) => [s.sheet, s.headerRow, s.missing])).toEqual([[SAMPLE_SHEET, 1, []]]);
  expect(await host.loadChoice()).toBeNull();
});

test('Build Top 20 in the preview equals the CLI demo on the same sample', async () => {
  const { host, store, workbook } = createPreview({ language: 'en' });
  const [source] = await host.findSources();
  const choice: SavedChoice = {
    sheet: source.sheet,
    mapping: mappingChoice(initialMapping(source, null)),
    period: { kind: 'r12' },
  };
  await host.saveChoice(choice);
  expect(await host.loadChoice()).toEqual(choice);

  const progress: BuildProgress[] = [];
  const outcome = await host.buildTop20(choice, (p) => progress.push(p));
  const cli = await cliTop20();
  expect(outcome.summary).toBe(cli.summary);
  expect(outcome.json.rows[0].account).toBe(cli.first);
  expect([outcome.top20Sheet, outcome.issuesSheet]).toEqual(['Top 20', 'Data issues']);
  expect(outcome.issueCount).toBeGreaterThan(0);

  // Phases in order; the reading phase knows the total (a determinate bar).
  const phases = progress.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
  expect(phases).toEqual(['reading', 'analysing', 'writing', 'done']);
  expect(progress.some((p) => p.phase === 'reading' && p.rowsTotal === 24_001)).toBe(true);

  // The preview area lists the built sheets and shows the Top 20; the links switch the tab.
  expect(store.snapshot().sheets).toEqual([...INPUT, 'Top 20', 'Data issues']);
  expect(store.snapshot().active).toBe('Top 20');
  await host.showSheet('Data issues');
  expect(store.snapshot().active).toBe('Data issues');
  expect(workbook.spec('Top 20')?.name).toBe('Top 20');

  // A rebuild redraws (version) but keeps the tab the user chose.
  const before = store.snapshot().version;
  await host.buildTop20(choice, () => undefined);
  expect(store.snapshot().version).toBeGreaterThan(before);
  expect(store.snapshot().active).toBe('Data issues');
}, 30_000);

test('in Swedish the sheets and the summary are Swedish', async () => {
  const { host, store } = createPreview({ language: 'sv' });
  const [source] = await host.findSources();
  const outcome = await host.buildTop20(
    { sheet: source.sheet, mapping: {}, period: { kind: 'all' } },
    () => undefined,
  );
  expect(outcome.summary).toMatch(/^Topp 20 = /);
  expect(store.snapshot().sheets).toEqual([...INPUT, 'Topp 20', 'Dataproblem']);
});

test('a failure comes back in words, as a warning when the input caused it', async () => {
  const { host } = createPreview({ language: 'en' });
  await expect(
    host.buildTop20(
      { sheet: SAMPLE_SHEET, mapping: { revenue: 'No such column' }, period: { kind: 'r12' } },
      () => undefined,
    ),
  ).rejects.toEqual({ message: expect.stringContaining('No such column'), userError: true });
});

test.each([
  ['?lang=sv', 'en-US', 'sv'],
  ['?lang=EN', 'sv-SE', 'en'],
  ['', 'sv-SE', 'sv'],
  ['', 'sv', 'sv'],
  ['', 'en-GB', 'en'],
  ['?lang=de', 'fi-FI', 'en'],
  ['', undefined, 'en'],
] as const)('previewLanguage(%j, %j) is %s', (search, browser, expected) => {
  expect(previewLanguage(search, browser)).toBe(expected);
});
