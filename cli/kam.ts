/**
 * The `kam` command line: the toolkit's jobs on .xlsx and .csv files.
 *
 *   kam top20 <file> [--sheet NAME] [--period r12|ytd|all|YYYY|FROM..TO] [--lang en|sv] [-o report.xlsx] [--json]
 *   kam sample [-o sample.xlsx] [--rows N] [--seed N]
 */
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parsePeriodArg } from '../shared/analysis/periods';
import type { Lang } from '../shared/reports/labels';
import { buildTop20 } from '../shared/reports/top20-build';
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
  const { values, positionals } = parse(args, {
    sheet: { type: 'string' },
    period: { type: 'string' },
    lang: { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UserError(`top20 needs one input file.\n\n${USAGE}`);
  const input = positionals[0];
  const lang = (values.lang ?? 'en') as string;
  if (lang !== 'en' && lang !== 'sv')
    throw new UserError(`--lang must be en or sv, not "${lang}".`);
  const period = values.period === undefined ? undefined : parsePeriodArg(values.period as string);
  const json = values.json === true;
  const output = (values.output as string | undefined) ?? (json ? undefined : defaultOutput(input));

  const workbook = await FileWorkbook.open(input);
  let shown = false;
  const result = await buildTop20(workbook, {
    sheet: values.sheet as string | undefined,
    period,
    lang: lang as Lang,
    write: output !== undefined,
    onProgress: (n) => {
      if (!io.tty || n < 100_000) return;
      shown = true;
      io.err(`\rReading sales rows: ${n.toLocaleString('en-US')}`);
    },
  });
  if (shown) io.err('\n');
  if (output !== undefined) await workbook.save(output);

  if (json) {
    io.out(`${JSON.stringify(result.json, null, 2)}\n`);
  } else {
    const { input: rows } = result.json;
    io.out(`${top20Summary(result.analysis, lang as Lang)}.\n`);
    io.out(
      `Rows: ${rows.rowsRead} read = ${rows.rowsUsed} used + ${rows.rowsRejected} rejected` +
        `${result.ingest.issues.length > 0 ? ` (${result.ingest.issues.length} on the Data issues sheet)` : ''}.\n`,
    );
    if (output !== undefined) io.out(`Wrote ${result.written.join(' and ')} to ${output}\n`);
  }
  return 0;
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
