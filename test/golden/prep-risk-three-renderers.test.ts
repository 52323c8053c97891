/**
 * One golden spec, three renderers (issue 6's acceptance): for one golden dataset — the generated
 * sample, three crafted accounts whose names look like a formula, a phone number and quoted text
 * (the first is the best price the largest account's evidence points to, so the shareable version
 * has to mask it), and Stakeholders, Wallet, Escalation ladder and Account plans sheets for the
 * largest accounts — the core builds
 *   (a) the Negotiation prep of the largest account, (b) the same in shareable mode,
 *   (c) Portfolio risk, and (d) the companion templates (with their drop-down lists)
 * into a MemoryWorkbook: the SheetSpecs. Each is then built again, from the same input sheets, by
 *   1. SheetsWorkbook on the fake SpreadsheetApp (dates arrive as Dates, as Apps Script has them);
 *   2. ExcelWorkbook on the fake Excel;
 *   3. the CLI's FileWorkbook: the .xlsx it saves, read back with ExcelJS;
 * and every sheet it wrote (Data issues included) has the spec's cells (values; formulas as text
 * without '='; the cached result where the renderer stores one — only the .xlsx does) and the
 * spec's drop-down lists.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ExcelWorkbook } from '../../addin/workbook/excel-workbook';
import { SheetsWorkbook } from '../../apps-script/src/sheets-workbook';
import { FileWorkbook } from '../../cli/file-workbook';
import { analyseTop20 } from '../../shared/analysis/top20';
import {
  LADDER,
  PLANS,
  STAKEHOLDERS,
  WALLET,
  type CompanionSchema,
} from '../../shared/companions/schema';
import { companionTemplates } from '../../shared/companions/templates';
import { ingestSales } from '../../shared/ingest/sales-ingest';
import { MemoryWorkbook } from '../../shared/memory-workbook';
import { labels } from '../../shared/reports/labels';
import { buildNegotiationPrep } from '../../shared/reports/prep-build';
import { buildPortfolioRisk } from '../../shared/reports/risk-build';
import { generateSales, SALES_COL } from '../../shared/sample/sales-generator';
import { sampleCompanionRows } from '../../shared/sample/sample-workbook';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawCell, Workbook } from '../../shared/workbook';
import { FakeExcel } from '../fakes/fake-excel';
import { FakeAppsScript } from '../fakes/fake-spreadsheet-app';
import { NOW } from '../sheets/support';
import {
  dated,
  excelDropdowns,
  excelGrid,
  sheetsDropdowns,
  sheetsGrid,
  specDropdowns,
  specGolden,
  xlsxDropdowns,
  xlsxGrid,
  type Golden,
  type Rendered,
} from './support';

const PERIOD = { kind: 'r12' } as const;
const FORMULA_NAME = '=HYPERLINK("http://x.test","click")';
const PHONE_NAME = '+46 Trading AB';
const QUOTED_NAME = "'Quoted & Co";

// ---------------------------------------------------------------------------------------------
// The golden dataset

/** An input sheet: rows from row 1, dates as Excel serials; `dateColumns` become Dates for Sheets. */
interface Input {
  readonly rows: RawCell[][];
  readonly dateColumns: readonly number[];
}

function goldenInputs(): { inputs: Record<string, Input>; largest: string } {
  const { header, rows } = generateSales({ rows: 1_500, seed: 29, messy: false });
  const top = analyseTop20(ingestSales(header, rows).table, { period: PERIOD }).top;
  const largest = top[0].account;
  const last = Math.max(...rows.map((r) => Number(r[SALES_COL.date])));

  // The largest account's most bought product: the crafted accounts buy it too.
  const mine = rows.filter((r) => r[SALES_COL.customer] === largest);
  const lines = new Map<unknown, number>();
  for (const r of mine) lines.set(r[SALES_COL.product], (lines.get(r[SALES_COL.product]) ?? 0) + 1);
  const product = [...lines].sort((a, b) => b[1] - a[1])[0][0];
  const template = mine.find((r) => r[SALES_COL.product] === product) as RawCell[];
  const unit = Number(template[SALES_COL.netSales]) / Number(template[SALES_COL.quantity]);
  const crafted = (i: number, name: string, quantity: number, net: number, cost: number) => {
    const row: RawCell[] = [...template];
    row[SALES_COL.date] = last - 10 - i;
    row[SALES_COL.customerId] = `G-${i}`;
    row[SALES_COL.customer] = name;
    row[SALES_COL.quantity] = quantity;
    row[SALES_COL.netSales] = net;
    row[SALES_COL.cost] = cost;
    return row;
  };
  const sales: RawCell[][] = [
    header,
    ...rows,
    // The best price of the product, on the smallest quantity: the largest account's evidence.
    crafted(0, FORMULA_NAME, 1, Math.round(unit / 2), 1),
    // Pays more than the formula account for a little more: exposure > 0.
    crafted(1, PHONE_NAME, 2, Math.round(unit * 6), 10),
    // Loss-making.
    crafted(2, QUOTED_NAME, 5, 40_000, 90_000),
  ];

  // Companion sheets as the sample workbook makes them, for the three largest accounts.
  const { stakeholders, wallet, ladder, plans } = sampleCompanionRows(top.slice(0, 3), last);
  // A hazardous name in the companions too: key-person risk across accounts lists it.
  stakeholders.push([
    PHONE_NAME,
    'Per Olsson',
    'CEO',
    'central',
    'formal',
    'high',
    'critic',
    '-Gustav Ek',
    last - 40,
  ]);

  const companion = (schema: CompanionSchema, body: RawCell[][]): [string, Input] => [
    schema.sheet.en,
    {
      rows: [schema.columns.map((c) => c.header.en), ...body],
      dateColumns: schema.columns.flatMap((c, i) => (c.kind === 'date' ? [i] : [])),
    },
  ];
  return {
    largest,
    inputs: Object.fromEntries([
      ['Sales', { rows: sales, dateColumns: [SALES_COL.date] }],
      companion(STAKEHOLDERS, stakeholders),
      companion(WALLET, wallet),
      companion(LADDER, ladder),
      companion(PLANS, plans),
    ]),
  };
}

const { inputs: INPUTS, largest: LARGEST } = goldenInputs();

// ---------------------------------------------------------------------------------------------
// The jobs: each writes sheets and returns their names

interface Job {
  readonly title: string;
  /** Input sheets: all, or the sales table alone (templates are only added where none exists). */
  readonly inputs: 'all' | 'sales';
  readonly run: (workbook: Workbook) => Promise<readonly string[]>;
}

const JOBS: readonly Job[] = [
  {
    title: 'Negotiation prep of the largest account',
    inputs: 'all',
    run: async (wb) =>
      (await buildNegotiationPrep(wb, { account: LARGEST, period: PERIOD, lang: 'en', now: NOW }))
        .written,
  },
  {
    title: 'Negotiation prep of the largest account, shareable',
    inputs: 'all',
    run: async (wb) =>
      (
        await buildNegotiationPrep(wb, {
          account: LARGEST,
          shareable: true,
          period: PERIOD,
          lang: 'en',
          now: NOW,
        })
      ).written,
  },
  {
    title: 'Portfolio risk',
    inputs: 'all',
    run: async (wb) =>
      (await buildPortfolioRisk(wb, { period: PERIOD, lang: 'en', now: NOW })).written,
  },
  {
    // What `kam templates`, the pane and the Sheets menu do.
    title: 'Companion templates',
    inputs: 'sales',
    run: async (wb) => {
      const specs = companionTemplates(await wb.sheetNames(), 'en');
      for (const spec of specs) await wb.writeSheet(spec);
      return specs.map((s) => s.name);
    },
  },
];

function inputsOf(which: Job['inputs']): [string, Input][] {
  return Object.entries(INPUTS).filter(([name]) => which === 'all' || name === 'Sales');
}

// ---------------------------------------------------------------------------------------------
// The core's specs and the three renderers

type Sheets = Record<string, Rendered>;

/** The SheetSpecs of each job, by job title and sheet name. */
const specs = new Map<string, Record<string, SheetSpec>>();
/** The input .xlsx files the file adapter opens, by `Job.inputs`. */
const files = new Map<Job['inputs'], string>();
let dir: string;

beforeAll(async () => {
  for (const job of JOBS) {
    const memory = new MemoryWorkbook(
      Object.fromEntries(inputsOf(job.inputs).map(([name, input]) => [name, input.rows])),
    );
    const written = await job.run(memory);
    specs.set(
      job.title,
      Object.fromEntries(written.map((name) => [name, memory.spec(name) as SheetSpec])),
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'kam-golden-prep-'));
  for (const which of ['all', 'sales'] as const) {
    const book = new ExcelJS.Workbook();
    for (const [name, input] of inputsOf(which)) book.addWorksheet(name).addRows(input.rows);
    const path = join(dir, `input-${which}.xlsx`);
    await book.xlsx.writeFile(path);
    files.set(which, path);
  }
});

/** What the spec of each sheet a job wrote puts there; `cached`: formulas with their values. */
function expected(job: Job, cached: boolean): Sheets {
  const out: Sheets = {};
  for (const [name, spec] of Object.entries(specs.get(job.title) ?? {}))
    out[name] = { cells: specGolden(spec, cached), dropdowns: specDropdowns(spec) };
  return out;
}

/** 1. SheetsWorkbook on the fake SpreadsheetApp. */
async function viaSheets(job: Job): Promise<Sheets> {
  const fake = new FakeAppsScript({ locale: 'en_US' });
  for (const [name, input] of inputsOf(job.inputs))
    fake.addSheet(name, dated(input.rows, input.dateColumns));
  const written = await job.run(new SheetsWorkbook(fake.services.SpreadsheetApp));
  expect(fake.log.count('Range.getValue') + fake.log.count('Range.setValue')).toBe(0);
  return Object.fromEntries(
    written.map((name) => {
      const sheet = fake.sheet(name);
      return [name, { cells: sheetsGrid(sheet), dropdowns: sheetsDropdowns(sheet) }];
    }),
  );
}

/** 2. ExcelWorkbook on the fake Excel. */
async function viaExcel(job: Job): Promise<Sheets> {
  const fake = new FakeExcel({
    sheets: Object.fromEntries(
      inputsOf(job.inputs).map(([name, input]) => [
        name,
        input.rows as (string | number | null)[][],
      ]),
    ),
  });
  const written = await job.run(new ExcelWorkbook(fake.run));
  return Object.fromEntries(
    written.map((name) => [
      name,
      { cells: excelGrid(fake, name), dropdowns: excelDropdowns(fake, name) },
    ]),
  );
}

/** 3. FileWorkbook: the saved .xlsx, read back with ExcelJS. */
async function viaFile(job: Job): Promise<Sheets> {
  const workbook = await FileWorkbook.open(files.get(job.inputs) as string);
  const written = await job.run(workbook);
  const output = join(dir, `${job.title.replace(/\W+/g, '-')}.xlsx`);
  await workbook.save(output);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(output);
  return Object.fromEntries(
    written.map((name) => {
      const ws = back.getWorksheet(name);
      if (!ws) throw new Error(`no sheet "${name}" in the saved file`);
      return [name, { cells: xlsxGrid(ws), dropdowns: xlsxDropdowns(ws) }];
    }),
  );
}

// ---------------------------------------------------------------------------------------------

const texts = (grid: Golden[][]): string[] =>
  grid
    .flat()
    .flatMap((v) =>
      typeof v === 'string' ? [v] : v !== null && typeof v === 'object' ? [v.f] : [],
    );

describe('the golden dataset exercises what the renderers must get right', () => {
  const sheetsOf = (title: string) => specs.get(title) ?? {};
  const prepName = () =>
    Object.keys(sheetsOf(JOBS[0].title)).find((n) => n.startsWith('Negotiation prep')) as string;

  test('the prep names the formula-like account as the best price; the shareable one masks it', () => {
    const prep = texts(specGolden(sheetsOf(JOBS[0].title)[prepName()], false));
    expect(prep).toContain(FORMULA_NAME);
    const shared = texts(specGolden(sheetsOf(JOBS[1].title)[prepName()], false));
    expect(shared.join('\n')).not.toContain('HYPERLINK');
    expect(shared).toContain(labels('en').prep.masked('A'));
    // The companion sections are filled: coverage, wallet, ladder and plan rows.
    for (const word of ['Ingrid Sjöberg', 'Helena Strand', 'preferred supplier'])
      expect(prep.join('\n')).toContain(word);
  });

  test('Portfolio risk lists the hazardous names as text', () => {
    const risk = Object.values(sheetsOf(JOBS[2].title)).flatMap((s) => texts(specGolden(s, false)));
    expect(risk).toEqual(expect.arrayContaining([PHONE_NAME, QUOTED_NAME, '-Gustav Ek']));
  });

  test('the templates carry drop-down lists, and the specs formulas', () => {
    const templates = Object.values(sheetsOf(JOBS[3].title));
    expect(templates.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Stakeholders', 'Wallet', 'Escalation ladder', 'Account plans']),
    );
    expect(templates.flatMap((s) => s.validations ?? []).length).toBeGreaterThanOrEqual(6);
    const formulas = JOBS.slice(0, 3).flatMap((job) =>
      Object.values(sheetsOf(job.title)).flatMap((s) =>
        specGolden(s, true)
          .flat()
          .filter((v) => v !== null && typeof v === 'object'),
      ),
    );
    expect(formulas.length).toBeGreaterThan(0);
  });
});

describe.each(JOBS.map((job) => [job.title, job] as const))('%s', (_, job) => {
  test('Google Sheets (SheetsWorkbook on the fake SpreadsheetApp) writes the core’s sheets', async () => {
    expect(await viaSheets(job)).toEqual(expected(job, false));
  });

  test('Excel (ExcelWorkbook on the fake Excel) writes the core’s sheets', async () => {
    expect(await viaExcel(job)).toEqual(expected(job, false));
  });

  test('the file adapter (.xlsx read back with ExcelJS) writes the core’s sheets, cached values included', async () => {
    expect(await viaFile(job)).toEqual(expected(job, true));
  });
});
