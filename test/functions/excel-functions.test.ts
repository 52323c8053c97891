/**
 * The Excel bundle as Excel uses it: functions.json (written by custom-functions-metadata-plugin
 * from the generated entry's JSDoc) lists every catalog entry with its help, and functions.js,
 * loaded with a fake `CustomFunctions` runtime, associates each metadata id with a function that
 * gives what the core gives — errors as `CustomFunctions.Error` with the native code, and the
 * message only for #VALUE! and #N/A.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import webpack from 'webpack';
import { excelParamHelp } from '../../scripts/generate-functions';
import { FUNCTIONS, callFunction } from '../../shared/functions/catalog';
import { isCellError } from '../../shared/functions/cell-error';
import type { CellValue } from '../../shared/functions/cell-values';
import { excelName, type FunctionDefinition } from '../../shared/functions/definition';
import { dateFromDateObject } from '../../shared/ingest/dates';
import { fixClock, fixedNow } from '../support/fixed-clock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js') as (
  env: { bundles?: string },
  argv: { mode: string },
) => webpack.Configuration;

/** The clock inside the context: 2026-11-26 12:00 local time. */
const now = fixedNow;

/** Excel's serial number of a local date-time (days since 1899-12-30). */
const serial = (d: Date) => dateFromDateObject(d) + 25569;

interface ParamMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParamMetadata[];
  result: { dimensionality?: string; type?: string };
  options?: { volatile?: boolean };
}

type Fn = (...args: unknown[]) => unknown;

let metadata: { functions: FunctionMetadata[] };
const associated = new Map<string, Fn>();

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'kam-excel-'));
  const base = config({ bundles: 'excel' }, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
  metadata = JSON.parse(readFileSync(join(out, 'addin', 'functions.json'), 'utf8'));

  // The custom functions runtime, as far as the bundle uses it (@types/custom-functions-runtime).
  const context = vm.createContext({
    CustomFunctions: {
      associate: (id: string, fn: Fn) => {
        if (associated.has(id)) throw new Error(`${id} associated twice`);
        associated.set(id, fn);
      },
      Error: class FakeError {
        constructor(
          readonly code: string,
          readonly message?: string,
        ) {}
      },
      ErrorCode: {
        invalidValue: '#VALUE!',
        notAvailable: '#N/A',
        divisionByZero: '#DIV/0!',
        invalidNumber: '#NUM!',
        nullReference: '#NULL!',
        invalidName: '#NAME?',
        invalidReference: '#REF!',
      },
    },
  });
  fixClock(context);
  vm.runInContext(readFileSync(join(out, 'addin', 'functions.js'), 'utf8'), context, {
    filename: 'functions.js',
  });
}, 60_000);

/** A cell as compared: an error as its code and message, host arrays. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return Array.from(v, plain);
  if (v && typeof v === 'object' && 'code' in v) {
    const e = v as { code: string; message?: string };
    return { error: e.code, message: e.message };
  }
  return v;
}

/** What Excel shows for a core result. */
function excelExpected(f: FunctionDefinition, args: readonly unknown[]): unknown {
  const grid = callFunction(f.id, args, { name: excelName(f.id), now });
  const cell = (c: CellValue) =>
    isCellError(c)
      ? {
          error: c.kind,
          message: c.kind === '#VALUE!' || c.kind === '#N/A' ? c.message : undefined,
        }
      : c;
  return f.result === 'value' ? cell(grid[0][0]) : grid.map((row) => row.map(cell));
}

/**
 * Calls the associated function the way Excel does: a value for a matrix parameter as a 1×1
 * range, a date as its serial number, an omitted argument as null.
 */
function excelActual(f: FunctionDefinition, args: readonly unknown[]): unknown {
  const meta = metadata.functions.find((m) => m.id === f.id)!;
  const fn = associated.get(meta.id)!;
  const asExcel = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(asExcel) : v instanceof Date ? serial(v) : v === undefined ? null : v;
  const given = meta.parameters.map((p, i) => {
    const v = asExcel(args[i]);
    return p.dimensionality === 'matrix' && v !== null && !Array.isArray(v) ? [[v]] : v;
  });
  return plain(fn(...given));
}

test('functions.json lists the catalog, in order', () => {
  expect(metadata.functions.map((m) => m.id)).toEqual(FUNCTIONS.map((f) => f.id));
  expect(metadata.functions.map((m) => m.name)).toEqual(FUNCTIONS.map((f) => f.id));
  expect(metadata.functions).toHaveLength(FUNCTIONS.length);
});

test('functions.js associates every metadata id', () => {
  expect([...associated.keys()].sort()).toEqual(metadata.functions.map((m) => m.id).sort());
});

describe.each(FUNCTIONS.map((f) => [excelName(f.id), f] as const))('%s', (_name, f) => {
  test('metadata: description, parameters, result, volatility', () => {
    const meta = metadata.functions.find((m) => m.id === f.id)!;
    expect(meta.description).toBe(f.description);
    expect(meta.parameters.map((p) => p.name)).toEqual(f.params.map((p) => p.name));
    meta.parameters.forEach((p, i) => {
      const param = f.params[i];
      expect(p.description).toBe(excelParamHelp(param));
      expect(p.description!.startsWith(param.description.replace(/\.$/, ''))).toBe(true);
      expect(p.optional ?? false).toBe(param.optional ?? false);
      expect(p.dimensionality ?? 'scalar').toBe(param.range ? 'matrix' : 'scalar');
    });
    expect(meta.result.dimensionality ?? 'scalar').toBe(f.result === 'spill' ? 'matrix' : 'scalar');
    expect(meta.options?.volatile ?? false).toBe(f.volatile ?? false);
  });

  test.each(f.examples.map((e, i) => [i + 1, e] as const))(
    'example %i gives what the core gives',
    (_, example) => {
      expect(excelActual(f, example.args)).toEqual(excelExpected(f, example.args));
    },
  );
});

test('errors: the native code, a message only where Excel shows one', () => {
  const margin = FUNCTIONS.find((f) => f.id === 'MARGIN')!;
  expect(
    excelActual(margin, [
      [[0], [100]],
      [[50], ['x']],
    ]),
  ).toEqual([
    [{ error: '#DIV/0!', message: undefined }],
    [{ error: '#VALUE!', message: expect.stringMatching(/^KAM\.MARGIN: cost .*'x'.*row 2/) }],
  ]);
  expect(excelActual(margin, [0, 10])).toEqual([[{ error: '#DIV/0!', message: undefined }]]);
});

test('the clock is the workbook’s local time', () => {
  const clock = FUNCTIONS.find((f) => f.id === 'SIGNALCLOCK');
  if (!clock) return;
  // Raised 09:00 today, not acted on: 24 − 3 hours left at the fixed noon.
  expect(excelActual(clock, [new Date(2026, 10, 26, 9, 0)])).toEqual([[21]]);
});
