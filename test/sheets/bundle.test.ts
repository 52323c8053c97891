/**
 * The Apps Script bundle as Sheets runs it: dist/apps-script/Code.js (the KamSheets library, the
 * KAM_* globals) with entry-globals.js after it, loaded as one classic script in a bare context
 * whose only services are the fakes. onOpen builds the menu through the top-level function; the
 * top-level kamBuild returns a ticket at once and kamResult(ticket) the outcome; the build wrote the
 * Top 20 the in-memory workbook gets for the same data.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import webpack from 'webpack';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { labels } from '../../shared/reports/labels';
import { buildTop20 } from '../../shared/reports/top20-build';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { BuildOutcome } from '../../ui/host';
import { AUTH_MODE, FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { NOW, sample, settle, sheetGrid, specGrid, type GridCell } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js') as (
  env: { bundles?: string },
  argv: { mode: string },
) => webpack.Configuration;

const L = labels('en');
let code: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'kam-sheets-bundle-'));
  const base = config({ bundles: 'apps-script' }, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
  code = readFileSync(join(out, 'apps-script', 'Code.js'), 'utf8');
  // Until the build appends the entry points itself, append them as it will.
  if (!/^function onOpen\(e\) \{\n\s*KamSheets\.onOpen\(e\);/m.test(code)) {
    code += `\n${readFileSync(join(__dirname, '../../apps-script/src/entry-globals.js'), 'utf8')}`;
  }
}, 60_000);

type Fn = (...args: unknown[]) => unknown;

/** A bare script context with the fake services as its globals, and its Date. */
function contextWith(rows: number): { fake: FakeAppsScript; global: (name: string) => Fn } {
  const context = vm.createContext({});
  const ContextDate = vm.runInContext('Date', context) as DateConstructor;
  const fake = new FakeAppsScript();
  fake.addSheet('Sales', sample(rows, ContextDate).dated);
  Object.assign(context, fake.services);
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { fake, global: (name) => (context as Record<string, unknown>)[name] as Fn };
}

/** The grid without the build time (the bundle's clock is the real one). */
function withoutBuildTime(grid: GridCell[][]): GridCell[][] {
  return grid.map((row) => (row[0] === L.built ? row.map((v, c) => (c === 2 ? null : v)) : row));
}

test('every entry point is a top-level function delegating to KamSheets', () => {
  const { global } = contextWith(10);
  for (const name of [
    'onOpen',
    'onInstall',
    'kamBuildTop20',
    'kamPrepareNegotiation',
    'kamPortfolioRisk',
    'kamSignalsLog',
    'kamOpenSidebar',
    'kamFindSources',
    'kamLoadChoice',
    'kamSaveChoice',
    'kamBuild',
    'kamResult',
    'kamListAccounts',
    'kamBuildNegotiation',
    'kamBuildRisk',
    'kamBuildTrends',
    'kamCreateTemplates',
    'kamOpenSignals',
    'kamLogSignal',
    'kamShowSheet',
  ]) {
    expect(typeof global(name)).toBe('function');
    expect(code).toMatch(
      new RegExp(`^function ${name}\\([^)]*\\) \\{\\n.*KamSheets\\.${name}\\(`, 'm'),
    );
  }
});

test('onOpen builds the KAM menu', () => {
  const { fake, global } = contextWith(10);
  global('onOpen')({ authMode: AUTH_MODE.NONE });
  expect(fake.ui.menus[0].items).toContainEqual({
    caption: 'Build Top 20',
    functionName: 'kamBuildTop20',
  });
  expect(fake.log.count('PropertiesService.getDocumentProperties')).toBe(0);
});

test('kamBuild writes the Top 20 the in-memory workbook gets; plain JSON back', async () => {
  const { fake, global } = contextWith(2_000);
  // Synchronous: a ticket, not a Promise (google.script.run may not unwrap one).
  const ticket = global('kamBuild')({ sheet: 'Sales', mapping: {}, period: { kind: 'r12' } });
  expect(ticket).not.toBeInstanceOf(Promise);
  expect(Object.prototype.toString.call(ticket)).toBe('[object Object]');
  const settled = await settle(
    (t) => global('kamResult')(t) as { ok: BuildOutcome } | null,
    ticket as { ticket: string },
  );
  const outcome = settled.ok;
  expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
  expect(fake.names()).toEqual(['Sales', L.top20Sheet, L.issuesSheet]);

  const memory = new MemoryWorkbook({ Sales: sample(2_000).serial });
  await buildTop20(memory, { sheet: 'Sales', period: { kind: 'r12' }, lang: 'en', now: NOW });
  expect(withoutBuildTime(sheetGrid(fake.sheet(L.top20Sheet)))).toEqual(
    withoutBuildTime(specGrid(memory.spec(L.top20Sheet) as SheetSpec)),
  );
  expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);
  expect(fake.lock.held).toBe(false);
});
