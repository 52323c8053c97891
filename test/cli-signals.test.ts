/** `kam signals`, `kam trends` and the Signals sheet from `kam templates`, on real .xlsx files. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FileWorkbook } from '../cli/file-workbook';
import { appendSignal, type SignalsJson } from '../shared/reports/signals-build';
import { sampleWorkbook } from '../shared/sample/sample-workbook';
import type { TrendsJson } from '../shared/reports/trends-build';
import { day } from './analysis/table';
import { runKam } from './support/cli';

const dir = mkdtempSync(join(tmpdir(), 'kam-cli-signals-'));
const sample = join(dir, 'sample.xlsx');
const logged = join(dir, 'logged.xlsx');

beforeAll(async () => {
  // The sample workbook without its Signals sheet, so `kam templates` has one to add.
  const input = FileWorkbook.create();
  for (const sheet of sampleWorkbook({ rows: 3000 }).sheets) {
    if (sheet.name !== 'Signals') await input.writeSheet(sheet);
  }
  await input.save(sample);
  const added = await runKam(['templates', sample, '-o', logged]);
  expect(added.code).toBe(0);
  expect(added.out).toContain('Added Signals');
  const wb = await FileWorkbook.open(logged);
  await appendSignal(
    wb,
    { account: 'Acme AB', type: 'price complaint', description: 'too dear' },
    {
      now: day('2026-11-25 09:00'),
    },
  );
  await appendSignal(
    wb,
    { account: 'Beta Bygg', type: 'uppsägningshot' },
    {
      now: day('2026-11-26 09:00'),
    },
  );
  await wb.save(logged);
}, 60_000);

test('kam templates adds a Signals sheet with its settings and formulas, once', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(logged);
  const ws = wb.getWorksheet('Signals')!;
  expect(ws.getCell('A2').value).toBe('Limit (hours)');
  expect(ws.getCell('B3').formula).toBe('NOW()');
  expect(ws.getCell('C6').dataValidation?.formulae?.[0]).toContain('price complaint');
  expect(ws.getCell('K7').formula).toContain('"overdue"');
  expect((await runKam(['templates', logged, '-o', join(dir, 'again.xlsx')])).out).toContain(
    'nothing added',
  );
});

test('kam signals --json: open and overdue, newest first, at --now', async () => {
  const run = await runKam(['signals', logged, '--now', '2026-11-26 12:00', '--json']);
  expect(run.code).toBe(0);
  const j = JSON.parse(run.out) as SignalsJson;
  expect(j.now).toBe('2026-11-26 12:00');
  expect(j.counts).toEqual({ open: 1, overdue: 1, 'acted-in-time': 0, 'acted-late': 0 });
  expect(j.open.map((s) => [s.account, s.type, s.hoursLeft, s.state, s.row])).toEqual([
    ['Beta Bygg', 'termination threat', 21, 'open', 7],
    ['Acme AB', 'price complaint', -3, 'overdue', 6],
  ]);
});

test('kam signals prints a table', async () => {
  const run = await runKam(['signals', logged, '--now', '2026-11-26T12:00']);
  expect(run.code).toBe(0);
  expect(run.out.split('\n')).toEqual([
    'Signals: 1 overdue, 1 open, 0 acted in time, 0 acted late (limit 24 h, as of 2026-11-26 12:00).',
    'Raised at         Account    Type                Hours left  Status   Description',
    '2026-11-26 09:00  Beta Bygg  termination threat  21.0        open',
    '2026-11-25 09:00  Acme AB    price complaint     -3.0        overdue  too dear',
    '',
  ]);
});

test('kam signals without a Signals sheet, and with a bad --now', async () => {
  const none = await runKam(['signals', sample]);
  expect(none.code).toBe(0);
  expect(none.out).toContain('No Signals sheet');
  const bad = await runKam(['signals', logged, '--now', 'tomorrow']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('--now must be a date and time');
});

test('kam trends writes the KPI trends sheet; the Top 20 still reads the sales sheet', async () => {
  const out = join(dir, 'trends.xlsx');
  const run = await runKam(['trends', logged, '-o', out]);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/^20 accounts over 1[23] months/);
  expect(run.out).toContain('Wrote KPI trends and Data issues');
  const top = await runKam(['top20', out, '--json']);
  expect(top.code).toBe(0);
  const quarters = await runKam(['trends', out, '--by', 'quarter', '--lang', 'sv', '--json']);
  const j = JSON.parse(quarters.out) as TrendsJson;
  expect(j.grain).toBe('quarter');
  expect(j.periods[0].label).toMatch(/^\d{4}-Q[1-4]$/);
  const named = await runKam([
    'trends',
    out,
    '--accounts',
    `${j.accounts[1].account};${j.accounts[0].account}`,
    '--json',
  ]);
  expect((JSON.parse(named.out) as TrendsJson).accounts.map((a) => a.account)).toEqual([
    j.accounts[1].account,
    j.accounts[0].account,
  ]);
  const bad = await runKam(['trends', out, '--by', 'week']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('--by must be month or quarter');
});
