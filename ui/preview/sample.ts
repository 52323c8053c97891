/**
 * The preview's sample workbook: the core's seeded generator with the settings `kam sample` uses
 * (cli/sample-workbook.ts), so the preview builds the same Top 20 as the CLI demo, and the same
 * small companion sheets (Stakeholders, Wallet, Escalation ladder, Account plans for the three
 * largest accounts), so Prepare negotiation shows every section.
 *
 * The companion rows repeat cli/sample-workbook.ts's `sampleCompanions` (the UI may not import
 * cli/, which holds Node code); a test checks the two samples agree.
 */
import { analyseTop20 } from '../../shared/analysis/top20';
import { LADDER, PLANS, STAKEHOLDERS, WALLET } from '../../shared/companions/schema';
import { companionTemplate } from '../../shared/companions/templates';
import { ingestSales } from '../../shared/ingest/sales-ingest';
import { STYLE } from '../../shared/reports/styles';
import { generateSales, type SampleCell } from '../../shared/sample/sales-generator';
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawCell, RawRow } from '../../shared/workbook';

/** The input sheet's name, as in the CLI's sample.xlsx. */
export const SAMPLE_SHEET = 'Sales';

const FORMATS: Readonly<Record<string, string>> = {
  'Invoice date': 'yyyy-mm-dd',
  Quantity: '#,##0',
  'Net sales': '#,##0.00',
  Cost: '#,##0.00',
};

export interface SampleSheet {
  /** Header row and data rows, as a host delivers them. */
  readonly rows: RawRow[];
  /** The same sheet as a SheetSpec (header style, number formats), for the .xlsx download. */
  readonly spec: SheetSpec;
}

/** The whole sample workbook: the sales sheet, then the companion sheets, in workbook order. */
export interface SampleWorkbook {
  readonly sheets: readonly (SampleSheet & { readonly name: string })[];
}

/**
 * The sample sheet (24,000 invoice lines and a total row; seed 1, messy, as `kam sample`).
 *
 * @example
 * const { rows } = sampleSheet();
 * new MemoryWorkbook({ [SAMPLE_SHEET]: rows });
 */
export function sampleSheet(): SampleSheet {
  return salesSheet(generateSales({ messy: true }));
}

function salesSheet({ header, rows }: { header: string[]; rows: SampleCell[][] }): SampleSheet {
  return {
    rows: [header, ...rows],
    spec: {
      name: SAMPLE_SHEET,
      blocks: [
        { row: 0, col: 0, cells: [header], style: STYLE.tableHeader },
        { row: 1, col: 0, cells: rows, numberFormats: header.map((h) => FORMATS[h] ?? null) },
      ],
      columns: header.map((h) => ({ width: Math.max(12, h.length + 4) })),
      freeze: { rows: 1, cols: 0 },
    },
  };
}

/**
 * The sample workbook: "Sales" and the companion sheets of `kam sample`.
 *
 * @example
 * const { sheets } = sampleWorkbook();
 * new MemoryWorkbook(Object.fromEntries(sheets.map((s) => [s.name, s.rows])));
 */
export function sampleWorkbook(): SampleWorkbook {
  const generated = generateSales({ messy: true });
  const sales = salesSheet(generated);
  const companions = sampleCompanions(generated.header, generated.rows).map((spec) => ({
    name: spec.name,
    rows: specRows(spec),
    spec,
  }));
  return { sheets: [{ name: SAMPLE_SHEET, ...sales }, ...companions] };
}

/** The cells of a spec without formulas (a companion template), rows from row 1. */
function specRows(spec: SheetSpec): RawRow[] {
  const grid: RawCell[][] = [];
  for (const block of spec.blocks) {
    block.cells.forEach((line, r) => {
      const row = (grid[block.row + r] ??= []);
      line.forEach((cell, c) => {
        row[block.col + c] = typeof cell === 'object' && cell !== null ? null : cell;
      });
    });
  }
  return Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null));
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

/**
 * The companion sheets of the sample (as cli/sample-workbook.ts writes them): the three largest
 * accounts with decision makers at three levels (one known by a single person of ours: key-person
 * risk), their wallet, account plans, and our escalation ladder.
 */
function sampleCompanions(header: string[], rows: SampleCell[][]): SheetSpec[] {
  const ingest = ingestSales(header, rows);
  const analysis = analyseTop20(ingest.table);
  const top = analysis.top.slice(0, 3);
  if (top.length === 0) return [];
  const last = analysis.periods.current.to;
  const people = ['Helena Strand', 'Gustav Ek'];
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
        serial(last - 20),
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
        serial(last - 95),
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
        serial(last - 12),
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
      serial(last + 30),
      'Quarterly review with procurement',
    ]);
  });
  const ladder: SampleCell[][] = [
    [1, 'Key account manager', top[0].owner ?? 'Anna Lindqvist'],
    [2, 'Sales director', people[0]],
    [3, 'CEO', people[1]],
  ];
  return [
    filled(companionTemplate(STAKEHOLDERS), stakeholders),
    filled(companionTemplate(WALLET), wallet),
    filled(companionTemplate(LADDER), ladder),
    filled(companionTemplate(PLANS), plans),
  ];
}
