/**
 * The Google Sheets bundle as Apps Script runs it: dist/apps-script/Code.js loaded as one classic
 * script in a bare JavaScript context (no require, module or process), where every catalog entry
 * is a top-level KAM_* function with its JSDoc, and each call gives what the core gives — error
 * cells inside a spill as text, a single error thrown with a message starting with `KAM_<ID>:`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import webpack from 'webpack';
import { FUNCTIONS, callFunction } from '../../shared/functions/catalog';
import { isCellError } from '../../shared/functions/cell-error';
import type { CellValue } from '../../shared/functions/cell-values';
import { sheetsName, type FunctionDefinition } from '../../shared/functions/definition';
import { fixClock, fixedNow } from '../support/fixed-clock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js') as (
  env: { bundles?: string },
  argv: { mode: string },
) => webpack.Configuration;

/** The clock inside the context: 2026-11-26 12:00 local time. */
const now = fixedNow;

let out: string;
let code: string;
let context: vm.Context;
let toContext: (value: unknown) => unknown;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kam-apps-script-'));
  const base = config({ bundles: 'apps-script' }, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, output: { ...base.output, path: out } }, (err, s) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    ),
  );
  expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
  code = readFileSync(join(out, 'apps-script', 'Code.js'), 'utf8');

  context = vm.createContext({});
  // A fixed clock, so results that read "now" are comparable with the core's.
  fixClock(context);
  vm.runInContext(code, context, { filename: 'Code.js' });
  // Values as Apps Script delivers them: arrays and dates of the script's own realm, '' for blank.
  toContext = vm.runInContext(
    `(function toContext(v) {
      if (Array.isArray(v)) return v.map(toContext);
      if (v === null) return '';
      if (v && typeof v.getTime === 'function') return new Date(v.getTime());
      return v;
    })`,
    context,
  ) as (value: unknown) => unknown;
}, 60_000);

type Fn = (...args: unknown[]) => unknown;
const global = (name: string) => (context as Record<string, unknown>)[name] as Fn;

/** A result as host values (arrays of this realm), so that toEqual compares contents only. */
const fromContext = (v: unknown): unknown => (Array.isArray(v) ? Array.from(v, fromContext) : v);

/** What Sheets shows for a core result, by the mapping documented in sheets-call.ts. */
type Expected = { value: unknown } | { throws: string };

function sheetsExpected(f: FunctionDefinition, args: readonly unknown[]): Expected {
  const name = sheetsName(f.id);
  const grid = callFunction(f.id, args, { name, now });
  const text = (c: CellValue) => (isCellError(c) ? `${c.kind} ${c.message}` : c);
  const first = grid[0]?.[0] ?? '';
  const single = grid.length <= 1 && (grid[0]?.length ?? 0) <= 1;
  if (isCellError(first) && (single || f.result === 'value')) return { throws: first.message };
  if (f.result === 'value') return { value: text(first) };
  return { value: grid.map((row) => row.map(text)) };
}

function sheetsActual(f: FunctionDefinition, args: readonly unknown[]): Expected {
  const fn = global(sheetsName(f.id));
  try {
    // Apps Script passes as many arguments as the formula has.
    let last = args.length;
    while (last > 0 && args[last - 1] === undefined) last--;
    const value: unknown = fn(...args.slice(0, last).map((a) => toContext(a)));
    return { value: fromContext(value) };
  } catch (e) {
    expect(Object.prototype.toString.call(e)).toBe('[object Error]');
    return { throws: (e as Error).message };
  }
}

test('the bundle is a classic script that runs without Node', () => {
  // It loaded and its functions ran (below) in a context without Node's globals.
  expect(vm.runInContext('[typeof require, typeof module, typeof process]', context)).toEqual([
    'undefined',
    'undefined',
    'undefined',
  ]);
  expect(typeof (context as Record<string, unknown>).KamSheets).toBe('object');
  expect(code).toContain('@OnlyCurrentDoc');
  expect(code.indexOf('@OnlyCurrentDoc')).toBeLessThan(200);
});

test('appsscript.json: V8, only the current spreadsheet and the menu/sidebar UI', () => {
  const manifest = JSON.parse(readFileSync(join(out, 'apps-script', 'appsscript.json'), 'utf8'));
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.oauthScopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
  ]);
});

describe.each(FUNCTIONS.map((f) => [sheetsName(f.id), f] as const))('%s', (name, f) => {
  test('is a top-level function with its parameters and @customfunction JSDoc', () => {
    expect(typeof global(name)).toBe('function');
    expect(global(name).length).toBe(f.params.length);
    const declared = new RegExp(
      `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(([^)]*)\\)`,
    ).exec(code);
    expect(declared).not.toBeNull();
    const [, doc, params] = declared!;
    expect(params.split(',').map((p) => p.trim())).toEqual(f.params.map((p) => p.name));
    expect(doc).toContain('@customfunction');
    expect(doc).toContain(f.description);
    const documented = [...doc.matchAll(/@param\s+\{[^}]+\}\s+(\w+)/g)].map((m) => m[1]);
    expect(documented).toEqual(f.params.map((p) => p.name));
    expect(doc).toMatch(/@return\s+\{/);
  });

  test.each(f.examples.map((e, i) => [i + 1, e] as const))(
    'example %i gives what the core gives',
    (_, example) => {
      expect(sheetsActual(f, example.args)).toEqual(sheetsExpected(f, example.args));
    },
  );

  test('a failed call throws an Error whose message starts with its name', () => {
    const required = f.params.filter((p) => !p.optional).length;
    expect(required).toBeGreaterThan(0);
    const result = sheetsActual(f, []);
    expect(result).toEqual({ throws: expect.stringMatching(new RegExp(`^${name}: `)) });
    expect(result).toEqual(sheetsExpected(f, []));
  });
});

test('errors read like Excel’s, in the Sheets spelling', () => {
  expect(
    sheetsActual(
      FUNCTIONS.find((f) => f.id === 'MARGIN')!,
      [0, 10],
    ),
  ).toEqual({
    throws: 'KAM_MARGIN: revenue is 0',
  });
  expect(
    sheetsActual(
      FUNCTIONS.find((f) => f.id === 'MARGIN')!,
      [
        [[100], [0], [null]],
        [[50], [10], [null]],
      ],
    ),
  ).toEqual({ value: [[0.5], ['#DIV/0! KAM_MARGIN: revenue is 0 in row 2'], ['']] });
});

test('dates and the clock come from the script’s realm', () => {
  const clock = FUNCTIONS.find((f) => f.id === 'SIGNALCLOCK');
  if (!clock) return;
  // Raised 09:00 today, not acted on: 24 − 3 hours left at the fixed noon.
  expect(sheetsActual(clock, [new Date(2026, 10, 26, 9, 0)])).toEqual({ value: [[21]] });
  expect(sheetsActual(clock, ['2026-11-26 09:00', ''])).toEqual({ value: [[21]] });
});
