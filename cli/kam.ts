/**
 * The `kam` command line: the toolkit's jobs on .xlsx and .csv files.
 *
 *   kam top20 <file> [--sheet NAME] [--period r12|ytd|all|YYYY|FROM..TO] [--lang en|sv] [-o report.xlsx] [--json]
 *   kam prep <file> --account NAME [--shareable] [--sheet NAME] [--period …] [--lang en|sv] [-o out.xlsx] [--json]
 *   kam risk <file> [--sheet NAME] [--period …] [--lang en|sv] [-o out.xlsx] [--json]
 *   kam templates <file> [--lang en|sv] [-o out.xlsx]
 *   kam signals <file> [--now ISO] [--json]
 *   kam trends <file> [--by month|quarter] [--accounts A;B] [--sheet NAME] [--period …] [--lang en|sv] [-o out.xlsx] [--json]
 *   kam sample [-o sample.xlsx] [--rows N] [--seed N]
 */
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parsePeriodArg } from '../shared/analysis/periods';
import { companionTemplates } from '../shared/companions/templates';
import type { Lang } from '../shared/reports/labels';
import { buildNegotiationPrep } from '../shared/reports/prep-build';
import { buildPortfolioRisk } from '../shared/reports/risk-build';
import {
  createSignalsSheet,
  isoTime,
  reportSignals,
  signalsJson,
} from '../shared/reports/signals-build';
import { buildTop20 } from '../shared/reports/top20-build';
import { buildKpiTrends } from '../shared/reports/trends-build';
import { parseDate } from '../shared/ingest/dates';
import { top20Summary } from '../shared/reports/top20-summary';
import { UserError } from '../shared/user-error';
import { FileWorkbook } from './file-workbook';
import { writeSample } from './sample-workbook';

const USAGE = `KAM Toolkit — key account management from the sales data you already have.

Usage:
  kam top20 <file> [--sheet NAME] [--period r12|ytd|all|YYYY|FROM..TO] [--lang en|sv] [-o report.xlsx] [--json]
      Builds the Top 20 and Data issues sheets from the sales table in <file> (.xlsx or .csv).
      Writes -o (default: <file>.kam.xlsx beside the input; a .kam.xlsx input is rebuilt in place,
      keeping the notes typed in the Top 20). --json prints the figures as JSON (and writes the
      workbook only when -o is given).
  kam prep <file> --account NAME [--shareable] [--sheet NAME] [--period …] [--lang en|sv] [-o report.xlsx] [--json]
      Builds the "Negotiation prep — NAME" and Data issues sheets for one account (its name, id
      or a unique part of its name), reading the Stakeholders, Wallet, Escalation ladder and
      Account plans sheets when present. --shareable masks the other customers' names.
  kam risk <file> [--sheet NAME] [--period …] [--lang en|sv] [-o report.xlsx] [--json]
      Builds the Portfolio risk and Data issues sheets.
  kam templates <file> [--lang en|sv] [-o out.xlsx]
      Adds empty Stakeholders, Wallet, Escalation ladder, Account plans and Signals sheets (with
      drop-down lists) to <file>; sheets that exist are left alone. Writes -o (default: <file>).
  kam signals <file> [--now ISO] [--json]
      Prints the open and overdue signals of the Signals sheet, newest first, with hours left on
      the clock (limit from the sheet, 24 h by default). --now "2026-11-26 14:05" reads the
      clocks at that wall-clock time instead of now.
  kam trends <file> [--by month|quarter] [--accounts "A;B"] [--sheet NAME] [--period …] [--lang en|sv] [-o report.xlsx] [--json]
      Builds the KPI trends sheet: revenue, growth, margin, share of wallet and price-mix effect
      of the Top 20 (or the accounts named) per month or quarter of the period, with charts.
  kam sample [-o sample.xlsx] [--rows N] [--seed N]
      Writes a realistic sample sales workbook (seeded, so the same every time).
  kam help

Exit codes: 0 done, 2 bad input or usage (the message says what to fix), 70 internal error.`;

/** Where progress goes: stderr, only when it is a terminal. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal (progress is shown then). */
  tty: boolean;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: Boolean(process.stderr.isTTY),
};

/**
 * Runs the command line and returns the exit code; user errors become one clear message.
 *
 * @example
 * await main(['top20', 'sales.xlsx', '--json']) // 0, JSON on stdout
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'top20':
        return await top20(rest, io);
      case 'prep':
        return await prep(rest, io);
      case 'risk':
        return await risk(rest, io);
      case 'templates':
        return await templates(rest, io);
      case 'signals':
        return await signals(rest, io);
      case 'trends':
        return await trends(rest, io);
      case 'sample':
        return await sample(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UserError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`kam: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${USAGE}`);
  }
}

async function top20(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, COMMON);
  if (positionals.length !== 1) throw new UserError(`top20 needs one input file.\n\n${USAGE}`);
  const input = positionals[0];
  const { lang, period, json, sheet } = commonOptions(values);
  return fileJob(
    input,
    { json, output: outputOf(values, input, json) },
    io,
    async (workbook, write) => {
      let shown = false;
      const result = await buildTop20(workbook, {
        sheet,
        period,
        lang,
        write,
        onProgress: (n) => {
          if (!io.tty || n < 100_000) return;
          shown = true;
          io.err(`\rReading sales rows: ${n.toLocaleString('en-US')}`);
        },
      });
      if (shown) io.err('\n');
      return result;
    },
    (result) => {
      const { input: rows } = result.json;
      const issues = result.issues.length;
      return (
        `${top20Summary(result.analysis, lang)}.\n` +
        `Rows: ${rows.rowsRead} read = ${rows.rowsUsed} used + ${rows.rowsRejected} rejected` +
        `${issues > 0 ? ` (${issues} on the Data issues sheet)` : ''}.\n`
      );
    },
  );
}

/** The options every sheet-building command shares. */
function commonOptions(values: Record<string, unknown>): {
  lang: Lang;
  period: ReturnType<typeof parsePeriodArg> | undefined;
  json: boolean;
  sheet: string | undefined;
} {
  const lang = (values.lang ?? 'en') as string;
  if (lang !== 'en' && lang !== 'sv')
    throw new UserError(`--lang must be en or sv, not "${lang}".`);
  return {
    lang,
    period: values.period === undefined ? undefined : parsePeriodArg(values.period as string),
    json: values.json === true,
    sheet: values.sheet as string | undefined,
  };
}

const COMMON = {
  sheet: { type: 'string' },
  period: { type: 'string' },
  lang: { type: 'string' },
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const;

/** -o, else (unless only --json was asked for) `<input>.kam.xlsx`. */
function outputOf(
  values: Record<string, unknown>,
  input: string,
  json: boolean,
): string | undefined {
  return (values.output as string | undefined) ?? (json ? undefined : defaultOutput(input));
}

/**
 * A job on one input file: opened, run (writing sheets only when there is an output), saved,
 * and reported as its JSON or as a few lines of text and the sheets written.
 */
async function fileJob<R extends { json: unknown; written: readonly string[] }>(
  input: string,
  options: { json: boolean; output: string | undefined },
  io: Io,
  run: (workbook: FileWorkbook, write: boolean) => Promise<R>,
  text: (result: R) => string,
): Promise<number> {
  const { json, output } = options;
  const workbook = await FileWorkbook.open(input);
  const result = await run(workbook, output !== undefined);
  if (output !== undefined) await workbook.save(output);
  if (json) io.out(`${JSON.stringify(result.json, null, 2)}\n`);
  else {
    io.out(text(result));
    if (output !== undefined) io.out(`Wrote ${result.written.join(' and ')} to ${output}\n`);
  }
  return 0;
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');

async function prep(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON,
    account: { type: 'string' },
    shareable: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UserError(`prep needs one input file.\n\n${USAGE}`);
  const account = values.account;
  if (typeof account !== 'string' || account.trim() === '')
    throw new UserError(`prep needs --account NAME.\n\n${USAGE}`);
  const input = positionals[0];
  const { lang, period, json, sheet } = commonOptions(values);
  return fileJob(
    input,
    { json, output: outputOf(values, input, json) },
    io,
    (workbook, write) =>
      buildNegotiationPrep(workbook, {
        account,
        shareable: values.shareable === true,
        sheet,
        period,
        lang,
        write,
      }),
    (result) => {
      const j = result.json;
      const issues = result.issues.length;
      return (
        `${j.account}: revenue ${money(j.keyFigures.revenue)}` +
        (j.keyFigures.rank !== null ? ` (rank ${j.keyFigures.rank})` : '') +
        (j.exposure ? `, transparency exposure ${money(j.exposure.account)}` : '') +
        (j.walkAway ? `, gross profit left without it ${money(j.walkAway.profitLeft)}` : '') +
        '.\n' +
        (issues > 0 ? `${issues} rows on the Data issues sheet.\n` : '')
      );
    },
  );
}

async function risk(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, COMMON);
  if (positionals.length !== 1) throw new UserError(`risk needs one input file.\n\n${USAGE}`);
  const input = positionals[0];
  const { lang, period, json, sheet } = commonOptions(values);
  return fileJob(
    input,
    { json, output: outputOf(values, input, json) },
    io,
    (workbook, write) => buildPortfolioRisk(workbook, { sheet, period, lang, write }),
    ({ json: j }) =>
      `HHI ${Math.round(j.portfolio.hhi)} (${j.portfolio.hhiBand}), ${j.dependencies.length} dependencies, ` +
      `${j.lossMaking.length} loss-making accounts` +
      (j.exposure ? `, transparency exposure ${money(j.exposure.total)}` : '') +
      '.\n',
  );
}

async function templates(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    lang: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length !== 1)
    throw new UserError(`templates needs one workbook file.\n\n${USAGE}`);
  const { lang } = commonOptions(values);
  const input = positionals[0];
  const output = (values.output as string | undefined) ?? input;
  const workbook = await FileWorkbook.open(input);
  const specs = companionTemplates(await workbook.sheetNames(), lang);
  for (const spec of specs) await workbook.writeSheet(spec);
  const added = specs.map((s) => s.name);
  const signalsSheet = await createSignalsSheet(workbook, { lang });
  if (signalsSheet !== null) added.push(signalsSheet);
  await workbook.save(output);
  io.out(
    added.length > 0
      ? `Added ${added.join(', ')} to ${output}\n`
      : `Every companion sheet is already there; nothing added.\n`,
  );
  return 0;
}

async function signals(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UserError(`signals needs one workbook file.\n\n${USAGE}`);
  let now: number | undefined;
  if (values.now !== undefined) {
    now = parseDate(values.now as string);
    if (!Number.isFinite(now))
      throw new UserError(
        `--now must be a date and time such as 2026-11-26 14:05, not "${String(values.now)}".`,
      );
  }
  const workbook = await FileWorkbook.open(positionals[0]);
  const report = await reportSignals(workbook, { now });
  if (values.json === true) {
    io.out(`${JSON.stringify(signalsJson(report), null, 2)}\n`);
    return 0;
  }
  if (report.sheet === null) {
    io.out('No Signals sheet in the workbook (kam templates adds one).\n');
    return 0;
  }
  const c = report.counts;
  io.out(
    `${report.sheet}: ${c.overdue} overdue, ${c.open} open, ${c['acted-in-time']} acted in time, ` +
      `${c['acted-late']} acted late (limit ${report.limitHours} h, as of ${isoTime(report.now)}).\n`,
  );
  if (report.open.length === 0) return 0;
  const rows = report.open.map((a) => [
    isoTime(a.signal.raisedAt),
    a.signal.account,
    a.signal.type,
    a.hoursLeft.toFixed(1),
    a.state,
    a.signal.description,
  ]);
  io.out(table(['Raised at', 'Account', 'Type', 'Hours left', 'Status', 'Description'], rows));
  if (report.issues.length > 0)
    io.out(`${report.issues.length} rows of the sheet could not be read.\n`);
  return 0;
}

/** A plain text table: columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

async function trends(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON,
    by: { type: 'string' },
    accounts: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UserError(`trends needs one input file.\n\n${USAGE}`);
  const input = positionals[0];
  const { lang, period, json, sheet } = commonOptions(values);
  const by = (values.by ?? 'month') as string;
  if (by !== 'month' && by !== 'quarter')
    throw new UserError(`--by must be month or quarter, not "${by}".`);
  const accounts =
    typeof values.accounts === 'string'
      ? values.accounts
          .split(';')
          .map((a) => a.trim())
          .filter((a) => a !== '')
      : undefined;
  return fileJob(
    input,
    { json, output: outputOf(values, input, json) },
    io,
    (workbook, write) =>
      buildKpiTrends(workbook, { sheet, period, lang, grain: by, accounts, write }),
    ({ json: j }) =>
      `${j.accounts.length} accounts over ${j.periods.length} ${by === 'month' ? 'months' : 'quarters'}` +
      ` (${j.periods[0]?.label ?? ''} – ${j.periods[j.periods.length - 1]?.label ?? ''}).\n`,
  );
}

/** `sales.xlsx` → `sales.kam.xlsx`; a `.kam.xlsx` input is rebuilt in place. */
function defaultOutput(input: string): string {
  if (input.toLowerCase().endsWith('.kam.xlsx')) return input;
  return join(dirname(input), `${basename(input, extname(input))}.kam.xlsx`);
}

async function sample(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    rows: { type: 'string' },
    seed: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new UserError(`sample takes no file argument; use -o.\n\n${USAGE}`);
  const count = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0)
      throw new UserError(`--${name} must be a positive whole number, not "${text}".`);
    return n;
  };
  const output = (values.output as string | undefined) ?? 'sample.xlsx';
  const written = await writeSample(output, {
    rows: count('rows', values.rows as string | undefined),
    seed: count('seed', values.seed as string | undefined),
  });
  io.out(`Wrote ${written.rows} sales rows (${written.accounts} accounts) to ${output}\n`);
  return 0;
}
