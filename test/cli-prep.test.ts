/** `kam prep`, `kam risk` and `kam templates` on real .xlsx files. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FileWorkbook } from '../cli/file-workbook';
import type { PrepJson } from '../shared/reports/prep-build';
import type { RiskJson } from '../shared/reports/risk-build';
import type { Cell } from '../shared/sheet-spec';
import { runKam } from './support/cli';
import { ACCOUNTS, goldenSheets } from './companions/golden';

const dir = mkdtempSync(join(tmpdir(), 'kam-prep-'));

async function goldenFile(name: string, companions = true): Promise<string> {
  const wb = FileWorkbook.create();
  for (const [sheet, rows] of Object.entries(goldenSheets(companions))) {
    await wb.writeSheet({ name: sheet, blocks: [{ row: 0, col: 0, cells: rows as Cell[][] }] });
  }
  const path = join(dir, name);
  await wb.save(path);
  return path;
}

async function cellsOf(path: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (v && typeof v === 'object' && 'formula' in v)
        out.push(String(v.formula), String(v.result));
      else out.push(String(v));
    }),
  );
  return out;
}

test('kam prep --json prints the figures and writes nothing without -o', async () => {
  const file = await goldenFile('golden.xlsx');
  const run = await runKam(['prep', file, '--account', 'Acme AB', '--json']);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const j = JSON.parse(run.out) as PrepJson;
  expect(j.account).toBe('Acme AB');
  expect(j.exposure).toMatchObject({ total: 450, account: 450 });
  expect(j.walkAway?.profitLeft).toBe(240);
  expect(j.subUnits?.map((s) => s.subUnit)).toEqual(['North', 'South']);
  if (!j.pvm.available) throw new Error('no pvm');
  expect(j.pvm.total).toBe(320);
  expect(j.coverage?.map((c) => c.coverage)).toEqual([1, 2, 0]);
  expect(j.escalation.referee?.person).toBe('Ann Ek');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).not.toContain('Negotiation prep — Acme AB');
});

test('kam prep --shareable -o writes a sheet without other customer names', async () => {
  const file = await goldenFile('share.xlsx');
  const out = join(dir, 'share.kam.xlsx');
  const run = await runKam(['prep', file, '--account', 'acme', '--shareable', '-o', out]);
  expect(run.code).toBe(0);
  expect(run.out).toContain('Wrote Negotiation prep — Acme AB and Data issues');
  expect(run.out).toContain('3 rows on the Data issues sheet');
  const cells = (await cellsOf(out, 'Negotiation prep — Acme AB')).join('\n');
  expect(cells).toContain('Customer A');
  for (const other of ACCOUNTS.filter((a) => a !== 'Acme AB')) expect(cells).not.toContain(other);
  const issues = await cellsOf(out, 'Data issues');
  expect(issues.join('\n')).toContain('Stakeholders: unknown level "boss"');
});

test('kam risk --json and -o', async () => {
  const file = await goldenFile('risk.xlsx');
  const run = await runKam(['risk', file, '--json']);
  expect(run.code).toBe(0);
  const j = JSON.parse(run.out) as RiskJson;
  expect(j.exposure?.total).toBe(450);
  expect(j.dependencies[0].account).toBe('Acme AB');
  expect(j.lossMaking.map((l) => l.account)).toEqual(['Delta Data']);
  const out = join(dir, 'risk.kam.xlsx');
  const written = await runKam(['risk', file, '-o', out, '--lang', 'sv']);
  expect(written.code).toBe(0);
  expect(written.out).toContain('Wrote Portföljrisk and Dataproblem');
  expect((await cellsOf(out, 'Portföljrisk'))[0]).toBe('Portföljrisk');
});

test('kam templates adds the companion sheets with drop-downs, and prep reads them', async () => {
  const file = await goldenFile('bare.xlsx', false);
  const out = join(dir, 'templates.xlsx');
  const run = await runKam(['templates', file, '-o', out]);
  expect(run.code).toBe(0);
  expect(run.out).toContain('Added Stakeholders, Wallet, Escalation ladder, Account plans');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('Stakeholders')!;
  expect(ws.getCell('D2').dataValidation).toMatchObject({
    type: 'list',
    formulae: ['"central,regional,local"'],
  });
  expect(ws.getCell('F300').dataValidation?.formulae).toEqual(['"high,medium,low"']);
  const again = await runKam(['templates', out]);
  expect(again.out).toContain('nothing added');
  const prep = await runKam(['prep', out, '--account', 'Beta Bygg', '--json']);
  expect(prep.code).toBe(0);
  const j = JSON.parse(prep.out) as PrepJson;
  expect(j.coverage).toEqual([]);
  expect(j.escalation.warning).toBe('no-ladder');
});

test('kam prep on the sample workbook shows everything for the largest account', async () => {
  const sample = join(dir, 'sample.xlsx');
  expect((await runKam(['sample', '-o', sample, '--rows', '3000'])).code).toBe(0);
  const top = JSON.parse((await runKam(['top20', sample, '--json'])).out) as {
    rows: { account: string }[];
  };
  const run = await runKam(['prep', sample, '--account', top.rows[0].account, '--json']);
  expect(run.code).toBe(0);
  const j = JSON.parse(run.out) as PrepJson;
  expect(j.coverage?.length).toBe(4);
  expect(j.criticalPeople.length).toBeGreaterThan(0);
  expect(j.escalation.referee).not.toBeNull();
  expect(j.wallet[0].share).toBeGreaterThan(0);
  expect(j.plan?.roleTarget).toBe('strategic partner');
  expect(j.pvm.available).toBe(true);
  expect(j.exposure?.evidence.length).toBeGreaterThan(0);
});

test('usage errors: no --account, unknown account, bad --lang', async () => {
  const file = await goldenFile('errors.xlsx');
  const noAccount = await runKam(['prep', file]);
  expect(noAccount.code).toBe(2);
  expect(noAccount.err).toContain('prep needs --account NAME');
  const unknown = await runKam(['prep', file, '--account', 'Nobody']);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('There is no account "Nobody"');
  const lang = await runKam(['risk', file, '--lang', 'fi']);
  expect(lang.code).toBe(2);
});
