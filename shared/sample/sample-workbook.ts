/**
 * The sample workbook every host shows: "Sales" (the seeded generator's invoice lines, messy as
 * real exports are) and small Stakeholders, Wallet, Escalation ladder and Account plans sheets for
 * the three largest accounts, so a negotiation prep shows every section, and a short Signals log
 * (two signals still open, on accounts just outside the Top 20, so the Top 20 is the same with or
 * without it). `kam sample` writes it to a file; the task pane's browser preview holds it in memory.
 */
import type { Signal } from '../analysis/signals';
import { analyseTop20 } from '../analysis/top20';
import { LADDER, PLANS, STAKEHOLDERS, WALLET } from '../companions/schema';
import { companionTemplate } from '../companions/templates';
import { ingestSales } from '../ingest/sales-ingest';
import { buildSignalsSheet } from '../reports/signals-sheet';
import { STYLE } from '../reports/styles';
import type { SheetSpec } from '../sheet-spec';
import { generateSales, type SampleCell } from './sales-generator';

/** The sales sheet's name. */
export const SAMPLE_SHEET = 'Sales';

const FORMATS: Readonly<Record<string, string>> = {
  'Invoice date': 'yyyy-mm-dd',
  Quantity: '#,##0',
  'Net sales': '#,##0.00',
  Cost: '#,##0.00',
};

export interface SampleWorkbook {
  /** "Sales", then the companion sheets and Signals, in workbook order. */
  readonly sheets: readonly SheetSpec[];
  /** Invoice lines in Sales (the total row included). */
  readonly rows: number;
  /** Distinct customer ids. */
  readonly accounts: number;
}

/**
 * The sample's sheets as SheetSpecs (seed 1 and 24,000 lines unless told otherwise).
 *
 * @example
 * const { sheets } = sampleWorkbook();
 * sheets.map((s) => s.name); // ['Sales', 'Stakeholders', 'Wallet', 'Escalation ladder', 'Account plans', 'Signals']
 */
export function sampleWorkbook(options: { rows?: number; seed?: number } = {}): SampleWorkbook {
  const { header, rows } = generateSales({ rows: options.rows, seed: options.seed, messy: true });
  const accountCol = header.indexOf('Customer ID');
  const accounts = new Set(rows.map((r) => r[accountCol]).filter((v) => v !== null && v !== ''));
  const sales: SheetSpec = {
    name: SAMPLE_SHEET,
    blocks: [
      { row: 0, col: 0, cells: [header], style: STYLE.tableHeader },
      { row: 1, col: 0, cells: rows, numberFormats: header.map((h) => FORMATS[h] ?? null) },
    ],
    columns: header.map((h) => ({ width: Math.max(12, h.length + 4) })),
    freeze: { rows: 1, cols: 0 },
  };
  return {
    sheets: [sales, ...sampleCompanions(header, rows)],
    rows: rows.length,
    accounts: accounts.size,
  };
}

/** A companion template with rows filled in. */
function filled(template: SheetSpec, rows: SampleCell[][]): SheetSpec {
  const [head, formats] = template.blocks;
  return {
    ...template,
    blocks: [head, { ...formats, cells: rows.length > 0 ? rows : formats.cells }],
  };
}

/** Excel serial of an epoch day. */
const serial = (day: number): number => day + 25569;

/** Our people above the account managers in the sample: the sales director and the CEO. */
const SAMPLE_PEOPLE = ['Helena Strand', 'Gustav Ek'];

/** The rows of the sample's companion sheets (header rows not included). */
export interface SampleCompanionRows {
  readonly stakeholders: SampleCell[][];
  readonly wallet: SampleCell[][];
  readonly ladder: SampleCell[][];
  readonly plans: SampleCell[][];
}

/**
 * The companion rows for the largest accounts (`top`, at least one): decision makers at three
 * levels (one known by a single person of ours: key-person risk), their wallet, account plans,
 * and our escalation ladder with the largest account's manager at level 1. Dates are Excel
 * serials counted back from `lastSerial`, the last day of the sales data.
 *
 * @example
 * sampleCompanionRows(analysis.top.slice(0, 3), 46325).ladder[0] // [1, 'Key account manager', …]
 */
export function sampleCompanionRows(
  top: readonly {
    readonly account: string;
    readonly owner: string | null;
    readonly revenue: number;
  }[],
  lastSerial: number,
): SampleCompanionRows {
  const people = SAMPLE_PEOPLE;
  const stakeholders: SampleCell[][] = [];
  const wallet: SampleCell[][] = [];
  const plans: SampleCell[][] = [];
  top.forEach((a, i) => {
    const owner = a.owner ?? 'Anna Lindqvist';
    const deputy = i === 0 ? 'Maria Nilsson' : 'Johan Berg';
    stakeholders.push(
      [
        a.account,
        'Ingrid Sjöberg',
        'Head of procurement',
        'central',
        'formal',
        'high',
        'neutral',
        `${owner}; ${people[0]}`,
        lastSerial - 20,
      ],
      [
        a.account,
        'Tomas Wall',
        'CFO',
        'central',
        'formal',
        'high',
        'critic',
        owner,
        lastSerial - 95,
      ],
      [
        a.account,
        'Lena Ahlgren',
        'Regional operations manager',
        'regional',
        'informal',
        'medium',
        'supporter',
        `${owner}; ${deputy}`,
        lastSerial - 12,
      ],
      [a.account, 'Nils Berggren', 'Site manager', 'local', 'both', 'low', 'supporter', '', null],
    );
    wallet.push([a.account, null, null, Math.round((a.revenue * (2 + i)) / 1000) * 1000]);
    plans.push([
      a.account,
      owner,
      deputy,
      'preferred supplier',
      'strategic partner',
      lastSerial + 30,
      'Quarterly review with procurement',
    ]);
  });
  const ladder: SampleCell[][] = [
    [1, 'Key account manager', top[0].owner ?? 'Anna Lindqvist'],
    [2, 'Sales director', people[0]],
    [3, 'CEO', people[1]],
  ];
  return { stakeholders, wallet, ladder, plans };
}

/**
 * The companion sheets of the sample: the rows of sampleCompanionRows for the three largest
 * accounts (current period) in their templates, and the Signals log.
 */
function sampleCompanions(header: string[], rows: SampleCell[][]): SheetSpec[] {
  const ingest = ingestSales(header, rows);
  const analysis = analyseTop20(ingest.table);
  const top = analysis.top.slice(0, 3);
  if (top.length === 0) return [];
  const last = analysis.periods.current.to;
  const { stakeholders, wallet, ladder, plans } = sampleCompanionRows(top, serial(last));
  return [
    filled(companionTemplate(STAKEHOLDERS), stakeholders),
    filled(companionTemplate(WALLET), wallet),
    filled(companionTemplate(LADDER), ladder),
    filled(companionTemplate(PLANS), plans),
    sampleSignals(analysis.ranked, analysis.top.length, last, SAMPLE_PEOPLE),
  ];
}

/**
 * The sample's Signals log, raised in the last days of the data: one acted on in time (the second
 * largest account) and two still open — overdue by now — on the two accounts ranked just after
 * the Top 20 (no signal flags in the Top 20). Cached values as of the day after the data ends.
 */
function sampleSignals(
  ranked: readonly { readonly account: string }[],
  topCount: number,
  last: number,
  people: readonly string[],
): SheetSpec {
  const at = (day: number, hour: number) => day + hour / 24;
  const signal = (
    raisedAt: number,
    account: string,
    type: string,
    description: string,
    raisedBy: string,
    actedAt: number | null,
    action: string,
  ): Signal => ({
    row: 0,
    raisedAt,
    account,
    type,
    description,
    raisedBy,
    escalatedTo: people[0],
    escalatedAt: raisedAt + 1 / 24,
    actedAt,
    action,
  });
  const signals: Signal[] = [];
  const second = ranked[1];
  if (second !== undefined) {
    const raised = at(last - 6, 9);
    signals.push(
      signal(
        raised,
        second.account,
        'price complaint',
        'Purchasing says our list prices rose more than the index',
        'Anna Lindqvist',
        raised + 5 / 24,
        'Call with the head of procurement; index clause explained',
      ),
    );
  }
  const [a, b] = ranked.slice(topCount, topCount + 2);
  if (a !== undefined)
    signals.push(
      signal(
        at(last - 2, 10.5),
        a.account,
        'volume reduction',
        'Orders down a third since the summer; a second supplier is being tested',
        'Johan Berg',
        null,
        '',
      ),
    );
  if (b !== undefined)
    signals.push(
      signal(
        at(last - 1, 14),
        b.account,
        'dissatisfaction',
        'Two late deliveries in a row; the site manager is unhappy',
        'Maria Nilsson',
        null,
        '',
      ),
    );
  return buildSignalsSheet({ signals, now: last + 1 });
}
